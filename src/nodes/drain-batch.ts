/**
 * A batch of nodes drained side by side (drain.ts drains one), shared by the
 * drain and upgrade-node capabilities: one outcome per node, a node's failure
 * never stopping the others.
 */
import type { KubeClient } from "../cluster/client.ts";
import { errorMessage } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import {
  DrainError,
  drainNode,
  NotStarted,
  type BeforeCordon,
  type DrainOptions,
  type DrainResult,
} from "./drain.ts";

export interface DrainOutcome {
  node: string;
  result?: DrainResult;
  error?: string;
}

/**
 * Drains the nodes side by side; never throws for a node's failure (see
 * `error`). When `beforeCordon` (see drain.ts) fails, no node was touched and
 * its error is thrown as it is, once, after every node has stopped.
 */
export async function drainAll(
  client: KubeClient,
  nodes: string[],
  options: DrainOptions,
  logger: Logger,
  signal?: AbortSignal,
  beforeCordon?: BeforeCordon,
): Promise<DrainOutcome[]> {
  const settled = await Promise.allSettled(
    nodes.map(async (node): Promise<DrainOutcome> => {
      try {
        return { node, result: await drainNode(client, node, options, logger, signal, beforeCordon) };
      } catch (err) {
        if (err instanceof NotStarted) throw err.cause;
        logger.error(errorMessage(err));
        return {
          node,
          error: errorMessage(err),
          ...(err instanceof DrainError ? { result: err.result } : {}),
        };
      }
    }),
  );
  const notStarted = settled.find((s) => s.status === "rejected");
  if (notStarted) throw notStarted.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<DrainOutcome>).value);
}

/** The pods whose eviction a disruption budget refused, with the budgets, in a line. */
export function blockerSummary(r: DrainResult | undefined): string {
  if (!r?.blockers.length) return "";
  return r.blockers.map((b) => `${b.pod} (${b.budgets.join(", ") || "budget"})`).join("; ");
}
