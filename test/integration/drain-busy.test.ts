// Drains, uncordons and upgrades of nodes that other writers update all the
// time (labels, annotations, status heartbeats), as kubelets and controllers
// do on a busy cluster. kubectl drain succeeds there every time; so must we.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { KubeClient } from "../../src/cluster/client.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { drain } from "../../src/capabilities/drain/capability.ts";
import { MaintenanceLock } from "../../src/nodes/lock.ts";
import { readProgress } from "../../src/nodes/progress.ts";
import type { Node } from "../../src/nodes/types.ts";
import { uncordon } from "../../src/capabilities/uncordon/capability.ts";
import { upgradeNode } from "../../src/capabilities/upgrade-node/capability.ts";
import { addNodes } from "../../src/sandbox/nodes.ts";
import { deployment, namespace, pdb, placeOn, podsOn, takeOverLease, waitFor } from "../harness/nodes.ts";
import { CapabilityFailure } from "../../src/config/capability.ts";
import { kubeconfigWith, writeKubeconfig } from "../harness/kubeconfigs.ts";
import { tcpRelay } from "../harness/relay.ts";
import { useSandbox } from "../harness/sandbox.ts";
import { sleep } from "../harness/wait.ts";

const fx = useSandbox({ s3: false });
const lines: string[] = [];
const logger = new ConsoleLogger({ write: (l) => lines.push(l) });
const node = (name: string) => fx.client.get<Node>(`/api/v1/nodes/${name}`);

/**
 * Writes to `name` as fast as the API server takes them, from three loops at
 * once: a label, an annotation and a status condition heartbeat (none with a
 * resourceVersion, as kubelets and controllers patch). `stop()` returns how
 * many writes landed, so a test can show the node really was busy.
 */
function churn(client: KubeClient, name: string): { stop: () => Promise<number> } {
  let running = true;
  let writes = 0;
  const path = `/api/v1/nodes/${name}`;
  const loop = async (write: (i: number) => Promise<unknown>) => {
    for (let i = 0; running; i++) {
      try {
        await write(i);
        writes++;
      } catch {
        // a write refused under load is no reason to stop churning
      }
    }
  };
  const loops = [
    loop((i) => client.mergePatch(path, { metadata: { labels: { "churn.test/label": String(i) } } })),
    loop((i) =>
      client.mergePatch(path, { metadata: { annotations: { "churn.test/annotation": String(i) } } }),
    ),
    loop(() =>
      client.request("PATCH", `${path}/status`, {
        body: {
          status: {
            conditions: [
              {
                type: "ChurnHeartbeat",
                status: "True",
                reason: "Churn",
                lastHeartbeatTime: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
                lastTransitionTime: "2026-01-01T00:00:00Z",
              },
            ],
          },
        },
        contentType: "application/strategic-merge-patch+json",
      }),
    ),
  ];
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return writes;
    },
  };
}

async function runDrain(inputs: Record<string, string>) {
  return drain.run(drain.parse(fromRecord({ "kubeconfig-path": fx.sandbox.kubeconfig, ...inputs })), {
    logger,
  });
}

async function runUncordon(name: string) {
  return uncordon.run(uncordon.parse(fromRecord({ "kubeconfig-path": fx.sandbox.kubeconfig, node: name })), {
    logger,
  });
}

// The fixture every test below uses (workers and a namespace): a hook, so one test runs alone by name.
before(async () => {
  await fx.ready();
  await addNodes(fx.client, [
    { name: "cp-1", role: "control-plane" },
    { name: "cp-2", role: "control-plane" },
    ...["a", "b", "c", "d", "spare"].map((n) => ({ name: `w-${n}` })),
    { name: "w-old", kubeletVersion: "v1.34.2" },
  ]);
  await namespace(fx.client, "apps");
  // The upgrade test's workload, placed before any churn: right after three
  // loops wrote to nodes as fast as they could, kwok may take a while to
  // catch up with new pods on a loaded machine.
  await placeOn(fx.client, "w-old", [deployment("apps", "old-app", 2)], 2);
});

