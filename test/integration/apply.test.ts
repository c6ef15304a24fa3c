// `apply` (issue #13) against real control planes: a seeded cluster (CRDs and
// custom resources, admission webhooks whose service does not exist, typed
// Secrets and a service-account token, ConfigMaps, a Deployment, a Service
// with a fixed clusterIP, RBAC) is exported, its sandbox stopped, and the tree
// planned and applied into a FRESH sandbox in one run; the re-export is the
// same tree byte for byte. Then drift on the live cluster shows in the plan
// exactly (and prune candidates only with prune), conflicts are not applied
// without force, redacted Secrets need their values, objects changed during
// an apply do not fail it, git refs apply, and bad input fails clearly.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import type { KubeClient } from "../../src/cluster/client.ts";
import { applyAll, type KubeObject } from "../../src/cluster/resources.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { startSandbox, type Sandbox } from "../../src/sandbox/sandbox.ts";
import { waitForServiceAccount } from "../../src/sandbox/seed.ts";
import { serviceAccountKubeconfig } from "../harness/kubeconfigs.ts";
import { tcpRelay } from "../harness/relay.ts";
import { runCli, runCliAsync, runKubectl } from "../harness/run.ts";
import { files, treeHash } from "../harness/tree.ts";
import { waitFor } from "../harness/wait.ts";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-apply-"));
after(() => fs.rmSync(work, { recursive: true, force: true }));
const NS = "shop";
const b64 = (s: string) => Buffer.from(s).toString("base64");

/** Every seeded secret value: none may be printed by apply, plan or report. */
const SECRETS: Record<string, Record<string, string>> = {
  db: { password: "db-pass-Hq8x", user: "shop" },
  "tls-cert": {
    "tls.crt": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    "tls.key": "tls-key-Zr4m",
  },
  basic: { username: "admin", password: "basic-pass-Uy6d" },
  pull: {
    ".dockerconfigjson": JSON.stringify({
      auths: { "registry.example": { auth: b64("robot:pull-pass-Kk2w") } },
    }),
  },
  "pull-legacy": { ".dockercfg": JSON.stringify({ "legacy.example": { auth: b64("old:cfg-pass-Wd3k") } }) },
  ssh: {
    "ssh-privatekey":
      "-----BEGIN OPENSSH PRIVATE KEY-----\nssh-key-Vb8n\n-----END OPENSSH PRIVATE KEY-----\n",
  },
};
const SECRET_TYPES: Record<string, string> = {
  db: "Opaque",
  "tls-cert": "kubernetes.io/tls",
  basic: "kubernetes.io/basic-auth",
  pull: "kubernetes.io/dockerconfigjson",
  "pull-legacy": "kubernetes.io/dockercfg",
  ssh: "kubernetes.io/ssh-auth",
};
const leaks = (text: string) =>
  Object.values(SECRETS)
    .flatMap((s) => Object.values(s))
    .filter((v) => v.length > 8 && v.includes("-"))
    .filter((v) => text.includes(v) || text.includes(b64(v)));

