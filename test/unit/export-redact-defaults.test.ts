// The export's default redaction outside Secrets (redact-defaults.ts): which
// keys name a secret, PEM private keys anywhere, ConfigMap data, container env
// and flags, custom resources; references and certificates stay; markers are
// the ones apply recognises. (Against a cluster: test/integration/export-redaction.test.ts.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { fromRecord } from "../../src/config/inputs.ts";
import { parseExportConfig } from "../../src/export/config.ts";
import type { JsonObject } from "../../src/export/json.ts";
import { objectToFile } from "../../src/export/object-file.ts";
import { newRedactor } from "../../src/export/redact.ts";
import { holdsPrivateKey, isSecretKey, mayHoldPrivateKey } from "../../src/export/redact-defaults.ts";
import type { ResourceType } from "../../src/export/resource-type.ts";
import { markedPaths } from "../../src/restore/secrets-source.ts";

const rt = (resource: string, kind: string, group = ""): ResourceType => ({
  group,
  version: "v1",
  resource,
  kind,
  namespaced: true,
  verbs: ["list"],
});
const PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA-planted-pem\n-----END RSA PRIVATE KEY-----\n";
const CERT = "-----BEGIN CERTIFICATE-----\nMIIC-public\n-----END CERTIFICATE-----\n";
const config = { includeNamespaces: [], excludeNamespaces: [], includeOwned: false, includeSystem: false };

function exported(obj: JsonObject, type: ResourceType, redactDefaults?: boolean): string {
  const file = objectToFile(
    structuredClone(obj),
    type,
    { ...config, redactPaths: [], ...(redactDefaults === undefined ? {} : { redactDefaults }) },
    newRedactor("k".repeat(16)),
  );
  assert.ok(file && "text" in file);
  return file.text;
}

test("keys that name a secret, and references that only look like one", () => {
  for (const k of [
    "password",
    "DB_PASSWORD",
    "db.password",
    "dbpassword",
    "MYSQL_PASS",
    "DB_PWD",
    "passwd",
    "passphrase",
    "secret",
    "clientSecret",
    "jwt-secret",
    "token",
    "GITHUB_TOKEN",
    "apiTokens",
    "apiKey",
    "api_key",
    "x-api-key",
    "APIKey",
    "privateKey",
    "ssh-privatekey",
    "AWS_SECRET_ACCESS_KEY",
    "SECRET_KEY_BASE",
    "credentials",
    "authorization",
    "password2",
  ])
    assert.equal(isSecretKey(k), true, k);
  for (const k of [
    "secretName",
    "secretRef",
    "secretKeyRef",
    "passwordSecretRef",
    "privateKeySecretRef",
    "tokenExpirationSeconds",
    "expirationSeconds",
    "serviceAccountToken",
    "automountServiceAccountToken",
    "existingSecret",
    "passwordKey",
    "TOKEN_FILE",
    "PASSWORD_FILE",
    "tokenUrl",
    "tokenPath",
    "secretTemplate",
    "AWS_ACCESS_KEY_ID",
    "PWD",
    "bypass",
    "compass",
    "tokenizer",
    "secrets",
    "imagePullSecrets",
    "tls.key",
    "publicKey",
    "caBundle",
    "mode",
    "name",
    "value",
  ])
    assert.equal(isSecretKey(k), false, k);
});

test("a PEM private key is found plainly or base64-encoded; certificates are not", () => {
  assert.equal(holdsPrivateKey(PEM), true);
  assert.equal(holdsPrivateKey(JSON.stringify({ key: PEM })), true, "escaped inside JSON");
  assert.equal(holdsPrivateKey("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n"), true);
  assert.equal(holdsPrivateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), true);
  assert.equal(holdsPrivateKey(Buffer.from(PEM).toString("base64")), true);
  assert.equal(holdsPrivateKey(CERT), false);
  assert.equal(holdsPrivateKey(Buffer.from(CERT).toString("base64")), false);
  assert.equal(holdsPrivateKey("the PRIVATE KEY field"), false);
  // The page prefilter: a page without either form is never walked.
  assert.equal(mayHoldPrivateKey(Buffer.from(JSON.stringify({ items: [{ data: { a: CERT } }] }))), false);
  assert.equal(mayHoldPrivateKey(Buffer.from(JSON.stringify({ items: [{ data: { a: PEM } }] }))), true);
  assert.equal(
    mayHoldPrivateKey(Buffer.from(JSON.stringify({ items: [{ b: Buffer.from(PEM).toString("base64") }] }))),
    true,
  );
});

