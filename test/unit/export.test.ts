// Pure parts of the export: YAML emitting, layout, cleaning (redaction: export-redaction.test.ts),
// discovery parsing, deletion planning, risk flags, config parsing.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { fromRecord } from "../../src/config/inputs.ts";
import { cleanObject, kubernetesKeyOrder, skipReason } from "../../src/export/clean.ts";
import { parseDeletionLimit, parseExportConfig } from "../../src/export/config.ts";
import { riskOf } from "../../src/export/diff.ts";
import { dedupe, fromAggregated } from "../../src/export/discovery.ts";
import type { ResourceType } from "../../src/export/resource-type.ts";
import { plan } from "../../src/export/export.ts";
import type { JsonObject } from "../../src/export/json.ts";
import { escapeName, kindOfFile, objectFile, unescapeName } from "../../src/export/layout.ts";
import type { KindOutcome } from "../../src/export/outcome.ts";
import { kindMatches, selectKind } from "../../src/export/select.ts";
import { TreeWriter } from "../../src/export/write.ts";
import { quoteIfNeeded, toYaml } from "../../src/export/yaml.ts";

const rt = (resource: string, kind: string, group = "", namespaced = true): ResourceType => ({
  group,
  version: "v1",
  resource,
  kind,
  namespaced,
  verbs: ["list"],
});

test("YAML round-trips through YAML 1.2 and 1.1 parsers for awkward strings", () => {
  const strings = [
    "yes",
    "no",
    "on",
    "off",
    "y",
    "n",
    "true",
    "False",
    "null",
    "~",
    "",
    " ",
    "0123",
    "1e3",
    "0x1F",
    "1_000",
    "12:30",
    "2024-01-01",
    ".5",
    "-1",
    "+1",
    ".inf",
    "-",
    "- a",
    "a: b",
    "a #b",
    "a#b",
    "key:",
    "@at",
    "`tick",
    "!tag",
    "&anchor",
    "*alias",
    "%pct",
    "25%",
    "100m",
    "16Mi",
    "[x]",
    "{x}",
    "a, b",
    "é unicode",
    "tab\there",
    "line\nline",
    "trailing\n",
    "two trailing\n\n",
    " leading\nspace",
    "trailing space \nx",
    "cr\r\nlf",
    "#!/bin/sh\necho 'hi: there' # c\n",
    "\u2028sep",
    'quote"d',
    "back\\slash",
    "registry.example/app:1.0",
    "system:controller:job",
    "https://x.example/a?b=c",
  ];
  const doc = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "x", labels: { "app.kubernetes.io/name": "x" } },
    data: Object.fromEntries(strings.map((s, i) => [`k${i}`, s])),
    keys: Object.fromEntries(strings.filter((s) => s !== "").map((s) => [s, s])),
    list: [...strings, 1, 0, -2.5, true, false, null, [], {}, [1, [2, 3]], [{ a: 1, b: [{ c: "d" }] }]],
    empty: { map: {}, list: [] },
    nested: { deep: { deeper: [{ name: "a", value: "multi\nline" }] } },
  };
  const text = toYaml(doc);
  assert.deepEqual(parse(text), doc, text);
  assert.deepEqual(parse(text, { version: "1.1" }), doc, text);
});

test("exported objects get a fixed key order while they are written, whatever order the server used", () => {
  const text = toYaml(
    {
      spec: {
        ports: [{ targetPort: 8080, port: 80, name: "http" }],
        selector: { b: "2", a: "1" },
        template: { metadata: { namespace: "x", labels: { z: "1" }, name: "t" } },
      },
      metadata: { labels: { b: "2", a: "1" }, namespace: "shop", name: "web" },
      kind: "Service",
      apiVersion: "v1",
    },
    kubernetesKeyOrder,
  );
  assert.equal(
    text,
    [
      "apiVersion: v1",
      "kind: Service",
      "metadata:",
      "  name: web",
      "  namespace: shop",
      "  labels:",
      '    a: "1"',
      '    b: "2"',
      "spec:",
      "  ports:",
      "  - name: http",
      "    port: 80",
      "    targetPort: 8080",
      "  selector:",
      '    a: "1"',
      '    b: "2"',
      "  template:",
      "    metadata:",
      "      name: t",
      "      labels:",
      '        z: "1"',
      "      namespace: x",
      "",
    ].join("\n"),
  );
});

