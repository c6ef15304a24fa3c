// Issue #19, HA: a control plane of three stacked etcd members (and a
// kube-apiserver) on loopback, run from static-pod manifests by a stand-in for
// the kubelet (test/harness/static-pods.ts), restored from one snapshot by
// `kubekeep etcd-restore --mode run` through the command executor (the script
// runs here; every member has its own manifests folder, data dir and state).
// All three come back as one new cluster (one new cluster id, a fresh token)
// with the snapshot's data and bumped revisions. Then, through executor ssh
// (kubekeep-sshd on 127.0.0.1, host keys checked, each member's address read
// from its Node's InternalIP): a wrong host key is refused before anything
// stops; and proof 2: a restore whose kubekeep is SIGKILLed while etcd is
// stopped is run again (the members value it printed carries the addresses:
// the API is down) and finishes, and the rollback puts the data from before
// that restore back, and it answers.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { isApiError, KubeClient } from "../../src/cluster/client.ts";
import { writeKubeconfig } from "../../src/cluster/kubeconfig.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { createPki, type SandboxPki } from "../../src/core/pki.ts";
import { freePorts } from "../../src/core/ports.ts";
import { EtcdClient } from "../../src/etcd/client.ts";
import { ensureBinaries } from "../../src/sandbox/binaries.ts";
import { startS3Server } from "../../src/sandbox/sandbox.ts";
import { startSshd, type Sshd } from "../harness/sshd.ts";
import { staticPods, type StaticPods } from "../harness/static-pods.ts";
import { waitFor as harnessWait } from "../harness/wait.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const logger = new ConsoleLogger();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-ha-"));
const NAMES = ["m1", "m2", "m3"] as const;
let pki: SandboxPki;
let pods: StaticPods | undefined;
let s3: Awaited<ReturnType<typeof startS3Server>> | undefined;
let client: KubeClient | undefined;
let etcdutl = "";
let etcdBin = "";
/** The first test's snapshot: of the etcd cluster from before any restore. */
let firstKey = "";

let sshd: Sshd | undefined;
const kubeconfig = path.join(tmp, "kubeconfig");
const ports: { client: number; peer: number }[] = [];

const nodeOf = (i: number) => `n${i + 1}`;
const dataDir = (i: number) => path.join(tmp, nodeOf(i), "etcd");
const manifests = (i: number) => path.join(tmp, nodeOf(i), "manifests");
const peer = (i: number) => `http://127.0.0.1:${ports[i]?.peer}`;
const clientUrl = (i: number) => `https://127.0.0.1:${ports[i]?.client}`;

function etcd(i: number): EtcdClient {
  const tls = {
    ca: fs.readFileSync(pki.ca.cert, "utf8"),
    cert: fs.readFileSync(pki.etcdClient.cert, "utf8"),
    key: fs.readFileSync(pki.etcdClient.key, "utf8"),
  };
  return new EtcdClient(`127.0.0.1:${ports[i]?.client}`, tls);
}

async function status(i: number) {
  const c = etcd(i);
  try {
    return await c.status(5000);
  } finally {
    c.close();
  }
}

/** The harness's wait, with the argument order of this file's calls: errors count as "not yet". */
function waitFor<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  return harnessWait(what, probe, ms, { retryErrors: true, intervalMs: 500 });
}

