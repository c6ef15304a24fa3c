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
      // The safety check, then the lock, run while each node's pods are listed (and
      // watched): reads until the lock's write, which waits for the check; a node's
      // first write, its cordon, waits for both (drain.ts, BeforeCordon). A failed check
      // or an unavailable lock stops every node before it is touched, as before.
      const lock = config.lock ? new MaintenanceLock(client, config.lock) : undefined;
      let held = false;
      // The Lease's read goes out with the check's; its write still waits for the check.
      lock?.prefetch();
      const ready = checkDrainable(client, config.nodes, config.allowLastControlPlane).then(
        async (targets) => {
          await lock?.acquire(logger, signal);
          held = lock !== undefined;
          return new Map(targets.map((n) => [n.metadata.name, n]));
        },
      );
      ready.catch(() => {}); // awaited below, after the drains
      let outcomes: DrainOutcome[];
      try {
        // Losing the lock mid-way stops the drain like a cancellation does.
        const stop = lock ? AbortSignal.any([signal, lock.lost]) : signal;
        outcomes = await logger.group(`drain ${config.nodes.join(", ")}`, () =>
          drainAll(client, config.nodes, config.drain, logger, stop, ready),
        );
        await ready;
      } finally {
        // Settled before the release: a lock taken while the drains failed is let go too.
        await ready.catch(() => {});
        // A drain stopped by a stalled API server must say so, not that the
        // lock could not be released afterwards (from the same API server).
        if (held)
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