test("YAML output looks like kubectl's for common objects", () => {
  const text = toYaml({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      template: {
        spec: {
          containers: [{ name: "app", image: "r/app:1", ports: [{ containerPort: 80 }] }],
          volumes: [{ name: "tmp", emptyDir: {} }],
        },
      },
    },
  });
  assert.equal(
    text,
    [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: web",
      "spec:",
      "  template:",
      "    spec:",
      "      containers:",
      "      - name: app",
      "        image: r/app:1",
      "        ports:",
      "        - containerPort: 80",
      "      volumes:",
      "      - name: tmp",
      "        emptyDir: {}",
      "",
    ].join("\n"),
  );
  assert.equal(quoteIfNeeded("25%"), "25%");
  assert.equal(quoteIfNeeded("yes"), '"yes"');
});

test("file names escape reversibly and files map back to their kind", () => {
  for (const name of ["system:controller:job", "a/b", "100%", "ünï", "plain-name.v1", "..", "."]) {
    const e = escapeName(name);
    assert.match(e, /^[A-Za-z0-9._%-]+$/);
    assert.notEqual(e, ".");
    assert.notEqual(e, "..");
    assert.equal(unescapeName(e), name);
  }
  const file = objectFile(rt("widgets", "Widget", "kubekeep.dev"), "w:1", "shop");
  assert.equal(file, "namespaces/shop/kubekeep.dev/Widget/w%3A1.yaml");
  assert.equal(kindOfFile(file), "kubekeep.dev/Widget");
  assert.equal(
    objectFile(rt("namespaces", "Namespace", "", false), "shop"),
    "cluster/core/Namespace/shop.yaml",
  );
  assert.equal(kindOfFile("README.md"), undefined);
});

test("cleaning strips server and controller fields, keeps what the user set", () => {
  const svc: JsonObject = {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "web",
      namespace: "shop",
      uid: "u",
      resourceVersion: "1",
      creationTimestamp: "t",
      managedFields: [{ manager: "kubectl", fieldsV1: { "f:spec": { "f:ports": {} } } }],
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{secret}" },
    },
    spec: {
      clusterIP: "10.0.0.5",
      clusterIPs: ["10.0.0.5"],
      type: "NodePort",
      ports: [{ port: 80, nodePort: 30001 }],
    },
    status: { loadBalancer: {} },
  };
  assert.deepEqual(cleanObject(svc, rt("services", "Service")), {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "shop" },
    spec: { ports: [{ port: 80 }], type: "NodePort" },
  });
  const pinned: JsonObject = {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "p",
      managedFields: [
        { manager: "kubectl", fieldsV1: { "f:spec": { "f:ports": { "k:{}": { "f:nodePort": {} } } } } },
      ],
    },
    spec: { clusterIP: "None", ports: [{ port: 80, nodePort: 30002 }] },
  };
  assert.deepEqual(cleanObject(pinned, rt("services", "Service")).spec, {
    clusterIP: "None",
    ports: [{ port: 80, nodePort: 30002 }],
  });
  const job: JsonObject = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "j" },
    spec: {
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "x" } },
      template: {
        metadata: { labels: { "batch.kubernetes.io/controller-uid": "x", "job-name": "j", app: "a" } },
        spec: {},
      },
    },
  };
  assert.deepEqual(cleanObject(job, rt("jobs", "Job", "batch")).spec, {
    template: { metadata: { labels: { app: "a" } }, spec: {} },
  });
});

