import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  blockerSummary,
  checkDrainable,
  drainAll,
  terminationSignal
} from "./chunk-DLYHBSU2.js";
import "./chunk-22GEO3ZJ.js";
import "./chunk-QI6TILGO.js";
import "./chunk-MUG56ED2.js";
import {
  MaintenanceLock
} from "./chunk-MA6IPA7Y.js";
import "./chunk-TY2O5Y2Q.js";
import "./chunk-PCGCJCUD.js";
import "./chunk-FK3ILC2B.js";
import {
  apiFailure
} from "./chunk-MEXL324I.js";
import {
  withCluster
} from "./chunk-AQEUWNRQ.js";
import "./chunk-OB3FCZHL.js";
import "./chunk-GSHV4ADS.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-XIQOQISJ.js";
import "./chunk-UU4DZNBE.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-KNDO3OP3.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  CapabilityFailure
} from "./chunk-HRVOOZEE.js";
import "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import {
  formatDuration
} from "./chunk-KIVRFQJF.js";
import {
  errorMessage
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/drain/report.ts
function drainReport(outcomes) {
  const report = newReport("Drain");
  const ok = outcomes.filter((o) => !o.error).length;
  report.facts.push(
    ["Nodes drained", `${ok} of ${outcomes.length}`],
    ["Pods evicted", String(outcomes.reduce((n, o) => n + (o.result?.evicted.length ?? 0), 0))]
  );
  report.tables.push({
    header: ["node", "result", "pods evicted", "skipped", "drain time", "blockers"],
    rows: outcomes.map((o) => [
      o.node,
      o.error ? "FAILED" : o.result?.cordonedByOthers ? "drained (was cordoned before)" : "drained",
      String(
        (o.result?.evicted.length ?? 0) + (o.result?.deleted.length ? ` (${o.result.deleted.length} deleted)` : "")
      ),
      String(o.result?.skipped.length ?? 0),
      o.result ? formatDuration(o.result.durationMs) : "",
      blockerSummary(o.result)
    ])
  });
  for (const o of outcomes) if (o.error) report.notes.push(`${o.node}: ${o.error}`);
  return report;
}
function drainOutputs(outcomes) {
  return {
    "drained-nodes": outcomes.filter((o) => !o.error).map((o) => o.node).join(","),
    evicted: outcomes.reduce((n, o) => n + (o.result?.evicted.length ?? 0), 0),
    "duration-seconds": Math.max(0, ...outcomes.map((o) => (o.result?.durationMs ?? 0) / 1e3)).toFixed(1),
    blockers: JSON.stringify(outcomes.flatMap((o) => o.result?.blockers ?? []))
  };
}

// src/capabilities/drain/run.ts
function run(config, { logger, signal: parent }) {
  return withCluster(config.cluster, logger, async (client) => {
    const { signal, dispose } = terminationSignal(parent);
    try {
      const lock = config.lock ? new MaintenanceLock(client, config.lock) : void 0;
      let held = false;
      lock?.prefetch();
      const ready = checkDrainable(client, config.nodes, config.allowLastControlPlane).then(
        async (targets) => {
          await lock?.acquire(logger, signal);
          held = lock !== void 0;
          return new Map(targets.map((n) => [n.metadata.name, n]));
        }
      );
      ready.catch(() => {
      });
      let outcomes;
      try {
        const stop = lock ? AbortSignal.any([signal, lock.lost]) : signal;
        outcomes = await logger.group(
          `drain ${config.nodes.join(", ")}`,
          () => drainAll(client, config.nodes, config.drain, logger, stop, ready)
        );
        await ready;
      } finally {
        await ready.catch(() => {
        });
        if (held)
          await lock?.release().catch(
            (err) => logger.warning(
              `could not release the maintenance lock (${errorMessage(err)}); it expires on its own ${formatDuration(config.lock?.ttlMs ?? 0)} after its last renewal (input 'lock-ttl')`
            )
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
export {
  run
};
