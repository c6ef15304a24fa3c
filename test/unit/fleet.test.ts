// The fleet inventory (strict parsing, errors naming file, cluster, field,
// value and form), the matrix plan (selection, wave order, pages), the drill
// record's checks and the judging of a cluster's backup status.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseLabelSelector } from "../../src/cluster/label-selector.ts";
import { ConfigurationError } from "../../src/core/errors.ts";
import { drillRecordProblem, newDrillRecord } from "../../src/etcd/drill-record.ts";
import { parseInventory, type Inventory } from "../../src/fleet/inventory.ts";
import { matrixJson, planFleet } from "../../src/fleet/plan.ts";
import { parseNameStatus, riskOfFile } from "../../src/fleet/export-status.ts";
import { judge, type ClusterStatus } from "../../src/fleet/status.ts";
import { fleetSupportNotes, skewViolations, versionsFact } from "../../src/fleet/skew.ts";
import { newVersionRecord, versionRecordProblem } from "../../src/fleet/version-record.ts";
import { displaySafe } from "../../src/capabilities/fleet-report/report.ts";
import { fleetPlan } from "../../src/capabilities/fleet-plan/capability.ts";
import { fleetReport } from "../../src/capabilities/fleet-report/capability.ts";
import { fromRecord } from "../../src/config/inputs.ts";

const GOOD = `
version: 1
defaults:
  snapshots: { bucket: backups, prefix: etcd/ }
  export: { branch: "export/{cluster}" }
clusters:
  - name: prod-eu
    labels: { env: prod, region: eu-west-1, wave: 2 }
    kind: kubeadm
    access: { kubeconfig-secret: KUBECONFIG_PROD_EU }
    snapshots: {}
  - name: canary
    labels: { env: prod, wave: canary }
    kind: k3s
    access: { kubeconfig-secret: KUBECONFIG_CANARY }
    snapshots: { prefix: k3s/, cluster-name: default }
    export: { path: exports/canary }
  - name: eks-us
    labels: { env: staging, wave: "1" }
    kind: eks
    access:
      eks: { cluster-name: us-main, region: us-east-1, role-arn: "arn:aws:iam::123456789012:role/kubekeep" }
`;

function inv(text = GOOD): Promise<Inventory> {
  return Promise.resolve().then(() => parseInventory(text, "fleet.yaml"));
}

async function refused(text: string, ...parts: (string | RegExp)[]): Promise<void> {
  await assert.rejects(inv(text), (err: unknown) => {
    assert.ok(err instanceof ConfigurationError, String(err));
    for (const p of parts)
      if (typeof p === "string") assert.ok(err.message.includes(p), `${err.message}\n  lacks ${p}`);
      else assert.match(err.message, p);
    return true;
  });
}

const one = (body: string) => `version: 1\nclusters:\n  - ${body.trim().split("\n").join("\n    ")}\n`;

test("a good inventory: defaults merged, {cluster} filled, numbers as label text, kinds without snapshots", async () => {
  const i = await inv();
  const [prod, canary, eks] = i.clusters;
  assert.deepEqual(prod?.snapshots, { bucket: "backups", prefix: "etcd/", clusterName: "prod-eu" });
  assert.deepEqual(prod?.export, { path: "clusters/prod-eu", branch: "export/prod-eu" });
  assert.equal(prod?.labels.wave, "2");
  assert.deepEqual(canary?.snapshots, { bucket: "backups", prefix: "k3s/", clusterName: "default" });
  assert.deepEqual(canary?.export, { path: "exports/canary", branch: "export/canary" });
  assert.equal(eks?.snapshots, undefined);
  assert.equal(eks?.access.eks?.roleArn, "arn:aws:iam::123456789012:role/kubekeep");
});

