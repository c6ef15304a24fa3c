// The export's redaction against a real control plane: values planted in
// every place a Secret's value can hide (apply tools' copies in annotations,
// arbitrary annotations and labels in any encoding, annotations and lists
// under keys the key pattern matches, fields reached only by paths with dots,
// indexes and filters) must appear nowhere in the exported tree, the logs,
// the outputs or the job summary, in any encoding; fingerprints must not
// reveal a reused password and must stay stable across runs.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import { parseAllDocuments } from "yaml";
import { applyAll, type KubeObject } from "../../src/cluster/resources.ts";
import { decodedViews } from "../../src/export/decode.ts";
import { seed } from "../../src/sandbox/seed.ts";
import { runBuiltAction, runCli, runKubectl } from "../harness/run.ts";
import { useSandbox } from "../harness/sandbox.ts";
import { files } from "../harness/tree.ts";

const fx = useSandbox({ s3: false });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-redaction-test-"));
after(() => fs.rmSync(work, { recursive: true, force: true }));
const FINGERPRINT_KEY = "test-fingerprint-key-redaction-0123";
const NS = "vault";
const b64 = (s: string) => Buffer.from(s).toString("base64");

/** Planted values, by the place they are planted in; distinctive so any form of them is findable. */
const V = {
  kapp: "kappOriginal-Pl4nted-Q8v2x",
  objectset: "objectsetApplied-Pl4nted-R7m1k",
  rawAnnotation: "rawAnnotation-Pl4nted-T5n8c",
  jsonAnnotation: 'json"Annotation\\Pl4nted-W2p6z',
  label: "Pin-Pl4nted-4471",
  copyOnConfigMap: "copyOnConfigMap-Pl4nted-H3d9s",
  annotationKey: "annotationKey-Pl4nted-J6f2q",
  listItem0: "listItem0-Pl4nted-K1g7w",
  listItem1: "listItem1-Pl4nted-L8h3e",
  mapLeaf: "mapLeaf-Pl4nted-M4j9r",
  envPair: "envPair-Pl4nted-N2k5t",
  dottedKey: "dottedKey-Pl4nted-P7l1y",
  escapedKey: "escapedKey-Pl4nted-S3z8u",
  indexed: "indexed-Pl4nted-U9x4i",
  envFilter: "envFilter-Pl4nted-X6c2o",
  reused: "reused-Pl4nted-Y1v7a",
};
const PLANTED = Object.values(V);

/** Every form a planted value could be written in by an encoder we know of. */
function forms(v: string): string[] {
  const b = Buffer.from(v);
  return [
    v,
    b.toString("base64"),
    b.toString("base64").replace(/=+$/, ""),
    b.toString("base64url"),
    b.toString("hex"),
    JSON.stringify(v).slice(1, -1),
    encodeURIComponent(v),
  ];
}

/**
 * Where a planted value shows in `text`: every byte searched for every form
 * of every value, then (for YAML) every string of every document decoded
 * (base64, gzip, JSON, ...) and searched again. One line per value found.
 */
function leaks(where: string, text: string, yaml = false, planted: readonly string[] = PLANTED): string[] {
  const found = new Map<string, string>();
  for (const v of planted)
    for (const f of forms(v))
      if (!found.has(v) && text.includes(f)) found.set(v, `${where} leaks ${v} as ${f.slice(0, 24)}`);
  if (yaml) {
    const strings: string[] = [];
    const walk = (n: unknown): void => {
      if (typeof n === "string") strings.push(n);
      else if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === "object")
        for (const [k, x] of Object.entries(n)) {
          strings.push(k);
          walk(x);
        }
    };
    for (const doc of parseAllDocuments(text)) walk(doc.toJS());
    for (const s of strings)
      for (const view of decodedViews(s).texts)
        for (const v of planted)
          if (!found.has(v) && view.includes(v))
            found.set(v, `${where} leaks ${v} encoded in ${s.slice(0, 40)}`);
  }
  return [...found.values()];
}

/** Fails listing every place a planted value shows. */
function assertNothingLeaked(found: string[]): void {
  assert.deepEqual(found, [], `planted values leaked:\n${found.join("\n")}`);
}

function assertTreeClean(root: string): void {
  const all = files(root);
  assert.ok(all.length > 10, all.join("\n"));
  assertNothingLeaked(all.flatMap((f) => leaks(f, fs.readFileSync(path.join(root, f), "utf8"), true)));
}

