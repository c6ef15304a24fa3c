/** upgrade-plan's inputs and typed config: the target, batch size, the drain preflight and its pod filters. */
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "../../cluster/config.ts";
import type { InputSource } from "../../config/inputs.ts";
import { input, readInputs } from "../../config/schema.ts";
import { badInput } from "../../core/errors.ts";
import { filterInputs, parseFilters, parseTarget, targetInput } from "../../nodes/config.ts";
import { parseMaxUnavailable, type MaxUnavailable } from "../../nodes/plan.ts";
import type { FilterOptions } from "../../nodes/pods-to-evict.ts";

export interface PlanConfig {
  cluster: ClusterConfig;
  target: string;
  maxUnavailable: MaxUnavailable;
  preflight: boolean;
  filters: FilterOptions;
}

export const planInputs = {
  ...clusterInputs,
  ...targetInput,
  "max-unavailable": input.string({
    description: "Workers upgraded at once: a count (1) or a percentage of the workers (25%).",
    default: "1",
  }),
  preflight: input.boolean({
    description:
      "Check each batch can drain: kubectl filters, PodDisruptionBudgets, spare capacity, server-side dry-run evictions. A batch that cannot drain fails the plan.",
    default: true,
  }),
  ...filterInputs,
};

export function parsePlanConfig(src: InputSource): PlanConfig {
  const v = readInputs(planInputs, src);
  const mu = v["max-unavailable"];
  const maxUnavailable = parseMaxUnavailable(mu);
  if (!maxUnavailable)
    throw badInput(
      "max-unavailable",
      mu,
      "a count of nodes (1, 2, ...) or a percentage of the workers (25%)",
    );
  return {
    cluster: parseClusterConfig(src),
    target: parseTarget(src),
    maxUnavailable,
    preflight: v.preflight,
    filters: parseFilters(src),
  };
}