test("inventory errors name the file, the cluster, the field, the value and the form", async () => {
  await refused(
    one("name: Prod_1\nkind: k3s\naccess: {kubeconfig-secret: K}"),
    "fleet.yaml",
    "clusters[0]",
    "name",
    '"Prod_1"',
    "lower-case",
  );
  await refused(
    one("name: a\nkind: openshift\naccess: {kubeconfig-secret: K}"),
    "cluster 'a' (clusters[0]): kind",
    '"openshift"',
    "kubeadm, k3s, rke2, eks, gke, aks, other",
  );
  await refused(
    one("name: a\nkind: k3s\naccess: {kubeconfig-secret: K}\nsnapshot: {bucket: b}"),
    'unknown field "snapshot"',
  );
  await refused(
    one("name: a\nkind: k3s\naccess: {kubeconfig-secret: K}\nsnapshots: {bucket: b, buckett: c}"),
    "snapshots",
    'unknown field "buckett"',
  );
  await refused(
    one("name: a\nkind: k3s\naccess: {kubeconfig-secret: K}\nsnapshots: {bucket: My_Bucket}"),
    "snapshots.bucket",
    '"My_Bucket"',
  );
  await refused(
    one("name: a\nkind: k3s\naccess: {kubeconfig-secret: K}\nsnapshots: {bucket: bkt, prefix: ../x}"),
    "snapshots.prefix",
  );
  await refused(
    one("name: a\nkind: k3s\naccess: {kubeconfig-secret: K}\nexport: {path: ../../etc}"),
    "export.path",
    '"../../etc"',
  );
  await refused(
    one("name: a\nkind: k3s\naccess: {kubeconfig-secret: K}\nexport: {branch: 'a..b'}"),
    "export.branch",
  );
  await refused(
    one("name: a\nkind: k3s\naccess: {kubeconfig-secret: K}\nexport: {branch: 'x; rm -rf /'}"),
    "export.branch",
  );
  await refused(
    one("name: a\nkind: k3s\naccess: {kubeconfig-secret: 'K-1'}"),
    "access.kubeconfig-secret",
    '"K-1"',
  );
  await refused(
    one("name: a\nkind: k3s\naccess: {kubeconfig-secret: GITHUB_TOKEN}"),
    "access.kubeconfig-secret",
  );
  await refused(one("name: a\nkind: k3s\naccess: {}"), "exactly one of kubeconfig-secret");
  await refused(
    one("name: a\nkind: k3s\nlabels: {Env: prod}\naccess: {kubeconfig-secret: K}"),
    'label key "Env"',
  );
  await refused(
    one("name: a\nkind: k3s\nlabels: {env: 'prod eu'}\naccess: {kubeconfig-secret: K}"),
    "labels.env",
    '"prod eu"',
  );
  await refused(
    one(
      "name: a\nkind: eks\naccess: {eks: {cluster-name: x, region: us-east-1, role-arn: 'arn:aws:iam::1:role/x'}}",
    ),
    "access.eks.role-arn",
  );
  await refused(
    one("name: a\nkind: eks\naccess: {kubeconfig-secret: K}\nsnapshots: {bucket: bkt}"),
    "snapshots",
    "managed by its provider",
  );
  await refused(
    one(
      "name: a\nkind: k3s\naccess: {eks: {cluster-name: x, region: us-east-1, role-arn: 'arn:aws:iam::123456789012:role/x'}}",
    ),
    "for kind eks",
  );
  const eks = (extra: string) =>
    one(
      `name: a\nkind: eks\naccess: {eks: {cluster-name: x, region: us-east-1, role-arn: 'arn:aws:iam::123456789012:role/x', ${extra}}}`,
    );
  await refused(eks("server: 'http://x.example'"), "access.eks.server", "https://host");
  await refused(eks("certificate-authority: 'bm9wZQ=='"), "access.eks.certificate-authority", "not of a PEM");
  await refused(eks("certificate-authority: '-----BEGIN'"), "access.eks.certificate-authority", "base64");
  await refused("version: 2\nclusters: []", "fleet.yaml", "version", "2");
  await refused("version: 1\nclusters: []", "clusters", "at least one");
  await refused("version: 1\nclusterz: []", 'unknown field "clusterz"');
  await refused("version: 1\nclusters: [\n", "fleet.yaml", "not valid YAML");
  await refused("version: 1\nversion: 1\nclusters: []", "not valid YAML");
});