const read = (root: string, rel: string) => fs.readFileSync(path.join(root, NS_DIR, rel), "utf8");
const NS_DIR = `namespaces/${NS}`;

function exportCli(out: string, extra: string[] = []) {
  const run = runCli(
    [
      "export",
      "--kubeconfig-path",
      fx.sandbox.kubeconfig,
      "--path",
      out,
      "--include-namespaces",
      NS,
      ...extra,
    ],
    { KUBEKEEP_FINGERPRINT_KEY: FINGERPRINT_KEY },
  );
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assertNothingLeaked(leaks("the CLI's output", run.stdout + run.stderr));
  return run;
}

const KEY_PATTERN = "password|token|credential";
const REDACT_PATHS = [
  'ConfigMap:data["db.url"]',
  "*:metadata.annotations.vault\\.example/seed",
  "Widget:spec.servers[1].auth",
  'Deployment:spec.template.spec.containers[*].env[?(@.name=="DB_PASSWORD")].value',
];

const secretManifest = (name: string, extra: Record<string, unknown>) => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name, namespace: NS },
  ...extra,
});

let planting: Promise<void> | undefined;
/** Plants every value once, from whichever test runs first (the sandbox starts with the first test). */
const planted = () => (planting ??= plant());

async function plant(): Promise<void> {
  await seed(fx.client, { namespace: NS, customResources: 1 });
  const kappCopy = secretManifest("kapp-managed", { stringData: { password: V.kapp } });
  const wranglerCopy = secretManifest("rancher-managed", { data: { token: b64(V.objectset) } });
  await applyAll(fx.client, [
    // kapp keeps the manifest it applied, as plain JSON.
    {
      ...secretManifest("kapp-managed", { data: { password: b64(V.kapp) } }),
      metadata: {
        name: "kapp-managed",
        namespace: NS,
        annotations: {
          "kapp.k14s.io/original": JSON.stringify(kappCopy),
          "kapp.k14s.io/identity": `v1;${NS}//Secret/kapp-managed;v1`,
        },
      },
    },
    // wrangler (Rancher, k3s add-ons) keeps it as base64 of gzip of JSON.
    {
      ...secretManifest("rancher-managed", { data: { token: b64(V.objectset) } }),
      metadata: {
        name: "rancher-managed",
        namespace: NS,
        annotations: {
          "objectset.rio.cattle.io/applied": gzipSync(JSON.stringify(wranglerCopy)).toString("base64"),
          "objectset.rio.cattle.io/id": "helm-controller",
        },
      },
    },
    // Any annotation or label holding a value: raw, base64url without padding, JSON-escaped, hex; a label.
    {
      ...secretManifest("annotated", {
        data: { apiKey: b64(V.rawAnnotation), dsn: b64(V.jsonAnnotation), pin: b64(V.label) },
      }),
      metadata: {
        name: "annotated",
        namespace: NS,
        labels: { pin: V.label, app: "api" },
        annotations: {
          "example.com/raw": `key=${V.rawAnnotation}`,
          "example.com/b64": Buffer.from(V.rawAnnotation).toString("base64url"),
          "example.com/json": JSON.stringify({ conn: { dsn: V.jsonAnnotation } }),
          "example.com/hex": Buffer.from(V.rawAnnotation).toString("hex"),
          "example.com/owner": "team-api",
        },
      },
    },
    // A copy of a Secret manifest kept on another object.
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: "backup-note",
        namespace: NS,
        annotations: {
          "example.com/previous": JSON.stringify(
            secretManifest("old", { data: { password: b64(V.copyOnConfigMap) } }),
          ),
        },
      },
      data: { note: "kept" },
    },
    // redact-key-pattern: an annotation key, and (below, on a Widget) lists, maps and env pairs.
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: "app-config",
        namespace: NS,
        annotations: {
          "example.com/db-password": V.annotationKey,
          "vault.example/seed": V.escapedKey,
          // kapp's copy of this ConfigMap: holds what redact-paths takes from data.
          "kapp.k14s.io/original": JSON.stringify({
            kind: "ConfigMap",
            data: { "db.url": `postgres://app:${V.dottedKey}@db/app` },
          }),
        },
      },
      data: { "db.url": `postgres://app:${V.dottedKey}@db/app`, mode: "prod" },
    },
    {
      apiVersion: "kubekeep.dev/v1",
      kind: "Widget",
      metadata: { name: "gateway", namespace: NS },
      spec: {
        apiTokens: [V.listItem0, V.listItem1],
        credentials: { user: "svc", nested: { key: V.mapLeaf } },
        settings: [
          { name: "ADMIN_PASSWORD", value: V.envPair },
          { name: "MODE", value: "prod" },
        ],
        servers: [
          { host: "a.example", auth: "none" },
          { host: "b.example", auth: V.indexed },
        ],
      },
    },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "api", namespace: NS },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "api" } },
        template: {
          metadata: { labels: { app: "api" } },
          spec: {
            containers: [
              {
                name: "api",
                image: "registry.example/api:1",
                env: [
                  { name: "DB_PASSWORD", value: V.envFilter },
                  { name: "LOG_LEVEL", value: "debug" },
                ],
              },
            ],
          },
        },
      },
    },
    // One password reused under two keys of one Secret and in another Secret.
    secretManifest("reuse-a", { data: { password: b64(V.reused) } }),
    secretManifest("reuse-b", { data: { password: b64(V.reused), "admin-password": b64(V.reused) } }),
  ] as KubeObject[]);
}

