// apply's pure parts: the phase order, field diffs (Secrets by key only),
// which Secret keys are redacted (the export's own markers, typed Secrets
// included) and how supplied values fill them, the tree reader's exact
// numbers and its errors naming file and line, and the secret-values input.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { ConfigurationError } from "../../src/core/errors.ts";
import type { JsonObject } from "../../src/export/json.ts";
import { newRedactor, redactSecret } from "../../src/export/redact.ts";
import type { ResourceType } from "../../src/export/resource-type.ts";
import { parseSecretValues } from "../../src/restore/config.ts";
import { diffObjects, hideRefusedValues } from "../../src/restore/diff.ts";
import { byPhase, phaseOf } from "../../src/restore/order.ts";
import { readObjectFile, readTree } from "../../src/restore/read-tree.ts";
import { fillSecret, markedPaths, redactedKeys, secretValues } from "../../src/restore/secrets-source.ts";
import { appliedFieldsInTree, holdsTree } from "../../src/restore/unchanged.ts";

const SECRET: ResourceType = {
  group: "",
  version: "v1",
  resource: "secrets",
  kind: "Secret",
  namespaced: true,
  verbs: [],
};
const b64 = (s: string) => Buffer.from(s).toString("base64");

test("phases: namespaces, CRDs, cluster-scoped, service accounts, namespaced, webhooks and APIServices last", () => {
  const cases: [string, string | undefined, string][] = [
    ["core/Namespace", undefined, "namespaces"],
    ["apiextensions.k8s.io/CustomResourceDefinition", undefined, "crds"],
    ["rbac.authorization.k8s.io/ClusterRole", undefined, "cluster"],
    ["core/ServiceAccount", "a", "service-accounts"],
    ["core/Secret", "a", "namespaced"],
    ["example.com/Widget", "a", "namespaced"],
    ["admissionregistration.k8s.io/ValidatingWebhookConfiguration", undefined, "last"],
    ["admissionregistration.k8s.io/MutatingWebhookConfiguration", undefined, "last"],
    ["apiregistration.k8s.io/APIService", undefined, "last"],
  ];
  for (const [kindKey, namespace, phase] of cases)
    assert.equal(phaseOf({ kindKey, ...(namespace ? { namespace } : {}) }), phase, kindKey);
  const phases = byPhase([{ kindKey: "core/ConfigMap", namespace: "a" }, { kindKey: "core/Namespace" }]);
  assert.equal(phases.get("namespaces")?.length, 1);
});

test("diffs ignore the server's bookkeeping and name a Secret's keys, never its values", () => {
  const live: JsonObject = {
    metadata: { name: "a", resourceVersion: "1", managedFields: [], generation: 1, labels: { app: "x" } },
    spec: { replicas: 5, template: { containers: [{ name: "c", image: "i:1" }] } },
    status: { ready: 1 },
  };
  const next: JsonObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "a",
      resourceVersion: "2",
      managedFields: [{}],
      generation: 2,
      labels: { app: "x", "new/l": "y" },
    },
    spec: { replicas: 2, template: { containers: [{ name: "c", image: "i:2" }] } },
    status: { ready: 0 },
  };
  assert.deepEqual(diffObjects(live, next, false), [
    { path: 'metadata.labels["new/l"]', to: '"y"' },
    { path: "spec.replicas", from: "5", to: "2" },
    { path: "spec.template.containers[0].image", from: '"i:1"', to: '"i:2"' },
  ]);
  const secret = diffObjects(
    { data: { pw: b64("old-pass"), same: "eA==" } },
    { data: { pw: b64("new-pass"), same: "eA==", add: "eQ==" } },
    true,
  );
  assert.deepEqual(secret, [
    { path: "data.pw", from: "(hidden)", to: "(hidden)" },
    { path: "data.add", to: "(hidden)" },
  ]);
  assert.deepEqual(diffObjects(live, structuredClone(live), false), []);
});