test("per-cluster etcd secret names: all three or none, only where kubekeep reaches etcd, in the matrix", async () => {
  const k3s = (access: string) => one(`name: a\nkind: k3s\naccess: {kubeconfig-secret: K, ${access}}`);
  const i = await inv(k3s("etcd-ca-secret: A_CA, etcd-cert-secret: A_CERT, etcd-key-secret: A_KEY"));
  assert.deepEqual(i.clusters[0]?.access.etcdSecrets, { ca: "A_CA", cert: "A_CERT", key: "A_KEY" });
  const e = planFleet(i, { waveLabel: "wave", waveOrder: [], pageSize: 256 }).entries[0]!;
  assert.deepEqual(
    [e["etcd-ca-secret"], e["etcd-cert-secret"], e["etcd-key-secret"]],
    ["A_CA", "A_CERT", "A_KEY"],
  );
  await refused(
    k3s("etcd-ca-secret: A_CA, etcd-key-secret: A_KEY"),
    "cluster 'a'",
    "give all of etcd-ca-secret, etcd-cert-secret, etcd-key-secret",
  );
  await refused(
    k3s("etcd-ca-secret: A_CA, etcd-cert-secret: 'a-cert', etcd-key-secret: A_KEY"),
    "access.etcd-cert-secret",
    '"a-cert"',
    "GitHub secret name",
  );
  await refused(
    k3s("etcd-ca-secret: A_CA, etcd-cert-secret: GITHUB_TOKEN, etcd-key-secret: A_KEY"),
    "access.etcd-cert-secret",
  );
  await refused(
    one(
      "name: a\nkind: gke\naccess: {kubeconfig-secret: K, etcd-ca-secret: C, etcd-cert-secret: E, etcd-key-secret: Y}",
    ),
    "access",
    "managed by its provider",
  );
});

test("two clusters may not share a name, a snapshot catalog or an export folder", async () => {
  const two = (a: string, b: string) => `version: 1\nclusters:\n  - ${a}\n  - ${b}\n`;
  await refused(
    two(
      "{name: a, kind: k3s, access: {kubeconfig-secret: K}}",
      "{name: a, kind: k3s, access: {kubeconfig-secret: K}}",
    ),
    "share the name 'a'",
  );
  await refused(
    two(
      "{name: a, kind: k3s, access: {kubeconfig-secret: K}, snapshots: {bucket: bkt, cluster-name: x}}",
      "{name: b, kind: k3s, access: {kubeconfig-secret: K}, snapshots: {bucket: bkt, cluster-name: x}}",
    ),
    "clusters 'a' and 'b' share the snapshot catalog",
  );
  await refused(
    two(
      "{name: a, kind: k3s, access: {kubeconfig-secret: K}, export: {path: same}}",
      "{name: b, kind: k3s, access: {kubeconfig-secret: K}, export: {path: same}}",
    ),
    "share the export folder same",
  );
});