function seedObjects(): KubeObject[] {
  const objs: unknown[] = [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: NS } },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot", namespace: NS } },
    {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "widgets.apply.kubekeep.dev" },
      spec: {
        group: "apply.kubekeep.dev",
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
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
    ...["red", "blue"].map((name, i) => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name, namespace: NS, labels: { app: "shop" } },
      data: { color: name, index: String(i) },
    })),
    ...Object.entries(SECRETS).map(([name, data]) => ({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name, namespace: NS },
      type: SECRET_TYPES[name],
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
    })),
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
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: NS },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "web", image: "registry.example/web:1" }] },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: NS },
      spec: { clusterIP: "10.0.0.77", selector: { app: "web" }, ports: [{ port: 80 }] },
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "reader", namespace: NS },
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "robot-reads", namespace: NS },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" },
      subjects: [{ kind: "ServiceAccount", name: "robot", namespace: NS }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "widget-viewer" },
      rules: [{ apiGroups: ["apply.kubekeep.dev"], resources: ["widgets"], verbs: ["get"] }],
    },
    // Webhooks whose service does not exist: with failurePolicy Ignore they must not
    // break an apply (they are applied last, and a dry run past them still answers).
    ...(["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"] as const).map((kind) => ({
      apiVersion: "admissionregistration.k8s.io/v1",
      kind,
      metadata: { name: `shop-${kind.slice(0, 8).toLowerCase()}` },
      webhooks: [
        {
          name: `${kind.slice(0, 8).toLowerCase()}.apply.kubekeep.dev`,
          admissionReviewVersions: ["v1"],
          sideEffects: "None",
          failurePolicy: "Ignore",
          timeoutSeconds: 2,
          clientConfig: { service: { name: "nowhere", namespace: NS, path: "/validate" } },
          rules: [
            {
              apiGroups: [""],
              apiVersions: ["v1"],
              operations: ["CREATE", "UPDATE"],
              resources: ["configmaps"],
            },
          ],
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": NS } },
        },
      ],
    })),
  ];
  return objs as KubeObject[];
}

async function seed(client: KubeClient, kubectl: (args: string[], input?: string) => string): Promise<void> {
  const all = seedObjects();
  const widgets = all.filter((o) => o.kind !== "CustomResourceDefinition");
  await applyAll(client, all.slice(0, 3));
  await waitForServiceAccount(client, NS);
  kubectl(["wait", "--for=condition=Established", "crd/widgets.apply.kubekeep.dev", "--timeout=60s"]);
  await applyAll(client, widgets.slice(2));
  kubectl(
    ["apply", "--server-side", "-f", "-"],
    `{"apiVersion":"apply.kubekeep.dev/v1","kind":"Widget","metadata":{"name":"w","namespace":"${NS}"},"spec":{"size":9007199254740993,"ratio":1.0}}`,
  );
  await waitFor("the robot token filled in", async () => {
    const token = await client.get<{ data?: Record<string, string> }>(
      `/api/v1/namespaces/${NS}/secrets/robot-token`,
    );
    return !!token.data?.token;
  });
}

/** One `kubekeep apply` run; outputs parsed from the CLI's `name=value` lines. */
function apply(kubeconfig: string, tree: string, extra: string[] = []) {
  const run = runCli(["apply", "--kubeconfig-path", kubeconfig, "--path", tree, ...extra]);
  const outputs: Record<string, string> = {};
  for (const line of run.stdout.split("\n")) {
    const m = /^([a-z-]+)=(.*)$/.exec(line);
    if (m) outputs[m[1] as string] = m[2] as string;
  }
  for (const v of leaks(run.stdout + run.stderr))
    assert.fail(`apply printed a secret value (${v.slice(0, 4)}...)`);
  return { ...run, outputs };
}

function exportTree(kubeconfig: string, out: string): void {
  const run = runCli(["export", "--kubeconfig-path", kubeconfig, "--path", out]);
  assert.equal(run.status, 0, run.stderr);
}

/** The plan file's rows, as "action file" lines, sorted. */
function planRows(file: string, extra = false): string[] {
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as {
    items: { action: string; file: string; changes?: { path: string }[] }[];
    prune: { kind: string; namespace?: string; name: string }[];
  };
  return [
    ...doc.items.map(
      (i) => `${i.action} ${i.file}${extra && i.changes ? ` ${i.changes.map((c) => c.path).join(",")}` : ""}`,
    ),
    ...doc.prune.map((p) => `prune ${p.kind} ${p.namespace ?? ""}/${p.name}`),
  ].sort();
}

const exported = path.join(work, "a", "export");
const valuesDir = path.join(work, "secret-values");
let second: Sandbox | undefined;
let secondClient: KubeClient | undefined;
after(async () => {
  secondClient?.close();
  await second?.stop({ removeDir: process.exitCode === undefined || process.exitCode === 0 });
});