// Nothing lost on restore: what a user's field manager set stays, what the server
// allocated or a controller filled in goes (pure logic over managedFields).
test("field ownership decides: user-set cluster IPs and bindings stay, allocated and controller-set ones go", () => {
  const fields = (manager: string, spec: JsonObject): JsonObject => ({
    manager,
    operation: "Update",
    fieldsV1: { "f:spec": spec },
  });
  const dns: JsonObject = {
    metadata: {
      name: "kube-dns",
      managedFields: [fields("kubeadm", { "f:clusterIP": {}, "f:ports": {} })],
    },
    spec: {
      clusterIP: "10.96.0.10",
      clusterIPs: ["10.96.0.10"],
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      ports: [{ port: 53 }],
    },
  };
  assert.deepEqual(cleanObject(dns, rt("services", "Service")).spec, {
    clusterIP: "10.96.0.10",
    ports: [{ port: 53 }],
  });
  const dual: JsonObject = {
    metadata: { name: "d", managedFields: [fields("kubectl", { "f:ipFamilyPolicy": {} })] },
    spec: { clusterIP: "10.0.0.9", ipFamilies: ["IPv4", "IPv6"], ipFamilyPolicy: "PreferDualStack" },
  };
  assert.deepEqual(cleanObject(dual, rt("services", "Service")).spec, { ipFamilyPolicy: "PreferDualStack" });
  // A controller owning a field does not make it the user's.
  const byController: JsonObject = {
    metadata: {
      name: "c",
      managedFields: [fields("kube-controller-manager", { "f:volumeName": {} }), fields("kubectl", {})],
    },
    spec: { volumeName: "pv-1", storageClassName: "" },
  };
  assert.deepEqual(cleanObject(byController, rt("persistentvolumeclaims", "PersistentVolumeClaim")).spec, {
    storageClassName: "",
  });
  const staticBind: JsonObject = {
    metadata: { name: "s", managedFields: [fields("kubectl-client-side-apply", { "f:volumeName": {} })] },
    spec: { volumeName: "pv-2" },
  };
  assert.deepEqual(cleanObject(staticBind, rt("persistentvolumeclaims", "PersistentVolumeClaim")).spec, {
    volumeName: "pv-2",
  });
  const sts: JsonObject = {
    metadata: { name: "db" },
    spec: { volumeClaimTemplates: [{ metadata: { name: "data" }, spec: {}, status: { phase: "Pending" } }] },
  };
  assert.deepEqual(cleanObject(sts, rt("statefulsets", "StatefulSet", "apps")).spec, {
    volumeClaimTemplates: [{ metadata: { name: "data" }, spec: {} }],
  });
  // A Job made without labels gets its pods' generated labels on itself too.
  const gen = { "batch.kubernetes.io/controller-uid": "u1", "controller-uid": "u1", "job-name": "j" };
  const job: JsonObject = {
    metadata: { name: "j", uid: "u1", labels: { ...gen } },
    spec: {
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "u1" } },
      template: { metadata: { labels: { ...gen } } },
    },
  };
  const cleaned = cleanObject(job, rt("jobs", "Job", "batch"));
  assert.deepEqual(cleaned.metadata, { name: "j" });
  assert.deepEqual(cleaned.spec, { template: { metadata: {} } });
  const manual: JsonObject = {
    metadata: { name: "m", uid: "u2" },
    spec: { manualSelector: true, selector: { matchLabels: { a: "b" } } },
  };
  assert.deepEqual(cleanObject(manual, rt("jobs", "Job", "batch")).spec, {
    manualSelector: true,
    selector: { matchLabels: { a: "b" } },
  });
});

