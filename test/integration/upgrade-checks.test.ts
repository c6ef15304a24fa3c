// What upgrade-node checks before it disrupts a node, on kwok nodes with
// kubelet versions against a real v1.35.4 API server: the version skew
// policy, readiness before the drain (and gates that hold only what
// changed), and a rollout that refuses to go on past an unresolved failure.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { type Result } from "../../src/config/capability.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { PROGRESS_ANNOTATION, readProgress } from "../../src/nodes/progress.ts";
import { FAILURE_OVERRIDE_ANNOTATION } from "../../src/nodes/upgrade-checks.ts";
import { upgradeNode } from "../../src/nodes/upgrade-capability.ts";
import type { Node } from "../../src/nodes/types.ts";
import { NODE_ANNOTATION } from "../../src/sandbox/kwok-stages.ts";
import { addNodes, nodeManifest, setKubeletVersion } from "../../src/sandbox/nodes.ts";
import { useSandbox } from "../harness/sandbox.ts";
import { mirrorPod, takeOverLease } from "../harness/nodes.ts";

const fx = useSandbox({ s3: false });
const lines: string[] = [];
const logger = new ConsoleLogger({ write: (l) => lines.push(l) });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-upgrade-checks-"));
const ranFile = path.join(work, "ran");
const failFile = path.join(work, "fail-nodes");
const TARGET = "v1.35.4"; // the sandbox API server's version
const OLD = "v1.34.2";
after(() => fs.rmSync(work, { recursive: true, force: true }));

// The stand-in for a node upgrade: records that it ran, fails when asked to,
// else reports the new kubelet version.
const COMMAND = `set -e
echo "$KUBEKEEP_NODE $KUBEKEEP_KUBEADM_ACTION $KUBEKEEP_TARGET_VERSION" >> "$RAN_FILE"
if grep -qx "$KUBEKEEP_NODE" "$FAIL_FILE" 2>/dev/null; then echo "package install failed on $KUBEKEEP_NODE" >&2; exit 3; fi
"$KUBECTL" --kubeconfig "$KK_KUBECONFIG" patch node "$KUBEKEEP_NODE" --subresource=status --type=merge \\
  -p "{\\"status\\":{\\"nodeInfo\\":{\\"kubeletVersion\\":\\"$KUBEKEEP_TARGET_VERSION\\"}}}" >/dev/null`;

const upgrade = (node: string, extra: Record<string, string> = {}): Promise<Result> =>
  upgradeNode.run(
    upgradeNode.parse(
      fromRecord({
        "kubeconfig-path": fx.sandbox.kubeconfig,
        "target-version": TARGET,
        "upgrade-command": COMMAND,
        "gate-timeout": "20s",
        timeout: "60s",
        "lock-holder": "test-holder",
        node,
        ...extra,
      }),
    ),
    { logger },
  );

const refusal = (p: Promise<unknown>): Promise<Error> =>
  p.then(
    () => assert.fail("should be refused"),
    (e: unknown) => e as Error,
  );

const getNode = (name: string) => fx.client.get<Node>(`/api/v1/nodes/${name}`);
const ran = () => (fs.existsSync(ranFile) ? fs.readFileSync(ranFile, "utf8") : "");

/** Nothing touched: not cordoned, no progress recorded, the command never ran, the lock free. */
async function assertUntouched(name: string): Promise<void> {
  const n = await getNode(name);
  assert.notEqual(n.spec?.unschedulable, true, `${name} is not cordoned`);
  assert.equal(n.metadata.annotations?.[PROGRESS_ANNOTATION], undefined, `${name} has no progress`);
  assert.ok(!ran().includes(`${name} `), `the upgrade command never ran on ${name}`);
  const lease = await fx.client.get<{ spec: { holderIdentity?: string | null } }>(
    "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kubekeep-node-maintenance",
  );
  assert.equal(lease.spec.holderIdentity ?? null, null, "the lock is released");
}

/** Puts a node back at the old version with no progress, as if never upgraded. */
async function reset(name: string): Promise<void> {
  fs.writeFileSync(ranFile, "");
  await fx.client.mergePatch(`/api/v1/nodes/${name}`, {
    metadata: { annotations: { [PROGRESS_ANNOTATION]: null, [FAILURE_OVERRIDE_ANNOTATION]: null } },
    spec: { unschedulable: null },
  });
  await setKubeletVersion(fx.client, name, OLD);
}