test("the plan: selector, wave order then name, every field present, deterministic", async () => {
  const i = await inv();
  const all = planFleet(i, { waveLabel: "wave", waveOrder: ["canary", "1", "2"], pageSize: 256 });
  assert.deepEqual(
    all.entries.map((e) => e.name),
    ["canary", "eks-us", "prod-eu"],
  );
  assert.deepEqual(all.waves, ["canary", "1", "2"]);
  const byName = planFleet(i, { waveLabel: "wave", waveOrder: [], pageSize: 256 });
  assert.deepEqual(
    byName.entries.map((e) => e.name),
    ["canary", "eks-us", "prod-eu"].sort(),
  );
  const prod = planFleet(i, {
    selector: parseLabelSelector("selector", "env=prod"),
    waveLabel: "wave",
    waveOrder: [],
    pageSize: 256,
  });
  assert.deepEqual(
    prod.entries.map((e) => e.name),
    ["canary", "prod-eu"],
  );
  const e = prod.entries[1];
  assert.deepEqual(e, {
    name: "prod-eu",
    kind: "kubeadm",
    labels: { env: "prod", region: "eu-west-1", wave: "2" },
    wave: "2",
    "kubeconfig-secret": "KUBECONFIG_PROD_EU",
    "eks-cluster": "",
    "eks-region": "",
    "eks-role-arn": "",
    "eks-server": "",
    "eks-certificate-authority": "",
    "etcd-ca-secret": "ETCD_CA",
    "etcd-cert-secret": "ETCD_CLIENT_CERT",
    "etcd-key-secret": "ETCD_CLIENT_KEY",
    snapshots: true,
    "s3-bucket": "backups",
    "s3-prefix": "etcd/",
    "s3-endpoint": "",
    "s3-region": "",
    "cluster-name": "prod-eu",
    export: true,
    "export-path": "clusters/prod-eu",
    "export-branch": "export/prod-eu",
    "concurrency-group": "kubekeep-cluster-prod-eu",
  });
  // An EKS cluster's entry holds what the aws-* and eks-* inputs take.
  const ca = Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").toString("base64");
  const withEks = parseInventory(
    `version: 1\nclusters:\n  - name: shop\n    kind: eks\n    access:\n      eks: { cluster-name: shop, region: eu-west-1, role-arn: "arn:aws:iam::123456789012:role/kubekeep", server: "https://ABC.gr7.eu-west-1.eks.amazonaws.com", certificate-authority: "${ca}" }\n`,
    "fleet.yaml",
  );
  const se = planFleet(withEks, { waveLabel: "wave", waveOrder: [], pageSize: 256 }).entries[0]!;
  assert.equal(se["eks-server"], "https://ABC.gr7.eu-west-1.eks.amazonaws.com");
  assert.equal(se["eks-certificate-authority"], ca);
  assert.equal(se["eks-role-arn"], "arn:aws:iam::123456789012:role/kubekeep");
  assert.deepEqual(
    [se["etcd-ca-secret"], se["etcd-cert-secret"], se["etcd-key-secret"]],
    ["", "", ""],
    "a managed cluster's etcd is not reachable: no etcd secrets",
  );
  assert.throws(
    () => planFleet(i, { waveLabel: "wave", waveOrder: ["1", "2"], pageSize: 256 }),
    /input 'wave-order': cluster 'canary' .* wave=canary, which is not in the wave order 1, 2/,
  );
  assert.equal(matrixJson(undefined), '{"include":[]}');
});

test("the plan pages at the page size and refuses more than four pages", async () => {
  const many = (n: number) =>
    `version: 1\nclusters:\n${Array.from({ length: n }, (_, k) => `  - {name: c${String(k).padStart(4, "0")}, kind: k3s, access: {kubeconfig-secret: K}}`).join("\n")}\n`;
  const i = await inv(many(600));
  const p = planFleet(i, { waveLabel: "wave", waveOrder: [], pageSize: 256 });
  assert.deepEqual(
    p.pages.map((x) => x.length),
    [256, 256, 88],
  );
  assert.equal(p.pages[1]?.[0]?.name, "c0256");
  const small = planFleet(i, { waveLabel: "wave", waveOrder: [], pageSize: 200 });
  assert.deepEqual(
    small.pages.map((x) => x.length),
    [200, 200, 200],
  );
  assert.throws(
    () => planFleet(i, { waveLabel: "wave", waveOrder: [], pageSize: 100 }),
    /600 clusters, more than 4 pages of 100/,
  );
});

test("fleet-plan and fleet-report inputs: bad values named", () => {
  assert.throws(
    () => fleetPlan.parse(fromRecord({ inventory: "f.yaml", selector: "env in (" })),
    /input 'selector'/,
  );
  assert.throws(() => fleetPlan.parse(fromRecord({ inventory: "f.yaml", "page-size": "300" })), /page-size/);
  assert.throws(
    () => fleetReport.parse(fromRecord({ inventory: "f.yaml", now: "yesterday" })),
    /input 'now': got "yesterday"/,
  );
  assert.throws(
    () => fleetReport.parse(fromRecord({ inventory: "f.yaml", "max-snapshot-age": "soon" })),
    /max-snapshot-age/,
  );
  const c = fleetReport.parse(fromRecord({ inventory: "f.yaml", "max-drill-age": "7d" })) as {
    limits: unknown;
  };
  assert.deepEqual(c.limits, { maxSnapshotAgeMs: 26 * 3_600_000, maxDrillAgeMs: 7 * 86_400_000 });
});

