// The RBAC files in docs/rbac/, one per capability (and per executor for
// upgrade-node), proven on the sandbox, whose API server enforces RBAC: each
// capability runs as a ServiceAccount bound to exactly its file and succeeds;
// then the same file minus one rule fails with a message naming the verb and
// resource the API server refused. One sandbox, one ServiceAccount per variant.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { isApiError, KubeClient } from "../../src/cluster/client.ts";
import { materializeKubeconfig } from "../../src/cluster/kubeconfig.ts";
import { applyAll, type KubeObject } from "../../src/cluster/resources.ts";
import { CAPABILITIES, findCapability } from "../../src/capabilities.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { CapabilityFailure, type Result } from "../../src/config/capability.ts";
import { classifyFailure } from "../../src/core/failure.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { toText } from "../../src/report/report.ts";
import { EXECUTOR_LABEL } from "../../src/nodes/executors/pod.ts";
import type { List, Node, Pod } from "../../src/nodes/types.ts";
import { ensureBinaries } from "../../src/sandbox/binaries.ts";
import { addNodes, setKubeletVersion } from "../../src/sandbox/nodes.ts";
import { s3Env, storageInputs } from "../harness/etcd.ts";
import { serviceAccountKubeconfig } from "../harness/kubeconfigs.ts";
import { deployment, finishUpgradePods, namespace, pdb, placeOn, sleep } from "../harness/nodes.ts";
import { useSandbox } from "../harness/sandbox.ts";

const fx = useSandbox({ kwokExtraConfig: finishUpgradePods("rbac-upgrade-pod", "Succeeded", 0, "none") });
const lines: string[] = [];
const logger = new ConsoleLogger({ write: (l) => lines.push(l) });
const root = path.resolve(import.meta.dirname, "..", "..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-rbac-"));
const TARGET = "v1.35.4";
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** Files proven elsewhere: kubekeep-etcd-snapshot.yaml in etcd-snapshot.test.ts (it needs a port-forward), the replace executor's add-on in replace.test.ts. */
const PROVEN_ELSEWHERE: Record<string, string> = {
  "kubekeep-etcd-snapshot.yaml": "test/integration/etcd-snapshot.test.ts",
  "kubekeep-upgrade-node-replace.yaml": "test/integration/replace.test.ts",
};

type Rule = { apiGroups?: string[]; resources?: string[]; verbs?: string[] };
type Doc = KubeObject & { rules?: Rule[]; roleRef?: { name: string }; subjects?: { name: string }[] };

const rbacDocs = (file: string): Doc[] =>
  parseAllDocuments(fs.readFileSync(path.join(root, "docs", "rbac", file), "utf8")).map(
    (d) => d.toJS() as Doc,
  );

const renamed = (name: string, suffix: string) => (suffix ? `${name}-${suffix}` : name);

/**
 * Applies `files` (every object renamed with `suffix`, so variants live side
 * by side), without the rules `drop` picks, and returns a kubeconfig of the
 * ServiceAccount they bind (the first file's).
 */
async function as(
  files: string[],
  options: { suffix?: string; drop?: (rule: Rule) => boolean } = {},
): Promise<string> {
  const suffix = options.suffix ?? "";
  let account: string | undefined;
  for (const file of files) {
    const docs = rbacDocs(file).map((d) => {
      const meta = { ...d.metadata, name: renamed(d.metadata.name, suffix) };
      const out: Doc = { ...d, metadata: meta };
      if (d.rules) out.rules = d.rules.filter((r) => !options.drop?.(r));
      if (d.roleRef) out.roleRef = { ...d.roleRef, name: renamed(d.roleRef.name, suffix) };
      if (d.subjects) out.subjects = d.subjects.map((s) => ({ ...s, name: renamed(s.name, suffix) }));
      if (d.kind === "ServiceAccount") account ??= meta.name;
      return out;
    });
    if (options.drop)
      assert.ok(
        docs.some((d, i) => (d.rules?.length ?? 0) < (rbacDocs(file)[i]?.rules?.length ?? 0)),
        `${file}: no rule matched the one to drop`,
      );
    await applyAll(fx.client, docs);
  }
  assert.ok(account, `${files[0]} defines no ServiceAccount`);
  return serviceAccountKubeconfig(fx, "kube-system", account);
}

const rule =
  (resource: string, verb?: string) =>
  (r: Rule): boolean =>
    (r.resources ?? []).includes(resource) && (verb === undefined || (r.verbs ?? []).includes(verb));

