// Proof 4 of issue #11: `kubekeep drain` of a real node with real containers
// honours their grace periods (each container takes its SIGTERM delay and
// exits by itself, code 0), never lets the budget's promise lapse, leaves
// only the DaemonSet's pod, and uncordons; `kubectl drain` does the same job
// on the same node and workloads, and both times are reported. kwok workers
// in the same cluster take the evicted pods, so the budget can be satisfied.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { ensureComponents } from "../harness/tools/binaries.ts";
import type { Node } from "../../src/nodes/types.ts";
import { NODE_NAME } from "../harness/real-node/config.ts";
import { defaultKubekeep, drainOnce, type DrainRun } from "../harness/real-node/drain-compare.ts";
import { startKwokWorkers } from "../harness/real-node/kwok-workers.ts";
import { useRealNode } from "../harness/real-node/use-real-node.ts";

const logger = new ConsoleLogger();
const node = useRealNode();
const TERM_DELAY = 3;
const GRACE = 20;
function checkRun(run: DrainRun): void {
  logger.info(
    `${run.tool} drain: ${run.seconds.toFixed(2)} s; terminations: ` +
      run.terminations.map((t) => `${t.pod} ${t.seconds.toFixed(1)}s exit ${t.exitCode ?? "?"}`).join(", "),
  );
  // Every real pod but the DaemonSet's left the node: 3 web + scratch.
  assert.deepEqual(run.left, [], `pods left on the node after ${run.tool} drain`);
  const real = run.terminations.filter((t) => !t.pod.startsWith("agent"));
  assert.equal(real.length, 4, `${run.tool}: terminations seen: ${JSON.stringify(run.terminations)}`);
  for (const t of real) {
    // The container took its SIGTERM delay (real grace period honoured) ...
    assert.ok(
      t.seconds >= TERM_DELAY - 0.5,
      `${t.pod} was gone after ${t.seconds}s, before its ${TERM_DELAY}s delay`,
    );
    // ... and exited by itself well inside the grace period, not killed at its end.
    assert.ok(t.seconds < GRACE, `${t.pod} took ${t.seconds}s: killed at the grace period's end?`);
    if (t.exitCode !== undefined) assert.equal(t.exitCode, 0, `${t.pod} exit code`);
  }
  // maxUnavailable 1 of 3: never fewer than 2 available.
  assert.ok(
    run.lowestAvailable >= 2,
    `${run.tool}: only ${run.lowestAvailable} web pods were available at one point`,
  );
}

test("kubekeep drain honours real grace periods and the budget; then kubectl drain on the same node", async () => {
  const workers = await startKwokWorkers(
    node.client,
    [{ name: "kwok-worker-1" }, { name: "kwok-worker-2" }],
    logger,
  );
  try {
    await drainBoth();
  } finally {
    await workers.stop();
  }
});

async function drainBoth(): Promise<void> {
  const { kubectl } = await ensureComponents(["kubernetes"], logger);
  const options = { termDelaySeconds: TERM_DELAY, graceSeconds: GRACE };
  const kk = await drainOnce(node.client, "kubekeep", { kubectl, kubekeep: defaultKubekeep() }, options);
  checkRun(kk);
  const n = await node.client.get<Node>(`/api/v1/nodes/${NODE_NAME}`);
  assert.ok(!n.spec?.unschedulable, "kubekeep uncordon left the node cordoned");
  const kc = await drainOnce(node.client, "kubectl", { kubectl, kubekeep: defaultKubekeep() }, options);
  checkRun(kc);
  logger.info(
    `drain of the real node (3 web pods + emptyDir pod, SIGTERM delay ${TERM_DELAY}s): ` +
      `kubekeep ${kk.seconds.toFixed(2)} s, kubectl ${kc.seconds.toFixed(2)} s, ratio ${(kk.seconds / kc.seconds).toFixed(2)}`,
  );
}