const now = new Date("2026-03-15T12:00:00Z");
const KEY = "etcd/prod/prod-etcd-20260315T100000.000Z-0123456789.db.zst";

test("drill records: written on one bounded line, read back strictly", () => {
  const r = newDrillRecord("prod", false, KEY, `boom\n\u0007${"x".repeat(900)}`, now);
  assert.equal(r.reason.length, 500);
  assert.doesNotMatch(r.reason, /[\n\u0007]/);
  assert.equal(drillRecordProblem(r, "prod", "etcd/", now, false), undefined);
  const ok = newDrillRecord("prod", true, KEY, "ignored", now);
  assert.equal(ok.reason, "");
  assert.equal(drillRecordProblem(ok, "prod", "etcd/", now, true), undefined);
  const bad: [unknown, RegExp][] = [
    ["x", /not a JSON object/],
    [{ ...ok, extra: 1 }, /unknown field/],
    [{ ...ok, cluster: "other" }, /names cluster "other"/],
    [{ ...ok, at: "2026-03-15" }, /not an ISO 8601/],
    [{ ...ok, at: "2027-01-01T00:00:00Z" }, /in the future/],
    [{ ...ok, passed: "yes" }, /'passed'/],
    [
      { ...ok, snapshotKey: "etcd/other/other-etcd-20260315T100000.000Z-0123456789.db" },
      /not a snapshot key of this cluster/,
    ],
    [{ ...ok, snapshotKey: "../../etc/passwd" }, /not a snapshot key/],
    [{ ...r, reason: "a\nb" }, /control characters/],
    [{ ...r, reason: "x".repeat(501) }, /at most 500/],
  ];
  for (const [v, re] of bad)
    assert.match(drillRecordProblem(v, "prod", "etcd/", now, false) ?? "(accepted)", re);
  assert.match(drillRecordProblem(r, "prod", "etcd/", now, true) ?? "", /holds a failed drill/);
});

