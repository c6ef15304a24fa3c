/** drain's run: the safety checks, the lock, the nodes drained side by side, the lock released. */
import { apiFailure } from "../../cluster/api-failure.ts";
import { withCluster } from "../../cluster/connect.ts";
import { CapabilityFailure, type Result, type RunContext } from "../../config/capability.ts";
import { errorMessage } from "../../core/errors.ts";
import { formatDuration } from "../../core/units.ts";
import { drainAll, type DrainOutcome } from "../../nodes/drain-batch.ts";
import { MaintenanceLock } from "../../nodes/lock.ts";
import { checkDrainable } from "../../nodes/safety.ts";
import { terminationSignal } from "../../nodes/termination.ts";
import type { DrainConfig } from "./config.ts";
import { drainOutputs, drainReport } from "./report.ts";

export function run(config: DrainConfig, { logger, signal: parent }: RunContext): Promise<Result> {
  return withCluster(config.cluster, logger, async (client) => {
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
    }
  });
}
