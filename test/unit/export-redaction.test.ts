// The export's redaction, pure parts: Secret markers and fingerprints, the
// decoder behind the copy search, the redact-paths syntax, the key pattern.
// (The real export against a cluster: test/integration/export-redaction.test.ts.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { fromRecord } from "../../src/config/inputs.ts";
import { ConfigurationError } from "../../src/core/errors.ts";
import { parseExportConfig, parseRedactRule, splitRules } from "../../src/export/config.ts";
import { decodedViews, holdsAny, needles } from "../../src/export/decode.ts";
import type { JsonObject } from "../../src/export/json.ts";
import { objectToFile } from "../../src/export/object-file.ts";
import { formatPath, parsePath, type PathStep } from "../../src/export/redact-path.ts";
import {
  newRedactor,
  redactCopies,
  redactExtra,
  redactHelmReleaseConfigMap,
  redactSecret,
  REDACTED,
} from "../../src/export/redact.ts";
import type { ResourceType } from "../../src/export/resource-type.ts";

const rt = (resource: string, kind: string, group = "", namespaced = true): ResourceType => ({
  group,
  version: "v1",
  resource,
  kind,
  namespaced,
  verbs: ["list"],
});
const SECRET = rt("secrets", "Secret");
const CONFIGMAP = rt("configmaps", "ConfigMap");
const KEY = "k".repeat(16);
const b64 = (s: string) => Buffer.from(s).toString("base64");
const secret = (name: string, data: Record<string, string>, ns = "shop"): JsonObject => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name, namespace: ns },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
});
const data = (o: JsonObject) => o.data as Record<string, string>;

test("secret values become markers; markers are valid base64 and survive a round trip", () => {
  // Promise: nothing leaked, and a restored tree re-exports byte-identically.
  const plain = newRedactor();
  const s: JsonObject = { data: { a: b64("hunter2"), b: "" } };
  redactSecret(s, plain.forObject(s, SECRET));
  assert.deepEqual(s.data, { a: REDACTED, b: REDACTED });
  const keyed = newRedactor(KEY);
  const one = secret("one", { a: "hunter2" });
  redactSecret(one, keyed.forObject(one, SECRET));
  const marker = data(one).a as string;
  assert.match(marker, /^REDACTED\/hmacSHA256\/[A-Za-z0-9+/]{24}$/);
  assert.equal(Buffer.from(marker, "base64").toString("base64"), marker, "marker must be valid base64");
  // Applied to a cluster, the marker comes back as base64 of its decoded bytes, i.e. itself.
  const restored = secret("one", {});
  restored.data = { a: marker };
  redactSecret(restored, keyed.forObject(restored, SECRET));
  assert.equal(data(restored).a, marker);
  const again = secret("one", { a: "hunter2" });
  redactSecret(again, keyed.forObject(again, SECRET));
  assert.equal(data(again).a, marker, "same value, same place: same fingerprint across runs");

  const helm: JsonObject = { metadata: { labels: { owner: "helm" } }, data: { release: "H4sIgzipped" } };
  redactHelmReleaseConfigMap(helm, plain.forObject(helm, CONFIGMAP));
  assert.deepEqual(helm.data, { release: REDACTED });
});

test("fingerprints are per object and key: a reused password does not show", () => {
  // Promise: nothing leaked (equal markers would reveal that two places hold the same password).
  const r = newRedactor(KEY);
  const place = (ns: string, name: string, key: string) => {
    const s = secret(name, { [key]: "reused-password" }, ns);
    redactSecret(s, r.forObject(s, SECRET));
    return data(s)[key] as string;
  };
  const markers = [
    place("shop", "db", "password"),
    place("shop", "db", "password2"),
    place("shop", "cache", "password"),
    place("web", "db", "password"),
  ];
  assert.equal(new Set(markers).size, markers.length, markers.join("\n"));
  // A ConfigMap named like the Secret, same key and value: another kind, another fingerprint.
  const cm: JsonObject = {
    metadata: { name: "db", namespace: "shop" },
    data: { password: "reused-password" },
  };
  redactExtra(cm, CONFIGMAP, [], /password/i, r.forObject(cm, CONFIGMAP));
  assert.ok(!markers.includes(data(cm).password as string));
  // A different key gives different markers for the same value and place.
  const other = newRedactor("j".repeat(16));
  const s = secret("db", { password: "reused-password" });
  redactSecret(s, other.forObject(s, SECRET));
  assert.notEqual(data(s).password, markers[0]);
});