test("judging: stale or missing verified snapshots, failed drills, old passing drills; managed clusters not judged", () => {
  const base: ClusterStatus = {
    name: "a",
    kind: "k3s",
    catalog: "s3://b/etcd/a/",
    snapshots: 2,
    exportPath: "",
    errors: [],
    problems: [],
  };
  const snap = (ageSeconds: number, verified = true) => ({ key: KEY, time: "t", ageSeconds, verified });
  const drill = (ageSeconds: number, passed: boolean) => ({
    time: "t",
    ageSeconds,
    passed,
    snapshotKey: KEY,
    reason: "",
  });
  const limits = { maxSnapshotAgeMs: 26 * 3_600_000 };
  assert.deepEqual(judge({ ...base, newestVerified: snap(3600) }, limits).problems, []);
  assert.match(
    judge({ ...base, newestVerified: snap(27 * 3600) }, limits).problems.join(),
    /27h.*old \(max-snapshot-age 26h/,
  );
  assert.match(judge(base, limits).problems.join(), /none of its 2 snapshots is verified/);
  assert.match(judge({ ...base, snapshots: 0 }, limits).problems.join(), /no snapshot at all/);
  assert.match(judge({ ...base, newestVerified: snap(-3600) }, limits).problems.join(), /in the future/);
  assert.match(
    judge({ ...base, newestVerified: snap(60), lastDrill: drill(60, false) }, limits).problems.join(),
    /last drill failed/,
  );
  const withDrill = { ...limits, maxDrillAgeMs: 7 * 86_400_000 };
  assert.match(judge({ ...base, newestVerified: snap(60) }, withDrill).problems.join(), /no passing drill/);
  assert.match(
    judge(
      {
        ...base,
        newestVerified: snap(60),
        lastDrill: drill(8 * 86400, true),
        lastPassingDrill: drill(8 * 86400, true),
      },
      withDrill,
    ).problems.join(),
    /last passing drill is 8d/,
  );
  assert.deepEqual(judge({ ...base, catalog: "", snapshots: 0 }, withDrill).problems, []);
  assert.deepEqual(judge({ ...base, errors: ["cannot read"] }, limits).problems[0], "cannot read");
  // Exports: reported, judged only with max-export-age.
  const exported = { ...base, newestVerified: snap(60), exportPath: "clusters/a" };
  const fact = (ageSeconds: number) => ({
    path: "clusters/a",
    ref: "HEAD",
    commit: "0".repeat(40),
    time: "t",
    ageSeconds,
    objects: 3,
    riskyChanges: 0,
    risky: [],
  });
  assert.deepEqual(judge({ ...exported, exportError: "shallow" }, limits).problems, []);
  const withExport = { ...limits, maxExportAgeMs: 86_400_000 };
  assert.match(
    judge({ ...exported, exportError: "shallow" }, withExport).problems.join(),
    /cannot read its export: shallow/,
  );
  assert.match(judge(exported, withExport).problems.join(), /no export commit found/);
  assert.match(
    judge({ ...exported, export: fact(2 * 86400) }, withExport).problems.join(),
    /export commit is 2d old/,
  );
  assert.deepEqual(judge({ ...exported, export: fact(3600) }, withExport).problems, []);
  assert.deepEqual(judge({ ...base, newestVerified: snap(60) }, withExport).problems, []);
});

test("risky export changes: RBAC, Secrets, CRDs, admission control, by the file's place in the tree", () => {
  const cases: [string, string | undefined][] = [
    ["cluster/rbac.authorization.k8s.io/ClusterRoleBinding/admin.yaml", "RBAC"],
    ["namespaces/app/rbac.authorization.k8s.io/Role/r.yaml", "RBAC"],
    ["namespaces/app/core/Secret/db.yaml", "Secret"],
    ["cluster/apiextensions.k8s.io/CustomResourceDefinition/x.example.com.yaml", "CRD"],
    ["cluster/admissionregistration.k8s.io/ValidatingWebhookConfiguration/w.yaml", "admission control"],
    ["cluster/admissionregistration.k8s.io/ValidatingAdmissionPolicy/p.yaml", "admission control"],
    ["namespaces/app/core/ConfigMap/c.yaml", undefined],
    ["namespaces/app/apps/Deployment/web.yaml", undefined],
    // Not an object file of the tree (wrong depth, the index): never risky.
    ["kubekeep-index.yaml", undefined],
    ["namespaces/core/Secret/x.yaml", undefined],
    ["extra/namespaces/app/core/Secret/x.yaml", undefined],
  ];
  for (const [file, why] of cases) assert.equal(riskOfFile(file)?.why, why, file);
  // git's NUL-separated name-status, with a name that holds a newline and one outside the folder.
  const out = [
    "A",
    "clusters/a/cluster/rbac.authorization.k8s.io/ClusterRole/x.yaml",
    "D",
    "clusters/a/namespaces/app/core/Secret/s\nx.yaml",
    "M",
    "clusters/ab/namespaces/app/core/Secret/other.yaml",
    "R100",
    "clusters/a/x",
    "",
  ].join("\0");
  assert.deepEqual(parseNameStatus(out, "clusters/a"), [
    { change: "added", rel: "cluster/rbac.authorization.k8s.io/ClusterRole/x.yaml" },
    { change: "removed", rel: "namespaces/app/core/Secret/s\nx.yaml" },
  ]);
});

test("text from the bucket shown in the summary cannot form links, images or HTML", () => {
  assert.equal(displaySafe("![x](http://evil/p.png) <img src=x>"), "??x?(http://evil/p.png) ?img src=x?");
});

test("version records: counted per kubelet version, read back strictly", () => {
  const at = new Date("2026-03-01T00:00:00Z");
  const r = newVersionRecord("prod", "v1.35.4", ["v1.35.4", "v1.35.4", "v1.32.1", "kwok", ""], at);
  assert.deepEqual(r.kubelets, { "v1.35.4": 2, "v1.32.1": 1, unknown: 2 });
  assert.equal(r.nodes, 5);
  const now = new Date("2026-03-01T01:00:00Z");
  assert.equal(versionRecordProblem(r, "prod", now), undefined);
  assert.equal(
    versionRecordProblem(newVersionRecord("prod", "v1.31.2-eks-1a2b3c4", [], at), "prod", now),
    undefined,
  );
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ ...r, cluster: "other" }, /names cluster "other", not prod/],
    [{ ...r, extra: 1 }, /unknown field/],
    [{ ...r, at: "2026-03-02T00:00:00Z" }, /in the future/],
    [{ ...r, at: "yesterday" }, /not an ISO 8601/],
    [{ ...r, apiServer: "v1.35.4<img src=x>" }, /'apiServer' is not a Kubernetes version/],
    [{ ...r, nodes: 6 }, /counts 5 nodes, 'nodes' says 6/],
    [{ ...r, nodes: -1 }, /'nodes' is not a whole number/],
    [{ ...r, kubelets: { "](http://x)": 5 } }, /not a Kubernetes version/],
    [{ ...r, kubelets: { "v1.35.4": 2.5, unknown: 2.5 } }, /other than a whole number/],
    [{ ...r, kubelets: [] }, /'kubelets' is not a JSON object/],
    [{ ...r, formatVersion: 2 }, /formatVersion/],
  ];
  for (const [value, re] of bad) assert.match(versionRecordProblem(value, "prod", now) ?? "", re);
});