async function run(name: string, inputs: Record<string, string>): Promise<Result> {
  const cap = await findCapability(name);
  assert.ok(cap, name);
  return cap.run(cap.parse(fromRecord(inputs)), { logger });
}

/** What the user sees when `name` fails: the front ends' message, and the report when there is one. */
async function refusal(name: string, inputs: Record<string, string>): Promise<string> {
  const err = await run(name, inputs).then(
    (r) => assert.fail(`${name} should fail, got ${JSON.stringify(r.outputs)}`),
    (e: unknown) => e,
  );
  const { kind, message } = classifyFailure(err);
  assert.equal(kind, "operational", message);
  // A failure after work worth reporting: its report (the job summary) says per object why.
  return err instanceof CapabilityFailure ? `${message}\n${toText(err.result.report)}` : message;
}

/** Whether the kubeconfig's user may do one request (status code). */
async function status(
  kubeconfig: string,
  method: "GET" | "POST",
  p: string,
  body?: unknown,
): Promise<number> {
  const file = materializeKubeconfig(kubeconfig);
  const c = await KubeClient.fromFile(file);
  try {
    await (method === "GET" ? c.get(p) : c.post(p, body));
    return 200;
  } catch (e) {
    return isApiError(e) ? e.code : 0;
  } finally {
    c.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

const node = (name: string) => fx.client.get<Node>(`/api/v1/nodes/${name}`);

// The fixture every test below uses (nodes, a namespace, the S3 environment): a hook, so one test runs alone by name.
before(async () => {
  await fx.ready();
  Object.assign(process.env, s3Env(fx.sandbox.info));
  await addNodes(fx.client, [
    { name: "cp-1", role: "control-plane" },
    { name: "cp-2", role: "control-plane" },
    ...["w-1", "w-2", "w-3", "w-4", "w-5", "w-6", "w-7"].map((name) => ({ name, kubeletVersion: "v1.34.2" })),
  ]);
  await namespace(fx.client, "apps");
});

test("cluster-info: kubekeep-cluster-info.yaml is enough; without `list nodes` the error names it", async () => {
  const ok = await run("cluster-info", { kubeconfig: await as(["kubekeep-cluster-info.yaml"]) });
  assert.equal(ok.outputs.nodes, 9);
  const denied = await refusal("cluster-info", {
    kubeconfig: await as(["kubekeep-cluster-info.yaml"], { suffix: "minus", drop: rule("nodes") }),
  });
  assert.match(denied, /cannot list resource "nodes" in API group "" at the cluster scope/);
});

test("export: kubekeep-export.yaml is enough; without its list rule nothing is listed and each kind says why", async () => {
  await applyAll(fx.client, [
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "settings", namespace: "apps" },
      data: { a: "1" },
    },
  ]);
  const tree = path.join(work, "export");
  const ok = await run("export", {
    kubeconfig: await as(["kubekeep-export.yaml"]),
    path: tree,
    "include-namespaces": "apps",
  });
  assert.equal(ok.outputs.failed ?? 0, 0, JSON.stringify(ok.outputs));
  assert.ok(fs.existsSync(path.join(tree, "namespaces/apps/core/ConfigMap/settings.yaml")));
  // Each kind it may not list is skipped (its files kept) with the server's reason.
  const denied = await run("export", {
    kubeconfig: await as(["kubekeep-export.yaml"], { suffix: "minus", drop: rule("*", "list") }),
    path: path.join(work, "export-denied"),
    "include-namespaces": "apps",
  }).then(
    (r) => toText(r.report),
    (e: unknown) => classifyFailure(e).message,
  );
  assert.match(denied, /cannot list resource \\?"configmaps\\?"/);
});

