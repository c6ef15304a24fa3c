// Exports must restore (issue #10), against real control planes: every typed
// Secret the API server validates, a Service's fixed clusterIP, PVC bindings, a
// Job, a StatefulSet's claim templates and int64 fields of a custom resource
// survive export -> server-side apply into a second cluster -> export, byte for
// byte, with nothing secret in the tree; a bad output path, a failing run and
// two runs into one path leave the previous export untouched and no debris.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { applyAll, type KubeObject } from "../../src/cluster/resources.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { sleep } from "../../src/core/sleep.ts";
import { startSandbox } from "../../src/sandbox/sandbox.ts";
import { waitForServiceAccount } from "../../src/sandbox/seed.ts";
import { kubeconfigWith, writeKubeconfig } from "../harness/kubeconfigs.ts";
import { refusedPort } from "../harness/ports.ts";
import { runCli, runKubectl } from "../harness/run.ts";
import { useSandbox } from "../harness/sandbox.ts";
import { waitFor } from "../harness/wait.ts";
import { files, treeHash } from "../harness/tree.ts";

const fx = useSandbox({ s3: false });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-export-restore-"));
after(() => fs.rmSync(work, { recursive: true, force: true }));
const FINGERPRINT_KEY = "test-fingerprint-key-0123456789";
const NS = "vault";
const b64 = (s: string) => Buffer.from(s).toString("base64");

const kubectl = (args: string[], input?: string, kubeconfig = fx.sandbox.kubeconfig): string =>
  runKubectl(fx.sandbox.info.kubectl, kubeconfig, args, input);

const exportArgs = (kubeconfig: string, out: string, extra: string[] = []) => [
  "export",
  "--kubeconfig-path",
  kubeconfig,
  "--path",
  out,
  ...extra,
];
// The key as users should pass a secret to the CLI: in the environment, off the command line.
const KEY_ENV = { KUBEKEEP_FINGERPRINT_KEY: FINGERPRINT_KEY };

const exportCli = (kubeconfig: string, out: string, extra: string[] = []) =>
  runCli(exportArgs(kubeconfig, out, extra), KEY_ENV);

/** Nothing left beside a tree: no staging folder, no lock. */
function assertNoDebris(tree: string): void {
  assert.ok(!fs.existsSync(`${tree}.kubekeep-new`), "a staging folder was left behind");
  assert.ok(!fs.existsSync(`${tree}.kubekeep-lock`), "a lock file was left behind");
}

/** Every secret value seeded, in the forms it could leak in. */
const secretValues: string[] = [];

function secretValue(v: string): string {
  secretValues.push(v, b64(v));
  return v;
}

/** The numbers of the custom resource, as JSON source text (the API server keeps int64 exactly). */
const NUMBERS: Record<string, string> = {
  big: "1234567890123456789",
  min: "-9223372036854775808",
  max: "9223372036854775807",
  safe: "9007199254740993",
  ratio: "0.1",
  large: "1e21",
  one: "1.0",
  tiny: "1e-7",
};

