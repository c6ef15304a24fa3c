/**
 * upgrade-node's run: the phases its `step` asks for (nodes/upgrade/phases.ts)
 * under the maintenance lock, held from the drain to the uncordon. `step:
 * all` runs them in one go, each a log group; `step: cancel` records a
 * stopped run (the action's post step). An interrupted run leaves the state
 * a cancel step would.
 */
import { withCluster } from "../../cluster/connect.ts";
import { CapabilityFailure, type Result, type RunContext } from "../../config/capability.ts";
import { errorMessage } from "../../core/errors.ts";
import { MaintenanceLock } from "../../nodes/lock.ts";
import { terminationSignal } from "../../nodes/termination.ts";
import { NodeUpgrade, rotationFor } from "../../nodes/upgrade/phases.ts";
import type { Step } from "../../nodes/upgrade/steps.ts";
import type { UpgradeNodeConfig } from "./config.ts";
import { upgradeResult } from "./report.ts";

/** How long releasing the Lease waits out a control plane the upgrade restarted. */
const RESTART_WAIT_MS = 60_000;

export function run(config: UpgradeNodeConfig, { logger, signal: parent }: RunContext): Promise<Result> {
  return withCluster(config.cluster, logger, async (client) => {
    const { signal, dispose } = terminationSignal(parent);
    const lock = config.lock ? new MaintenanceLock(client, config.lock) : undefined;
    // A lock another run took over stops this one (as the drain does): two
    // runs must never work on nodes at once, even past an expired Lease.
    const stop = lock ? AbortSignal.any([signal, lock.lost]) : signal;
    const job = new NodeUpgrade(
      client,
      config,
      logger,
      stop,
      await rotationFor(client, config, logger, stop),
    );
    try {
      await job.rotation?.start();
      await job.load();
      const steps: Step[] =
        config.step === "all" ? ["drain", "upgrade", "verify", "uncordon"] : [config.step];
      if (config.step === "cancel") {
        await job.cancel();
        await lock?.release(RESTART_WAIT_MS);
        await job.refreshVersions();
        return upgradeResult(config, job);
      }
      if (!job.active.length) {
        logger.info("nothing to do: every node is already at the target");
        return upgradeResult(config, job);
      }
      await lock?.acquire(logger, signal);
      try {
        // Before the first cordon: refuse while nothing has been changed.
        if (steps.includes("drain")) await logger.group("checks before the drain", () => job.check());
        // replace-surge: the replacements up and Ready before anything is evicted.
        if (steps.includes("drain") && config.executor.kind === "replace" && config.executor.surge)
          await logger.group(`start the replacements of ${job.active.join(", ")}`, () => job.surge());
        for (const step of steps) {
          await logger.group(`${step} ${job.active.join(", ")}`, () =>
            job[step as "drain" | "upgrade" | "verify" | "uncordon"](),
          );
        }
      } catch (err) {
        // Interrupted (Ctrl-C, or the runner cancelling the job): leave the state a cancel step would.
        if (stop.aborted)
          await job
            .cancel()
            .catch((e: unknown) => logger.warning(`recording the cancellation: ${errorMessage(e)}`));
        // The step's failure is the error to tell, not a release that failed
        // after it (a stalled API server fails both); the Lease expires anyway.
        await lock
          ?.release(RESTART_WAIT_MS)
          .catch((e: unknown) =>
            logger.warning(`could not release the maintenance lock: ${errorMessage(e)}`),
          );
        await job.refreshVersions().catch(() => {});
        // Stopped because another run took the lock: say so first, not only what was interrupted.
        const lost = lock?.lost.aborted ? `${errorMessage(lock.lost.reason)}\n` : "";
        throw new CapabilityFailure(lost + errorMessage(err), upgradeResult(config, job));
      }
      // Hold the lock from the drain until the uncordon; later steps renew it.
      if (steps.includes("uncordon")) await lock?.release(RESTART_WAIT_MS);
      else lock?.stopRenewing();
      await job.refreshVersions();
      return upgradeResult(config, job);
    } finally {
      lock?.stopRenewing();
      await job.rotation?.stop();
      dispose();
    }
  });
}