test("apply: kubekeep-apply.yaml restores and prunes; without `delete` prune names the refusal, without `patch` the apply does", async () => {
  // Its own tree (not the export test's), written with the admin's credentials: the test stands alone.
  const tree = path.join(work, "apply-tree");
  await applyAll(fx.client, [
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "settings", namespace: "apps" },
      data: { a: "1" },
    },
  ]);
  await run("export", { kubeconfig: fx.sandbox.kubeconfig, path: tree, "include-namespaces": "apps" });
  // Drift: one object gone (apply brings it back), one added (prune removes it).
  await fx.client.delete("/api/v1/namespaces/apps/configmaps/settings");
  await applyAll(fx.client, [
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "stray", namespace: "apps" }, data: { b: "2" } },
  ]);
  const inputs = { path: tree, mode: "apply", prune: "true", "include-namespaces": "apps" };
  const noPatch = await refusal("apply", {
    kubeconfig: await as(["kubekeep-apply.yaml"], { suffix: "minus-patch", drop: rule("*", "patch") }),
    ...inputs,
    prune: "false",
  });
  assert.match(noPatch, /cannot patch resource "configmaps"/);
  const noDelete = await refusal("apply", {
    kubeconfig: await as(["kubekeep-apply.yaml"], { suffix: "minus-delete", drop: rule("*", "delete") }),
    ...inputs,
  });
  assert.match(noDelete, /cannot delete resource "configmaps" in API group "" in the namespace "apps"/);

  const ok = await run("apply", { kubeconfig: await as(["kubekeep-apply.yaml"]), ...inputs });
  assert.equal(ok.outputs.prune, 1, JSON.stringify(ok.outputs));
  await fx.client.get("/api/v1/namespaces/apps/configmaps/settings");
  const stray = await fx.client.get("/api/v1/namespaces/apps/configmaps/stray").then(
    () => 200,
    (e: unknown) => (isApiError(e) ? e.code : 0),
  );
  assert.equal(stray, 404);
});

test("upgrade-plan: kubekeep-upgrade-plan.yaml is enough; without pods/eviction the dry run's refusal is named", async () => {
  await placeOn(
    fx.client,
    "w-1",
    [deployment("apps", "web", 2), pdb("apps", "web", { maxUnavailable: 1 })],
    2,
  );
  const inputs = { "target-version": TARGET };
  const ok = await run("upgrade-plan", { kubeconfig: await as(["kubekeep-upgrade-plan.yaml"]), ...inputs });
  assert.equal(ok.outputs["has-worker-work"], true);
  const denied = await refusal("upgrade-plan", {
    kubeconfig: await as(["kubekeep-upgrade-plan.yaml"], { suffix: "minus", drop: rule("pods/eviction") }),
    ...inputs,
  });
  assert.match(denied, /cannot create resource "pods\/eviction"/);
});

test("upgrade-plan with node-selector: kubekeep-upgrade-plan-replace.yaml lets it read executor replace's records; without it the plan says so", async () => {
  const inputs = { "target-version": TARGET, "node-selector": "type=kwok" };
  const unread = /could not read executor replace's records in namespace kube-system/;
  const without = await run("upgrade-plan", {
    kubeconfig: await as(["kubekeep-upgrade-plan.yaml"]),
    ...inputs,
  });
  assert.match(toText(without.report), unread);
  const withRecords = await run("upgrade-plan", {
    kubeconfig: await as(["kubekeep-upgrade-plan.yaml", "kubekeep-upgrade-plan-replace.yaml"]),
    ...inputs,
  });
  assert.doesNotMatch(toText(withRecords.report), unread);
});

test("drain and uncordon: their files are enough (and grant no pod create or delete); without the Lease rule the lock's refusal is named", async () => {
  const drainer = await as(["kubekeep-drain.yaml"]);
  const drained = await run("drain", { kubeconfig: drainer, node: "w-1" });
  assert.equal(drained.outputs["drained-nodes"], "w-1");
  assert.equal((await node("w-1")).spec?.unschedulable, true);
  const back = await run("uncordon", { kubeconfig: await as(["kubekeep-uncordon.yaml"]), node: "w-1" });
  assert.equal(back.outputs.uncordoned, "w-1");
  // Least: a drain identity cannot create or delete pods, nor read Secrets.
  assert.equal(await status(drainer, "POST", "/api/v1/namespaces/kube-system/pods", {}), 403);
  assert.equal(await status(drainer, "GET", "/api/v1/namespaces/kube-system/secrets"), 403);

  const noLease = await refusal("drain", {
    kubeconfig: await as(["kubekeep-drain.yaml"], { suffix: "minus", drop: rule("leases") }),
    node: "w-2",
  });
  assert.match(
    noLease,
    /cannot get resource "leases" in API group "coordination\.k8s\.io" in the namespace "kube-system"/,
  );
  const noPatch = await refusal("uncordon", {
    kubeconfig: await as(["kubekeep-uncordon.yaml"], { suffix: "minus", drop: rule("nodes") }),
    node: "w-1",
  });
  assert.match(noPatch, /cannot get resource "nodes"/);
});