const plainTree = path.join(work, "plain", "export");

test("apply tools' copies of a Secret and annotations or labels holding its values are redacted", async () => {
  await planted();
  // Promise: nothing leaked (kapp's original, wrangler's applied, any annotation or label, any encoding).
  exportCli(plainTree);
  assertNothingLeaked(
    files(plainTree)
      .filter((f) => f.includes("/Secret/") || f.includes("backup-note"))
      .flatMap((f) => leaks(f, fs.readFileSync(path.join(plainTree, f), "utf8"), true)),
  );
  const kapp = read(plainTree, "core/Secret/kapp-managed.yaml");
  assert.match(kapp, /kapp\.k14s\.io\/original: REDACTED\/hmacSHA256\//);
  assert.match(
    kapp,
    /kapp\.k14s\.io\/identity: "v1;vault\/\/Secret\/kapp-managed;v1"/,
    "harmless annotations stay",
  );
  const rancher = read(plainTree, "core/Secret/rancher-managed.yaml");
  assert.match(rancher, /objectset\.rio\.cattle\.io\/applied: REDACTED\/hmacSHA256\//);
  assert.match(rancher, /objectset\.rio\.cattle\.io\/id: helm-controller/);
  const annotated = read(plainTree, "core/Secret/annotated.yaml");
  for (const k of ["raw", "b64", "json", "hex"])
    assert.match(annotated, new RegExp(`example\\.com/${k}: REDACTED/hmacSHA256/`), k);
  assert.match(annotated, /example\.com\/owner: team-api/);
  assert.match(annotated, /pin: REDACTED-hmacSHA256-[0-9a-f]{24}\n/, "a label holding a value");
  assert.match(annotated, /app: api/);
  assert.match(
    read(plainTree, "core/ConfigMap/backup-note.yaml"),
    /example\.com\/previous: REDACTED\/hmacSHA256\//,
  );
});

test("redact-key-pattern reaches annotations, lists and maps under matching keys, and env pairs", async () => {
  await planted();
  // Promise: nothing leaked (metadata was skipped, lists of strings were kept).
  const out = path.join(work, "pattern", "export");
  exportCli(out, ["--redact-key-pattern", KEY_PATTERN]);
  for (const [f, values] of [
    ["core/ConfigMap/app-config.yaml", [V.annotationKey]],
    ["kubekeep.dev/Widget/gateway.yaml", [V.listItem0, V.listItem1, V.mapLeaf, V.envPair]],
  ] as const) {
    const text = read(out, f);
    for (const v of values) for (const form of forms(v)) assert.ok(!text.includes(form), `${f} leaks ${v}`);
  }
  const widget = read(out, "kubekeep.dev/Widget/gateway.yaml");
  assert.match(widget, /apiTokens:\n {2}- REDACTED\/hmacSHA256\/\S+\n {2}- REDACTED\/hmacSHA256\//);
  assert.match(widget, /user: REDACTED\/hmacSHA256\//, "every leaf of a map under a matching key");
  assert.match(widget, /value: prod/, "pairs whose name does not match stay");
  assert.match(
    read(out, "core/ConfigMap/app-config.yaml"),
    /example\.com\/db-password: REDACTED\/hmacSHA256\//,
  );
  assert.match(read(out, "core/ConfigMap/app-config.yaml"), /mode: prod/);
});

test("redact-paths reach keys with dots (quoted or escaped), list indexes and filters", async () => {
  await planted();
  // Promise: nothing leaked (such paths were silently ignored).
  const out = path.join(work, "paths", "export");
  exportCli(
    out,
    REDACT_PATHS.flatMap((p) => ["--redact-paths", p]),
  );
  for (const [f, values] of [
    ["core/ConfigMap/app-config.yaml", [V.dottedKey, V.escapedKey]],
    ["kubekeep.dev/Widget/gateway.yaml", [V.indexed]],
    ["apps/Deployment/api.yaml", [V.envFilter]],
  ] as const) {
    const text = read(out, f);
    for (const v of values) for (const form of forms(v)) assert.ok(!text.includes(form), `${f} leaks ${v}`);
  }
  const cm = read(out, "core/ConfigMap/app-config.yaml");
  assert.match(cm, /db\.url: REDACTED\/hmacSHA256\//);
  assert.match(cm, /kapp\.k14s\.io\/original: REDACTED\/hmacSHA256\//, "the copy of what the path took");
  assert.match(read(out, "kubekeep.dev/Widget/gateway.yaml"), /auth: none/, "index 0 stays");
  assert.match(read(out, "apps/Deployment/api.yaml"), /value: debug/, "other env vars stay");
});

test("a rule for a kind the cluster does not serve is named in a warning", async () => {
  // Promise: clear error (a misspelt kind would otherwise redact nothing without a word).
  await planted();
  const run = exportCli(path.join(work, "typo", "export"), ["--redact-paths", "Widgit:spec.token"]);
  assert.match(run.stdout + run.stderr, /redact-paths: the cluster serves no kind named "Widgit"/);
});

test("a rule the export cannot read is refused before anything is written", () => {
  // Promise: clear error (input, value, expected form), and no tree half-written.
  const out = path.join(work, "bad", "export");
  const run = runCli([
    "export",
    "--kubeconfig-path",
    fx.sandbox.kubeconfig,
    "--path",
    out,
    "--redact-paths",
    "ConfigMap:data.[0]",
  ]);
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /input 'redact-paths': got "ConfigMap:data\.\[0\]", which has a dot before '\['/);
  assert.match(run.stderr, /expected KIND:PATH/);
  assert.doesNotMatch(run.stderr, /^\s+at /m, "a user's mistake prints no stack");
  assert.ok(!fs.existsSync(out));
});

test("fingerprints differ for a reused password across keys and objects, and stay stable", async () => {
  await planted();
  if (!fs.existsSync(plainTree)) exportCli(plainTree);
  // Promise: nothing leaked (equal markers revealed password reuse); diffs still show which key changed.
  const marker = (root: string, name: string, key: string) => {
    const m = new RegExp(`^  ${key}: (\\S+)$`, "m").exec(read(root, `core/Secret/${name}.yaml`));
    assert.ok(m, `${name}.${key} has no marker`);
    return m[1] as string;
  };
  const places = [
    ["reuse-a", "password"],
    ["reuse-b", "password"],
    ["reuse-b", "admin-password"],
  ] as const;
  const first = places.map(([n, k]) => marker(plainTree, n, k));
  for (const m of first) assert.match(m, /^REDACTED\/hmacSHA256\/[A-Za-z0-9+/]{24}$/);
  assert.equal(new Set(first).size, first.length, first.join("\n"));
  // Another run: the same markers (no change to commit).
  const again = path.join(work, "again", "export");
  exportCli(again);
  assert.deepEqual(
    places.map(([n, k]) => marker(again, n, k)),
    first,
  );
  // One value changes: only its own marker does.
  await fx.client.mergePatch(`/api/v1/namespaces/${NS}/secrets/reuse-a`, {
    data: { password: b64(`${V.reused}-rotated`) },
  });
  const run = exportCli(plainTree);
  assert.match(run.stdout, /changed=true/);
  const after = places.map(([n, k]) => marker(plainTree, n, k));
  assert.notEqual(after[0], first[0]);
  assert.deepEqual(after.slice(1), first.slice(1));
});

test("the built action with every redaction input: nothing in the tree, logs, outputs or job summary", async () => {
  await planted();
  // Promise: nothing leaked, anywhere the action writes.
  const out = path.join(work, "action", "export");
  const run = runBuiltAction("export", {
    "kubeconfig-path": fx.sandbox.kubeconfig,
    path: out,
    "include-namespaces": NS,
    "fingerprint-key": FINGERPRINT_KEY,
    "redact-key-pattern": KEY_PATTERN,
    "redact-paths": REDACT_PATHS.join("\n"),
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(run.outputs.changed, "true");
  assertNothingLeaked([
    ...leaks("the action's log", run.stdout + run.stderr),
    ...leaks("the action's outputs", JSON.stringify(run.outputs)),
    ...leaks("the job summary", run.summary),
  ]);
  assert.match(run.summary, /Secret/);
  assertTreeClean(out);
});

/**
 * The hidden corpus: credentials outside Secrets, where real clusters carry
 * them (a PEM key and a password in a ConfigMap, literal env values, flags,
 * a custom resource's fields), applied the way real clusters get them
 * (kubectl apply's last-applied annotation, kapp's copy, Helm's labels and
 * release Secret), exported with no redaction input at all.
 */
const CORPUS_NS = "corpus";
const C = {
  pemBody: "MIIEpAIBAAKCAQEA3Pl4ntedPemBodyQ7x",
  cmPassword: "cmPassword-Pl4nted-A1s9d",
  envPassword: "envPassword-Pl4nted-B2f8g",
  argPassword: "argPassword-Pl4nted-C3h7j",
  argToken: "argToken-Pl4nted-D4k6l",
  crPassword: "crPassword-Pl4nted-E5z5x",
  crApiKey: "crApiKey-Pl4nted-F6c4v",
  helmValue: "helmValue-Pl4nted-G7b3n",
  kappPassword: "kappPassword-Pl4nted-H8m2q",
  pemBase64: "MIIEvQIBADANBgkqhkiG9w0Pl4ntedB64",
};
const CORPUS = Object.values(C);
const pem = (body: string) => `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`;

async function plantCorpus(): Promise<void> {
  const kubectl = (input: object) =>
    runKubectl(fx.sandbox.info.kubectl, fx.sandbox.kubeconfig, ["apply", "-f", "-"], JSON.stringify(input));
  kubectl({ apiVersion: "v1", kind: "Namespace", metadata: { name: CORPUS_NS } });
  kubectl({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: "app-settings",
      namespace: CORPUS_NS,
      labels: { "app.kubernetes.io/managed-by": "Helm" },
      annotations: { "meta.helm.sh/release-name": "app", "meta.helm.sh/release-namespace": CORPUS_NS },
    },
    data: { "server.pem": pem(C.pemBody), DB_PASSWORD: C.cmPassword, LOG_LEVEL: "info" },
    binaryData: { "client.key": Buffer.from(pem(C.pemBase64)).toString("base64") },
  });
  kubectl({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "api", namespace: CORPUS_NS },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: "api" } },
      template: {
        metadata: { labels: { app: "api" } },
        spec: {
          containers: [
            {
              name: "api",
              image: "registry.example/api:1",
              args: ["--listen=:8080", `--password=${C.argPassword}`, "--token", C.argToken],
              env: [
                { name: "MYSQL_ROOT_PASSWORD", value: C.envPassword },
                { name: "API_TOKEN", valueFrom: { secretKeyRef: { name: "api", key: "token" } } },
                { name: "LOG_LEVEL", value: "debug" },
              ],
            },
          ],
        },
      },
    },
  });
  kubectl({
    apiVersion: "kubekeep.dev/v1",
    kind: "Widget",
    metadata: { name: "db", namespace: CORPUS_NS },
    spec: { password: C.crPassword, auth: { apiKey: C.crApiKey, secretRef: { name: "db-auth" } } },
  });
  // kapp keeps its copy on any kind; Helm keeps the chart's values in its release Secret.
  const kappCopy = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "kapp-settings", namespace: CORPUS_NS },
    data: { "admin-password": C.kappPassword },
  };
  const release = gzipSync(JSON.stringify({ name: "app", config: { db: { password: C.helmValue } } }));
  await applyAll(fx.client, [
    {
      ...kappCopy,
      metadata: { ...kappCopy.metadata, annotations: { "kapp.k14s.io/original": JSON.stringify(kappCopy) } },
    },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: "sh.helm.release.v1.app.v1",
        namespace: CORPUS_NS,
        labels: { owner: "helm", name: "app", status: "deployed", version: "1" },
      },
      type: "helm.sh/release.v1",
      data: { release: b64(release.toString("base64")) },
    },
  ] as KubeObject[]);
}

