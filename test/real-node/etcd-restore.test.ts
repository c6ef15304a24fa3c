// Issue #19 on the real kubeadm node: `etcd-restore` puts an etcd snapshot
// back into the live control plane (mode run: manifests aside, etcdutl
// restore with --bump-revision --mark-compacted, manifests back, verified).
// Proof 3 first: a snapshot of another etcd cluster, a corrupt snapshot and a
// missing confirm are each refused before anything stops. Then proof 1, run
// through executor ssh (kubekeep-sshd on 127.0.0.1 as root, host key checked,
// the snapshot streamed over it into the node's state dir): a
// namespace deleted after the snapshot comes back with its pods Running in
// real containers, a ConfigMap changed after it has its old value, a
// namespace created after it is gone, and a watch opened before the restore,
// resuming from the last revision it saw, is told that revision is too old.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { isApiError, watchEvents } from "../../src/cluster/client.ts";
import type { AnyCapability, Result } from "../../src/config/capability.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { freePorts } from "../../src/core/ports.ts";
import { etcdRestore } from "../../src/capabilities/etcd-restore/capability.ts";
import { etcdSnapshot } from "../../src/capabilities/etcd-snapshot/capability.ts";
import { startProcess, waitUntil, type ManagedProcess } from "../../src/controlplane/supervisor.ts";
import { startS3Server } from "../../src/sandbox/sandbox.ts";
import type { List, Pod } from "../../src/nodes/types.ts";
import { ensureComponents } from "../harness/tools/binaries.ts";
import { stopPid } from "../harness/etcd.ts";
import { IMAGES, NODE_NAME } from "../harness/real-node/config.ts";
import { startSshd, type Sshd } from "../harness/sshd.ts";
import { useRealNode } from "../harness/real-node/use-real-node.ts";
import { waitFor as harnessWait } from "../harness/wait.ts";

const node = useRealNode();
const logger = new ConsoleLogger();
const PKI = "/etc/kubernetes/pki";
const MANIFESTS = "/etc/kubernetes/manifests";
const STATE = "/var/lib/kubekeep/etcd-restore";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-real-restore-"));
let s3: Awaited<ReturnType<typeof startS3Server>> | undefined;
let etcdutl = "";
let sshd: Sshd | undefined;
const saved = { ...process.env };
/** The data dirs the restores kept beside /var/lib/etcd: host state the node's teardown does not remove. */
const keptDirs: string[] = [];

before(async () => {
  await node.ready();
  ({ etcdutl } = await ensureComponents(["etcd"], logger));
  s3 = await startS3Server(path.join(tmp, "s3"), logger);
  fs.mkdirSync(path.join(tmp, "ssh"));
  sshd = await startSshd(path.join(tmp, "ssh"), logger);
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: s3.s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.s3.secretAccessKey,
    AWS_REGION: s3.s3.region,
  });
});
after(async () => {
  process.env = saved;
  sshd?.stop();
  await s3?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync("/var/lib/kubekeep", { recursive: true, force: true });
  for (const d of keptDirs) fs.rmSync(d, { recursive: true, force: true });
});

const storage = () => ({
  "s3-bucket": s3?.s3.bucket ?? "",
  "s3-endpoint": s3?.s3.endpoint ?? "",
  "cluster-name": "real",
});
const etcdAccess = {
  "etcd-ca": `${PKI}/etcd/ca.crt`,
  "etcd-cert": `${PKI}/apiserver-etcd-client.crt`,
  "etcd-key": `${PKI}/apiserver-etcd-client.key`,
};

async function capability(cap: AnyCapability, inputs: Record<string, string>): Promise<Result> {
  return cap.run(cap.parse(fromRecord(inputs)), { logger });
}

const restoreInputs = (extra: Record<string, string>) => ({
  ...storage(),
  ...etcdAccess,
  "kubeconfig-path": node.info.kubeconfig,
  mode: "run",
  confirm: "real",
  // The runner is the node here: the script runs as it is, the snapshot is read where it was downloaded.
  "restore-command": 'bash "$KUBEKEEP_SCRIPT"',
  etcdutl,
  output: path.join(tmp, "restore.db"),
  "health-timeout": "5m",
  ...extra,
});

/** Nothing stopped: the control-plane manifests are in place, no restore is recorded, the API answers. */
async function untouched(): Promise<void> {
  for (const m of ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"])
    assert.ok(fs.existsSync(`${MANIFESTS}/${m}.yaml`), `${m}.yaml still in place`);
  const recorded = fs.existsSync(STATE) ? fs.readdirSync(STATE).filter((d) => /^r[0-9a-f]{12}$/.test(d)) : [];
  assert.deepEqual(recorded, [], "no restore recorded on the node");
  await node.client.get("/api/v1/namespaces/default");
}

async function post(p: string, body: unknown): Promise<void> {
  await node.client.post(p, body);
}

/** The harness's wait, with the argument order of this file's calls: errors count as "not yet". */
function waitFor<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  return harnessWait(what, probe, ms, { retryErrors: true, intervalMs: 2000 });
}