test("objects owned by controllers and control-plane objects are skipped with a reason", () => {
  const opts = { includeOwned: false, includeSystem: false };
  const pod = { metadata: { name: "p", ownerReferences: [{ kind: "ReplicaSet", controller: true }] } };
  assert.match(skipReason(pod, rt("pods", "Pod"), opts) ?? "", /owned by ReplicaSet/);
  assert.equal(skipReason(pod, rt("pods", "Pod"), { ...opts, includeOwned: true }), undefined);
  assert.match(
    skipReason({ metadata: { name: "kube-root-ca.crt" } }, rt("configmaps", "ConfigMap"), opts) ?? "",
    /kube-root-ca/,
  );
  const boot = {
    metadata: { name: "admin", annotations: { "rbac.authorization.kubernetes.io/autoupdate": "true" } },
  };
  assert.match(
    skipReason(boot, rt("clusterroles", "ClusterRole", "rbac.authorization.k8s.io", false), opts) ?? "",
    /control plane/,
  );
  const token = {
    type: "kubernetes.io/service-account-token",
    metadata: { name: "t", annotations: { "kubernetes.io/service-account.name": "default" } },
  };
  assert.match(skipReason(token, rt("secrets", "Secret"), opts) ?? "", /default ServiceAccount/);
  // kubeadm's discovery document is the cluster's identity (CA, signed join tokens): a
  // re-initialised cluster has its own (the real-node export-restore test).
  const clusterInfo = { metadata: { name: "cluster-info", namespace: "kube-public" } };
  assert.match(skipReason(clusterInfo, rt("configmaps", "ConfigMap"), opts) ?? "", /control plane/);
  assert.equal(
    skipReason(clusterInfo, rt("configmaps", "ConfigMap"), { ...opts, includeSystem: true }),
    undefined,
  );
  const elsewhere = { metadata: { name: "cluster-info", namespace: "shop" } };
  assert.equal(skipReason(elsewhere, rt("configmaps", "ConfigMap"), opts), undefined);
});

test("aggregated discovery: preferred versions, listable kinds, stale groups reported", () => {
  const d = fromAggregated([
    {
      metadata: {},
      versions: [
        {
          version: "v1",
          resources: [
            { resource: "pods", responseKind: { kind: "Pod" }, scope: "Namespaced", verbs: ["list"] },
            { resource: "pods/log", verbs: ["get"] },
            { resource: "bindings", verbs: ["create"] },
          ],
        },
      ],
    },
    {
      metadata: { name: "autoscaling" },
      versions: [
        {
          version: "v2",
          resources: [
            {
              resource: "horizontalpodautoscalers",
              responseKind: { kind: "HorizontalPodAutoscaler" },
              scope: "Namespaced",
              verbs: ["list"],
            },
          ],
        },
        { version: "v1", resources: [] },
      ],
    },
    {
      metadata: { name: "metrics.k8s.io" },
      versions: [{ version: "v1beta1", freshness: "Stale", resources: [] }],
    },
  ]);
  assert.deepEqual(
    d.resources.map((r) => `${r.group}/${r.version}/${r.resource}`),
    ["/v1/pods", "autoscaling/v2/horizontalpodautoscalers"],
  );
  assert.deepEqual(
    d.failed.map((f) => f.groupVersion),
    ["metrics.k8s.io/v1beta1"],
  );
  const deduped = dedupe([
    rt("events", "Event", "events.k8s.io"),
    rt("events", "Event"),
    rt("widgets", "Widget", "b.example"),
    rt("widgets", "Widget", "a.example"),
  ]);
  assert.deepEqual(
    deduped.map((r) => `${r.resource}.${r.group}`),
    ["events.", "widgets.a.example", "widgets.b.example"],
  );
});

test("kind lists match like kubectl; defaults exclude noise unless named", () => {
  const deploy = rt("deployments", "Deployment", "apps");
  for (const e of ["Deployment", "deployments", "deployments.apps", "Deployment.apps", "DEPLOYMENT"])
    assert.ok(kindMatches(e, deploy), e);
  assert.ok(!kindMatches("deployments.extensions", deploy));
  assert.ok(kindMatches("configmaps.core", rt("configmaps", "ConfigMap")));
  const config = parseExportConfig(fromRecord({}));
  assert.deepEqual(selectKind(rt("leases", "Lease", "coordination.k8s.io"), config).export, false);
  assert.deepEqual(
    selectKind(rt("leases", "Lease", "coordination.k8s.io"), { ...config, includeKinds: ["leases"] }).export,
    true,
  );
  // A kubelet's certificate request belongs to the cluster that issued it.
  const csr = rt("certificatesigningrequests", "CertificateSigningRequest", "certificates.k8s.io", false);
  assert.equal(selectKind(csr, config).export, false);
  assert.equal(
    selectKind(csr, { ...config, includeKinds: ["csr", "certificatesigningrequests"] }).export,
    true,
  );
});