before(async () => {
  const bins = await ensureBinaries(logger);
  etcdutl = bins.etcdutl;
  etcdBin = bins.etcd;
  pki = createPki(path.join(tmp, "pki"));
  const all = await freePorts(7);
  for (let i = 0; i < 3; i++) ports.push({ client: all[2 * i] as number, peer: all[2 * i + 1] as number });
  const apiPort = all[6] as number;
  const cluster = NAMES.map((n, i) => `${n}=${peer(i)}`).join(",");
  for (let i = 0; i < 3; i++) {
    fs.mkdirSync(manifests(i), { recursive: true });
    const command = [
      bins.etcd,
      `--name=${NAMES[i]}`,
      `--data-dir=${dataDir(i)}`,
      `--listen-client-urls=${clientUrl(i)}`,
      `--advertise-client-urls=${clientUrl(i)}`,
      `--listen-peer-urls=${peer(i)}`,
      `--initial-advertise-peer-urls=${peer(i)}`,
      `--initial-cluster=${cluster}`,
      "--initial-cluster-token=before-any-restore",
      "--initial-cluster-state=new",
      `--cert-file=${pki.etcdServer.cert}`,
      `--key-file=${pki.etcdServer.key}`,
      `--trusted-ca-file=${pki.ca.cert}`,
      "--client-cert-auth=true",
      "--listen-metrics-urls=",
      "--unsafe-no-fsync=true",
      "--log-level=warn",
    ];
    fs.writeFileSync(path.join(manifests(i), "etcd.yaml"), JSON.stringify({ command }));
  }
  // The API server is a static pod of n1, as on a kubeadm control-plane node.
  const apiserver = [
    bins["kube-apiserver"],
    `--etcd-servers=${[0, 1, 2].map(clientUrl).join(",")}`,
    `--etcd-cafile=${pki.ca.cert}`,
    `--etcd-certfile=${pki.etcdClient.cert}`,
    `--etcd-keyfile=${pki.etcdClient.key}`,
    "--bind-address=127.0.0.1",
    "--advertise-address=127.0.0.1",
    `--secure-port=${apiPort}`,
    `--cert-dir=${path.join(tmp, "apiserver-certs")}`,
    `--tls-cert-file=${pki.apiserver.cert}`,
    `--tls-private-key-file=${pki.apiserver.key}`,
    `--client-ca-file=${pki.ca.cert}`,
    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
    `--service-account-key-file=${pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    "--service-cluster-ip-range=10.0.0.0/16",
    "--authorization-mode=RBAC",
    "--profiling=false",
    "--endpoint-reconciler-type=none",
  ];
  fs.writeFileSync(path.join(manifests(0), "kube-apiserver.yaml"), JSON.stringify({ command: apiserver }));
  pods = staticPods(NAMES.map((_, i) => ({ node: nodeOf(i), manifests: manifests(i), logDir: tmp })));
  writeKubeconfig(kubeconfig, {
    name: "ha",
    server: `https://127.0.0.1:${apiPort}`,
    caFile: pki.ca.cert,
    certFile: pki.admin.cert,
    keyFile: pki.admin.key,
  });
  client = await KubeClient.fromFile(kubeconfig);
  await waitFor("the API server over three members", 120_000, async () => {
    await client?.get("/api/v1/namespaces/default");
    return true;
  });
  // The API server creates the default/kubernetes Service (and its IPAddress)
  // shortly after it starts, as on every real cluster. A snapshot taken before
  // that would be of a cluster younger than any a user restores, and after the
  // restore the API server would create them again: verify's object
  // comparison (rightly) counts that as a difference.
  await waitFor("the API server's default/kubernetes Service", 60_000, async () => {
    await client?.get("/api/v1/namespaces/default/services/kubernetes");
    return true;
  });
  // The members' Nodes, Ready, each reporting 127.0.0.1 (where sshd listens) as its InternalIP.
  for (let i = 0; i < 3; i++)
    await client.post("/api/v1/nodes", {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: nodeOf(i), labels: { "node-role.kubernetes.io/control-plane": "" } },
      status: {
        conditions: [{ type: "Ready", status: "True", reason: "KubeletReady", message: "stand-in" }],
        addresses: [{ type: "InternalIP", address: "127.0.0.1" }],
      },
    });
  s3 = await startS3Server(path.join(tmp, "s3"), logger);
  fs.mkdirSync(path.join(tmp, "ssh"));
  sshd = await startSshd(path.join(tmp, "ssh"), logger);
});

after(async () => {
  client?.close();
  sshd?.stop();
  await pods?.stop();
  await s3?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function env(): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: s3?.s3.accessKeyId ?? "",
    AWS_SECRET_ACCESS_KEY: s3?.s3.secretAccessKey ?? "",
    AWS_REGION: s3?.s3.region ?? "",
  };
}

const storage = () => [
  "--s3-bucket",
  s3?.s3.bucket ?? "",
  "--s3-endpoint",
  s3?.s3.endpoint ?? "",
  "--cluster-name",
  "ha",
];
const etcdAccess = () => [
  "--etcd-endpoint",
  clientUrl(0),
  "--etcd-ca",
  pki.ca.cert,
  "--etcd-cert",
  pki.etcdClient.cert,
  "--etcd-key",
  pki.etcdClient.key,
];
const members = () =>
  NAMES.map((n, i) => `${n}=${peer(i)};node=${nodeOf(i)};data-dir=${dataDir(i)}`).join(",");

