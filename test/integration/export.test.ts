// export against real control planes: a seeded cluster exported through the
// built action; secrets nowhere in the tree; the export re-applied (server-side)
// to a second fresh cluster and exported again, byte for byte the same;
// deletions and the circuit breaker; a broken aggregated API; forbidden kinds;
// an interrupted run.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import { stringify } from "yaml";
import type { KubeClient } from "../../src/cluster/client.ts";
import { applyAll, type KubeObject } from "../../src/cluster/resources.ts";
import { discover } from "../../src/export/discovery.ts";
import { resourceId } from "../../src/export/resource-type.ts";
import { startSandbox } from "../../src/sandbox/sandbox.ts";
import { seed, waitForServiceAccount } from "../../src/sandbox/seed.ts";
import { sleep } from "../../src/core/sleep.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { serviceAccountKubeconfig, writeKubeconfig } from "../harness/kubeconfigs.ts";
import { runBuiltAction, runCli, runKubectl } from "../harness/run.ts";
import { useSandbox } from "../harness/sandbox.ts";
import { files, treeHash } from "../harness/tree.ts";

const fx = useSandbox({ s3: false });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-export-test-"));
after(() => fs.rmSync(work, { recursive: true, force: true }));
const FINGERPRINT_KEY = "test-fingerprint-key-0123456789";

/** Every secret value seeded, in the forms it could leak in: plain, base64, gzipped payloads. */
const secretValues: string[] = [];

const kubectl = (args: string[], input?: string, kubeconfig = fx.sandbox.kubeconfig): string =>
  runKubectl(fx.sandbox.info.kubectl, kubeconfig, args, input);

function exportCli(kubeconfig: string, out: string, extra: string[] = []) {
  return runCli(["export", "--kubeconfig-path", kubeconfig, "--path", out, ...extra], {
    KUBEKEEP_FINGERPRINT_KEY: FINGERPRINT_KEY,
  });
}

async function seedCluster(client: KubeClient): Promise<void> {
  await seed(client, {
    namespace: "shop",
    deployments: 2,
    replicas: 2,
    statefulSets: 1,
    secrets: 2,
    customResources: 3,
  });
  for (let i = 0; i < 2; i++) secretValues.push(`s3cr3t-value-${i}-shop`);
  // A Secret created with client-side apply: its last-applied annotation holds the plaintext.
  const applied = "applied-plaintext-Zq9x";
  secretValues.push(applied, Buffer.from(applied).toString("base64"));
  kubectl(
    ["apply", "-f", "-"],
    stringify({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "applied", namespace: "shop" },
      stringData: { "api-key": applied },
    }),
  );
  // A Helm release: base64(gzip(JSON)) inside the (base64) data, values with a password.
  const helmPassword = "helm-values-password-Kp2w";
  const payload = gzipSync(
    JSON.stringify({ name: "shop", config: { db: { password: helmPassword } } }),
  ).toString("base64");
  secretValues.push(helmPassword, payload, payload.slice(10, 40));
  // Services: normal (NodePort, allocated port), headless; a ConfigMap with a script;
  // a CronJob; a binding to cluster-admin (a risky change).
  await applyAll(client, [
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: "sh.helm.release.v1.shop.v1",
        namespace: "shop",
        labels: { owner: "helm", name: "shop", status: "deployed", version: "1" },
      },
      type: "helm.sh/release.v1",
      data: { release: Buffer.from(payload).toString("base64") },
    },
    // The same release as Helm's configmap storage driver keeps it.
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: "sh.helm.release.v1.shop.v2",
        namespace: "shop",
        labels: { owner: "helm", name: "shop", status: "superseded", version: "2" },
      },
      data: { release: payload },
    },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "builder", namespace: "shop" } },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: "builder-token",
        namespace: "shop",
        annotations: { "kubernetes.io/service-account.name": "builder" },
      },
      type: "kubernetes.io/service-account-token",
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "shop" },
      spec: { type: "NodePort", selector: { app: "web-0" }, ports: [{ port: 80, targetPort: 8080 }] },
    },
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "scripts", namespace: "shop", labels: { "app.kubernetes.io/name": "shop" } },
      data: { "run.sh": "#!/bin/sh\necho 'hello: world' # done\n", flag: "yes", zero: "0123", empty: "" },
    },
    {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "report", namespace: "shop" },
      spec: {
        schedule: "0 3 * * *",
        suspend: true,
        jobTemplate: {
          spec: {
            template: {
              spec: {
                restartPolicy: "Never",
                containers: [
                  {
                    name: "report",
                    image: "registry.example/report:1",
                    securityContext: { privileged: true },
                  },
                ],
                volumes: [{ name: "scratch", emptyDir: {} }],
              },
            },
          },
        },
      },
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "ops:admins" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ kind: "Group", name: "ops", apiGroup: "rbac.authorization.k8s.io" }],
    },
  ] as KubeObject[]);
  // The token controller fills the service-account token in.
  for (let i = 0; ; i++) {
    const s = await client.get<{ data?: Record<string, string> }>(
      "/api/v1/namespaces/shop/secrets/builder-token",
    );
    const token = s.data?.token;
    if (token) {
      secretValues.push(token, Buffer.from(token, "base64").toString("utf8"));
      break;
    }
    assert.ok(i < 100, "service-account token never populated");
    await sleep(100);
  }
}