test("deletion plan: only complete kinds in scope, or kinds gone from the cluster", () => {
  const k = (r: ResourceType, status: KindOutcome["status"]): KindOutcome => ({
    rt: r,
    status,
    exported: 0,
    skippedObjects: {},
  });
  const kinds = [
    k(rt("namespaces", "Namespace", "", false), "exported"),
    k(rt("configmaps", "ConfigMap"), "exported"),
    k(rt("secrets", "Secret"), "skipped"),
    k(rt("roles", "Role", "rbac.authorization.k8s.io"), "excluded"),
  ];
  // The previous tree's files this run did not write (namespaces/a/core/ConfigMap/kept.yaml it did).
  const notWritten = new Set([
    "kubekeep-index.yaml",
    "README.md",
    "namespaces/a/core/ConfigMap/gone.yaml",
    "namespaces/b/core/ConfigMap/other-ns.yaml",
    "namespaces/a/core/Secret/s.yaml",
    "namespaces/a/rbac.authorization.k8s.io/Role/r.yaml",
    "namespaces/a/old.example/Thing/t.yaml",
    "namespaces/a/metrics.k8s.io/PodMetrics/p.yaml",
    "cluster/core/Namespace/a.yaml",
    "cluster/core/Namespace/b.yaml",
  ]);
  const { removed, kept } = plan(notWritten, kinds, [{ groupVersion: "metrics.k8s.io/v1beta1" }], {
    includeNamespaces: ["a"],
    excludeNamespaces: [],
  });
  assert.deepEqual(removed.sort(), [
    "cluster/core/Namespace/a.yaml",
    "namespaces/a/core/ConfigMap/gone.yaml",
    "namespaces/a/old.example/Thing/t.yaml",
  ]);
  assert.deepEqual(kept.sort(), [
    "README.md",
    "cluster/core/Namespace/b.yaml",
    "namespaces/a/core/Secret/s.yaml",
    "namespaces/a/metrics.k8s.io/PodMetrics/p.yaml",
    "namespaces/a/rbac.authorization.k8s.io/Role/r.yaml",
    "namespaces/b/core/ConfigMap/other-ns.yaml",
  ]);
});

test("risky changes: cluster-admin bindings, wildcard roles, webhooks, privileged pods", () => {
  assert.deepEqual(
    riskOf({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      roleRef: { kind: "ClusterRole", name: "cluster-admin" },
    }),
    ["ClusterRoleBinding to cluster-admin"],
  );
  assert.deepEqual(
    riskOf({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      rules: [{ verbs: ["*"], resources: ["*"] }],
    }),
    ["Role granting every verb on every resource"],
  );
  assert.deepEqual(
    riskOf({ apiVersion: "admissionregistration.k8s.io/v1", kind: "MutatingWebhookConfiguration" }),
    ["admission control: MutatingWebhookConfiguration"],
  );
  assert.deepEqual(
    riskOf({
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      spec: {
        template: {
          spec: {
            hostNetwork: true,
            containers: [
              { name: "c", securityContext: { privileged: true, capabilities: { add: ["NET_ADMIN"] } } },
            ],
            volumes: [{ name: "h", hostPath: { path: "/" } }],
          },
        },
      },
    }),
    [
      "pod uses hostNetwork",
      "privileged container c",
      "container c adds capabilities NET_ADMIN",
      "pod mounts host paths /",
    ],
  );
  assert.deepEqual(riskOf({ apiVersion: "v1", kind: "ConfigMap", data: {} }), []);
});

test("config: inputs are validated with the input's name", () => {
  assert.deepEqual(parseDeletionLimit("25%"), { share: 0.25 });
  assert.deepEqual(parseDeletionLimit("100"), { count: 100 });
  assert.throws(() => parseDeletionLimit("lots"), /input 'deletion-limit': got "lots"/);
  assert.throws(
    () => parseExportConfig(fromRecord({ "redact-paths": "nokind" })),
    /input 'redact-paths': got "nokind", expected KIND:PATH/,
  );
  assert.throws(
    () => parseExportConfig(fromRecord({ "fingerprint-key": "short" })),
    /input 'fingerprint-key'.*at least 16/,
  );
  assert.throws(() => parseExportConfig(fromRecord({ concurrency: "0" })), /input 'concurrency'/);
  const c = parseExportConfig(
    fromRecord({ "include-kinds": "deployments, configmaps", "redact-paths": "ConfigMap:data.password" }),
  );
  assert.deepEqual(c.includeKinds, ["deployments", "configmaps"]);
  assert.deepEqual(c.redactPaths, [{ kind: "ConfigMap", path: [{ key: "data" }, { key: "password" }] }]);
});

