// The real node's teardown puts the host back exactly: sysctls, iptables,
// mounts, network devices and routes, and the files where a kubeadm node
// writes are the same after `up` + workloads + `down` as before `up`. Also:
// the node comes up Ready with real containers, and the lock keeps a second
// taker out while it runs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { acquireLock, lockOwner } from "../harness/real-node/lock.ts";
import { snapshotHost } from "../harness/real-node/host-snapshot.ts";
import { prepareRealNode, realNodeDown, realNodeUp } from "../harness/real-node/node.ts";
import { readSysctl } from "../harness/real-node/host-state.ts";
import { run } from "../harness/real-node/run.ts";

const logger = new ConsoleLogger();

test("down restores the host exactly as it was before up", { timeout: 20 * 60_000 }, async () => {
  await prepareRealNode(logger);
  const lock = await acquireLock({ holder: "host-restore.test.ts", waitMs: 40 * 60_000, logger });
  try {
    const before = await snapshotHost();
    const info = await realNodeUp({ logger });
    try {
      logger.info(`real node start: ${(info.startMs / 1000).toFixed(1)} s (cached: ${info.cached})`);
      // The node really changed the host: the kubelet's kernel defaults and its chains.
      assert.equal(readSysctl("vm.overcommit_memory"), "1");
      assert.match((await run("iptables-save", [])).stdout, /KUBE-FIREWALL/);
      // A real container on the bridge.
      await run(info.kubectl, [
        "--kubeconfig",
        info.kubeconfig,
        "run",
        "restore-probe",
        `--image=${info.images.workload}`,
        "--image-pull-policy=Never",
      ]);
      await run(
        info.kubectl,
        [
          "--kubeconfig",
          info.kubeconfig,
          "wait",
          "--for=condition=Ready",
          "pod/restore-probe",
          "--timeout=120s",
        ],
        { timeoutMs: 130_000 },
      );
      // Only one real node at a time: a second taker is told who holds it.
      await assert.rejects(
        acquireLock({ holder: "a second taker", waitMs: 0, logger }),
        /in use by host-restore\.test\.ts \(pid \d+/,
      );
    } finally {
      const { ms } = await realNodeDown({ logger });
      logger.info(`real node teardown: ${(ms / 1000).toFixed(1)} s`);
    }
    const afterDown = await snapshotHost();
    for (const key of Object.keys(before) as (keyof typeof before)[]) {
      assert.deepEqual(afterDown[key], before[key], `${key} differs after down`);
    }
  } finally {
    lock.release();
  }
  assert.equal(lockOwner(), undefined);
});

test("a lock left by a dead process is taken over", async () => {
  const stale = await acquireLock({ holder: "a dead run", waitMs: 0, logger });
  // Pretend the holder died: a pid that cannot exist.
  stale.handOver(2 ** 22 + 1, "a dead run");
  const lock = await acquireLock({ holder: "the next run", waitMs: 5000, logger });
  assert.equal(lockOwner()?.holder, "the next run");
  lock.release();
});
