/** upgrade-plan's inputs and typed config: the target, batch size, the drain preflight and its pod filters. */
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "../../cluster/config.ts";
import type { InputSource } from "../../config/inputs.ts";
import { input, readInputs } from "../../config/schema.ts";
import { parseLabelSelector, type LabelSelectorText } from "../../cluster/label-selector.ts";
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
  /** Only these nodes (a node pool), when given. */
  nodeSelector: LabelSelectorText | undefined;
  /** Where executor replace keeps its records (upgrade-node's lock-namespace): read with nodeSelector. */
  recordsNamespace: string;
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
  "node-selector": input.string({
    description:
      "Plan only the nodes this label selector matches, e.g. a node pool (eks.amazonaws.com/nodegroup=workers) to rotate with upgrade-node's executor replace: its nodes in name order (after any gone node whose replacement is unfinished, see lock-namespace), one per job at max-unavailable 1. Replaced nodes come back under new names at the target, so they are up to date, not planned again.",
    defaultText: "every node",
  }),
  "lock-namespace": input.string({
    description:
      "With node-selector: upgrade-node's lock-namespace, where executor replace keeps its records. A node of the pool whose Node is gone while its replacement is unfinished (failed, or stopped) is planned first, its job resuming it; reading the records needs list configmaps there (else the plan says it could not).",
    default: "kube-system",
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
    nodeSelector: parseLabelSelector("node-selector", v["node-selector"]),
    recordsNamespace: v["lock-namespace"],
  };
}