test("drain with disable-eviction needs kubekeep-delete-pods.yaml, and the refusal without it is named", async () => {
  await placeOn(fx.client, "w-3", [deployment("apps", "batch", 1)], 1);
  const denied = await refusal("drain", {
    kubeconfig: await as(["kubekeep-drain.yaml"], { suffix: "nodelete" }),
    node: "w-3",
    "disable-eviction": "true",
  });
  assert.match(denied, /cannot delete resource "pods" in API group "" in the namespace "apps"/);
  await fx.client.mergePatch("/api/v1/nodes/w-3", { spec: { unschedulable: false } });
  const ok = await run("drain", {
    kubeconfig: await as(["kubekeep-drain.yaml", "kubekeep-delete-pods.yaml"]),
    node: "w-3",
    "disable-eviction": "true",
  });
  assert.equal(ok.outputs["drained-nodes"], "w-3");
});

/** An upgrade-command that "upgrades" the node: the kubelet reports the target version. */
const upgradeCommand = (nodeName: string) =>
  `${fx.sandbox.info.kubectl} --kubeconfig ${fx.sandbox.kubeconfig} patch node ${nodeName} --subresource=status --type=merge -p '{"status":{"nodeInfo":{"kubeletVersion":"${TARGET}"}}}'`;

test("upgrade-node, command executor: kubekeep-upgrade-node.yaml is enough and holds no pod create; without node patch the refusal is named", async () => {
  const upgrader = await as(["kubekeep-upgrade-node.yaml"]);
  const ok = await run("upgrade-node", {
    kubeconfig: upgrader,
    node: "w-4",
    "target-version": TARGET,
    executor: "command",
    "upgrade-command": upgradeCommand("w-4"),
    "gate-timeout": "30s",
  });
  assert.match(String(ok.outputs.summary), /"node":"w-4".*"result":"upgraded"/);
  assert.equal(await status(upgrader, "POST", "/api/v1/namespaces/kube-system/pods", {}), 403);

  const denied = await refusal("upgrade-node", {
    kubeconfig: await as(["kubekeep-upgrade-node.yaml"], { suffix: "minus", drop: rule("nodes") }),
    node: "w-5",
    "target-version": TARGET,
    executor: "command",
    "upgrade-command": upgradeCommand("w-5"),
  });
  assert.match(denied, /cannot (get|list|patch) resource "nodes"/);
});

test("upgrade-node, pod executor: needs kubekeep-upgrade-node-pod.yaml too; without it the pod create's refusal is named", async () => {
  const inputs = { node: "w-6", "target-version": TARGET, executor: "pod", "gate-timeout": "30s" };
  const denied = await refusal("upgrade-node", {
    kubeconfig: await as(["kubekeep-upgrade-node.yaml"], { suffix: "nopod" }),
    ...inputs,
  });
  assert.match(denied, /cannot create resource "pods" in API group "" in the namespace "kube-system"/);
  // Stand in for the kubelet coming back at the new version once the pod finished.
  let stop = false;
  const bumper = (async () => {
    while (!stop) {
      const pods = await fx.client.get<List<Pod>>("/api/v1/namespaces/kube-system/pods", {
        labelSelector: `${EXECUTOR_LABEL}=upgrade`,
      });
      for (const p of pods.items)
        if (p.status?.phase === "Succeeded")
          await setKubeletVersion(fx.client, p.spec?.nodeName ?? "", TARGET);
      await sleep(200);
    }
  })();
  try {
    const ok = await run("upgrade-node", {
      kubeconfig: await as(["kubekeep-upgrade-node.yaml", "kubekeep-upgrade-node-pod.yaml"]),
      ...inputs,
      node: "w-7",
      // w-6 failed above (left cordoned, as a failed upgrade is): go on past it.
      "ignore-earlier-failures": "true",
    });
    assert.match(String(ok.outputs.summary), /"node":"w-7".*"result":"upgraded"/);
  } finally {
    stop = true;
    await bumper;
  }
});