/** executor ssh through kubekeep-sshd, host keys checked (strict, the default); the address from {internal-ip}. */
function sshAccess(knownHosts = sshd?.knownHosts ?? ""): string[] {
  return [
    "--executor",
    "ssh",
    "--ssh-host",
    "{internal-ip}",
    "--ssh-port",
    String(sshd?.port),
    "--ssh-user",
    os.userInfo().username,
    "--ssh-sudo=false",
    "--ssh-known-hosts",
    knownHosts,
  ];
}

function restoreArgs(
  mode: "run" | "rollback",
  extra: string[] = [],
  access: string[] = ["--restore-command", 'bash "$KUBEKEEP_SCRIPT"'],
  membersValue = members(),
): string[] {
  return [
    "etcd-restore",
    ...storage(),
    "--kubeconfig-path",
    kubeconfig,
    "--mode",
    mode,
    "--confirm",
    "ha",
    "--members",
    membersValue,
    ...access,
    "--manifest-dir",
    path.join(tmp, "{node}", "manifests"),
    "--state-dir",
    path.join(tmp, "{node}", "state"),
    "--etcdutl",
    etcdutl,
    "--output",
    path.join(tmp, "restore.db"),
    "--wait-timeout",
    "1m",
    "--health-timeout",
    "2m",
    ...(mode === "run" ? etcdAccess() : []),
    ...extra,
  ];
}

/** The CLI, its output echoed; `killOn` SIGKILLs it when a line matches. */
function kubekeep(
  args: string[],
  killOn?: RegExp,
): Promise<{ status: number | null; signal: string | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "src", "cli", "main.ts"), ...args], {
      cwd: root,
      env: { ...process.env, ...env(), ...(sshd ? { KUBEKEEP_SSH_KEY: sshd.key } : {}) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const take = (d: Buffer) => {
      output += d.toString();
      process.stderr.write(d.toString().replace(/^/gm, "  | "));
      if (killOn?.test(output)) child.kill("SIGKILL");
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    const timer = setTimeout(() => child.kill("SIGKILL"), 600_000);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, output });
    });
  });
}

/** The key an etcd-snapshot run printed (its outputs, key=...). */
function keyOf(output: string): string {
  const key = /^key=(\S+)$/m.exec(output)?.[1];
  assert.ok(key, output);
  return key;
}

async function configMap(name: string): Promise<string | undefined> {
  try {
    const cm = await (client as KubeClient).get<{ data: Record<string, string> }>(
      `/api/v1/namespaces/default/configmaps/${name}`,
    );
    return cm.data.value;
  } catch (err) {
    if (isApiError(err, 404)) return undefined;
    throw err;
  }
}

async function putConfigMap(name: string, value: string): Promise<void> {
  const c = client as KubeClient;
  const body = { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { value } };
  if ((await configMap(name)) === undefined) await c.post("/api/v1/namespaces/default/configmaps", body);
  else await c.put(`/api/v1/namespaces/default/configmaps/${name}`, body);
}

test("three members restored from one snapshot come back as one new cluster with its data and bumped revisions", async () => {
  await putConfigMap("keep", "before");
  const original = await status(0);
  const snap = await kubekeep(["etcd-snapshot", ...storage(), ...etcdAccess()]);
  assert.equal(snap.status, 0, snap.output);
  const revision = Number(/at revision (\d+)/.exec(snap.output)?.[1]);
  firstKey = keyOf(snap.output);
  await putConfigMap("keep", "after");
  await putConfigMap("later", "x");

  const run = await kubekeep(restoreArgs("run"));
  assert.equal(run.status, 0, run.output);
  assert.match(run.output, /restore r[0-9a-f]{12}: also the new cluster token/);

  const after = await Promise.all(
    [0, 1, 2].map((i) => waitFor(`member ${i} answers`, 60_000, () => status(i))),
  );
  const ids = new Set(after.map((s) => s.header.clusterId));
  assert.equal(ids.size, 1, "one cluster");
  assert.notEqual(after[0]?.header.clusterId, original.header.clusterId, "a new cluster");
  for (const s of after)
    assert.ok(s.header.revision > revision + 1_000_000_000, `bumped: ${s.header.revision}`);
  assert.ok(
    after.some((s) => s.leader !== "0"),
    "a leader",
  );
  assert.equal(await configMap("keep"), "before");
  assert.equal(await configMap("later"), undefined);
  for (let i = 0; i < 3; i++) {
    const kept = fs.readdirSync(path.dirname(dataDir(i))).filter((f) => f.startsWith("etcd.before-"));
    assert.equal(kept.length, 1, `member ${i}'s previous data dir kept`);
  }
  assert.match(run.output, /ok: revisions bumped past/);
  assert.match(run.output, /ok: objects match the snapshot \(kind by kind\): \d+ kinds/);
  assert.match(run.output, /lineage recorded .*: etcd cluster [0-9a-f]+ descends from [0-9a-f]+/);
});

