// What a drain may do before what (issue #22: the safety check, the lock and
// the pod list now go out together): the cordon waits for the lock and the
// check, a failed check touches neither the Lease nor any node, the cordon's
// first guess at the node (the check's list) never decides anything unguarded,
// the pod view a drain waits on follows the node across the server's watch
// ends without listing it again, and a drain calls a node empty only once a
// fresh list says so (its watch may lag the cordon).
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { isApiError, KubeClient } from "../../src/cluster/client.ts";
import { ListWatch } from "../../src/cluster/list-watch.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { drain } from "../../src/capabilities/drain/capability.ts";
import { cordon, CORDONED_BY_US } from "../../src/nodes/cordon.ts";
import type { Node, Pod } from "../../src/nodes/types.ts";
import { addNodes } from "../../src/sandbox/nodes.ts";
import { applyAll } from "../../src/cluster/resources.ts";
import { barePod, deployment, namespace, placeOn, podsOn, sleep, waitFor } from "../harness/nodes.ts";
import { useSandbox } from "../harness/sandbox.ts";
import { startWatchDelayRelay } from "../harness/watch-delay.ts";

const fx = useSandbox({ s3: false });
const logger = new ConsoleLogger({ write: () => {} });
const node = (name: string) => fx.client.get<Node>(`/api/v1/nodes/${name}`);
const leases = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases";
const runDrain = (inputs: Record<string, string>) =>
  drain.run(drain.parse(fromRecord({ "kubeconfig-path": fx.sandbox.kubeconfig, ...inputs })), { logger });

before(async () => {
  await fx.ready();
  await addNodes(
    fx.client,
    ["o-a", "o-b", "o-c", "o-d", "o-late", "o-spare"].map((name) => ({ name })),
  );
  await namespace(fx.client, "order");
});

test("a drain waiting for the lock lists the node's pods but touches nothing until it holds the lock", async (t) => {
  t.after(async () => {
    await fx.client.delete(`${leases}/order-wait`).catch(() => {});
    await fx.client.delete("/apis/apps/v1/namespaces/order/deployments/waits", {
      propagationPolicy: "Background",
    });
  });
  await placeOn(fx.client, "o-a", [deployment("order", "waits", 2)], 2);
  const now = new Date().toISOString().replace(/Z$/, "000Z");
  await fx.client.post(leases, {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name: "order-wait", namespace: "kube-system" },
    spec: { holderIdentity: "someone-else", leaseDurationSeconds: 300, acquireTime: now, renewTime: now },
  });
  let settled = false;
  const drained = runDrain({ node: "o-a", "lock-name": "order-wait", "lock-wait": "2m" }).finally(
    () => (settled = true),
  );
  // Long enough for the check and the pod list to be done many times over.
  await sleep(3000);
  assert.equal(settled, false, "the drain should still wait for the lock");
  assert.notEqual((await node("o-a")).spec?.unschedulable, true, "cordoned before holding the lock");
  const pods = (await podsOn(fx.client, "o-a")).filter((p) => p.metadata.labels?.app === "waits");
  assert.equal(pods.length, 2);
  assert.ok(
    pods.every((p) => !p.metadata.deletionTimestamp),
    "evicted before holding the lock",
  );
  // The other holder lets go: the drain goes on.
  const lease = await fx.client.get<{ spec: Record<string, unknown> }>(`${leases}/order-wait`);
  await fx.client.put(`${leases}/order-wait`, {
    ...lease,
    spec: { ...lease.spec, holderIdentity: null, acquireTime: null, renewTime: null },
  });
  const result = await drained;
  assert.equal(result.outputs.evicted, 2);
  assert.equal((await node("o-a")).spec?.unschedulable, true);
});

test("a refused check touches neither the lock nor any node, not even the known ones", async () => {
  const err = await runDrain({ node: "o-b,no-such-node", "lock-name": "order-check" }).then(
    () => assert.fail("should refuse"),
    (e: unknown) => e as Error,
  );
  assert.match(err.message, /no such node "no-such-node"/);
  assert.notEqual((await node("o-b")).spec?.unschedulable, true);
  const lease = await fx.client.get(`${leases}/order-check`).then(
    () => "created",
    (e: unknown) => (isApiError(e, 404) ? "absent" : String(e)),
  );
  assert.equal(lease, "absent", "the Lease was taken for a drain that could not start");
});