/** A one-member etcd of its own (another cluster id) serving TLS with the node's etcd certificates. */
async function otherEtcd(): Promise<{ proc: ManagedProcess; endpoint: string }> {
  const [client, peer] = (await freePorts(2)) as [number, number];
  const endpoint = `https://127.0.0.1:${client}`;
  const proc = startProcess({
    name: "other-etcd",
    command: path.join(path.dirname(etcdutl), "etcd"),
    args: [
      "--name=other",
      `--data-dir=${path.join(tmp, "other-etcd")}`,
      `--listen-client-urls=${endpoint}`,
      `--advertise-client-urls=${endpoint}`,
      `--listen-peer-urls=http://127.0.0.1:${peer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
      `--initial-cluster=other=http://127.0.0.1:${peer}`,
      `--cert-file=${PKI}/etcd/server.crt`,
      `--key-file=${PKI}/etcd/server.key`,
      `--trusted-ca-file=${PKI}/etcd/ca.crt`,
      "--client-cert-auth=true",
      "--log-level=warn",
    ],
    logFile: path.join(tmp, "other-etcd.log"),
  });
  await waitUntil(
    proc,
    "started",
    () => Promise.resolve(fs.existsSync(path.join(tmp, "other-etcd", "member"))),
    30_000,
  );
  await new Promise((r) => setTimeout(r, 2000));
  return { proc, endpoint };
}