test("redacted keys are found in every form the export writes, and filled only when all are given", () => {
  for (const key of [undefined, "fingerprint-key-0123456789"]) {
    const secret: JsonObject = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s", namespace: "n" },
      type: "kubernetes.io/dockerconfigjson",
      data: {
        ".dockerconfigjson": b64(JSON.stringify({ auths: { r: { auth: "c2VjcmV0" } } })),
        extra: b64("x"),
      },
    };
    redactSecret(secret, newRedactor(key).forObject(secret, SECRET));
    assert.deepEqual(redactedKeys(secret).sort(), [".dockerconfigjson", "extra"]);
    const t = {
      file: "f",
      object: secret,
      apiVersion: "v1",
      kind: "Secret",
      kindKey: "core/Secret",
      name: "s",
      namespace: "n",
    };
    const partial = fillSecret(
      t,
      secretValues(new Map([["n/s", new Map([["extra", "X"]])]]), undefined, new ConsoleLogger()),
    );
    assert.deepEqual(partial, { ok: false, missing: [".dockerconfigjson"] });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-unit-apply-"));
    fs.mkdirSync(path.join(dir, "n", "s"), { recursive: true });
    fs.writeFileSync(path.join(dir, "n", "s", ".dockerconfigjson"), '{"auths":{}}');
    const full = fillSecret(
      t,
      secretValues(
        new Map([["n/s", new Map([["extra", "X"]])]]),
        dir,
        new ConsoleLogger({ write: () => {} }),
      ),
    );
    assert.deepEqual(full, { ok: true });
    assert.deepEqual(secret.data, { ".dockerconfigjson": b64('{"auths":{}}'), extra: b64("X") });
    fs.rmSync(dir, { recursive: true });
  }
  // A token Secret (its data stripped by the export) and a plain one have nothing redacted.
  assert.deepEqual(redactedKeys({ type: "kubernetes.io/service-account-token" }), []);
  assert.deepEqual(redactedKeys({ data: { a: b64("plain") } }), []);
});

test("the tree reader keeps numbers exact and names the file and line of bad YAML", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-unit-tree-"));
  const file = path.join(dir, "namespaces", "n", "example.com", "Widget", "w.yaml");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: n\nspec:\n  big: 9007199254740993\n  one: 1.0\n  small: 3\n  text: "007"\n',
  );
  const tree = readTree(dir);
  assert.equal(tree.objects.length, 1);
  assert.equal(
    JSON.stringify(tree.objects[0]?.object.spec),
    '{"big":9007199254740993,"one":1.0,"small":3,"text":"007"}',
  );
  fs.writeFileSync(file, "apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: n\nspec: [a\n");
  assert.throws(
    () => readObjectFile(file, "namespaces/n/example.com/Widget/w.yaml"),
    (err: Error) => {
      assert.ok(err instanceof ConfigurationError);
      assert.match(err.message, /^namespaces\/n\/example\.com\/Widget\/w\.yaml:\d+: not valid YAML/);
      return true;
    },
  );
  fs.writeFileSync(file, "apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: other\n");
  assert.throws(
    () => readTree(dir),
    /metadata\.namespace is "other", but the file is in namespace n's folder/,
  );
  fs.rmSync(dir, { recursive: true });
});

test("secret-values: a mapping of namespace/name to keys; errors never quote the values", () => {
  const m = parseSecretValues('{"app/db": {"password": "p4ss", "port": 5432}}');
  assert.equal(m.get("app/db")?.get("password"), "p4ss");
  assert.equal(m.get("app/db")?.get("port"), "5432");
  for (const bad of [
    "app/db: p4ss-leak",
    "[p4ss-leak]",
    "{nope: {a: b}}",
    "{'a/b': {k: [p4ss-leak]}}",
    "{a: [unclosed p4ss-leak",
  ]) {
    assert.throws(
      () => parseSecretValues(bad),
      (err: Error) => {
        assert.ok(err instanceof ConfigurationError);
        assert.doesNotMatch(err.message, /p4ss-leak/);
        return true;
      },
    );
  }
});