async function waitForPods(client: KubeClient, namespace: string, count: number): Promise<void> {
  for (let i = 0; ; i++) {
    const pods = await client.get<{ items: unknown[] }>(`/api/v1/namespaces/${namespace}/pods`);
    if (pods.items.length >= count) return;
    assert.ok(i < 300, `only ${pods.items.length} of ${count} pods in ${namespace}`);
    await sleep(100);
  }
}

const first = path.join(work, "first", "export");

test("the built action exports a seeded cluster to clean YAML with every secret redacted", async () => {
  await seedCluster(fx.client);
  // Deployments: 2x2 pods; the StatefulSet makes its second pod only once the first is Ready (no nodes here).
  await waitForPods(fx.client, "shop", 2 * 2 + 1);
  const run = runBuiltAction("export", {
    "kubeconfig-path": fx.sandbox.kubeconfig,
    path: first,
    "fingerprint-key": FINGERPRINT_KEY,
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(run.outputs.changed, "true");
  assert.equal(run.outputs.path, first);
  assert.ok(Number(run.outputs.objects) > 20, run.outputs.objects);
  assert.equal(run.outputs.removed, "0");
  assert.match(run.summary, /ClusterRoleBinding to cluster-admin/);
  assert.match(run.summary, /privileged container report/);
  assert.match(run.summary, /\| Widget \| kubekeep\.dev\/v1 \| 3 \|/);

  const all = files(first);
  for (const f of [
    "cluster/apiextensions.k8s.io/CustomResourceDefinition/widgets.kubekeep.dev.yaml",
    "cluster/rbac.authorization.k8s.io/ClusterRoleBinding/ops%3Aadmins.yaml",
    "namespaces/shop/kubekeep.dev/Widget/widget-0.yaml",
    "namespaces/shop/apps/Deployment/web-0.yaml",
    "namespaces/shop/apps/StatefulSet/db-0.yaml",
    "namespaces/shop/core/Secret/sh.helm.release.v1.shop.v1.yaml",
    "namespaces/shop/core/Secret/builder-token.yaml",
    "namespaces/shop/batch/CronJob/report.yaml",
    "kubekeep-index.yaml",
  ]) {
    assert.ok(all.includes(f), `${f} missing; have:\n${all.join("\n")}`);
  }
  // Owned objects, events, leases, kube-root-ca.crt are not exported.
  assert.ok(
    !all.some((f) => /\/(Pod|ReplicaSet|ControllerRevision|EndpointSlice|Event|Lease)\//.test(f)),
    all.join("\n"),
  );
  assert.ok(!all.some((f) => f.includes("kube-root-ca.crt")));

  const read = (f: string) => fs.readFileSync(path.join(first, f), "utf8");
  for (const f of all) {
    const text = read(f);
    for (const v of secretValues)
      assert.ok(!text.includes(v), `${f} leaks a secret value (${v.slice(0, 6)}...)`);
    if (f === "kubekeep-index.yaml") continue;
    assert.doesNotMatch(text, /^\s*(managedFields|resourceVersion|uid|creationTimestamp|generation):/m, f);
    assert.doesNotMatch(text, /^status:|last-applied-configuration/m, f);
  }
  const web = read("namespaces/shop/core/Service/web.yaml");
  assert.doesNotMatch(web, /clusterIP|nodePort/);
  assert.match(read("namespaces/shop/core/Service/db-0.yaml"), /clusterIP: None/);
  assert.match(
    read("namespaces/shop/core/Secret/applied.yaml"),
    /api-key: REDACTED\/hmacSHA256\/[A-Za-z0-9+/]{24}\n/,
  );
  assert.match(read("namespaces/shop/batch/CronJob/report.yaml"), /emptyDir: \{\}/);
  assert.match(read("namespaces/shop/core/ConfigMap/scripts.yaml"), /flag: "yes"\n/);
  assert.match(read("namespaces/shop/core/ConfigMap/scripts.yaml"), /run\.sh: \|\n {4}#!\/bin\/sh\n/);
  assert.match(read("kubekeep-index.yaml"), /owned by ReplicaSet \(a controller recreates it\): 4/);
});

test("the legacy discovery walk finds the same kinds as aggregated discovery", async () => {
  const aggregated = await discover(fx.client);
  const legacy = await discover(fx.client, "legacy");
  assert.equal(aggregated.mode, "aggregated");
  assert.equal(legacy.mode, "legacy");
  const names = (d: typeof legacy) =>
    d.resources.map((r) => `${resourceId(r)} ${r.version} ${r.kind} ${r.namespaced}`);
  assert.deepEqual(names(legacy), names(aggregated));
  assert.ok(names(legacy).includes("widgets.kubekeep.dev v1 Widget true"));
  assert.ok(!names(legacy).some((n) => n.startsWith("events.events.k8s.io")), "events are exported once");
});

test("an unchanged cluster exports byte-identically, and reports no change", () => {
  const before = treeHash(first);
  const run = exportCli(fx.sandbox.kubeconfig, first);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /changed=false/);
  assert.equal(treeHash(first), before);
});

/** A tree exported with its own local index (KUBEKEEP_CACHE), and how to export into it again. */
function withLocalIndex(name: string) {
  const tree = path.join(work, name, "export");
  const cache = path.join(work, name, "cache");
  const run = () =>
    runCli(["export", "--kubeconfig-path", fx.sandbox.kubeconfig, "--path", tree], {
      KUBEKEEP_FINGERPRINT_KEY: FINGERPRINT_KEY,
      KUBEKEEP_CACHE: cache,
    });
  return { tree, cache, run };
}

/** Overwrites a file's bytes behind the index's back (same size, mtime and inode, as no editor leaves them); its old bytes. */
function swapBytesKeepingIdentity(file: string): Buffer {
  const { mtimeNs } = fs.statSync(file, { bigint: true });
  const bytes = fs.readFileSync(file);
  const fd = fs.openSync(file, "r+");
  fs.writeSync(fd, Buffer.alloc(bytes.length, "#"), 0, bytes.length, 0);
  fs.closeSync(fd);
  // To the nanosecond (fs.utimes rounds): touch -d @seconds.nanoseconds.
  const ns = String(mtimeNs % 1_000_000_000n).padStart(9, "0");
  execFileSync("touch", ["-m", "-d", `@${mtimeNs / 1_000_000_000n}.${ns}`, file]);
  assert.equal(fs.statSync(file, { bigint: true }).mtimeNs, mtimeNs);
  return bytes;
}

test("an unchanged object's untouched file is kept without being made or read again; an edited one is restored", () => {
  const { tree, cache, run } = withLocalIndex("cached");
  assert.equal(run().status, 0);
  const fresh = treeHash(tree);
  const again = run();
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /changed=false/);
  assert.equal(treeHash(tree), fresh, "the tree stays byte-stable");
  assert.ok(fs.readdirSync(path.join(cache, "export")).some((n) => n.endsWith(".cache")));

  // An edit (new mtime) is seen, and undone, like without the index.
  const edited = path.join(tree, "namespaces/shop/core/ConfigMap/scripts.yaml");
  const original = fs.readFileSync(edited);
  fs.writeFileSync(edited, "edited by hand\n");
  const restored = run();
  assert.equal(restored.status, 0, restored.stderr);
  assert.match(restored.stdout, /changed=true/);
  assert.deepEqual(fs.readFileSync(edited), original);
  assert.equal(treeHash(tree), fresh);

  // The proof that unchanged files are not read back: bytes swapped behind the index's back
  // (same size, mtime and inode, as no editor leaves them) stay; without the index they are undone.
  const file = path.join(tree, "namespaces/shop/core/Secret/applied.yaml");
  const bytes = swapBytesKeepingIdentity(file);
  assert.equal(run().status, 0);
  assert.equal(fs.readFileSync(file, "utf8"), "#".repeat(bytes.length), "kept: the index trusted it");
  fs.rmSync(cache, { recursive: true, force: true });
  assert.equal(run().status, 0);
  assert.deepEqual(fs.readFileSync(file), bytes, "without the index the file is compared and rewritten");
  assert.equal(treeHash(tree), fresh);
});

test("a forged or corrupt local index never changes the tree: claims are checked against the file where each object's name puts it", () => {
  const { tree, cache, run } = withLocalIndex("forged");
  assert.equal(run().status, 0);
  const fresh = treeHash(tree);
  const cacheFile = () => {
    const dir = path.join(cache, "export");
    return path.join(dir, fs.readdirSync(dir).find((n) => n.endsWith(".cache")) as string);
  };
  const [header, ...lines] = fs.readFileSync(cacheFile(), "latin1").split("\n").filter(Boolean);
  assert.ok(lines.length > 10);
  const tampered = "namespaces/shop/core/Secret/applied.yaml";
  const forgeries: [string, string][] = [
    // Every object claims the next one's file (its size, mtime and inode): no claim holds where its name points.
    [
      "identities shifted",
      [
        header,
        ...lines.map((l, i) => {
          const [key, rv] = l.split("\t");
          const other = (lines[(i + 1) % lines.length] as string).split("\t").slice(2);
          return [key, rv, ...other].join("\t");
        }),
      ].join("\n") + "\n",
    ],
    ["truncated mid-line", `${header}\n${lines.join("\n").slice(0, 200)}`],
    ["garbage after the header", `${header}\n${"\t\0\xff".repeat(5000)}\n\n\t\t\n`],
    ["lines with extra fields", `${header}\n${lines.map((l) => `${l}\t1`).join("\n")}\n`],
  ];
  for (const [what, text] of forgeries) {
    swapBytesKeepingIdentity(path.join(tree, tampered));
    fs.writeFileSync(cacheFile(), text, "latin1");
    // Newer than every file, so the racily-clean rule does not hide a claim the export would trust.
    const old = new Date(Date.now() + 3_600_000);
    fs.utimesSync(cacheFile(), old, old);
    const r = run();
    assert.equal(r.status, 0, `${what}: ${r.stderr}`);
    assert.equal(treeHash(tree), fresh, `${what}: the tree is what a fresh export writes`);
  }
});

test("the export re-applied to a second fresh cluster exports identically", async () => {
  const other = await startSandbox({ s3: false, logger: new ConsoleLogger() });
  try {
    const client = await other.client();
    try {
      const kc = other.kubeconfig;
      kubectl(
        ["apply", "--server-side", "--force-conflicts", "-R", "-f", path.join(first, "cluster")],
        undefined,
        kc,
      );
      kubectl(
        ["wait", "--for=condition=Established", "crd/widgets.kubekeep.dev", "--timeout=60s"],
        undefined,
        kc,
      );
      await waitForServiceAccount(client, "shop");
      const applyNamespaces = () =>
        kubectl(
          ["apply", "--server-side", "--force-conflicts", "-R", "-f", path.join(first, "namespaces")],
          undefined,
          kc,
        );
      applyNamespaces();
      // The token controller deletes a token Secret whose ServiceAccount its cache has not
      // seen yet (a fresh cluster's controllers are still syncing): apply again until it stays.
      for (let i = 0; ; i++) {
        await sleep(1000);
        const secrets = await client.get<{ items: { metadata: { name: string } }[] }>(
          "/api/v1/namespaces/shop/secrets",
        );
        if (secrets.items.some((s) => s.metadata.name === "builder-token")) break;
        assert.ok(i < 10, "the token Secret never stayed");
        applyNamespaces();
      }
      await waitForPods(client, "shop", 2 * 2 + 1);
      const second = path.join(work, "second", "export");
      const run = exportCli(kc, second);
      assert.equal(run.status, 0, run.stderr);
      const a = files(first);
      const b = files(second);
      assert.deepEqual(b, a);
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
});

test("vanished objects' files are removed; a mass deletion trips the circuit breaker", async () => {
  const tree = path.join(work, "deletions", "export");
  await applyAll(fx.client, [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "batchy" } },
    ...Array.from({ length: 30 }, (_, i) => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: `cm-${i}`, namespace: "batchy" },
      data: { i: String(i) },
    })),
  ]);
  assert.equal(exportCli(fx.sandbox.kubeconfig, tree).status, 0);
  assert.ok(fs.existsSync(path.join(tree, "namespaces/batchy/core/ConfigMap/cm-0.yaml")));

  await fx.client.delete("/api/v1/namespaces/batchy/configmaps/cm-0");
  const one = exportCli(fx.sandbox.kubeconfig, tree);
  assert.equal(one.status, 0, one.stderr);
  assert.match(one.stdout, /removed=1\n/);
  assert.ok(!fs.existsSync(path.join(tree, "namespaces/batchy/core/ConfigMap/cm-0.yaml")));

  const before = treeHash(tree);
  await fx.client.delete("/api/v1/namespaces/batchy/configmaps", undefined);
  const refused = exportCli(fx.sandbox.kubeconfig, tree, ["--deletion-limit", "20%"]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /refusing to remove 29 of \d+ exported files \(deletion-limit allows \d+\)/);
  assert.equal(treeHash(tree), before, "the previous tree was touched");
  assert.ok(!fs.existsSync(`${tree}.kubekeep-new`));

  const accepted = exportCli(fx.sandbox.kubeconfig, tree, ["--deletion-limit", "100%"]);
  assert.equal(accepted.status, 0, accepted.stderr);
  assert.match(accepted.stdout, /removed=29\n/);
});

