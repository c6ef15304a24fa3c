/**
 * `drain`: cordon and drain nodes with kubectl drain's semantics (see
 * drain.ts), under the cluster-wide maintenance lock. The nodes stay
 * cordoned, as after `kubectl drain`; `uncordon` puts them back.
 */
import { CapabilityFailure, defineCapability } from "../config/capability.ts";
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "../cluster/config.ts";
import { connect } from "../cluster/connect.ts";
import type { InputSource } from "../config/inputs.ts";
import { errorMessage } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { formatDuration } from "../core/units.ts";
import { newReport, type Report } from "../report/report.ts";
import {
  drainInputs,
  lockInputs,
  nodeInput,
  parseAllowLastControlPlane,
  parseDrainOptions,
  parseLock,
  parseNodes,
} from "./config.ts";
import { DrainError, drainNode, type DrainOptions, type DrainResult } from "./drain.ts";
import { MaintenanceLock, type LockConfig } from "./lock.ts";
import { checkDrainable } from "./safety.ts";
import { terminationSignal } from "./termination.ts";
import type { KubeClient } from "../cluster/client.ts";
import { apiFailure } from "../cluster/api-failure.ts";

export interface DrainConfig {
  cluster: ClusterConfig;
  nodes: string[];
  drain: DrainOptions;
  lock: LockConfig | undefined;
  allowLastControlPlane: boolean;
}

export const drainCapabilityInputs = { ...clusterInputs, ...nodeInput, ...drainInputs, ...lockInputs };

export function parseDrainConfig(src: InputSource): DrainConfig {
  const nodes = parseNodes(src);
  return {
    cluster: parseClusterConfig(src),
    nodes,
    drain: parseDrainOptions(src),
    lock: parseLock(src, nodes),
    allowLastControlPlane: parseAllowLastControlPlane(src),
  };
}

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

export function blockerSummary(r: DrainResult | undefined): string {
  if (!r?.blockers.length) return "";
  return r.blockers.map((b) => `${b.pod} (${b.budgets.join(", ") || "budget"})`).join("; ");
}

export function drainReport(outcomes: DrainOutcome[]): Report {
  const report = newReport("Drain");
  const ok = outcomes.filter((o) => !o.error).length;
  report.facts.push(
    ["Nodes drained", `${ok} of ${outcomes.length}`],
    ["Pods evicted", String(outcomes.reduce((n, o) => n + (o.result?.evicted.length ?? 0), 0))],
  );
  report.tables.push({
    header: ["node", "result", "pods evicted", "skipped", "drain time", "blockers"],
    rows: outcomes.map((o) => [
      o.node,
      o.error ? "FAILED" : o.result?.cordonedByOthers ? "drained (was cordoned before)" : "drained",
      String(
        (o.result?.evicted.length ?? 0) +
          (o.result?.deleted.length ? ` (${o.result.deleted.length} deleted)` : ""),
      ),
      String(o.result?.skipped.length ?? 0),
      o.result ? formatDuration(o.result.durationMs) : "",
      blockerSummary(o.result),
    ]),
  });
  for (const o of outcomes) if (o.error) report.notes.push(`${o.node}: ${o.error}`);
  return report;
}

export function drainOutputs(outcomes: DrainOutcome[]): Record<string, string | number> {
  return {
    "drained-nodes": outcomes
      .filter((o) => !o.error)
      .map((o) => o.node)
      .join(","),
    evicted: outcomes.reduce((n, o) => n + (o.result?.evicted.length ?? 0), 0),
    "duration-seconds": Math.max(0, ...outcomes.map((o) => (o.result?.durationMs ?? 0) / 1000)).toFixed(1),
    blockers: JSON.stringify(outcomes.flatMap((o) => o.result?.blockers ?? [])),
  };
}

export const drain = defineCapability<DrainConfig>({
  name: "drain",
  summary: "cordon and drain nodes over the Eviction API (kubectl drain semantics), under a cluster lock",
  description:
    "Cordon and drain nodes with kubectl drain's semantics over the Eviction API (parallel evictions, disruption-budget refusals retried and reported live, UID-checked waits), under a cluster-wide Lease lock. The nodes stay cordoned; use uncordon afterwards.",
  inputs: drainCapabilityInputs,
  outputs: {
    "drained-nodes": "Comma-separated nodes drained",
    evicted: "Number of pods evicted",
    "duration-seconds": "Drain time of the slowest node, in seconds",
    blockers:
      "JSON list of pods whose eviction a PodDisruptionBudget refused at least once, with the budgets",
  },
  positional: "node",
  parse: parseDrainConfig,
  async run(config, { logger, signal: parent }) {
    const { client, cleanup } = await connect(config.cluster, logger);
    const { signal, dispose } = terminationSignal(parent);
    try {
      await checkDrainable(client, config.nodes, config.allowLastControlPlane);
      const lock = config.lock ? new MaintenanceLock(client, config.lock) : undefined;
      await lock?.acquire(logger, signal);
      let outcomes: DrainOutcome[];
      try {
        // Losing the lock mid-way stops the drain like a cancellation does.
        const stop = lock ? AbortSignal.any([signal, lock.lost]) : signal;
        outcomes = await logger.group(`drain ${config.nodes.join(", ")}`, () =>
          drainAll(client, config.nodes, config.drain, logger, stop),
        );
      } finally {
        // A drain stopped by a stalled API server must say so, not that the
        // lock could not be released afterwards (from the same API server).
        await lock
          ?.release()
          .catch((err: unknown) =>
            logger.warning(
              `could not release the maintenance lock (${errorMessage(err)}); it expires on its own ${formatDuration(config.lock?.ttlMs ?? 0)} after its last renewal (input 'lock-ttl')`,
            ),
          );
      }
      const result = { outputs: drainOutputs(outcomes), report: drainReport(outcomes) };
      const failed = outcomes.filter((o) => o.error);
      if (failed.length) throw new CapabilityFailure(failed.map((o) => o.error).join("\n"), result);
      return result;
    } catch (err) {
      throw apiFailure(err, `drain of ${config.nodes.join(", ")}`);
    } finally {
      dispose();
      cleanup();
    }
  },
});