// The fixture every test below uses (a control-plane node at the API server's version, workers one minor behind): a hook, so one test runs alone by name.
before(async () => {
  await fx.ready();
  Object.assign(process.env, {
    RAN_FILE: ranFile,
    FAIL_FILE: failFile,
    KUBECTL: fx.sandbox.info.kubectl,
    KK_KUBECONFIG: fx.sandbox.kubeconfig,
  });
  await addNodes(fx.client, [
    { name: "cp-1", role: "control-plane", kubeletVersion: TARGET },
    { name: "cp-2", role: "control-plane", kubeletVersion: TARGET },
    ...[1, 2, 3, 4, 5].map((i) => ({ name: `w-${i}`, kubeletVersion: OLD })),
  ]);
  for (const cp of ["cp-1", "cp-2"]) await mirrorPod(fx.client, cp, "kube-apiserver");
});

test("skew: a kubelet newer than the API server, or a control plane skipping a minor, is refused before the cordon", async () => {
  // Promise (clear error, nothing changed): upgrade-node enforces the skew
  // policy itself, naming the versions and the rule, before touching the node.
  const err = await refusal(upgrade("w-1", { "target-version": "v1.36.0" }));
  assert.match(err.message, /refusing to upgrade w-1 to v1\.36\.0 \(nothing was changed\)/);
  assert.match(
    err.message,
    /worker w-1: target v1\.36\.0 is newer than kube-apiserver v1\.35\.4 \(the API server's \/version\); the policy forbids a kubelet newer than the API server: upgrade the control plane first/,
  );
  await assertUntouched("w-1");

  const apply = await refusal(upgrade("cp-1", { "target-version": "v1.37.0", "kubeadm-action": "apply" }));
  assert.match(
    apply.message,
    /target v1\.37\.0 skips a minor: kubeadm upgrade apply moves the control plane one minor at a time, so go from v1\.35\.4 .* to v1\.36 first/,
  );
  await assertUntouched("cp-1");

  // `kubeadm upgrade node` on a control-plane node before any API server runs the target.
  const early = await refusal(upgrade("cp-2", { "target-version": "v1.36.0", "kubeadm-action": "node" }));
  assert.match(
    early.message,
    /control-plane node cp-2: kubeadm upgrade node needs the control plane already at v1\.36\.0/,
  );
  await assertUntouched("cp-2");
});

test("readiness: another node NotReady refuses the upgrade before the drain (require-all-nodes-ready)", async () => {
  // Promise (nothing changed, clear error): what would fail the gates after
  // the upgrade is checked before the node is disrupted.
  // A node kwok does not adopt never reports Ready: a dead node.
  const dead = nodeManifest({ name: "dead-1", kubeletVersion: OLD }) as {
    metadata: { annotations: Record<string, string> };
  };
  delete dead.metadata.annotations[NODE_ANNOTATION];
  await fx.client.post("/api/v1/nodes", dead);
  const err = await refusal(upgrade("w-2"));
  assert.match(
    err.message,
    /nodes not Ready: dead-1; require-all-nodes-ready asks for every node Ready before a drain: fix them, or set require-all-nodes-ready: false/,
  );
  await assertUntouched("w-2");
});

test("gates hold only what changed: a node already NotReady is a warning, a node that goes NotReady fails", async () => {
  // Promise: a dead node elsewhere no longer fails every upgrade after its
  // drain (with require-all-nodes-ready: false), yet a node the upgrade
  // takes down is still caught before the uncordon.
  lines.length = 0;
  await upgrade("w-2", { "require-all-nodes-ready": "false" });
  let n = await getNode("w-2");
  assert.deepEqual([readProgress(n)?.phase, n.spec?.unschedulable], ["done", undefined]);
  assert.ok(
    lines.some((l) =>
      /warning: w-2: nodes already not Ready before the drain \(not counted\): dead-1/.test(l),
    ),
    lines.join("\n"),
  );

  // During w-3's upgrade, w-5 goes down: that is the upgrade's doing as far as the gates know.
  const err = await refusal(
    upgrade("w-3", {
      "require-all-nodes-ready": "false",
      "gate-timeout": "3s",
      // Stop kwok managing w-5, then report it NotReady.
      "upgrade-command": `"$KUBECTL" --kubeconfig "$KK_KUBECONFIG" annotate node w-5 ${NODE_ANNOTATION}- >/dev/null
"$KUBECTL" --kubeconfig "$KK_KUBECONFIG" patch node w-5 --subresource=status --type=merge \\
  -p '{"status":{"conditions":[{"type":"Ready","status":"False","reason":"Test","message":"down"}]}}' >/dev/null
${COMMAND}`,
    }),
  );
  assert.match(
    err.message,
    /node w-3 did not pass its gates within 3\.0s: nodes not Ready \(they were Ready before the drain\): w-5/,
  );
  assert.doesNotMatch(err.message, /dead-1/);
  n = await getNode("w-3");
  assert.deepEqual([readProgress(n)?.phase, n.spec?.unschedulable], ["failed", true]);

  // Clean up: dead-1 and w-5 leave the cluster, w-3 is reset.
  await fx.client.delete("/api/v1/nodes/dead-1");
  await fx.client.delete("/api/v1/nodes/w-5");
  await reset("w-3");
  await reset("w-2");
});

test("a failed node stops the rollout until it is resolved: re-run to success, or overridden", async () => {
  // Promise: after a failure, the next node's job refuses (nothing changed)
  // even where the runner did not honour fail-fast; the override is recorded
  // on the failed node and a new failure blocks again.
  fs.writeFileSync(failFile, "w-3\n");
  await refusal(upgrade("w-3"));
  assert.equal(readProgress(await getNode("w-3"))?.phase, "failed");

  const err = await refusal(upgrade("w-4"));
  assert.match(
    err.message,
    /node w-3 failed its upgrade to v1\.35\.4 at \S+ \(upgrade: upgrade command for w-3 exited 3: .*package install failed on w-3.*\): a rollout stops at its first failure\. Fix that node and re-run its upgrade \(a success resolves it\), or set ignore-earlier-failures: true/,
  );
  await assertUntouched("w-4");

  // Resolved by a successful re-run of the failed node.
  fs.writeFileSync(failFile, "");
  await upgrade("w-3");
  await upgrade("w-4");
  assert.equal(readProgress(await getNode("w-4"))?.phase, "done");

  // Overridden: w-3 fails again; w-1 goes on only with the override, which is recorded on w-3.
  await reset("w-3");
  fs.writeFileSync(failFile, "w-3\n");
  await refusal(upgrade("w-3"));
  await refusal(upgrade("w-1"));
  await assertUntouched("w-1");
  lines.length = 0;
  await upgrade("w-1", { "ignore-earlier-failures": "true" });
  assert.equal(readProgress(await getNode("w-1"))?.phase, "done");
  assert.ok(lines.some((l) => /warning: w-3 failed its upgrade to v1\.35\.4 .*going on past it/.test(l)));
  const override = JSON.parse(
    (await getNode("w-3")).metadata.annotations?.[FAILURE_OVERRIDE_ANNOTATION] ?? "{}",
  ) as { by?: string; target?: string };
  assert.deepEqual([override.by, override.target], ["test-holder", TARGET]);
  // The override resolved that failure: the next node needs no flag.
  await reset("w-4");
  await upgrade("w-4");
  // A new failure of the same node blocks again.
  await refusal(upgrade("w-3"));
  await reset("w-4");
  const again = await refusal(upgrade("w-4"));
  assert.match(again.message, /node w-3 failed its upgrade/);
  await assertUntouched("w-4");
});

test("an upgrade whose lock is taken over stops, ends its command and leaves the other run's lock alone", async (t) => {
  // Promise (nothing done twice, bounded time): two runs never work on nodes
  // at once; a run that lost the Lease (say, after a long pause past lock-ttl)
  // stops at once instead of finishing its upgrade beside the new holder.
  const leasePath = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/upgrade-takeover";
  t.after(() => fx.client.delete(leasePath).catch(() => {}));
  await addNodes(fx.client, [{ name: "w-lock", kubeletVersion: OLD }]);
  // A marker only this command's process carries, to look for it afterwards.
  const marker = "61.25";
  const running = upgrade("w-lock", {
    "upgrade-command": `sleep ${marker}`,
    "upgrade-timeout": "2m",
    "lock-name": "upgrade-takeover",
    "lock-ttl": "3s",
    "require-all-nodes-ready": "false",
    "ignore-earlier-failures": "true",
  });
  const failed = running.then(
    () => assert.fail("the upgrade should stop"),
    (e: unknown) => e as Error,
  );
  const sleeping = () =>
    fs
      .readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .some((d) => {
        try {
          return fs.readFileSync(`/proc/${d}/cmdline`, "utf8") === `sleep\0${marker}\0`;
        } catch {
          return false;
        }
      });
  const deadline = Date.now() + 60_000;
  while (!sleeping()) {
    assert.ok(Date.now() < deadline, "the upgrade command started");
    await new Promise((r) => setTimeout(r, 200));
  }
  const started = Date.now();
  await takeOverLease(fx.client, leasePath, "someone-else");
  const err = await failed;
  assert.match(err.message, /lost the lock \(Lease kube-system\/upgrade-takeover\) to someone-else/);
  assert.ok(Date.now() - started < 30_000, `stopped after ${Date.now() - started} ms`);
  assert.ok(!sleeping(), "the upgrade command's process was ended");
  const lease = await fx.client.get<{ spec: { holderIdentity?: string } }>(leasePath);
  assert.equal(lease.spec.holderIdentity, "someone-else", "the other run's lock is left alone");
});
