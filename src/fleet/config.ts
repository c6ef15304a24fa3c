/** The inputs every fleet capability takes: the inventory file and which of its clusters. */
import { parseLabelSelector, type LabelSelectorText } from "../cluster/label-selector.ts";
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs } from "../config/schema.ts";

/** Label keys in the inventory (and wave-label): lower case, as Kubernetes label names. */
export const LABEL_KEY = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;

export const fleetInputs = {
  inventory: input.string({
    description:
      "Path of the fleet inventory (YAML) in the repository: every cluster with its labels, kind, access, snapshot and export locations. The format is in docs/fleet.md.",
    required: true,
  }),
  selector: input.string({
    description:
      "Label selector over the inventory's cluster labels (kubectl's form: env=prod,region in (eu-west-1,eu-central-1)).",
    defaultText: "every cluster",
  }),
};

export interface FleetSelection {
  inventory: string;
  selector?: LabelSelectorText;
}

export function parseFleetSelection(src: InputSource): FleetSelection {
  const v = readInputs(fleetInputs, src);
  const selector = parseLabelSelector("selector", v.selector);
  return { inventory: v.inventory, ...(selector ? { selector } : {}) };
}