test("etcd-drill: kubekeep-etcd-drill.yaml is enough to compare with the live cluster; without the Namespace rule the identity check says why", async () => {
  const bins = await ensureBinaries(new ConsoleLogger());
  const binDir = path.join(work, "bin");
  fs.mkdirSync(binDir);
  for (const b of ["etcd", "etcdutl", "kube-apiserver"] as const)
    fs.symlinkSync(bins[b], path.join(binDir, b));
  const info = fx.sandbox.info;
  await run("etcd-snapshot", {
    "etcd-endpoint": info.etcd.endpoint,
    "etcd-ca": info.etcd.caFile,
    "etcd-cert": info.etcd.certFile,
    "etcd-key": info.etcd.keyFile,
    ...storageInputs(info, { "cluster-name": "rbac" }),
  });
  const inputs = {
    ...storageInputs(info, { "cluster-name": "rbac" }),
    "binaries-dir": binDir,
    // Kinds the runs above keep changing.
    "ignore-kinds": "events, leases, endpointslices, pods, replicasets, nodes",
    tolerance: "10",
  };
  const ok = await run("etcd-drill", { kubeconfig: await as(["kubekeep-etcd-drill.yaml"]), ...inputs });
  assert.equal(ok.outputs.passed, true, toText(ok.report));
  assert.match(toText(ok.report), /same cluster \(kube-system namespace UID/);
  const noUid = await run("etcd-drill", {
    kubeconfig: await as(["kubekeep-etcd-drill.yaml"], { suffix: "minus", drop: rule("namespaces") }),
    ...inputs,
  });
  assert.match(toText(noUid.report), /not checked: .*cannot get resource "namespaces"/);
});

test("etcd-restore: kubekeep-etcd-restore.yaml is enough for plan and verify; without a rule the refusal is named", async () => {
  const info = fx.sandbox.info;
  const etcd = {
    "etcd-endpoint": info.etcd.endpoint,
    "etcd-ca": info.etcd.caFile,
    "etcd-cert": info.etcd.certFile,
    "etcd-key": info.etcd.keyFile,
  };
  const storage = storageInputs(info, { "cluster-name": "rbac-restore" });
  await run("etcd-snapshot", { ...etcd, ...storage });
  const inputs = {
    ...storage,
    ...etcd,
    // The sandbox's etcd is no static pod: the members are given (plan and verify only show them).
    members: "sandbox=https://127.0.0.1:2380;node=cp-1",
    output: path.join(work, "etcd-restore.db"),
    "health-timeout": "5s",
  };
  const sa = await as(["kubekeep-etcd-restore.yaml"]);
  const plan = await run("etcd-restore", { kubeconfig: sa, ...inputs, mode: "plan" });
  assert.match(toText(plan.report), /Cluster id +snapshot ([0-9a-f]+), live etcd \1\n/);
  const noLineage = await refusal("etcd-restore", {
    kubeconfig: await as(["kubekeep-etcd-restore.yaml"], {
      suffix: "minus",
      drop: rule("namespaces", "get"),
    }),
    ...inputs,
    mode: "plan",
  });
  assert.match(noLineage, /cannot get resource "namespaces" in API group "" in the namespace "kube-system"/);

  // verify fails here (nothing was restored: the revisions were not bumped), but every check could read what it needs.
  const verified = await refusal("etcd-restore", { kubeconfig: sa, ...inputs, mode: "verify" });
  assert.match(verified, /the cluster's resourceVersion is \d+: not bumped/);
  assert.match(verified, /objects match the snapshot/);
  assert.doesNotMatch(verified, /forbidden/);
  const noNodes = await refusal("etcd-restore", {
    kubeconfig: await as(["kubekeep-etcd-restore.yaml"], { suffix: "minus", drop: rule("nodes") }),
    ...inputs,
    mode: "verify",
  });
  assert.match(noNodes, /nodes Ready: .*cannot list resource "nodes" in API group "" at the cluster scope/);
});

/** The files this file proves: those named in an `as([...])` call of its source. */
function provenHere(): Set<string> {
  const source = fs.readFileSync(import.meta.filename, "utf8");
  const proven = new Set<string>();
  for (const call of source.matchAll(/\bas\(\s*\[([^\]]*)\]/g))
    for (const f of (call[1] ?? "").matchAll(/"(kubekeep-[a-z-]+\.yaml)"/g)) proven.add(f[1] ?? "");
  return proven;
}

// Reads this file's own calls, so it stands alone (run by name, or first).
test("every file in docs/rbac is proven here or named where it is", () => {
  const files = fs.readdirSync(path.join(root, "docs", "rbac")).filter((f) => f.endsWith(".yaml"));
  const here = provenHere();
  for (const f of files) assert.ok(here.has(f) || f in PROVEN_ELSEWHERE, `${f} is proven by no test`);
  // And every capability that reaches the Kubernetes API has its file (the
  // bucket-only etcd capabilities and the fleet ones, which read an inventory,
  // the bucket and a repository, never a cluster, need none).
  const api = CAPABILITIES.map((c) => c.name).filter(
    (n) => !/^(etcd-(verify|list|prune)|fleet-(plan|report))$/.test(n),
  );
  for (const n of api) assert.ok(files.includes(`kubekeep-${n}.yaml`), `no docs/rbac/kubekeep-${n}.yaml`);
});
