import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { parseClusterConfig } from "../../src/cluster/config.ts";
import { kubeconfigSecrets } from "../../src/cluster/connect.ts";
import { bool, fromRecord, integer, list, oneOf } from "../../src/config/inputs.ts";

test("typed inputs accept the usual spellings and reject the rest clearly", () => {
  const src = fromRecord({ a: "true", b: "No", n: "7", mode: "ssh", items: "a, b\nc\n# comment\n" });
  assert.equal(bool(src, "a", false), true);
  assert.equal(bool(src, "b", true), false);
  assert.equal(bool(src, "missing", true), true);
  assert.equal(integer(src, "n", 1, 1, 10), 7);
  assert.equal(oneOf(src, "mode", ["ssh", "pod", "command"], "command"), "ssh");
  assert.deepEqual(list(src, "items"), ["a", "b", "c"]);
  assert.throws(
    () => bool(fromRecord({ x: "maybe" }), "x", false),
    /input 'x': got "maybe", expected true or false/,
  );
  assert.throws(
    () => integer(fromRecord({ n: "0" }), "n", 1, 1, 10),
    /input 'n': got "0", expected a whole number from 1 to 10/,
  );
  assert.throws(
    () => oneOf(fromRecord({ m: "scp" }), "m", ["ssh", "pod"], "ssh"),
    /expected one of ssh, pod/,
  );
});

test("kubeconfig input takes content or a path; content is never echoed in errors", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-"));
  const file = path.join(dir, "config");
  fs.writeFileSync(file, "apiVersion: v1\nkind: Config\n");
  assert.deepEqual(parseClusterConfig(fromRecord({ kubeconfig: file })), {
    kubeconfigPath: file,
    stallTimeoutMs: 60_000,
  });
  const content = "apiVersion: v1\nkind: Config\nusers:\n- name: x\n  user:\n    token: abc\n";
  assert.deepEqual(parseClusterConfig(fromRecord({ kubeconfig: content, context: "prod" })), {
    kubeconfigContent: content.trim(),
    context: "prod",
    stallTimeoutMs: 60_000,
  });
  assert.throws(
    () => parseClusterConfig(fromRecord({ kubeconfig: "hunter2-token-value" })),
    (err: Error) => !err.message.includes("hunter2") && err.message.includes("input 'kubeconfig'"),
  );
  assert.throws(
    () => parseClusterConfig(fromRecord({ "kubeconfig-path": "/nope/config" })),
    /input 'kubeconfig-path': file "\/nope\/config" does not exist/,
  );
});

test("kubeconfig content: credentials are masked, unquoted; booleans and tiny values are not", () => {
  const content = [
    "    client-key-data: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t",
    '    token: "eyJhbGciOiJSUzI1NiJ9.payload.sig"',
    "        client-secret: 'oidc-client-secret'",
    "    secretFlag: 1",
    "    tokenRefresh: true",
    "    password: null",
    "    server: https://10.0.0.1:6443",
  ].join("\n");
  assert.deepEqual(kubeconfigSecrets(content), [
    "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t",
    "eyJhbGciOiJSUzI1NiJ9.payload.sig",
    "oidc-client-secret",
  ]);
});