// Promise: a drain and an uncordon do what was asked on a node other writers
// update continuously (no 409 Conflict reaches the user), every time: six
// rounds, all succeed, and the node ends cordoned / schedulable as asked.
test("drain and uncordon succeed on nodes written to continuously, six rounds out of six", async () => {
  const failures: string[] = [];
  const busyness: number[] = [];
  for (let round = 1; round <= 6; round++) {
    const name = `w-${["a", "b", "c"][round % 3]}`;
    const app = `busy-${round}`;
    await placeOn(fx.client, name, [deployment("apps", app, 2)], 2);
    const busy = churn(fx.client, name);
    try {
      const drained = await runDrain({ node: name, timeout: "3m", "lock-name": `busy-${round}` });
      assert.equal(drained.outputs["drained-nodes"], name);
      assert.equal((await node(name)).spec?.unschedulable, true, `${name} cordoned`);
      const back = await runUncordon(name);
      assert.equal(back.outputs.uncordoned, name);
      assert.notEqual((await node(name)).spec?.unschedulable, true, `${name} schedulable again`);
    } catch (err) {
      failures.push(`round ${round} (${name}): ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      busyness.push(await busy.stop());
      await fx.client.delete(`/apis/apps/v1/namespaces/apps/deployments/${app}`);
      // A failed round may leave the node cordoned: the next round starts clean.
      await fx.client.mergePatch(`/api/v1/nodes/${name}`, {
        metadata: { annotations: { "kubekeep.dev/cordoned": null } },
        spec: { unschedulable: null },
      });
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of 6 rounds failed:\n${failures.join("\n")}`);
  // The nodes really were busy: many writes landed while we worked on them.
  assert.ok(
    busyness.every((n) => n >= 20),
    `concurrent writes per round: ${busyness.join(", ")}`,
  );
});

// Promise: an upgrade's own writes to the node (cordon, progress annotations,
// uncordon) land on a busy node too, and its record says done.
test("an upgrade records its progress on a node written to continuously", async () => {
  const busy = churn(fx.client, "w-old");
  const command = `"$KUBECTL" --kubeconfig "$KK_KUBECONFIG" patch node "$KUBEKEEP_NODE" --subresource=status --type=merge -p "{\\"status\\":{\\"nodeInfo\\":{\\"kubeletVersion\\":\\"$KUBEKEEP_TARGET_VERSION\\"}}}" >/dev/null`;
  Object.assign(process.env, { KUBECTL: fx.sandbox.info.kubectl, KK_KUBECONFIG: fx.sandbox.kubeconfig });
  try {
    const result = await upgradeNode.run(
      upgradeNode.parse(
        fromRecord({
          "kubeconfig-path": fx.sandbox.kubeconfig,
          node: "w-old",
          "target-version": "v1.35.4",
          executor: "command",
          "upgrade-command": command,
          "gate-timeout": "2m",
          timeout: "3m",
        }),
      ),
      { logger },
    );
    assert.ok(result.report.tables.length > 0);
  } finally {
    const writes = await busy.stop();
    assert.ok(writes >= 20, `only ${writes} concurrent writes`);
  }
  const after = await node("w-old");
  assert.equal(readProgress(after)?.phase, "done");
  assert.notEqual(after.spec?.unschedulable, true);
  await waitFor("old-app pods elsewhere", async () => (await podsOn(fx.client, "w-old")).length === 0);
});

interface Lease {
  metadata: { resourceVersion?: string };
  spec: { holderIdentity?: string; renewTime?: string };
}

// Promise: on the Lease a write conflict means another run wrote it; when
// another run takes the lock over while a drain holds it, the drain stops
// (promptly, naming the new holder) instead of draining alongside it.
test("a drain whose lock is taken over stops, naming the new holder", async (t) => {
  const leasePath = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/takeover";
  t.after(async () => {
    await fx.client.delete(`/apis/policy/v1/namespaces/apps/poddisruptionbudgets/held`).catch(() => {});
    await fx.client.delete(`/apis/apps/v1/namespaces/apps/deployments/held`).catch(() => {});
    await fx.client.delete(leasePath).catch(() => {});
  });
  // A budget that never allows: the drain would wait until its timeout.
  await placeOn(
    fx.client,
    "w-d",
    [deployment("apps", "held", 2), pdb("apps", "held", { minAvailable: 2 })],
    2,
  );
  const drained = runDrain({ node: "w-d", timeout: "2m", "lock-name": "takeover", "lock-ttl": "3s" });
  await waitFor("the drain holding the lock", async () => {
    try {
      return Boolean((await fx.client.get<Lease>(leasePath)).spec.holderIdentity);
    } catch {
      return false;
    }
  });
  const started = Date.now();
  await takeOverLease(fx.client, leasePath, "someone-else");
  const err = await drained.then(
    () => assert.fail("the drain should stop"),
    (e: unknown) => e,
  );
  assert.ok(err instanceof CapabilityFailure, String(err));
  assert.match(err.message, /lost the lock \(Lease kube-system\/takeover\) to someone-else/);
  assert.ok(Date.now() - started < 30_000, `stopped after ${Date.now() - started} ms`);
  // The other run's lock is left alone.
  assert.equal((await fx.client.get<Lease>(leasePath)).spec.holderIdentity, "someone-else");
});

// Promise: a run that lets go of the lock leaves it free, even when one of
// its renewals was on its way at that moment. Before, the renewal's guarded
// write lost to the release, read the Lease again, found it free and took it
// back: the finished run held the lock until it expired, and every other
// run waited for it.
test("a lock let go while its renewal is in flight stays free", async (t) => {
  const leasePath = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/renewal-race";
  t.after(() => fx.client.delete(leasePath).catch(() => {}));
  const relay = await tcpRelay(fx.sandbox.info.server);
  t.after(() => relay.close());
  const client = await KubeClient.fromFile(
    writeKubeconfig(fx, "relayed.kubeconfig", kubeconfigWith(fx, { server: relay.url })),
  );
  // Two idle connections, so the release's write need not open (and
  // handshake) one while the relay holds the renewal.
  await Promise.all([client.get("/version"), client.get("/version")]);
  const lock = new MaintenanceLock(client, {
    name: "renewal-race",
    namespace: "kube-system",
    holder: "run-1",
    ttlMs: 3000,
    waitMs: 0,
  });
  await lock.acquire(logger);
  // The next request is the renewal's read (1 s on): keep it back, and with it
  // whatever the release sends meanwhile, then let both through in order.
  let renewalOn: unknown;
  let releaseSent: () => void = () => {};
  const releaseWrite = new Promise<void>((resolve) => (releaseSent = resolve));
  const renewalStarted = new Promise<void>((resolve) => {
    relay.onData = (connection) => {
      if (renewalOn === undefined) {
        renewalOn = connection;
        relay.hold();
        resolve();
      } else if (connection !== renewalOn) releaseSent();
    };
  });
  await renewalStarted;
  const released = lock.release();
  // Fixed, the release waits for the renewal and sends nothing while it is held.
  await Promise.race([releaseWrite, sleep(1500)]);
  relay.onData = undefined;
  relay.release();
  await released;
  await sleep(2000); // a renewal that took the lock back would have by now
  const lease = await fx.client.get<Lease>(leasePath);
  assert.equal(lease.spec.holderIdentity ?? null, null, JSON.stringify(lease.spec));
});
