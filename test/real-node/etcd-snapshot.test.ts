// Proof 5 of issue #11: `kubekeep etcd-snapshot` of the real kubeadm cluster
// through the port-forward path (API server -> kubelet -> containerd -> the
// etcd static pod's port 2379) with kubeadm's certificate layout, into S3;
// then `kubekeep etcd-restore` fetches it, checks its sha256, and restores it
// with etcdutl into a data dir that an etcd serves with the cluster's objects
// (a ConfigMap written before the snapshot is there, one written after is not).
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fromRecord } from "../../src/config/inputs.ts";
import type { AnyCapability } from "../../src/config/capability.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { etcdRestore } from "../../src/capabilities/etcd-restore/capability.ts";
import { etcdSnapshot } from "../../src/capabilities/etcd-snapshot/capability.ts";
import { ensureComponents } from "../harness/tools/binaries.ts";
import { startS3Server } from "../../src/sandbox/sandbox.ts";
import { keysUnder, startRestoredEtcd, stopPid } from "../harness/etcd.ts";
import { NODE_NAME } from "../harness/real-node/config.ts";
import { run as sh } from "../harness/real-node/run.ts";
import { useRealNode } from "../harness/real-node/use-real-node.ts";

const node = useRealNode();
const logger = new ConsoleLogger();
const PKI = "/etc/kubernetes/pki";

async function capability(cap: AnyCapability, inputs: Record<string, string>) {
  return cap.run(cap.parse(fromRecord(inputs)), { logger });
}

test("etcd snapshot of the real cluster through the port-forward to its etcd static pod, restored and checked", async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-real-etcd-"));
  const { etcdutl } = await ensureComponents(["etcd"], logger);
  const s3 = await startS3Server(path.join(tmp, "s3"), logger);
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: s3.s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.s3.secretAccessKey,
    AWS_REGION: s3.s3.region,
  });
  const kubectl = (...args: string[]) =>
    sh(node.info.kubectl, ["--kubeconfig", node.info.kubeconfig, ...args], { timeoutMs: 60_000 });
  try {
    await kubectl("create", "configmap", "before-snapshot", "--from-literal=proof=5");
    const storage = { "s3-bucket": s3.s3.bucket, "s3-endpoint": s3.s3.endpoint, "cluster-name": "real" };
    const snap = await capability(etcdSnapshot, {
      // No etcd-endpoint: kubekeep finds the etcd static pod and port-forwards to it.
      "kubeconfig-path": node.info.kubeconfig,
      "etcd-ca": `${PKI}/etcd/ca.crt`,
      "etcd-cert": `${PKI}/apiserver-etcd-client.crt`,
      "etcd-key": `${PKI}/apiserver-etcd-client.key`,
      "verify-hashkv": "true",
      ...storage,
    });
    await kubectl("create", "configmap", "after-snapshot", "--from-literal=proof=5");
    const out = snap.outputs;
    const facts = JSON.stringify(snap.report);
    assert.match(facts, new RegExp(`port-forward to kube-system/etcd-${NODE_NAME} on ${NODE_NAME}`));
    assert.equal(out.verified, true);
    assert.equal(out.hashkv, "match", facts);
    assert.equal(out["etcd-version"], "3.6.16");
    assert.match(String(out.key), /^etcd\/real\/real-etcd-.*\.db/);

    const dataDir = path.join(tmp, "restored");
    const db = path.join(tmp, "snapshot.db");
    const restored = await capability(etcdRestore, {
      ...storage,
      output: db,
      "data-dir": dataDir,
      "run-restore": "true",
      etcdutl,
    });
    assert.equal(restored.outputs.sha256, out.sha256);
    const status = await sh(etcdutl, ["snapshot", "status", db, "--write-out=json"]);
    const parsed = JSON.parse(status.stdout) as { revision: number; totalKey: number };
    assert.ok(parsed.totalKey > 100, `a real cluster's keys: ${status.stdout}`);
    assert.equal(parsed.revision, Number(out.revision));

    const member = await startRestoredEtcd({ etcdutl }, dataDir, tmp);
    try {
      const configmaps = await keysUnder(member.endpoint, undefined, "/registry/configmaps/default/");
      assert.ok(configmaps.includes("/registry/configmaps/default/before-snapshot"), configmaps.join(", "));
      assert.ok(!configmaps.includes("/registry/configmaps/default/after-snapshot"));
      // The control plane's own objects came along: the node and kubeadm's config.
      assert.deepEqual(await keysUnder(member.endpoint, undefined, `/registry/minions/${NODE_NAME}`), [
        `/registry/minions/${NODE_NAME}`,
      ]);
      assert.deepEqual(
        await keysUnder(member.endpoint, undefined, "/registry/configmaps/kube-system/kubeadm-config"),
        ["/registry/configmaps/kube-system/kubeadm-config"],
      );
    } finally {
      await stopPid(member.proc.pid);
    }
  } finally {
    process.env = saved;
    await s3.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