async function seedRestoreCase(): Promise<void> {
  const registryPassword = secretValue("registry-pass-Qx7v");
  const registryAuth = secretValue(`robot:${registryPassword}`);
  const cfgAuth = secretValue("legacy:legacy-pass-Wd3k");
  const secret = (name: string, type: string, data: Record<string, string>, namespace = NS): KubeObject => ({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace },
    type,
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
  });
  await applyAll(fx.client, [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: NS } },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot", namespace: NS } },
  ] as KubeObject[]);
  await waitForServiceAccount(fx.client, NS);
  await applyAll(fx.client, [
    secret("pull", "kubernetes.io/dockerconfigjson", {
      ".dockerconfigjson": JSON.stringify({
        auths: {
          "registry.example:5000": {
            username: secretValue("robot-user-Lm4"),
            password: registryPassword,
            auth: b64(registryAuth),
          },
        },
      }),
    }),
    secret("pull-legacy", "kubernetes.io/dockercfg", {
      ".dockercfg": JSON.stringify({ "legacy.example": { auth: b64(cfgAuth), email: "ops@example.com" } }),
    }),
    secret("basic", "kubernetes.io/basic-auth", {
      username: "admin",
      password: secretValue("basic-pass-Jh2q"),
    }),
    secret("ssh", "kubernetes.io/ssh-auth", {
      "ssh-privatekey": `-----BEGIN OPENSSH PRIVATE KEY-----\n${secretValue("ssh-key-body-Vb8n")}\n-----END OPENSSH PRIVATE KEY-----\n`,
    }),
    secret("cert", "kubernetes.io/tls", {
      "tls.crt": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
      "tls.key": secretValue("tls-key-body-Pz5r"),
    }),
    secret("plain", "Opaque", { token: secretValue("opaque-token-Ka9s") }),
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: "robot-token",
        namespace: NS,
        annotations: { "kubernetes.io/service-account.name": "robot" },
      },
      type: "kubernetes.io/service-account-token",
    },
    secret(
      "bootstrap-token-abcdef",
      "bootstrap.kubernetes.io/token",
      {
        "token-id": "abcdef",
        "token-secret": secretValue("0123456789qwerty"),
        expiration: "2099-01-01T00:00:00Z",
        "usage-bootstrap-authentication": "true",
        description: "restore test",
      },
      "kube-system",
    ),
    // kube-dns's fixed address (inside the static band of the sandbox's 10.0.0.0/16).
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "dns", namespace: NS },
      spec: {
        clusterIP: "10.0.0.10",
        selector: { app: "dns" },
        ports: [{ name: "dns", port: 53, protocol: "UDP" }],
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "allocated", namespace: NS },
      spec: { type: "NodePort", selector: { app: "web" }, ports: [{ port: 80 }] },
    },
    ...["pv-static", "pv-bound"].map((name, i) => ({
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name },
      spec: {
        capacity: { storage: `${i + 1}Gi` },
        accessModes: ["ReadWriteOnce"],
        persistentVolumeReclaimPolicy: "Retain",
        storageClassName: "manual",
        hostPath: { path: `/tmp/kubekeep-${name}` },
      },
    })),
    // Bound statically by the user (volumeName) and by the PV controller.
    {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "claim-static", namespace: NS },
      spec: {
        storageClassName: "manual",
        volumeName: "pv-static",
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: "1Gi" } },
      },
    },
    {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "claim-bound", namespace: NS },
      spec: {
        storageClassName: "manual",
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: "2Gi" } },
      },
    },
    {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "once", namespace: NS },
      spec: {
        suspend: true,
        template: {
          spec: { restartPolicy: "Never", containers: [{ name: "c", image: "registry.example/c:1" }] },
        },
      },
    },
    {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "db", namespace: NS },
      spec: {
        replicas: 0,
        serviceName: "db",
        selector: { matchLabels: { app: "db" } },
        template: {
          metadata: { labels: { app: "db" } },
          spec: { containers: [{ name: "db", image: "registry.example/db:1" }] },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: "data" },
            spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
          },
        ],
      },
    },
    {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "counters.restore.kubekeep.dev" },
      spec: {
        group: "restore.kubekeep.dev",
        scope: "Namespaced",
        names: { plural: "counters", singular: "counter", kind: "Counter", listKind: "CounterList" },
        versions: [
          {
            name: "v1",
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: "object",
                properties: { spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
              },
            },
          },
        ],
      },
    },
  ] as KubeObject[]);
  kubectl(["wait", "--for=condition=Established", "crd/counters.restore.kubekeep.dev", "--timeout=60s"]);
  // As text: a JavaScript object would round the numbers before they reach the server.
  const fields = Object.entries(NUMBERS)
    .map(([k, v]) => `"${k}":${v}`)
    .join(",");
  kubectl(
    ["apply", "--server-side", "-f", "-"],
    `{"apiVersion":"restore.kubekeep.dev/v1","kind":"Counter","metadata":{"name":"c","namespace":"${NS}"},"spec":{${fields}}}`,
  );
  await waitFor("both claims bound and the robot token filled in", async () => {
    const claims = await fx.client.get<{ items: { status?: { phase?: string } }[] }>(
      `/api/v1/namespaces/${NS}/persistentvolumeclaims`,
    );
    const token = await fx.client.get<{ data?: Record<string, string> }>(
      `/api/v1/namespaces/${NS}/secrets/robot-token`,
    );
    if (token.data?.token)
      secretValues.push(token.data.token, Buffer.from(token.data.token, "base64").toString());
    return claims.items.filter((c) => c.status?.phase === "Bound").length === 2 && !!token.data?.token;
  });
}