test("a default export leaks no PEM key or password kept outside Secrets (hidden corpus)", async () => {
  await planted(); // the Widget kind
  await plantCorpus();
  // Promise: nothing leaked (a PEM key and a password in a ConfigMap, an env password, a
  // --password= flag and a custom resource's password were all committed by default).
  const out = path.join(work, "corpus", "export");
  const run = runCli(["export", "--kubeconfig-path", fx.sandbox.kubeconfig, "--path", out]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const all = files(out);
  assert.ok(
    all.some((f) => f.startsWith(`namespaces/${CORPUS_NS}/`)),
    all.join("\n"),
  );
  assertNothingLeaked([
    ...leaks("the CLI's output", run.stdout + run.stderr, false, CORPUS),
    ...all.flatMap((f) => leaks(f, fs.readFileSync(path.join(out, f), "utf8"), true, CORPUS)),
  ]);
  const read = (rel: string) => fs.readFileSync(path.join(out, `namespaces/${CORPUS_NS}`, rel), "utf8");
  // What stays: references, harmless values, the flag's name, Helm's bookkeeping.
  const deploy = read("apps/Deployment/api.yaml");
  assert.match(deploy, /- "--password=REDACTED"\n/);
  assert.match(deploy, /- "--listen=:8080"/);
  assert.match(deploy, /secretKeyRef:\n\s+name: api\n\s+key: token/);
  assert.match(deploy, /value: debug/);
  const cm = read("core/ConfigMap/app-settings.yaml");
  assert.match(cm, /LOG_LEVEL: info/);
  assert.match(cm, /meta\.helm\.sh\/release-name: app/);
  assert.match(read("kubekeep.dev/Widget/db.yaml"), /name: db-auth/);

  // redact-defaults: false is the way back to what main did (and shows the corpus is there).
  const off = path.join(work, "corpus-off", "export");
  const plain = runCli([
    "export",
    "--kubeconfig-path",
    fx.sandbox.kubeconfig,
    "--path",
    off,
    "--include-namespaces",
    CORPUS_NS,
    "--redact-defaults=false",
  ]);
  assert.equal(plain.status, 0, plain.stdout + plain.stderr);
  const shown = files(off).flatMap((f) => leaks(f, fs.readFileSync(path.join(off, f), "utf8"), true, CORPUS));
  for (const v of [
    C.pemBody,
    C.cmPassword,
    C.envPassword,
    C.argPassword,
    C.argToken,
    C.crPassword,
    C.crApiKey,
  ])
    assert.ok(
      shown.some((l) => l.includes(v)),
      `${v} not in the tree without the default redaction:\n${shown.join("\n")}`,
    );
});

test("a plan of a Secret whose apply-tool annotation holds its content shows none of it", async () => {
  await planted();
  // Promise: nothing leaked (plan diffs hid only data/stringData; kapp's copy showed its start).
  const out = path.join(work, "plan", "export");
  exportCli(out);
  // The live Secret moves on: a new password, and kapp's copy of it, value first.
  const next = "kappNew-Pl4nted-Z9";
  await fx.client.mergePatch(`/api/v1/namespaces/${NS}/secrets/kapp-managed`, {
    metadata: {
      annotations: {
        "kapp.k14s.io/original": JSON.stringify({ stringData: { password: next }, kind: "Secret" }),
      },
      labels: { pin: next },
    },
    data: { password: b64(next) },
  });
  const planFile = path.join(work, "plan", "plan.json");
  const run = runCli(
    [
      "apply",
      "--kubeconfig-path",
      fx.sandbox.kubeconfig,
      "--path",
      out,
      "--include-namespaces",
      NS,
      "--include-kinds",
      "secrets",
      "--plan-file",
      planFile,
    ],
    { KUBEKEEP_SECRET_VALUES: JSON.stringify({ [`${NS}/kapp-managed`]: { password: V.kapp } }) },
  );
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const plan = fs.readFileSync(planFile, "utf8");
  const values = [V.kapp, next];
  assertNothingLeaked([
    ...leaks("the plan's output", run.stdout + run.stderr, false, values),
    ...leaks("the plan file", plan, false, values),
  ]);
  // The plan still names what changes.
  const item = (
    JSON.parse(plan) as { items: { name: string; changes?: { path: string; from?: string }[] }[] }
  ).items.find((i) => i.name === "kapp-managed");
  assert.ok(item?.changes, plan);
  const paths = item.changes.map((c) => c.path);
  assert.ok(paths.includes('metadata.annotations["kapp.k14s.io/original"]'), paths.join("\n"));
  assert.ok(paths.includes("data.password"), paths.join("\n"));
  for (const c of item.changes) if (c.from !== undefined) assert.equal(c.from, "(hidden)", c.path);
});

/** The CLI run from inside a checkout (cwd), as a workflow step runs it: its output in one string. */
function cliIn(cwd: string, args: string[]): { status: number; out: string } {
  const res = runCli(args, {}, cwd);
  return { status: res.status, out: res.stdout + res.stderr };
}

test("a checkout's committed links and forged journal cannot make export or apply leave the tree", () => {
  // Promise: the export repository is untrusted (SECURITY.md). A link committed on the way to
  // the tree or inside it, or a journal planted beside it, is refused by name, and nothing
  // outside the tree is written, removed or read.
  const base = path.join(work, "links");
  const checkout = path.join(base, "checkout");
  const outside = path.join(base, "outside");
  fs.mkdirSync(outside, { recursive: true });
  fs.writeFileSync(path.join(outside, "keep.txt"), "the runner's file\n");
  const outsideFiles = () => fs.readdirSync(outside, { recursive: true }).sort();
  const kube = ["--kubeconfig-path", fx.sandbox.kubeconfig, "--include-namespaces", "default"];

  // A link inside the tree, where the export writes.
  fs.mkdirSync(path.join(checkout, "inside"), { recursive: true });
  fs.symlinkSync(outside, path.join(checkout, "inside", "namespaces"));
  let run = cliIn(checkout, ["export", ...kube, "--path", "inside"]);
  assert.notEqual(run.status, 0, run.out);
  assert.match(run.out, /input 'path': .*inside\/namespaces is a symbolic link/);
  assert.deepEqual(outsideFiles(), ["keep.txt"]);

  // A link on the way to the tree.
  fs.symlinkSync(outside, path.join(checkout, "exports"));
  run = cliIn(checkout, ["export", ...kube, "--path", "exports/prod"]);
  assert.notEqual(run.status, 0, run.out);
  assert.match(run.out, /input 'path': .*checkout\/exports is a symbolic link/);
  assert.deepEqual(outsideFiles(), ["keep.txt"]);

  // A journal planted beside a real tree, removing a runner's file through `..`.
  run = cliIn(checkout, ["export", ...kube, "--path", "tree"]);
  assert.equal(run.status, 0, run.out);
  const staging = path.join(checkout, "tree.kubekeep-new");
  fs.mkdirSync(staging);
  fs.writeFileSync(
    path.join(staging, ".kubekeep-journal.json"),
    JSON.stringify({ moves: [], removals: ["namespaces/../../../outside/keep.txt"] }),
  );
  run = cliIn(checkout, ["export", ...kube, "--path", "tree"]);
  assert.notEqual(run.status, 0, run.out);
  assert.match(run.out, /\.kubekeep-journal\.json is not a journal an export wrote/);
  assert.deepEqual(outsideFiles(), ["keep.txt"]);
  fs.rmSync(staging, { recursive: true });

  // apply reads no linked file: a link to a runner's file in the tree is refused by name.
  const planted = path.join(checkout, "tree", "namespaces", "default", "core", "ConfigMap", "planted.yaml");
  fs.mkdirSync(path.dirname(planted), { recursive: true });
  fs.writeFileSync(
    path.join(outside, "secret.yaml"),
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: planted\n  namespace: default\ndata:\n  runner: file\n",
  );
  fs.symlinkSync(path.join(outside, "secret.yaml"), planted);
  run = cliIn(checkout, ["apply", "--kubeconfig-path", fx.sandbox.kubeconfig, "--path", "tree"]);
  assert.notEqual(run.status, 0, run.out);
  assert.match(run.out, /input 'path': .*ConfigMap\/planted\.yaml is a symbolic link/);
});