test("proof 3: another cluster's snapshot, a corrupt one and a missing confirm are refused before anything stops", async () => {
  // A missing confirm: refused at parse time, saying what to type.
  const { confirm: _c, ...noConfirm } = restoreInputs({});
  assert.throws(() => etcdRestore.parse(fromRecord(noConfirm)), /input 'confirm': .* set confirm to real/);

  const other = await otherEtcd();
  let otherKey = "";
  try {
    const snap = await capability(etcdSnapshot, {
      ...storage(),
      ...etcdAccess,
      "etcd-endpoint": other.endpoint,
    });
    otherKey = String(snap.outputs.key);
  } finally {
    await stopPid(other.proc.pid);
  }
  // The live cluster's own snapshot is older: the other one is named by key.
  await assert.rejects(capability(etcdRestore, restoreInputs({ key: otherKey })), (err: Error) => {
    assert.match(
      err.message,
      /is of etcd cluster [0-9a-f]+, the live etcd is cluster [0-9a-f]+: a snapshot of another cluster; nothing was stopped. Set allow-other-cluster/,
    );
    return true;
  });
  await untouched();

  // The same object with one byte changed: refused by the runner's verification, override or not.
  const client = new S3Client({
    endpoint: s3?.s3.endpoint ?? "",
    region: s3?.s3.region ?? "",
    forcePathStyle: true,
    credentials: { accessKeyId: s3?.s3.accessKeyId ?? "", secretAccessKey: s3?.s3.secretAccessKey ?? "" },
  });
  try {
    const got = await client.send(new GetObjectCommand({ Bucket: s3?.s3.bucket, Key: otherKey }));
    const body = Buffer.from(
      await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    const at = Math.floor(body.length / 2);
    body[at] = (body[at] ?? 0) ^ 0xff;
    await client.send(new PutObjectCommand({ Bucket: s3?.s3.bucket, Key: otherKey, Body: body }));
  } finally {
    client.destroy();
  }
  await assert.rejects(
    capability(etcdRestore, restoreInputs({ key: otherKey, "allow-other-cluster": "true" })),
    /is corrupt or truncated/,
  );
  await untouched();
});

test("proof 1: the restore brings back the snapshot's objects, pods run again, old watches get 410 Gone", async () => {
  const c = node.client;
  const ns = "dr-keep";
  await post("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  await post(`/api/v1/namespaces/${ns}/configmaps`, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "settings" },
    data: { color: "blue" },
  });
  await post(`/api/v1/namespaces/${ns}/secrets`, {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "token" },
    stringData: { token: "s3cr3t" },
  });
  await post(`/apis/apps/v1/namespaces/${ns}/deployments`, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          nodeSelector: { "kubernetes.io/hostname": NODE_NAME },
          terminationGracePeriodSeconds: 5,
          containers: [
            {
              name: "app",
              image: IMAGES.workload,
              imagePullPolicy: "Never",
              resources: { requests: { cpu: "5m", memory: "8Mi" } },
            },
          ],
        },
      },
    },
  });
  await post("/api/v1/namespaces/default/configmaps", {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "elsewhere" },
    data: { value: "before" },
  });
  const running = (want: number) =>
    waitFor(`${want} web pods Running`, 180_000, async () => {
      const pods = await c.get<
        List<Pod & { status?: { containerStatuses?: { ready?: boolean; containerID?: string }[] } }>
      >(`/api/v1/namespaces/${ns}/pods`, { labelSelector: "app=web" });
      const up = pods.items.filter(
        (p) =>
          p.status?.phase === "Running" &&
          p.status.containerStatuses?.every((s) => s.ready && s.containerID?.startsWith("containerd://")),
      );
      return up.length === want ? up : undefined;
    });
  await running(2);

  const snap = await capability(etcdSnapshot, {
    ...storage(),
    ...etcdAccess,
    "kubeconfig-path": node.info.kubeconfig,
  });
  const key = String(snap.outputs.key);

  // After the snapshot: the namespace deleted, a ConfigMap changed, another namespace created.
  await c.delete(`/api/v1/namespaces/${ns}`);
  await waitFor(`${ns} deleted`, 180_000, async () => {
    try {
      await c.get(`/api/v1/namespaces/${ns}`);
      return undefined;
    } catch (err) {
      return isApiError(err, 404) ? true : undefined;
    }
  });
  await c.request("PATCH", "/api/v1/namespaces/default/configmaps/elsewhere", {
    body: { data: { value: "after" } },
    contentType: "application/merge-patch+json",
  });
  await post("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dr-new" } });

  // A watch opened before the restore, following configmaps like an informer; the revision it last saw.
  const list = await c.get<{ metadata: { resourceVersion: string } }>("/api/v1/configmaps", { limit: 1 });
  let lastSeen = list.metadata.resourceVersion;
  const res = await c.open("GET", "/api/v1/configmaps", {
    query: { watch: 1, resourceVersion: lastSeen, allowWatchBookmarks: true },
  });
  const following = (async () => {
    try {
      for await (const ev of watchEvents<{ metadata?: { resourceVersion?: string } }>(res))
        if (ev.object.metadata?.resourceVersion) lastSeen = ev.object.metadata.resourceVersion;
    } catch {
      // The API server going away ends the stream.
    }
  })();

  const started = Date.now();
  // Through the ssh executor's access, as a runner outside the node would go: root over ssh, host key checked.
  const s = sshd as Sshd;
  const restored = await capability(
    etcdRestore,
    restoreInputs({
      key,
      executor: "ssh",
      "ssh-host": "127.0.0.1",
      "ssh-port": String(s.port),
      "ssh-key": s.key,
      "ssh-known-hosts": s.knownHosts,
    }),
  );
  const took = Date.now() - started;
  logger.info(`restore: ${took} ms from start to verified`);
  assert.equal(restored.outputs.verified, true, JSON.stringify(restored.report));
  assert.ok(
    fs.readdirSync(STATE).some((f) => /^snapshot-[0-9a-f]{16}\.db$/.test(f)),
    "the snapshot was sent over ssh into the node's state dir",
  );
  res.destroy();
  await following;

  // The namespace is back with its objects, its pods Running in real containers.
  const cm = await c.get<{ data: Record<string, string> }>(`/api/v1/namespaces/${ns}/configmaps/settings`);
  assert.equal(cm.data.color, "blue");
  await c.get(`/api/v1/namespaces/${ns}/secrets/token`);
  await running(2);
  const elsewhere = await c.get<{ data: Record<string, string> }>(
    "/api/v1/namespaces/default/configmaps/elsewhere",
  );
  assert.equal(elsewhere.data.value, "before");
  await assert.rejects(c.get("/api/v1/namespaces/dr-new"), (err) => isApiError(err, 404));

  // The watch resumes from the last revision it saw: too old, relist.
  const again = await c.open("GET", "/api/v1/configmaps", { query: { watch: 1, resourceVersion: lastSeen } });
  let first: { type: string; object: { code?: number } } | undefined;
  for await (const ev of watchEvents<{ code?: number }>(again)) {
    first = ev;
    break;
  }
  again.destroy();
  assert.equal(first?.type, "ERROR", JSON.stringify(first));
  assert.equal(first?.object.code, 410, JSON.stringify(first));

  // The data dir as it was is kept beside the restored one (removed by after(): the node's teardown does not know it).
  const id = String(restored.outputs["restore-id"]);
  assert.match(id, /^r[0-9a-f]{12}$/);
  keptDirs.push(`/var/lib/etcd.before-${id}`);
  assert.ok(fs.existsSync(`/var/lib/etcd.before-${id}/member`), `/var/lib/etcd.before-${id} kept`);
});