test("decoder: every encoding a copy can hide a value in is peeled", () => {
  const v = "pl4nted-Secret-Value";
  const json = JSON.stringify({ kind: "Secret", stringData: { password: v } });
  const cases: [string, string][] = [
    ["raw", `postgres://app:${v}@db:5432/app`],
    ["base64 std", b64(`x${v}`)],
    ["base64 without padding", b64(`x${v}`).replace(/=+$/, "")],
    ["base64url", Buffer.from(`?>${v}`).toString("base64url")],
    ["base64 wrapped at 76 columns", b64(`${v}${"x".repeat(80)}`).replace(/(.{76})/g, "$1\n")],
    ["hex", Buffer.from(v).toString("hex")],
    ["percent-escaped", encodeURIComponent(`a b&${v}`)],
    ["JSON-escaped", JSON.stringify({ note: `say \"${v}\"\n` })],
    ["JSON with a \\u escape", `{"p":"${v.replace("S", "\\u0053")}"}`],
    ["base64(gzip(JSON))", gzipSync(json).toString("base64")],
    ["JSON holding base64", JSON.stringify({ data: { password: b64(v) } })],
    [
      "base64(gzip(JSON holding base64))",
      gzipSync(JSON.stringify({ data: { p: b64(v) } })).toString("base64"),
    ],
    ["base64 of a line holding base64", b64(`auth: ${b64(v)}`)],
  ];
  const forms = needles(Buffer.from(v));
  for (const [name, text] of cases) {
    assert.ok(holdsAny(decodedViews(text).texts, forms), `${name}: not found in ${text.slice(0, 60)}`);
  }
  // Not found where it is not: no false alarm on unrelated text.
  for (const text of ["web", "true", b64("something else entirely"), "{}", "%zz"]) {
    assert.ok(!holdsAny(decodedViews(text).texts, forms), text);
  }
  // Short values match only a whole string, not inside others.
  assert.ok(holdsAny(["abc"], needles(Buffer.from("abc"))));
  assert.ok(!holdsAny(["abcdef"], needles(Buffer.from("abc"))));
  // Bounded: deep nesting and a gzip bomb end.
  let nested = v;
  for (let i = 0; i < 50; i++) nested = b64(nested);
  assert.ok(decodedViews(nested).texts.length <= 10);
  const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024)).toString("base64");
  const many = JSON.stringify(
    Array.from({ length: 40 }, (_, i) => gzipSync(Buffer.alloc(4 * 1024 * 1024, i)).toString("base64")),
  );
  for (const text of [bomb, many]) {
    const started = Date.now();
    decodedViews(text);
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
  }
  // Noise that looks like a compressed header does not stop a real copy from being found.
  const noise = JSON.stringify({
    a: Buffer.from([0x78, 0x9c, 1, 2, 3, 4, 5, 6]).toString("base64"),
    b: gzipSync(v).toString("base64"),
  });
  assert.ok(holdsAny(decodedViews(noise).texts, forms));
});