test("version skew: a kubelet newer than the API server or more than 3 minors older is named with its rule", () => {
  assert.deepEqual(skewViolations("v1.35.4", { "v1.35.4": 3, "v1.32.0": 1, unknown: 1 }), []);
  assert.deepEqual(skewViolations("v1.35.4", { "v1.31.9": 2, "v1.36.0": 1 }), [
    "kubelet v1.31.9 (2 nodes) is 4 minors older than kube-apiserver v1.35.4: the skew policy allows at most 3",
    "kubelet v1.36.0 (1 node) is newer than kube-apiserver v1.35.4: the skew policy never allows a kubelet newer than the API server",
  ]);
  // A newer patch of the same minor is within the policy.
  assert.deepEqual(skewViolations("v1.35.1", { "v1.35.4": 1 }), []);
  const fact = (api: string, kubelets: Record<string, number>) =>
    versionsFact(
      {
        formatVersion: 1,
        cluster: "c",
        at: "2026-03-01T00:00:00Z",
        apiServer: api,
        nodes: Object.values(kubelets).reduce((a, b) => a + b, 0),
        kubelets,
      },
      new Date("2026-03-01T00:01:00Z"),
    );
  const a = fact("v1.35.4", { "v1.35.4": 1, "v1.33.0": 1 });
  assert.equal(a.kubeletMin, "v1.33.0");
  assert.equal(a.kubeletMax, "v1.35.4");
  assert.equal(a.ageSeconds, 60);
  const b = fact("v1.32.3", { "v1.32.3": 1 });
  const c = fact("v1.33.1-eks-abc", { "v1.33.1-eks-abc": 1 });
  fleetSupportNotes([a, b, c]);
  assert.deepEqual(a.unsupported, []);
  assert.deepEqual(c.unsupported, []);
  assert.deepEqual(b.unsupported, [
    "kube-apiserver v1.32.3 is out of upstream support: 1.35 exists (seen in this fleet) and upstream maintains only the 3 newest minors",
    "oldest kubelet v1.32.3 is out of upstream support: 1.35 exists (seen in this fleet) and upstream maintains only the 3 newest minors",
  ]);
  const judged = judge(
    {
      name: "c",
      kind: "kubeadm",
      catalog: "",
      snapshots: 0,
      exportPath: "",
      errors: [],
      problems: [],
      versions: fact("v1.35.4", { "v1.31.0": 1 }),
    },
    { maxSnapshotAgeMs: 1000 },
  );
  assert.deepEqual(judged.problems, [
    "version skew: kubelet v1.31.0 (1 node) is 4 minors older than kube-apiserver v1.35.4: the skew policy allows at most 3",
  ]);
});