test("unchanged without a dry run only when the live object holds the tree and kubekeep applied nothing more", () => {
  const tree: JsonObject = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c", namespace: "n", labels: { app: "a" } },
    data: { k: "v" },
  };
  const applied = (fields: JsonObject): JsonObject => ({
    metadata: {
      name: "c",
      namespace: "n",
      labels: { app: "a" },
      resourceVersion: "7",
      managedFields: [{ manager: "kubekeep", operation: "Apply", fieldsV1: fields }],
    },
    data: { k: "v" },
  });
  const same = { "f:data": { "f:k": {} }, "f:metadata": { "f:labels": { "f:app": {} } } };
  assert.ok(holdsTree(applied(same), tree));
  assert.ok(appliedFieldsInTree(applied(same), tree, "kubekeep"));
  // kubekeep applied a label the tree no longer has: server-side apply would remove it.
  const more = { ...same, "f:metadata": { "f:labels": { "f:app": {}, "f:gone": {} } } };
  assert.ok(!appliedFieldsInTree(applied(more), tree, "kubekeep"));
  // Another manager's extra fields do not matter; a different value does.
  assert.ok(appliedFieldsInTree(applied(more), tree, "someone-else"));
  assert.ok(!holdsTree({ ...applied(same), data: { k: "other" } }, tree));
  // List items by key, set members by value.
  const pod: JsonObject = { spec: { containers: [{ name: "c", image: "i" }], finalizers: ["x"] } };
  const podFields = {
    "f:spec": {
      "f:containers": { 'k:{"name":"c"}': { ".": {}, "f:image": {} } },
      "f:finalizers": { 'v:"x"': {} },
    },
  };
  const live: JsonObject = {
    ...pod,
    metadata: { managedFields: [{ manager: "kubekeep", operation: "Apply", fieldsV1: podFields }] },
  };
  assert.ok(appliedFieldsInTree(live, pod, "kubekeep"));
  assert.ok(
    !appliedFieldsInTree(
      live,
      { spec: { containers: [{ name: "d", image: "i" }], finalizers: ["x"] } },
      "kubekeep",
    ),
  );
});

test("other kinds holding redaction markers are found (never applied as markers)", () => {
  assert.deepEqual(
    markedPaths({
      data: { password: "REDACTED", url: "https://x" },
      spec: { env: [{ name: "TOKEN", value: "REDACTED/hmacSHA256/abcdefghijklmnopqrstuvwx" }] },
      metadata: { labels: { k: "REDACTED-hmacSHA256-0123456789abcdef01234567" } },
    }),
    ["data.password", "spec.env[0].value", "metadata.labels.k"],
  );
  assert.deepEqual(markedPaths({ data: { note: "REDACTED later" } }), []);
});

test("a Secret's diff shows no value anywhere: apply tools' copies, labels, a data map added whole", () => {
  // Promise: nothing leaked (only data/stringData were hidden; kapp's copy showed 57 characters).
  const copy = (pw: string) =>
    JSON.stringify({ apiVersion: "v1", kind: "Secret", stringData: { password: pw } });
  const live: JsonObject = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: "db",
      labels: { pin: "pin-old-4471" },
      annotations: {
        "kapp.k14s.io/original": copy("kapp-old-pass"),
        "kubectl.kubernetes.io/last-applied-configuration": copy("kubectl-old-pass"),
      },
    },
    type: "Opaque",
  };
  const next: JsonObject = {
    ...live,
    metadata: {
      name: "db",
      labels: { pin: "pin-new-4472" },
      annotations: {
        "kapp.k14s.io/original": copy("kapp-new-pass"),
        "kubectl.kubernetes.io/last-applied-configuration": copy("kubectl-new-pass"),
        "example.com/note": "note-pass",
      },
    },
    data: { password: b64("data-new-pass") },
  };
  const changes = diffObjects(live, next, true);
  assert.deepEqual(
    changes.map((c) => c.path),
    [
      "metadata.labels.pin",
      'metadata.annotations["kapp.k14s.io/original"]',
      'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
      'metadata.annotations["example.com/note"]',
      "data",
    ],
  );
  for (const c of changes) {
    if (c.from !== undefined) assert.equal(c.from, "(hidden)", c.path);
    assert.equal(c.to, "(hidden)", c.path);
  }
  assert.doesNotMatch(JSON.stringify(changes), /pass|pin-|cGFzc/);
  // Other kinds still show their values.
  assert.deepEqual(diffObjects({ data: { a: "1" } }, { data: { a: "2" } }, false), [
    { path: "data.a", from: '"1"', to: '"2"' },
  ]);
  // The values a server quotes when it refuses a Secret are hidden too.
  assert.equal(
    hideRefusedValues(
      'Secret "db" is invalid: metadata.labels: Invalid value: "s3cr3t value": a valid label must be ...',
    ),
    'Secret "db" is invalid: metadata.labels: Invalid value: (hidden): a valid label must be ...',
  );
  assert.equal(
    hideRefusedValues("spec.type: Unsupported value: opaque-x, supported: Opaque"),
    "spec.type: Unsupported value: (hidden), supported: Opaque",
  );
});