test("a Secret's annotations and labels holding its values are redacted, in any encoding", () => {
  // Promise: nothing leaked (kapp, wrangler and any annotation copying a value).
  const v = "pl4nted-Secret-Value";
  const s = secret("db", { password: v, user: "app" });
  (s.metadata as JsonObject).annotations = {
    "kapp.k14s.io/original": JSON.stringify({
      apiVersion: "v1",
      kind: "Secret",
      stringData: { password: v },
    }),
    "objectset.rio.cattle.io/applied": gzipSync(JSON.stringify(s)).toString("base64"),
    "example.com/raw": `the password is ${v}`,
    "example.com/b64": b64(v),
    "example.com/json": JSON.stringify({ conn: { pass: b64(v) } }),
    "example.com/harmless": "team-a",
    "kapp.k14s.io/identity": "v1;shop//Secret/db;v1",
  };
  (s.metadata as JsonObject).labels = { pin: "app", app: "web" };
  const r = newRedactor(KEY).forObject(s, SECRET);
  redactSecret(s, r);
  redactCopies(s, SECRET, r);
  const ann = (s.metadata as JsonObject).annotations as Record<string, string>;
  for (const k of [
    "kapp.k14s.io/original",
    "objectset.rio.cattle.io/applied",
    "example.com/raw",
    "example.com/b64",
    "example.com/json",
  ])
    assert.match(ann[k] as string, /^REDACTED\/hmacSHA256\//, k);
  assert.equal(ann["example.com/harmless"], "team-a");
  assert.equal(ann["kapp.k14s.io/identity"], "v1;shop//Secret/db;v1");
  const labels = (s.metadata as JsonObject).labels as Record<string, string>;
  assert.match(labels.pin as string, /^REDACTED-hmacSHA256-[0-9a-f]{24}$/, "a label equal to a value");
  assert.equal(labels.app, "web");
  // Known copy annotations on a Secret go whatever they hold.
  const t = secret("t", {});
  (t.metadata as JsonObject).annotations = { "objectset.rio.cattle.io/applied": "H4sIAAAAAAAA/undecodable" };
  const rt2 = newRedactor().forObject(t, SECRET);
  redactSecret(t, rt2);
  redactCopies(t, SECRET, rt2);
  assert.deepEqual((t.metadata as JsonObject).annotations, { "objectset.rio.cattle.io/applied": REDACTED });
});

test("a Helm release Secret keeps its labels; a docker config's password is found alone", () => {
  // Promise: nothing leaked, and nothing redacted that Helm needs (its status label is in the release too).
  const release = gzipSync(JSON.stringify({ name: "shop", info: { status: "deployed" } })).toString("base64");
  const helm = secret("sh.helm.release.v1.shop.v1", { release });
  const labels = { name: "shop", owner: "helm", status: "deployed", version: "1" };
  (helm.metadata as JsonObject).labels = { ...labels };
  const r = newRedactor(KEY).forObject(helm, SECRET);
  redactSecret(helm, r);
  redactCopies(helm, SECRET, r);
  assert.deepEqual((helm.metadata as JsonObject).labels, labels);
  const docker = secret("pull", {
    ".dockerconfigjson": JSON.stringify({ auths: { "r.example": { password: "docker-Pl4nted-pw" } } }),
  });
  (docker.metadata as JsonObject).annotations = { "example.com/note": "pw docker-Pl4nted-pw" };
  const d = newRedactor().forObject(docker, SECRET);
  redactSecret(docker, d);
  redactCopies(docker, SECRET, d);
  assert.deepEqual((docker.metadata as JsonObject).annotations, { "example.com/note": REDACTED });
});

test("a copy of a Secret manifest in an annotation of any object is redacted", () => {
  // Promise: nothing leaked (a Secret's last-applied copy kept on another object).
  const copy = JSON.stringify({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "x" },
    data: { p: b64("zz") },
  });
  const cm: JsonObject = {
    metadata: {
      name: "cm",
      annotations: {
        "example.com/copy": copy,
        "example.com/gz": gzipSync(copy).toString("base64"),
        "example.com/config": JSON.stringify({ kind: "ConfigMap", data: { a: "b".repeat(50) } }),
      },
    },
  };
  const r = newRedactor().forObject(cm, CONFIGMAP);
  redactCopies(cm, CONFIGMAP, r);
  const ann = (cm.metadata as JsonObject).annotations as Record<string, string>;
  assert.equal(ann["example.com/copy"], REDACTED);
  assert.equal(ann["example.com/gz"], REDACTED);
  assert.match(ann["example.com/config"] as string, /ConfigMap/);
});

test("redact-paths syntax: a table of paths and what they parse to", () => {
  const k = (key: string): PathStep => ({ key });
  const cases: [string, PathStep[]][] = [
    ["data.password", [k("data"), k("password")]],
    [".spec.auth.token", [k("spec"), k("auth"), k("token")]],
    [
      'metadata.annotations["example.com/db-password"]',
      [k("metadata"), k("annotations"), k("example.com/db-password")],
    ],
    ["metadata.annotations['example.com/x']", [k("metadata"), k("annotations"), k("example.com/x")]],
    ["metadata.annotations.example\\.com/key", [k("metadata"), k("annotations"), k("example.com/key")]],
    [
      "spec.template.spec.containers[*].env[*].value",
      [
        k("spec"),
        k("template"),
        k("spec"),
        k("containers"),
        { all: true },
        k("env"),
        { all: true },
        k("value"),
      ],
    ],
    ["spec.containers[0].args[2]", [k("spec"), k("containers"), { index: 0 }, k("args"), { index: 2 }]],
    ["data.*", [k("data"), { all: true }]],
    ['env[?(@.name=="DB_PASSWORD")].value', [k("env"), { field: "name", equals: "DB_PASSWORD" }, k("value")]],
    ["env[?(@.name=='a,b')].value", [k("env"), { field: "name", equals: "a,b" }, k("value")]],
    ['data["a \\"quoted\\" key"]', [k("data"), k('a "quoted" key')]],
    ["spec.db-url_2", [k("spec"), k("db-url_2")]],
  ];
  for (const [text, steps] of cases) {
    assert.deepEqual(parsePath(text), steps, text);
    assert.deepEqual(parsePath(formatPath(steps)), steps, `${text} formats back`);
  }
});