const first = path.join(work, "first", "export");

// Nothing lost, nothing leaked: every typed Secret applies after redaction, and
// what users set (a fixed clusterIP, a static binding, int64 fields) survives a
// restore while what the cluster filled in (allocations, bindings, generated
// Job labels, claim-template status) does not come back as stale values.
test("typed Secrets, fixed cluster IPs, bindings, Jobs, claim templates and int64 fields restore byte for byte", async () => {
  await seedRestoreCase();
  const run = exportCli(fx.sandbox.kubeconfig, first);
  assert.equal(run.status, 0, run.stderr);
  const read = (f: string) => fs.readFileSync(path.join(first, f), "utf8");
  for (const f of files(first)) {
    const text = read(f);
    for (const v of secretValues)
      assert.ok(!text.includes(v), `${f} leaks a secret value (${v.slice(0, 6)}...)`);
  }
  // Registry credentials: still JSON, hostnames readable, values redacted.
  const pull = /\.dockerconfigjson"?: (\S+)/.exec(read(`namespaces/${NS}/core/Secret/pull.yaml`))?.[1] ?? "";
  const config = JSON.parse(Buffer.from(pull, "base64").toString()) as {
    auths: Record<string, Record<string, string>>;
  };
  assert.deepEqual(Object.keys(config.auths), ["registry.example:5000"]);
  for (const v of Object.values(config.auths["registry.example:5000"] ?? {}))
    assert.match(v, /^REDACTED\/hmacSHA256\//);

  // What was kept and stripped, all checked before failing (one run shows every miss).
  const misses: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) misses.push(what);
  };
  const boot = read("namespaces/kube-system/core/Secret/bootstrap-token-abcdef.yaml");
  check(
    boot.includes(`expiration: ${b64("2099-01-01T00:00:00Z")}\n`) &&
      /token-secret: REDACTED\/hmacSHA256\//.test(boot),
    `a bootstrap token keeps its expiration, its secret redacted:\n${boot}`,
  );
  const dns = read(`namespaces/${NS}/core/Service/dns.yaml`);
  check(/clusterIP: "10\.0\.0\.10"\n/.test(dns), `the user's clusterIP is kept:\n${dns}`);
  check(!/clusterIPs|ipFamilies|ipFamilyPolicy/.test(dns), `allocated siblings are stripped:\n${dns}`);
  const allocated = read(`namespaces/${NS}/core/Service/allocated.yaml`);
  check(!/clusterIP|nodePort|ipFamil/.test(allocated), `allocations are stripped:\n${allocated}`);
  const staticClaim = read(`namespaces/${NS}/core/PersistentVolumeClaim/claim-static.yaml`);
  check(/volumeName: pv-static\n/.test(staticClaim), `a static binding is kept:\n${staticClaim}`);
  const boundClaim = read(`namespaces/${NS}/core/PersistentVolumeClaim/claim-bound.yaml`);
  check(!/volumeName/.test(boundClaim), `the PV controller's binding is stripped:\n${boundClaim}`);
  // The volume stays reserved for its claim (without the old claim's uid).
  const pv = read("cluster/core/PersistentVolume/pv-bound.yaml");
  check(/claimRef:\n(?: {4}.*\n)* {4}name: claim-bound\n/.test(pv), `the PV keeps its claimRef:\n${pv}`);
  check(!/uid:|resourceVersion:/.test(pv), `the claimRef's uid goes:\n${pv}`);
  const job = read(`namespaces/${NS}/batch/Job/once.yaml`);
  check(!/controller-uid|job-name|selector/.test(job), `the Job's generated labels go:\n${job}`);
  const sts = read(`namespaces/${NS}/apps/StatefulSet/db.yaml`);
  check(!/status:|phase:/.test(sts), `claim templates lose their status:\n${sts}`);
  // The numbers exactly as the API server sends them.
  const raw = kubectl(["get", "--raw", `/apis/restore.kubekeep.dev/v1/namespaces/${NS}/counters/c`]);
  const counter = read(`namespaces/${NS}/restore.kubekeep.dev/Counter/c.yaml`);
  for (const k of Object.keys(NUMBERS)) {
    const served = new RegExp(`"${k}":(-?[0-9.eE+-]+)`).exec(raw)?.[1] ?? `${k} missing from ${raw}`;
    const exact = new RegExp(`\n  ${k}: ${served.replace(/[.+]/g, "\\$&")}\n`).test(counter);
    check(exact, `${k} is exported as the server sent it (${served}):\n${counter}`);
  }
  if (misses.length) console.log(`misses:\n${misses.join("\n---\n")}`);

  const other = await startSandbox({ s3: false, logger: new ConsoleLogger() });
  try {
    const client = await other.client();
    try {
      const kc = other.kubeconfig;
      const apply = (dir: string) =>
        kubectl(
          ["apply", "--server-side", "--force-conflicts", "-R", "-f", path.join(first, dir)],
          undefined,
          kc,
        );
      apply("cluster");
      kubectl(
        ["wait", "--for=condition=Established", "crd/counters.restore.kubekeep.dev", "--timeout=60s"],
        undefined,
        kc,
      );
      await waitForServiceAccount(client, NS);
      apply("namespaces");
      // The token controller deletes a token Secret whose ServiceAccount its cache has not
      // seen yet (a fresh cluster's controllers are still syncing): apply again until it stays.
      for (let i = 0; ; i++) {
        await sleep(1000);
        const secrets = await client.get<{ items: { metadata: { name: string } }[] }>(
          `/api/v1/namespaces/${NS}/secrets`,
        );
        if (secrets.items.some((s) => s.metadata.name === "robot-token")) break;
        assert.ok(i < 10, "the token Secret never stayed");
        apply("namespaces");
      }
      // Give the token cleaner time to act on the restored bootstrap token: it deletes one
      // whose expiration does not parse.
      await sleep(5000);
      await client.get("/api/v1/namespaces/kube-system/secrets/bootstrap-token-abcdef");
      const second = path.join(work, "second", "export");
      const again = exportCli(kc, second);
      assert.equal(again.status, 0, again.stderr);
      const a = files(first);
      assert.deepEqual(files(second), a);
      for (const f of a) {
        assert.equal(
          fs.readFileSync(path.join(second, f), "utf8"),
          fs.readFileSync(path.join(first, f), "utf8"),
          `${f} differs between the two clusters' exports`,
        );
      }
    } finally {
      client.close();
    }
  } finally {
    await other.stop({ removeDir: true });
  }
  assert.deepEqual(misses, []);
});

