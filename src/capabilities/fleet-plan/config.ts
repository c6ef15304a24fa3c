/** fleet-plan's inputs and typed config: the inventory file, which clusters, in which wave order, paged how. */
import type { InputSource } from "../../config/inputs.ts";
import { input, readInputs } from "../../config/schema.ts";
import { badInput } from "../../core/errors.ts";
import { fleetInputs, LABEL_KEY, parseFleetSelection, type FleetSelection } from "../../fleet/config.ts";

export interface PlanConfig extends FleetSelection {
  waveLabel: string;
  waveOrder: string[];
  pageSize: number;
}

export const planInputs = {
  ...fleetInputs,
  "wave-label": input.string({
    description: "The label that holds a cluster's wave.",
    default: "wave",
  }),
  "wave-order": input.list({
    description:
      "Values of the wave label in the order the waves run (canary, 1, 2); the matrix is sorted by it, then by name. Every selected cluster must be in one of them.",
  }),
  "page-size": input.integer({
    description:
      "Clusters per matrix page: GitHub runs at most 256 jobs per matrix, so set it lower when the job adds matrix dimensions of its own (256 / their product).",
    default: 256,
    min: 1,
    max: 256,
  }),
};

export function parsePlanConfig(src: InputSource): PlanConfig {
  const v = readInputs(planInputs, src);
  if (!LABEL_KEY.test(v["wave-label"]))
    throw badInput("wave-label", v["wave-label"], "a label key such as wave");
  return {
    ...parseFleetSelection(src),
    waveLabel: v["wave-label"],
    waveOrder: v["wave-order"],
    pageSize: v["page-size"],
  };
}