test("redact-paths: rules that cannot be read are refused naming the input, the value and the form", () => {
  // Promise: clear error (a rule that would match nothing is not silently ignored).
  const bad: [string, RegExp][] = [
    ["nokind", /expected KIND:PATH/],
    ["Config Map:data.x", /expected KIND:PATH/],
    ["ConfigMap:", /the path is empty/],
    ["ConfigMap:data..x", /an empty key .* at character 16/],
    ["ConfigMap:data.", /ends with a dot/],
    ["ConfigMap:data.[0]", /a dot before '\['/],
    ["ConfigMap:data[", /unknown '\[\.\.\.\]'|without its '\]'/],
    ["ConfigMap:data[-1]", /negative list index/],
    ["ConfigMap:data[x]", /unknown '\[\.\.\.\]'/],
    ['ConfigMap:data["x', /unterminated/],
    ["ConfigMap:data[0]x", /'x' after '\]'/],
    ["ConfigMap:data]", /a '\]' without '\['/],
    ["ConfigMap:my key", /a space/],
    ['Pod:env[?(@.name!="x")]', /a filter other than/],
    ["ConfigMap:data\\", /a '\\' at the end/],
    ["*:metadata.name", /metadata\.name, which identifies the object/],
    ["*:kind", /kind, which identifies the object/],
    ['*:["apiVersion"]', /apiVersion, which identifies the object/],
  ];
  for (const [text, message] of bad) {
    assert.throws(
      () => parseRedactRule(text),
      (err: unknown) => {
        assert.ok(err instanceof ConfigurationError, `${text}: ${String(err)}`);
        assert.match(err.message, /^input 'redact-paths': got /, text);
        assert.ok(err.message.includes(JSON.stringify(text)), `${text}: ${err.message}`);
        assert.match(err.message, message, `${text}: ${err.message}`);
        assert.match(err.message, /expected KIND:PATH, e\.g\./, text);
        return true;
      },
    );
  }
  assert.deepEqual(
    splitRules('ConfigMap:data.a, Pod:env[?(@.name=="x,y")].value\n# a comment\n*:data["k,1"]'),
    ["ConfigMap:data.a", 'Pod:env[?(@.name=="x,y")].value', '*:data["k,1"]'],
  );
  const c = parseExportConfig(fromRecord({ "redact-paths": "widgets.kubekeep.dev:spec.token" }));
  assert.deepEqual(c.redactPaths, [
    { kind: "widgets.kubekeep.dev", path: [{ key: "spec" }, { key: "token" }] },
  ]);
});

test("redact-paths apply to keys with dots, list items, filters; maps and lists by every leaf", () => {
  // Promise: nothing leaked (a path the user wrote redacts what it names).
  const obj: JsonObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", annotations: { "example.com/key": "ann-secret", other: "keep" } },
    spec: {
      auth: { user: "u", nested: { token: "t" }, port: 5432, on: true },
      template: {
        spec: {
          containers: [
            {
              name: "a",
              env: [
                { name: "DB_PASSWORD", value: "pw-a" },
                { name: "MODE", value: "prod" },
              ],
            },
            { name: "b", args: ["--one", "--two"], env: [{ name: "DB_PASSWORD", value: "pw-b" }] },
          ],
        },
      },
      pin: 1234,
    },
  };
  const rules = [
    'metadata.annotations["example.com/key"]',
    'spec.template.spec.containers[*].env[?(@.name=="DB_PASSWORD")].value',
    "spec.template.spec.containers[1].args[0]",
    "spec.auth",
    "spec.pin",
    "spec.missing.path",
    "*.name",
  ].map((p) => ({ kind: "Deployment", path: parsePath(p) }));
  const DEPLOY = rt("deployments", "Deployment", "apps");
  redactExtra(obj, DEPLOY, rules, undefined, newRedactor().forObject(obj, DEPLOY));
  assert.deepEqual(obj, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", annotations: { "example.com/key": REDACTED, other: "keep" } },
    spec: {
      auth: { user: REDACTED, nested: { token: REDACTED }, port: REDACTED, on: true },
      template: {
        spec: {
          containers: [
            {
              name: "a",
              env: [
                { name: "DB_PASSWORD", value: REDACTED },
                { name: "MODE", value: "prod" },
              ],
            },
            { name: "b", args: [REDACTED, "--two"], env: [{ name: "DB_PASSWORD", value: REDACTED }] },
          ],
        },
      },
      pin: REDACTED,
    },
  });
  // A wildcard never takes the object's identity.
  const all: JsonObject = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "n", namespace: "ns", labels: { a: "b" } },
  };
  redactExtra(
    all,
    CONFIGMAP,
    [{ kind: "*", path: parsePath("*") }],
    undefined,
    newRedactor().forObject(all, CONFIGMAP),
  );
  assert.deepEqual(all, {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "n", namespace: "ns", labels: { a: REDACTED } },
  });
  // Another kind's rules do not apply.
  const cm: JsonObject = { metadata: { name: "x" }, spec: { pin: 1 } };
  redactExtra(cm, CONFIGMAP, rules, undefined, newRedactor().forObject(cm, CONFIGMAP));
  assert.deepEqual(cm.spec, { pin: 1 });
});