test("tree writer: a file is unchanged only when it holds exactly the same bytes", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-writer-"));
  try {
    const root = path.join(dir, "export");
    const big = "x".repeat(200_000);
    const before: Record<string, string> = {
      "same.yaml": "a: 1\n",
      "unicode.yaml": "note: grüße ✓\n",
      "big.yaml": big,
      "longer.yaml": "a: 1\nb: 2\n",
      "shorter.yaml": "a: 1\n",
      "edited.yaml": "a: 1\n",
      "empty.yaml": "",
    };
    const after: Record<string, [string, string]> = {
      "same.yaml": ["a: 1\n", "unchanged"],
      "unicode.yaml": ["note: grüße ✓\n", "unchanged"],
      "big.yaml": [big, "unchanged"],
      "longer.yaml": ["a: 1\n", "changed"],
      "shorter.yaml": ["a: 1\nb: 2\n", "changed"],
      "edited.yaml": ["a: 2\n", "changed"],
      "empty.yaml": ["", "unchanged"],
    };
    const first = new TreeWriter(root);
    first.begin();
    for (const [f, text] of Object.entries(before)) first.write(`cluster/core/ConfigMap/${f}`, text);
    first.commit([]);
    const second = new TreeWriter(root);
    second.begin();
    for (const [f, [text, status]] of Object.entries(after)) {
      assert.equal(second.write(`cluster/core/ConfigMap/${f}`, text), status, f);
    }
    second.commit([]);
    for (const [f, [text]] of Object.entries(after)) {
      assert.equal(fs.readFileSync(path.join(root, "cluster/core/ConfigMap", f), "utf8"), text, f);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("tree writer: stages only changes; a committed journal is finished by the next run", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-writer-"));
  try {
    const root = path.join(dir, "export");
    const read = (rel: string) => fs.readFileSync(path.join(root, rel), "utf8");
    const first = new TreeWriter(root);
    first.begin();
    assert.equal(first.write("cluster/core/Namespace/a.yaml", "a1"), "added");
    assert.equal(first.write("namespaces/x/core/ConfigMap/gone.yaml", "g"), "added");
    first.commit([]);
    assert.equal(read("cluster/core/Namespace/a.yaml"), "a1");
    fs.writeFileSync(path.join(root, "README.md"), "mine");

    // Interrupted after the commit point: the journal is there, nothing moved yet.
    const second = new TreeWriter(root);
    second.begin();
    assert.equal(second.write("cluster/core/Namespace/b.yaml", "b1"), "added");
    assert.equal(second.write("cluster/core/Namespace/a.yaml", "a2"), "changed");
    second.seal(["namespaces/x/core/ConfigMap/gone.yaml"]);
    assert.equal(read("cluster/core/Namespace/a.yaml"), "a1");

    const third = new TreeWriter(root);
    third.begin();
    assert.equal(read("cluster/core/Namespace/a.yaml"), "a2");
    assert.equal(read("cluster/core/Namespace/b.yaml"), "b1");
    assert.ok(!fs.existsSync(path.join(root, "namespaces")), "emptied folders are removed");
    assert.equal(read("README.md"), "mine");

    // Interrupted before the commit point: the staged change is discarded.
    assert.equal(third.write("cluster/core/Namespace/b.yaml", "b1"), "unchanged");
    assert.equal(third.write("cluster/core/Namespace/a.yaml", "a3"), "changed");
    const fourth = new TreeWriter(root);
    fourth.begin();
    assert.equal(read("cluster/core/Namespace/a.yaml"), "a2");
    fourth.abort();
    assert.ok(!fs.existsSync(`${root}.kubekeep-new`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