test("a broken aggregated API is reported and skipped; strict mode fails on it", async () => {
  await applyAll(fx.client, [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "metrics-server", namespace: "kube-system" },
      spec: { selector: { app: "nothing-here" }, ports: [{ port: 443, targetPort: 4443 }] },
    },
    {
      apiVersion: "apiregistration.k8s.io/v1",
      kind: "APIService",
      metadata: { name: "v1beta1.metrics.k8s.io" },
      spec: {
        group: "metrics.k8s.io",
        version: "v1beta1",
        service: { name: "metrics-server", namespace: "kube-system", port: 443 },
        insecureSkipTLSVerify: true,
        groupPriorityMinimum: 100,
        versionPriority: 100,
      },
    },
  ] as KubeObject[]);
  const tree = path.join(work, "broken-api", "export");
  let run = exportCli(fx.sandbox.kubeconfig, tree);
  for (let i = 0; i < 50 && !/metrics\.k8s\.io/.test(run.stdout); i++) {
    await sleep(200);
    run = exportCli(fx.sandbox.kubeconfig, tree);
  }
  assert.equal(run.status, 0, run.stderr);
  assert.match(
    run.stdout,
    /metrics\.k8s\.io\/v1beta1 +API unavailable +APIService not available \(MissingEndpoints/,
  );
  assert.match(
    fs.readFileSync(path.join(tree, "kubekeep-index.yaml"), "utf8"),
    /failedApis:\n- groupVersion: metrics\.k8s\.io\/v1beta1/,
  );
  // The APIService object itself is exported (a user-made one, unlike the automanaged local ones).
  assert.ok(
    fs.existsSync(path.join(tree, "cluster/apiregistration.k8s.io/APIService/v1beta1.metrics.k8s.io.yaml")),
  );
  const strict = exportCli(fx.sandbox.kubeconfig, tree, ["--strict"]);
  assert.equal(strict.status, 1);
  assert.match(strict.stderr, /strict mode: .*metrics\.k8s\.io\/v1beta1/);
  // The legacy walk meets the same failure as a 503 from the group's document.
  const legacy = await discover(fx.client, "legacy");
  assert.deepEqual(
    legacy.failed.map((f) => f.groupVersion),
    ["metrics.k8s.io/v1beta1"],
  );
  assert.match(legacy.failed[0]?.reason ?? "", /APIService not available \(MissingEndpoints/);
  await fx.client.delete("/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io");
});