test("redact-key-pattern reaches annotations, labels, lists and maps under a matching key, env pairs", () => {
  // Promise: nothing leaked (metadata was skipped, and lists under a matching key).
  const cm: JsonObject = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: "password",
      annotations: { "example.com/db-password": "ann-pw", "example.com/owner": "team" },
      labels: { "db-password": "lbl-pw", app: "web" },
    },
    data: { password: "p", dbPassword: "q", other: "r" },
    spec: {
      passwords: ["one", "two", { deep: "three" }],
      tokenConfig: { a: "x", b: { c: "y" }, n: 3 },
      env: [
        { name: "API_PASSWORD", value: "env-pw" },
        { name: "MODE", value: "prod" },
      ],
      selector: { matchLabels: { "db-password": "lbl-pw" } },
    },
  };
  const r = newRedactor(KEY).forObject(cm, CONFIGMAP);
  redactExtra(cm, CONFIGMAP, [], /password|token/i, r);
  const meta = cm.metadata as JsonObject;
  assert.equal(meta.name, "password", "names are identities, never redacted");
  const ann = meta.annotations as Record<string, string>;
  assert.match(ann["example.com/db-password"] as string, /^REDACTED\/hmacSHA256\//);
  assert.equal(ann["example.com/owner"], "team");
  const labels = meta.labels as Record<string, string>;
  assert.match(labels["db-password"] as string, /^REDACTED-hmacSHA256-[0-9a-f]{24}$/);
  assert.equal(labels.app, "web");
  const spec = cm.spec as JsonObject;
  // A selector keeps matching the labels it selects: same label, same marker.
  assert.equal(
    (spec.selector as JsonObject).matchLabels &&
      ((spec.selector as JsonObject).matchLabels as JsonObject)["db-password"],
    labels["db-password"],
  );
  const isMarker = (v: unknown) => typeof v === "string" && v.startsWith("REDACTED/hmacSHA256/");
  const passwords = spec.passwords as unknown[];
  assert.ok(isMarker(passwords[0]) && isMarker(passwords[1]));
  assert.ok(isMarker((passwords[2] as JsonObject).deep));
  const tc = spec.tokenConfig as JsonObject;
  assert.ok(isMarker(tc.a) && isMarker((tc.b as JsonObject).c));
  assert.equal(tc.n, 3, "numbers under a pattern match keep their type");
  const env = spec.env as JsonObject[];
  assert.ok(isMarker(env[0]?.value));
  assert.equal(env[1]?.value, "prod");
  assert.ok(isMarker(data(cm).password) && isMarker(data(cm).dbPassword));
  assert.equal(data(cm).other, "r");
});

test("objectToFile: a ConfigMap's copy annotation does not keep what its paths redacted", () => {
  // Promise: nothing leaked (kapp keeps a copy of every object it applies, not only Secrets).
  const item: JsonObject = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: "app",
      namespace: "shop",
      annotations: {
        "kapp.k14s.io/original": JSON.stringify({
          kind: "ConfigMap",
          data: { "db.url": "postgres://app:pw-in-url@db" },
        }),
      },
    },
    data: { "db.url": "postgres://app:pw-in-url@db", mode: "prod" },
  };
  const file = objectToFile(
    item,
    CONFIGMAP,
    {
      includeNamespaces: [],
      excludeNamespaces: [],
      includeOwned: false,
      includeSystem: false,
      redactPaths: [parseRedactRule('ConfigMap:data["db.url"]')],
    },
    newRedactor(),
  );
  assert.ok(file && "text" in file);
  assert.ok(!file.text.includes("pw-in-url"), file.text);
  assert.match(file.text, /mode: prod/);
});