// Clear error, bounded time: a path that is a file is refused before the
// cluster is contacted, without a stack trace, and nothing is created.
test("a path that is a file fails at once, naming input path, before listing anything", () => {
  const file = path.join(work, "not-a-folder");
  fs.writeFileSync(file, "mine\n");
  for (const value of [file, path.join(file, "export")]) {
    const started = Date.now();
    const run = exportCli(fx.sandbox.kubeconfig, value);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.equal(
      run.stderr,
      `kubekeep: input 'path': got ${JSON.stringify(value)}, expected a folder (or a path that does not exist yet); ${file} is a file\n`,
    );
    assert.doesNotMatch(run.stdout, /Discovering kinds|Listing/);
    assert.ok(Date.now() - started < 30_000);
    assertNoDebris(value);
  }
  assert.equal(fs.readFileSync(file, "utf8"), "mine\n");
});

// Nothing half-written: a run that fails after its worker opened the staging
// folder (the API server unreachable) removes it; the previous export stays.
test("a failing run leaves the previous export untouched and no staging folder", async () => {
  const tree = path.join(work, "failing", "export");
  assert.equal(exportCli(fx.sandbox.kubeconfig, tree, ["--include-namespaces", NS]).status, 0);
  const before = treeHash(tree);
  const deadPort = await refusedPort();
  const dead = writeKubeconfig(
    fx,
    "dead.kubeconfig",
    kubeconfigWith(fx, { server: `https://127.0.0.1:${deadPort}` }),
  );
  const run = exportCli(dead, tree, ["--include-namespaces", NS]);
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stderr, new RegExp(`127\\.0\\.0\\.1:${deadPort}`));
  assert.equal(treeHash(tree), before);
  assertNoDebris(tree);
});