test("an export applies into a fresh cluster in one run, and re-exports as the same tree", async () => {
  const first = await startSandbox({ s3: false, logger: new ConsoleLogger() });
  try {
    const client = await first.client();
    try {
      await seed(client, (args, input) => runKubectl(first.info.kubectl, first.kubeconfig, args, input));
    } finally {
      client.close();
    }
    exportTree(first.kubeconfig, exported);
  } finally {
    // The source cluster is gone: the tree is all there is.
    await first.stop({ removeDir: true });
  }
  // The values of the redacted Secrets, as an operator would keep them.
  for (const [name, data] of Object.entries(SECRETS))
    for (const [k, v] of Object.entries(data)) {
      fs.mkdirSync(path.join(valuesDir, NS, name), { recursive: true });
      fs.writeFileSync(path.join(valuesDir, NS, name, k), v);
    }

  second = await startSandbox({ s3: false, logger: new ConsoleLogger() });
  secondClient = await second.client();
  const kc = second.kubeconfig;
  const planFile = path.join(work, "fresh-plan.json");
  const plan = apply(kc, exported, ["--secret-values-dir", valuesDir, "--plan-file", planFile]);
  assert.equal(plan.status, 0, plan.stderr);
  // Everything of the shop is created; nothing the fresh cluster already has changes.
  const rows = planRows(planFile);
  for (const f of files(exported).filter(
    (f) => f.includes(`/${NS}/`) || f.includes("widgets.apply") || f.includes("shop-"),
  ))
    assert.ok(rows.includes(`create ${f}`), `the plan creates ${f}:\n${rows.join("\n")}`);
  assert.deepEqual(
    rows.filter((r) => !r.startsWith("create ")),
    [],
    "a fresh cluster has nothing to update or refuse",
  );
  assert.match(plan.stdout, /Create +\d+/);
  assert.equal(Number(plan.outputs.update), 0);

  const run = apply(kc, exported, ["--secret-values-dir", valuesDir, "--mode", "apply"]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(run.outputs.failed, "0");
  assert.equal(run.outputs.applied, plan.outputs.create);
  // The values came from the folder, not the markers.
  const db = await secondClient.get<{ data: Record<string, string> }>(`/api/v1/namespaces/${NS}/secrets/db`);
  assert.equal(Buffer.from(db.data.password ?? "", "base64").toString(), SECRETS.db?.password);
  await waitFor("the restored token filled in", async () => {
    const t = await secondClient!.get<{ data?: Record<string, string> }>(
      `/api/v1/namespaces/${NS}/secrets/robot-token`,
    );
    return !!t.data?.token;
  });
  // Byte for byte: the export strips what a cluster allocates (uids, resourceVersions,
  // an allocated clusterIP, a token's data), and the markers of redacted values are
  // the same "REDACTED" whatever the value (no fingerprint key).
  const again = path.join(work, "b", "export");
  exportTree(kc, again);
  assert.deepEqual(files(again), files(exported));
  for (const f of files(exported))
    assert.equal(
      fs.readFileSync(path.join(again, f), "utf8"),
      fs.readFileSync(path.join(exported, f), "utf8"),
      `${f} differs after the restore`,
    );
  assert.equal(treeHash(again), treeHash(exported));

  // A second apply changes nothing: the unchanged are not applied (resourceVersions stay).
  const before = await secondClient.get<{ metadata: { resourceVersion: string } }>(
    `/api/v1/namespaces/${NS}/configmaps/red`,
  );
  const noop = apply(kc, exported, ["--secret-values-dir", valuesDir, "--mode", "apply"]);
  assert.equal(noop.status, 0, noop.stdout + noop.stderr);
  assert.equal(noop.outputs.applied, "0");
  assert.equal(Number(noop.outputs.create) + Number(noop.outputs.update), 0);
  const after_ = await secondClient.get<{ metadata: { resourceVersion: string } }>(
    `/api/v1/namespaces/${NS}/configmaps/red`,
  );
  assert.equal(after_.metadata.resourceVersion, before.metadata.resourceVersion);
});

test("drift shows in the plan exactly; prune candidates only with prune; conflicts need force", () => {
  assert.ok(second && secondClient, "needs the restored cluster of the first test");
  const kc = second.kubeconfig;
  const kubectl = (args: string[]) => runKubectl(second!.info.kubectl, kc, args);
  kubectl(["-n", NS, "patch", "configmap", "red", "-p", '{"data":{"color":"green"}}']);
  kubectl(["-n", NS, "scale", "deployment", "web", "--replicas=5"]);
  kubectl(["-n", NS, "delete", "configmap", "blue"]);
  kubectl(["-n", NS, "create", "configmap", "extra", "--from-literal=k=v"]);
  const planFile = path.join(work, "drift-plan.json");
  const plan = apply(kc, exported, ["--secret-values-dir", valuesDir, "--plan-file", planFile]);
  assert.equal(plan.status, 0, plan.stderr);
  assert.deepEqual(planRows(planFile, true), [
    `conflict namespaces/${NS}/apps/Deployment/web.yaml spec.replicas`,
    `conflict namespaces/${NS}/core/ConfigMap/red.yaml data.color`,
    `create namespaces/${NS}/core/ConfigMap/blue.yaml`,
  ]);
  assert.match(plan.stdout, /data\.color: "green" → "red"/);
  assert.match(plan.stdout, /spec\.replicas: 5 → 2/);
  const pruned = apply(kc, exported, ["--secret-values-dir", valuesDir, "--plan-file", planFile, "--prune"]);
  assert.equal(pruned.status, 0, pruned.stderr);
  assert.deepEqual(
    planRows(planFile).filter((r) => r.startsWith("prune")),
    [`prune ConfigMap ${NS}/extra`],
  );

  // Without force: the conflicts stay as they are, the rest applies, the run fails naming them.
  const refused = apply(kc, exported, ["--secret-values-dir", valuesDir, "--mode", "apply"]);
  assert.equal(refused.status, 1, refused.stdout);
  assert.match(refused.stderr, /conflicts: 2/);
  const red = () => kubectl(["-n", NS, "get", "configmap", "red", "-o", "jsonpath={.data.color}"]);
  assert.equal(red(), "green");
  kubectl(["-n", NS, "get", "configmap", "blue"]);
  // With force and prune: the tree wins everywhere.
  const forced = apply(kc, exported, [
    "--secret-values-dir",
    valuesDir,
    "--mode",
    "apply",
    "--force-conflicts",
    "--prune",
  ]);
  assert.equal(forced.status, 0, forced.stdout + forced.stderr);
  assert.equal(red(), "red");
  assert.equal(kubectl(["-n", NS, "get", "deployment", "web", "-o", "jsonpath={.spec.replicas}"]), "2");
  assert.equal(
    spawnSync(second.info.kubectl, [`--kubeconfig=${kc}`, "-n", NS, "get", "configmap", "extra"]).status,
    1,
  );
  const clean = apply(kc, exported, ["--secret-values-dir", valuesDir, "--prune"]);
  assert.equal(
    Number(clean.outputs.create) + Number(clean.outputs.update) + Number(clean.outputs.prune),
    0,
    clean.stdout,
  );
});

test("a redacted Secret is skipped without its values, and never applied as markers", () => {
  assert.ok(second);
  const planFile = path.join(work, "secrets-plan.json");
  const plan = apply(second.kubeconfig, exported, ["--plan-file", planFile]);
  assert.equal(plan.status, 0, plan.stderr);
  assert.deepEqual(
    planRows(planFile),
    Object.keys(SECRETS)
      .map((n) => `skipped namespaces/${NS}/core/Secret/${n}.yaml`)
      .sort(),
  );
  assert.match(plan.stdout, /no value given for password, user/);
  // Values from the secret-values input count too; a Secret partly given stays skipped.
  const values = JSON.stringify({ [`${NS}/db`]: SECRETS.db, [`${NS}/basic`]: { username: "admin" } });
  const withInput = runCli(
    ["apply", "--kubeconfig-path", second.kubeconfig, "--path", exported, "--plan-file", planFile],
    {
      KUBEKEEP_SECRET_VALUES: values,
    },
  );
  assert.equal(withInput.status, 0, withInput.stderr);
  assert.equal(leaks(withInput.stdout + withInput.stderr).length, 0);
  const rows = planRows(planFile);
  assert.ok(!rows.some((r) => r.includes("Secret/db.yaml")), rows.join("\n"));
  assert.ok(rows.includes(`skipped namespaces/${NS}/core/Secret/basic.yaml`), rows.join("\n"));
});

test("an object of another kind holding markers (redact-paths) is skipped, not applied", () => {
  assert.ok(second);
  const tree = path.join(work, "marked", "export");
  fs.cpSync(exported, tree, { recursive: true });
  const file = path.join(tree, "namespaces", NS, "core", "ConfigMap", "red.yaml");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("color: red", "color: REDACTED"));
  const planFile = path.join(work, "marked-plan.json");
  const run = apply(second.kubeconfig, tree, [
    "--secret-values-dir",
    valuesDir,
    "--mode",
    "apply",
    "--plan-file",
    planFile,
  ]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.deepEqual(planRows(planFile), [`skipped namespaces/${NS}/core/ConfigMap/red.yaml`]);
  assert.match(run.stdout, /holds redacted values \(data\.color\)/);
  assert.equal(
    runKubectl(second.info.kubectl, second.kubeconfig, [
      "-n",
      NS,
      "get",
      "configmap",
      "red",
      "-o",
      "jsonpath={.data.color}",
    ]),
    "red",
  );
});

test("a quota refusal is a conflict in the plan, with the server's reason", async () => {
  assert.ok(second && secondClient);
  const kubectl = (args: string[], input?: string) =>
    runKubectl(second!.info.kubectl, second!.kubeconfig, args, input);
  kubectl(["create", "namespace", "quota"]);
  kubectl(["-n", "quota", "create", "quota", "one-configmap", "--hard=count/configmaps=1"]);
  // Quota admission needs the controller's first count (kube-root-ca.crt uses the one).
  await waitFor("the quota counted", async () => {
    const q = await secondClient!.get<{ status?: { used?: Record<string, string> } }>(
      "/api/v1/namespaces/quota/resourcequotas/one-configmap",
    );
    return q.status?.used?.["count/configmaps"] === "1";
  });
  const tree = path.join(work, "quota", "export");
  fs.mkdirSync(path.join(tree, "namespaces", "quota", "core", "ConfigMap"), { recursive: true });
  fs.writeFileSync(
    path.join(tree, "namespaces", "quota", "core", "ConfigMap", "over.yaml"),
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: over\n  namespace: quota\ndata:\n  a: b\n",
  );
  const planFile = path.join(work, "quota-plan.json");
  const plan = apply(second.kubeconfig, tree, ["--plan-file", planFile]);
  assert.equal(plan.status, 0, plan.stderr);
  assert.deepEqual(planRows(planFile), ["conflict namespaces/quota/core/ConfigMap/over.yaml"]);
  assert.match(plan.stdout, /refused \(403 Forbidden\).*exceeded quota/);
});

test("objects changed by others during an apply do not fail it", async () => {
  assert.ok(second);
  const kc = second.kubeconfig;
  // The tree moves on: 40 ConfigMaps changed in it (updates kubekeep owns, no conflicts).
  const tree = path.join(work, "race", "export");
  fs.cpSync(exported, tree, { recursive: true });
  const names = Array.from({ length: 40 }, (_, i) => `race-${i}`);
  const cm = (name: string, v: string) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${NS}\ndata:\n  v: "${v}"\n`;
  const dir = path.join(tree, "namespaces", NS, "core", "ConfigMap");
  for (const n of names) fs.writeFileSync(path.join(dir, `${n}.yaml`), cm(n, "1"));
  const seeded = apply(kc, tree, ["--secret-values-dir", valuesDir, "--mode", "apply"]);
  assert.equal(seeded.status, 0, seeded.stdout + seeded.stderr);
  for (const n of names) fs.writeFileSync(path.join(dir, `${n}.yaml`), cm(n, "2"));
  // Meanwhile another client keeps changing the same objects (labels: no field kubekeep owns).
  const script = `for i in $(seq 1 200); do for n in ${names.slice(0, 10).join(" ")}; do "${second.info.kubectl}" --kubeconfig=${kc} -n ${NS} label --overwrite configmap $n touched=$i >/dev/null 2>&1; done; done`;
  const busy = spawn("sh", ["-c", script], { stdio: "ignore" });
  try {
    // Not a fixed pause: the other client has changed an object before the apply starts.
    const kubectl = second.info.kubectl;
    await waitFor("the other client's first change", () =>
      Promise.resolve(
        runKubectl(kubectl, kc, [
          "-n",
          NS,
          "get",
          "configmap",
          names[0] as string,
          "-o",
          "jsonpath={.metadata.labels.touched}",
        ]) !== "",
      ),
    );
    const run = apply(kc, tree, ["--secret-values-dir", valuesDir, "--mode", "apply", "--parallelism", "4"]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.outputs.update, "40");
    assert.equal(run.outputs.applied, "40");
  } finally {
    busy.kill();
  }
  for (const n of names.slice(0, 3))
    assert.equal(
      runKubectl(second.info.kubectl, kc, ["-n", NS, "get", "configmap", n, "-o", "jsonpath={.data.v}"]),
      "2",
    );
});

test("credentials refused mid-apply end the run at once, naming the 401, not one failure per object", async () => {
  assert.ok(second && secondClient);
  const admin = second.kubeconfig;
  const kubectl = second.info.kubectl;
  // A ServiceAccount's token: deleting the account mid-run makes the API
  // server refuse it (401) from then on, as an expired token would be.
  runKubectl(kubectl, admin, ["-n", NS, "create", "serviceaccount", "applier"]);
  runKubectl(kubectl, admin, [
    "create",
    "clusterrolebinding",
    "applier-admin",
    "--clusterrole=cluster-admin",
    `--serviceaccount=${NS}:applier`,
  ]);
  const fx = { sandbox: second, client: secondClient, ready: () => Promise.resolve() };
  const direct = path.join(work, "applier-direct.kubeconfig");
  const text = await serviceAccountKubeconfig(fx, NS, "applier");
  fs.writeFileSync(direct, text, { mode: 0o600 });
  // The apply goes through a relay the test holds while the token is revoked:
  // the API server caches a token's good answer for a few seconds, so without
  // the hold a fast machine applied all 1,500 objects before the 401 began.
  const relay = await tcpRelay(second.info.server);
  after(() => relay.close());
  const kc = path.join(work, "applier.kubeconfig");
  fs.writeFileSync(kc, text.replace(second.info.server, relay.url), { mode: 0o600 });
  const tree = path.join(work, "expiring", "export");
  fs.cpSync(exported, tree, { recursive: true });
  const dir = path.join(tree, "namespaces", NS, "core", "ConfigMap");
  const count = 1500;
  for (let i = 0; i < count; i++)
    fs.writeFileSync(
      path.join(dir, `exp-${i}.yaml`),
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: exp-${i}\n  namespace: ${NS}\n  labels:\n    batch: exp\ndata:\n  v: "${i}"\n`,
    );
  const live = async () =>
    (
      await secondClient!.get<{ items: unknown[] }>(`/api/v1/namespaces/${NS}/configmaps`, {
        labelSelector: "batch=exp",
      })
    ).items.length;
  const running = runCliAsync([
    "apply",
    "--kubeconfig-path",
    kc,
    "--path",
    tree,
    "--secret-values-dir",
    valuesDir,
    "--mode",
    "apply",
    "--parallelism",
    "4",
  ]);
  await waitFor("the apply's first ConfigMaps", async () => (await live()) >= 20, 120_000);
  relay.hold();
  runKubectl(kubectl, admin, ["-n", NS, "delete", "serviceaccount", "applier"]);
  await waitFor(
    "the API server to refuse the deleted account's token",
    () => {
      const r = spawnSync(kubectl, [`--kubeconfig=${direct}`, "get", "--raw", "/api"], { encoding: "utf8" });
      return Promise.resolve(r.status !== 0 && /Unauthorized/.test(r.stderr));
    },
    60_000,
  );
  relay.release();
  const run = await running;
  const out = run.stdout + run.stderr;
  assert.notEqual(run.status, 0, out);
  assert.match(out, /stopped accepting the credentials \(401 Unauthorized\) while applying namespaces\//);
  // Before: every later object failed on its own, each naming the same 401.
  assert.ok((out.match(/Unauthorized/g) ?? []).length <= 3, out.slice(-3000));
  assert.ok((await live()) < count, "it stopped applying");
  runKubectl(kubectl, admin, ["delete", "clusterrolebinding", "applier-admin"]);
  runKubectl(kubectl, admin, ["-n", NS, "delete", "configmap", "-l", "batch=exp"]);
});

test("a commit of the export repository applies: reverting a change is a plan of that change", () => {
  assert.ok(second);
  const repo = path.join(work, "repo");
  fs.cpSync(exported, path.join(repo, "cluster-export"), { recursive: true });
  const git = (...args: string[]) => {
    const r = spawnSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args], {
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "export");
  const file = path.join(repo, "cluster-export", "namespaces", NS, "core", "ConfigMap", "red.yaml");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("color: red", "color: purple"));
  git("commit", "-qam", "a bad change");
  git("revert", "--no-edit", "HEAD");
  const planFile = path.join(work, "git-plan.json");
  const bad = apply(second.kubeconfig, "cluster-export", [
    "--repository",
    repo,
    "--git-ref",
    "HEAD~1",
    "--secret-values-dir",
    valuesDir,
    "--plan-file",
    planFile,
  ]);
  assert.equal(bad.status, 0, bad.stderr);
  assert.deepEqual(planRows(planFile, true), [`update namespaces/${NS}/core/ConfigMap/red.yaml data.color`]);
  const revert = apply(second.kubeconfig, "cluster-export", [
    "--repository",
    repo,
    "--git-ref",
    "HEAD",
    "--secret-values-dir",
    valuesDir,
    "--plan-file",
    planFile,
  ]);
  assert.equal(revert.status, 0, revert.stderr);
  assert.deepEqual(planRows(planFile), []);
  const missing = apply(second.kubeconfig, "cluster-export", [
    "--repository",
    repo,
    "--git-ref",
    "no-such-ref",
  ]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /input 'git-ref': got "no-such-ref", which is not a commit/);
});

