/**
 * A batch of nodes drained side by side (drain.ts drains one), shared by the
 * drain and upgrade-node capabilities: one outcome per node, a node's failure
 * never stopping the others.
 */
import type { KubeClient } from "../cluster/client.ts";
import { errorMessage } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { DrainError, drainNode, type DrainOptions, type DrainResult } from "./drain.ts";

export interface DrainOutcome {
  node: string;
  result?: DrainResult;
  error?: string;
}

/** Drains the nodes side by side; never throws for a node's failure (see `error`). */
export async function drainAll(
  client: KubeClient,
  nodes: string[],
  options: DrainOptions,
  logger: Logger,
  signal?: AbortSignal,
): Promise<DrainOutcome[]> {
  return Promise.all(
    nodes.map(async (node): Promise<DrainOutcome> => {
      try {
        return { node, result: await drainNode(client, node, options, logger, signal) };
      } catch (err) {
        logger.error(errorMessage(err));
        return {
          node,
          error: errorMessage(err),
          ...(err instanceof DrainError ? { result: err.result } : {}),
        };
      }
    }),
  );
}

/** The pods whose eviction a disruption budget refused, with the budgets, in a line. */
export function blockerSummary(r: DrainResult | undefined): string {
  if (!r?.blockers.length) return "";
  return r.blockers.map((b) => `${b.pod} (${b.budgets.join(", ") || "budget"})`).join("; ");
}