test("kinds the credentials may not list are skipped with the reason; their files are kept", async () => {
  const tree = path.join(work, "forbidden", "export");
  assert.equal(exportCli(fx.sandbox.kubeconfig, tree, ["--include-namespaces", "shop"]).status, 0);
  assert.ok(fs.existsSync(path.join(tree, "namespaces/shop/core/Secret/applied.yaml")));

  // A ServiceAccount bound to the shipped ClusterRole minus Secrets, with a TokenRequest token.
  const role = fs.readFileSync(
    path.resolve(import.meta.dirname, "../../docs/rbac/kubekeep-export.yaml"),
    "utf8",
  );
  assert.match(role, /verbs: \["list"\]/);
  await applyAll(fx.client, [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "exporter", namespace: "default" } },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "exporter-no-secrets" },
      rules: [
        {
          apiGroups: [""],
          resources: ["namespaces", "configmaps", "services", "serviceaccounts", "endpoints"],
          verbs: ["list"],
        },
        { apiGroups: ["apps", "batch", "kubekeep.dev", "policy"], resources: ["*"], verbs: ["list"] },
      ],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "exporter-no-secrets" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "exporter-no-secrets" },
      subjects: [{ kind: "ServiceAccount", name: "exporter", namespace: "default" }],
    },
  ] as KubeObject[]);
  const kubeconfig = writeKubeconfig(
    fx,
    "exporter.kubeconfig",
    await serviceAccountKubeconfig(fx, "default", "exporter"),
  );
  const run = exportCli(kubeconfig, tree, ["--include-namespaces", "shop"]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /secrets +skipped +403 Forbidden: secrets is forbidden/);
  assert.match(run.stdout, /removed=0\n/);
  // Secrets could not be listed, so their files stay as the last complete run left them.
  assert.ok(fs.existsSync(path.join(tree, "namespaces/shop/core/Secret/applied.yaml")));
  assert.match(
    fs.readFileSync(path.join(tree, "kubekeep-index.yaml"), "utf8"),
    /- resource: secrets\n(?:.*\n){3}  status: skipped\n  reason: "403 Forbidden/,
  );
  const strict = exportCli(kubeconfig, tree, ["--include-namespaces", "shop", "--strict"]);
  assert.equal(strict.status, 1);
  assert.match(strict.stderr, /strict mode: .*secrets/);
});