test("verify compares the objects with the snapshot kind by kind: an object deleted after the restore fails it, named with its counts", async () => {
  const verify = () =>
    kubekeep([
      "etcd-restore",
      ...storage(),
      "--kubeconfig-path",
      kubeconfig,
      "--mode",
      "verify",
      "--key",
      firstKey,
      "--members",
      members(),
      "--output",
      path.join(tmp, "verify.db"),
      "--health-timeout",
      "1m",
      ...etcdAccess(),
    ]);
  const ok = await verify();
  assert.equal(ok.status, 0, ok.output);
  await (client as KubeClient).delete("/api/v1/namespaces/default/configmaps/keep");
  const bad = await verify();
  assert.notEqual(bad.status, 0, bad.output);
  assert.match(
    bad.output,
    /FAILED: objects match the snapshot \(kind by kind\): 1 kind differs: configmaps: (\d+) in the snapshot vs (\d+) in the live cluster \(1 more in the snapshot \(deleted after the restore\?\)/,
  );
  assert.match(bad.output, /Kinds that differ from the snapshot/);
  await putConfigMap("keep", "before");
});

test("lineage: after a restore, an earlier snapshot of this cluster is still its own; another cluster's is refused", async () => {
  // The first snapshot records the etcd cluster id from before the first restore.
  const again = await kubekeep(restoreArgs("run", ["--key", firstKey]));
  assert.equal(again.status, 0, again.output);
  assert.match(
    again.output,
    /the snapshot is of this cluster's etcd before a restore \(the live etcd [0-9a-f]+ descends from it/,
  );
  assert.match(again.output, /descends from [0-9a-f]+, [0-9a-f]+/);

  // A one-member etcd of its own: another cluster.
  const [c, p] = (await freePorts(2)) as [number, number];
  const url = `https://127.0.0.1:${c}`;
  const other = spawn(
    etcdBin,
    [
      "--name=other",
      `--data-dir=${path.join(tmp, "other-etcd")}`,
      `--listen-client-urls=${url}`,
      `--advertise-client-urls=${url}`,
      `--listen-peer-urls=http://127.0.0.1:${p}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${p}`,
      `--initial-cluster=other=http://127.0.0.1:${p}`,
      `--cert-file=${pki.etcdServer.cert}`,
      `--key-file=${pki.etcdServer.key}`,
      `--trusted-ca-file=${pki.ca.cert}`,
      "--client-cert-auth=true",
      "--listen-metrics-urls=",
      "--unsafe-no-fsync=true",
      "--log-level=warn",
    ],
    { stdio: "ignore" },
  );
  let otherKey = "";
  try {
    const access = etcdAccess();
    access[1] = url;
    const snap = await kubekeep(["etcd-snapshot", ...storage(), ...access]);
    assert.equal(snap.status, 0, snap.output);
    otherKey = keyOf(snap.output);
  } finally {
    other.kill("SIGKILL");
  }
  const refused = await kubekeep(restoreArgs("run", ["--key", otherKey]));
  assert.notEqual(refused.status, 0, refused.output);
  assert.match(refused.output, /a snapshot of another cluster; nothing was stopped/);
  assert.ok(
    pods?.running().some((x) => x.endsWith("etcd.yaml")),
    "etcd still running",
  );
});

/** Every member's etcd manifest in its folder, and the API server's: nothing was stopped. */
function nothingStopped(): void {
  for (let i = 0; i < 3; i++)
    assert.ok(fs.existsSync(path.join(manifests(i), "etcd.yaml")), `member ${i}'s etcd manifest in place`);
  assert.ok(
    fs.existsSync(path.join(manifests(0), "kube-apiserver.yaml")),
    "the API server's manifest in place",
  );
}

test("executor ssh: a node whose host key is not the one in ssh-known-hosts is refused before anything stops", async () => {
  const other = path.join(tmp, "ssh", "other_key");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", other]);
  const wrong = `[127.0.0.1]:${sshd?.port} ${fs.readFileSync(`${other}.pub`, "utf8").trim().split(" ").slice(0, 2).join(" ")}`;
  const run = await kubekeep(restoreArgs("run", [], sshAccess(wrong)));
  assert.notEqual(run.status, 0, run.output);
  assert.match(
    run.output,
    new RegExp(
      `ssh to ${os.userInfo().username}@127\\.0\\.0\\.1:${sshd?.port} \\(n1\\) refused: the node's host key does not match ssh-known-hosts \\(it offered the ED25519 key SHA256:`,
    ),
  );
  nothingStopped();
  await client?.get("/api/v1/namespaces/default");
});

test("proof 2 over ssh: a restore killed while etcd is stopped is run again and finishes; rollback puts back the data from before it", async () => {
  await putConfigMap("keep", "between");
  const snap = await kubekeep(["etcd-snapshot", ...storage(), ...etcdAccess()]);
  assert.equal(snap.status, 0, snap.output);
  await putConfigMap("keep", "after-second-snapshot");

  // Killed once every member is stopped and one is restored. The members input names the nodes only:
  // their addresses come from the Nodes, read while the API answers, and are printed before anything stops.
  const killed = await kubekeep(restoreArgs("run", [], sshAccess()), /\[m2\] step restore on n2/);
  assert.equal(killed.signal, "SIGKILL", killed.output);
  assert.ok(
    !pods?.running().some((p) => p.endsWith("etcd.yaml")),
    `etcd stopped: ${pods?.running().join(", ")}`,
  );
  // The snapshot went over ssh into each node's state dir, and was hashed there before anything stopped.
  assert.match(killed.output, /\[m1\] kubekeep: snapshot sha256 [0-9a-f]{64}: the same as on the runner/);
  for (let i = 0; i < 3; i++)
    assert.ok(
      fs.readdirSync(path.join(tmp, nodeOf(i), "state")).some((f) => /^snapshot-[0-9a-f]{16}\.db$/.test(f)),
      `the snapshot sent to ${nodeOf(i)}`,
    );
  const recorded =
    /members, for a re-run or a rollback while the API server is down: (\S+)/.exec(killed.output)?.[1] ?? "";
  assert.equal(recorded.match(/;internal-ip=127\.0\.0\.1/g)?.length, 3, recorded);

  // With the API down, the node names alone cannot be turned into addresses: refused, saying what to give.
  const bare = await kubekeep(restoreArgs("run", [], sshAccess()));
  assert.notEqual(bare.status, 0, bare.output);
  assert.match(bare.output, /ssh-host needs the InternalIP of node n1 \(member m1\), and the API cannot say/);
  assert.match(bare.output, /give it in the members input as m1=\S+;internal-ip=<address>/);

  // The value the killed run printed reaches them.
  const again = await kubekeep(restoreArgs("run", [], sshAccess(), recorded));
  assert.equal(again.status, 0, again.output);
  assert.match(again.output, /continuing restore (r[0-9a-f]{12}), unfinished on the members/);
  assert.equal(await configMap("keep"), "between");

  const rolled = await kubekeep(restoreArgs("rollback", [], sshAccess(), recorded));
  assert.equal(rolled.status, 0, rolled.output);
  assert.match(rolled.output, /ok: API server answers/);
  assert.equal(
    await configMap("keep"),
    "after-second-snapshot",
    "the data from just before the second restore",
  );
  const back = await Promise.all(
    [0, 1, 2].map((i) => waitFor(`member ${i} answers`, 60_000, () => status(i))),
  );
  assert.equal(new Set(back.map((s) => s.header.clusterId)).size, 1);
});