// Nothing corrupted: two exports into the same path at once do not interleave;
// the second fails naming the first, which completes; a dead run's lock does
// not block the next run.
test("a second export into the same path fails clearly while the first completes", async () => {
  await applyAll(fx.client, [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "busy" } },
    ...Array.from({ length: 300 }, (_, i) => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: `cm-${i}`, namespace: "busy" },
      data: { value: String(i) },
    })),
  ]);
  const tree = path.join(work, "concurrent", "export");
  const args = exportArgs(fx.sandbox.kubeconfig, tree, [
    "--include-namespaces",
    "busy",
    "--page-size",
    "1",
    "--concurrency",
    "1",
  ]);
  const firstRun = spawn(
    process.execPath,
    [path.resolve(import.meta.dirname, "../../src/cli/main.ts"), ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...KEY_ENV },
    },
  );
  let out = "";
  firstRun.stdout.on("data", (d: Buffer) => (out += d.toString()));
  firstRun.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => firstRun.on("exit", resolve));
  // Catch the first run mid-way (it stages files) and hold it there while a
  // second run starts: the second must not touch the first one's staging folder.
  const staging = `${tree}.kubekeep-new`;
  for (let i = 0; i < 4800 && !fs.existsSync(path.join(staging, "namespaces")); i++) await sleep(25);
  firstRun.kill("SIGSTOP");
  let second: ReturnType<typeof exportCli>;
  try {
    assert.ok(fs.existsSync(staging), "the first run was not caught mid-way");
    second = exportCli(fx.sandbox.kubeconfig, tree, ["--include-namespaces", "busy"]);
  } finally {
    firstRun.kill("SIGCONT");
  }
  assert.equal(second.status, 1, second.stdout);
  assert.match(
    second.stderr,
    new RegExp(
      `^kubekeep: another export into ${tree.replace(/[.]/g, "\\.")} is running \\(pid ${firstRun.pid} on `,
    ),
  );
  assert.equal(await exited, 0, out);
  assertNoDebris(tree);
  assert.ok(fs.existsSync(path.join(tree, "namespaces/busy/core/ConfigMap/cm-299.yaml")));
  // The tree is whole: the next run finds nothing to change.
  const third = exportCli(fx.sandbox.kubeconfig, tree, ["--include-namespaces", "busy"]);
  assert.equal(third.status, 0, third.stderr);
  assert.match(third.stdout, /changed=false/);

  // A lock left by a run that was killed is taken over.
  const gone = spawnSync(process.execPath, ["-e", ""]).pid;
  fs.writeFileSync(
    `${tree}.kubekeep-lock`,
    JSON.stringify({ pid: gone, hostname: os.hostname(), started: "earlier", token: "x" }),
  );
  const after = exportCli(fx.sandbox.kubeconfig, tree, ["--include-namespaces", "busy"]);
  assert.equal(after.status, 0, after.stderr);
  assert.match(after.stderr + after.stdout, /took over the lock of an export that is gone/);
  assertNoDebris(tree);
});