test("an interrupted run leaves the previous tree intact and the next run completes", async () => {
  await applyAll(fx.client, [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "bulk" } },
    ...Array.from({ length: 1500 }, (_, i) => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: `bulk-${i}`, namespace: "bulk" },
      data: { value: "x".repeat(200) + String(i) },
    })),
  ]);
  const tree = path.join(work, "interrupted", "export");
  assert.equal(exportCli(fx.sandbox.kubeconfig, tree).status, 0);
  fs.writeFileSync(path.join(tree, "README.md"), "kept: not an export file\n");
  const before = treeHash(tree);
  await fx.client.mergePatch("/api/v1/namespaces/bulk/configmaps/bulk-0", { data: { value: "changed" } });

  // Kill the run once it has written part of its staging tree.
  const child = spawn(
    process.execPath,
    [
      path.resolve(import.meta.dirname, "../../src/cli/main.ts"),
      "export",
      "--kubeconfig-path",
      fx.sandbox.kubeconfig,
      "--path",
      tree,
      "--page-size",
      "20",
      "--concurrency",
      "1",
    ],
    { stdio: "ignore" },
  );
  const staging = `${tree}.kubekeep-new`;
  for (let i = 0; i < 400; i++) {
    if (fs.existsSync(path.join(staging, "namespaces", "bulk"))) break;
    await sleep(25);
  }
  child.kill("SIGKILL");
  await new Promise((resolve) => child.on("exit", resolve));
  assert.ok(fs.existsSync(staging), "the run was not caught halfway");
  assert.equal(treeHash(tree), before);

  const run = exportCli(fx.sandbox.kubeconfig, tree);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /modified=1\n/);
  assert.match(run.stdout, /removed=0\n/);
  assert.ok(!fs.existsSync(staging));
  assert.equal(fs.readFileSync(path.join(tree, "README.md"), "utf8"), "kept: not an export file\n");
});
