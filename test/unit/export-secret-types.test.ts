// Typed Secrets after redaction: nothing leaked, and still in the form the API
// server (and the token cleaner) accept, so a restore applies them.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { JsonObject } from "../../src/export/json.ts";
import { newRedactor, redactSecret } from "../../src/export/redact.ts";
import type { Redactor } from "../../src/export/redactor.ts";
import type { ResourceType } from "../../src/export/resource-type.ts";

const SECRET: ResourceType = {
  group: "",
  version: "v1",
  resource: "secrets",
  kind: "Secret",
  namespaced: true,
  verbs: ["list"],
};
/** Redacts a Secret as the export does: with the redactor of that one object. */
const redact = (s: JsonObject, r: Redactor): void => redactSecret(s, r.forObject(s, SECRET));

const b64 = (s: string) => Buffer.from(s).toString("base64");
const unb64 = (s: string) => Buffer.from(s, "base64").toString("utf8");

test("registry credentials stay a JSON object with every value redacted, hostnames kept", () => {
  for (const r of [newRedactor(), newRedactor("k".repeat(16))]) {
    const config = {
      auths: {
        "registry.example:5000": { username: "bob", password: "hunter2", auth: b64("bob:hunter2") },
      },
    };
    const s: JsonObject = {
      type: "kubernetes.io/dockerconfigjson",
      data: { ".dockerconfigjson": b64(JSON.stringify(config)) },
    };
    redact(s, r);
    const value = (s.data as Record<string, string>)[".dockerconfigjson"] as string;
    const text = unb64(value);
    for (const leak of ["bob", "hunter2", b64("bob:hunter2")]) assert.ok(!text.includes(leak), text);
    const parsed = JSON.parse(text) as { auths: Record<string, Record<string, string>> };
    assert.deepEqual(Object.keys(parsed.auths), ["registry.example:5000"]);
    assert.deepEqual(Object.keys(parsed.auths["registry.example:5000"] ?? {}), [
      "username",
      "password",
      "auth",
    ]);
    // Re-exporting a restored Secret gives the same bytes.
    const again: JsonObject = {
      type: "kubernetes.io/dockerconfigjson",
      data: { ".dockerconfigjson": value },
    };
    redact(again, r);
    assert.deepEqual(again.data, s.data);
  }
  const cfg: JsonObject = {
    type: "kubernetes.io/dockercfg",
    data: { ".dockercfg": b64(JSON.stringify({ "r.example": { auth: "x", email: "a@b" } })) },
  };
  redact(cfg, newRedactor());
  assert.deepEqual(JSON.parse(unb64((cfg.data as Record<string, string>)[".dockercfg"] as string)), {
    "r.example": { auth: "REDACTED", email: "REDACTED" },
  });
});

test("a bootstrap token keeps its id, expiration and usages; its secret becomes an unusable marker", () => {
  const data = {
    "token-id": b64("abcdef"),
    "token-secret": b64("0123456789abcdef"),
    expiration: b64("2099-01-01T00:00:00Z"),
    "usage-bootstrap-authentication": b64("true"),
  };
  const s: JsonObject = { type: "bootstrap.kubernetes.io/token", data: { ...data } };
  redact(s, newRedactor("k".repeat(16)));
  const out = s.data as Record<string, string>;
  assert.equal(out["token-id"], data["token-id"]);
  assert.equal(out.expiration, data.expiration);
  assert.equal(out["usage-bootstrap-authentication"], data["usage-bootstrap-authentication"]);
  assert.notEqual(out["token-secret"], data["token-secret"]);
  // The authenticator only accepts [a-z0-9]{16}: the marker can never be a working secret.
  assert.doesNotMatch(unb64(out["token-secret"] as string), /^[a-z0-9]{16}$/);
});

test("basic-auth, ssh-auth and tls keep their keys, with non-empty markers", () => {
  const s: JsonObject = {
    type: "kubernetes.io/tls",
    data: { "tls.crt": b64("CERT"), "tls.key": b64("KEY"), extra: "" },
  };
  redact(s, newRedactor());
  assert.deepEqual(s.data, { "tls.crt": "REDACTED", "tls.key": "REDACTED", extra: "REDACTED" });
});