test("by default: PEM keys anywhere, ConfigMap keys, env values and flags; references stay", () => {
  // Promise: nothing leaked (4 of 4 kinds were committed by a default export).
  const cm: JsonObject = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "app", namespace: "shop", annotations: { "example.com/key": PEM } },
    data: { "server.pem": PEM, DB_PASSWORD: "cm-pass-1", "ca.crt": CERT, mode: "prod" },
    binaryData: { "key.der": Buffer.from(PEM).toString("base64") },
  };
  const text = exported(cm, rt("configmaps", "ConfigMap"));
  for (const leak of ["planted-pem", "cm-pass-1", Buffer.from(PEM).toString("base64").slice(0, 40)])
    assert.ok(!text.includes(leak), `${leak} in\n${text}`);
  assert.match(text, /BEGIN CERTIFICATE/, "certificates stay");
  assert.match(text, /mode: prod/);
  assert.match(text, /DB_PASSWORD: REDACTED\/hmacSHA256\//);

  const deploy: JsonObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "api", namespace: "shop" },
    spec: {
      template: {
        spec: {
          serviceAccountName: "api",
          volumes: [{ name: "tls", secret: { secretName: "api-tls" } }],
          initContainers: [
            { name: "init", image: "i", command: ["migrate", "--db-password", "init-pass-2"] },
          ],
          containers: [
            {
              name: "api",
              image: "a",
              args: ["--verbose", "--password=arg-pass-3", "-token=arg-token-4", "--mode", "fast"],
              env: [
                { name: "MYSQL_ROOT_PASSWORD", value: "env-pass-5" },
                {
                  name: "API_TOKEN",
                  valueFrom: { secretKeyRef: { name: "api", key: "token" } },
                },
                { name: "LOG_LEVEL", value: "debug" },
                { name: "TOKEN_FILE", value: "/var/run/token" },
              ],
            },
          ],
        },
      },
    },
  };
  const d = exported(deploy, rt("deployments", "Deployment", "apps"));
  for (const leak of ["init-pass-2", "arg-pass-3", "arg-token-4", "env-pass-5"])
    assert.ok(!d.includes(leak), `${leak} in\n${d}`);
  assert.match(d, /- "--password=REDACTED\/hmacSHA256\/[A-Za-z0-9+/]{24}"\n/, "the flag keeps its name");
  assert.match(d, /- "-token=REDACTED\/hmacSHA256\//);
  assert.match(d, /- "--db-password"\n\s+- REDACTED\/hmacSHA256\//);
  assert.match(d, /- "--mode"\n\s+- fast/);
  assert.match(d, /secretKeyRef:\n\s+name: api\n\s+key: token/, "valueFrom stays");
  assert.match(d, /value: debug/);
  assert.match(d, /value: \/var\/run\/token/, "a path to a token is not one");
  assert.match(d, /secretName: api-tls/);

  // apply sees the markers and skips these objects (flags included).
  const args = ["--password=REDACTED/hmacSHA256/" + "A".repeat(24)];
  assert.deepEqual(markedPaths({ spec: { args } }), ["spec.args[0]"]);
});

test("custom resources: strings and lists under secret keys, pairs, flags; maps are searched, not wiped", () => {
  const widget: JsonObject = {
    apiVersion: "example.com/v1",
    kind: "Widget",
    metadata: { name: "w", namespace: "shop" },
    spec: {
      password: "cr-pass-6",
      auth: { apiKey: "cr-key-7", secretRef: { name: "w-auth" }, user: "svc" },
      apiTokens: ["cr-token-8", "cr-token-9"],
      privateKey: { algorithm: "RSA", size: 2048 },
      serving: { pem: PEM },
      settings: [{ name: "ADMIN_PASSWORD", value: "cr-pair-10" }],
      template: { spec: { containers: [{ name: "c", args: ["--token", "cr-arg-11"] }] } },
      secretName: "w-tls",
      tokenExpirationSeconds: 3600,
    },
  };
  const w = exported(widget, rt("widgets", "Widget", "example.com"));
  for (const leak of [
    "cr-pass-6",
    "cr-key-7",
    "cr-token-8",
    "cr-token-9",
    "planted-pem",
    "cr-pair-10",
    "cr-arg-11",
  ])
    assert.ok(!w.includes(leak), `${leak} in\n${w}`);
  for (const kept of [
    /name: w-auth/,
    /user: svc/,
    /algorithm: RSA/,
    /secretName: w-tls/,
    /tokenExpirationSeconds: 3600/,
  ])
    assert.match(w, kept);
  // Built-in kinds are not searched by key (their schemas hold references, not credentials).
  const sa = exported(
    {
      apiVersion: "storage.k8s.io/v1",
      kind: "CSIDriver",
      metadata: { name: "d" },
      spec: { tokenRequests: [{ audience: "vault" }], token: "not-a-secret-here" },
    },
    rt("csidrivers", "CSIDriver", "storage.k8s.io"),
  );
  assert.match(sa, /token: not-a-secret-here/);
});

test("redact-defaults: false turns it off; Secrets stay redacted; it is on unless said", () => {
  const cm: JsonObject = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "app", namespace: "shop" },
    data: { password: "kept-on-purpose", "server.pem": PEM },
  };
  const off = exported(cm, rt("configmaps", "ConfigMap"), false);
  assert.match(off, /password: kept-on-purpose/);
  assert.match(off, /planted-pem/);
  assert.doesNotMatch(exported(cm, rt("configmaps", "ConfigMap")), /kept-on-purpose/);
  const env = (v: Record<string, string>) => parseExportConfig(fromRecord(v));
  assert.equal(env({}).redactDefaults, true);
  assert.equal(env({ "redact-defaults": "false" }).redactDefaults, false);
  const secret: JsonObject = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "s", namespace: "shop" },
    data: { a: Buffer.from("secret-value-12").toString("base64") },
  };
  assert.doesNotMatch(exported(secret, rt("secrets", "Secret"), false), /c2VjcmV0LXZhbHVlLTEy/);
});