test("bad input fails at once with a clear message", () => {
  // The tree is read before the cluster is contacted: any kubeconfig file will do.
  const kc = path.join(work, "unused-kubeconfig");
  fs.writeFileSync(kc, "apiVersion: v1\nkind: Config\n");
  const fail = (args: string[], pattern: RegExp) => {
    const run = runCli(["apply", "--kubeconfig-path", kc, ...args]);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stderr, pattern);
    assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
  };
  fail(
    ["--path", path.join(work, "nowhere")],
    /input 'path': got ".*nowhere", which does not exist; expected an export tree/,
  );
  const notTree = path.join(work, "not-a-tree");
  fs.mkdirSync(notTree, { recursive: true });
  fs.writeFileSync(path.join(notTree, "README.md"), "hi\n");
  fail(["--path", notTree], /is not an export tree \(no kubekeep-index\.yaml, cluster\/ or namespaces\/\)/);
  fail(["--path", exported, "--mode", "yolo"], /input 'mode'.*yolo/);
  const broken = path.join(work, "broken");
  fs.mkdirSync(path.join(broken, "namespaces", NS, "core", "ConfigMap"), { recursive: true });
  fs.writeFileSync(
    path.join(broken, "namespaces", NS, "core", "ConfigMap", "bad.yaml"),
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n  namespace: ${NS}\ndata:\n  a: [unclosed\n`,
  );
  fail(["--path", broken], new RegExp(`namespaces/${NS}/core/ConfigMap/bad\\.yaml:\\d+: not valid YAML`));
});