test("the cordon's first guess at the node decides nothing unguarded", async () => {
  // A stale read saying someone else cordoned the node, which is schedulable now: the
  // node must still be cordoned (a decision to write nothing is made on a fresh read).
  const stale = await node("o-c");
  const staleCordoned: Node = { ...stale, spec: { ...stale.spec, unschedulable: true } };
  const c = await cordon(fx.client, "o-c", staleCordoned);
  assert.equal(c.cordonedByOthers, false);
  const now = await node("o-c");
  assert.equal(now.spec?.unschedulable, true);
  assert.equal(now.metadata.annotations?.[CORDONED_BY_US], "true");
  // A stale read saying schedulable, the node cordoned by someone else since: the guarded
  // write is refused, the node read again, and it stays theirs.
  const schedulable = await node("o-d");
  await fx.client.mergePatch("/api/v1/nodes/o-d", { spec: { unschedulable: true } });
  const d = await cordon(fx.client, "o-d", schedulable);
  assert.equal(d.cordonedByOthers, true);
  assert.equal((await node("o-d")).metadata.annotations?.[CORDONED_BY_US], undefined);
});

test("the live pod view outlasts the server's watch ends without listing again", async () => {
  const client = await KubeClient.fromFile(fx.sandbox.kubeconfig);
  let lists = 0;
  const request = client.request.bind(client);
  client.request = <T>(...args: Parameters<KubeClient["request"]>): Promise<T> => {
    if (args[0] === "GET" && args[1] === "/api/v1/pods") lists++;
    return request<T>(...args);
  };
  const view = new ListWatch<Pod>(client, {
    path: "/api/v1/pods",
    fieldSelector: "spec.nodeName=o-spare",
    key: (p) => p.metadata.uid,
    what: "pods on o-spare",
  });
  try {
    await view.start();
    // The server ends each watch after 10 s; the next one resumes where it stopped.
    await sleep(12_000);
    await applyAll(fx.client, [barePod("order", "late", "o-spare")]);
    await waitFor("the pod created after a watch ended seen", () =>
      Promise.resolve(view.items().some((p) => p.metadata.name === "late")),
    );
    assert.equal(lists, 1, "listed again when a watch ended");
  } finally {
    await view.stop();
    client.close();
    await fx.client.delete("/api/v1/namespaces/order/pods/late").catch(() => {});
  }
});

test("a pod bound to the node as it is cordoned, not yet reported by the drain's watch, is evicted", async (t) => {
  // The drain talks to the API server through a relay that hands every watch event back
  // 4 s late (lists and writes pass at once): the pod bound right after the cordon (as
  // by a scheduler that decided before it) is not in the drain's view when it sorts the
  // pods, and the watch reports the node empty before it reports that pod. Only a fresh
  // list finds it.
  const relay = await startWatchDelayRelay(fx.client, 4000);
  t.after(async () => {
    await relay.stop();
    await fx.client.delete("/apis/apps/v1/namespaces/order/deployments/before", {
      propagationPolicy: "Background",
    });
    await fx.client.delete("/api/v1/namespaces/order/pods/bound-late").catch(() => {});
  });
  await placeOn(fx.client, "o-late", [deployment("order", "before", 1)], 1);
  const drained = runDrain({
    node: "o-late",
    force: "true",
    timeout: "2m",
    "kubeconfig-path": relay.kubeconfig,
  });
  drained.catch(() => {});
  await waitFor("o-late cordoned", async () => (await node("o-late")).spec?.unschedulable === true, 60_000, {
    intervalMs: 10,
  });
  await fx.client.post("/api/v1/namespaces/order/pods", barePod("order", "bound-late", "o-late"));
  const result = await drained;
  const late = await fx.client.get<Pod>("/api/v1/namespaces/order/pods/bound-late").catch((e: unknown) => {
    if (isApiError(e, 404)) return undefined;
    throw e;
  });
  assert.ok(
    late === undefined || late.metadata.deletionTimestamp,
    "the drain reported the node drained while bound-late still runs there",
  );
  assert.equal(result.outputs.evicted, 2);
});

test("a pod the lagging watch has not reported yet never counts as gone", async (t) => {
  const relay = await startWatchDelayRelay(fx.client, 3000);
  const client = await KubeClient.fromFile(relay.kubeconfig);
  const view = new ListWatch<Pod>(client, {
    path: "/api/v1/pods",
    fieldSelector: "spec.nodeName=o-spare",
    key: (p) => p.metadata.uid,
    what: "pods on o-spare",
  });
  t.after(async () => {
    await view.stop();
    client.close();
    await relay.stop();
    await fx.client.delete("/api/v1/namespaces/order/pods/unseen").catch(() => {});
  });
  await view.start();
  const found = Date.now();
  const pod = await fx.client.post<Pod>(
    "/api/v1/namespaces/order/pods",
    barePod("order", "unseen", "o-spare"),
  );
  const uid = pod.metadata.uid as string;
  assert.equal(view.get(uid), undefined, "the relay should hold the watch event back");
  assert.equal(view.gone(uid, found), false, "a pod never heard of counted as gone");
  await waitFor("the pod reported", () => Promise.resolve(view.get(uid) !== undefined));
  assert.equal(view.gone(uid, found), false);
  await fx.client.delete(`/api/v1/namespaces/order/pods/${pod.metadata.name}`, { gracePeriodSeconds: 0 });
  await waitFor("the pod reported gone", () => Promise.resolve(view.gone(uid, found)));
});
