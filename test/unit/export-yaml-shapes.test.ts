// The export's hot path (clean.ts, yaml.ts) was made cheaper for the CPU:
// these pin its output, branch by branch, to what it wrote before, and check
// that cleaning by copying (not deleting) keeps every field it kept before.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "yaml";
import { cleanObject, kubernetesKeyOrder, without } from "../../src/export/clean.ts";
import type { JsonObject } from "../../src/export/json.ts";
import type { ResourceType } from "../../src/export/resource-type.ts";
import { quoteIfNeeded, toYaml } from "../../src/export/yaml.ts";

const rt = (resource: string, kind: string): ResourceType => ({
  group: "",
  version: "v1",
  resource,
  kind,
  namespaced: true,
  verbs: ["list"],
});

test("strings are quoted exactly when a plain scalar could read back as something else", () => {
  const cases: [string, string][] = [
    ["", '""'],
    ["plain", "plain"],
    ["app-49", "app-49"],
    ["16Mi", "16Mi"],
    ["100m", "100m"],
    ["25%", "25%"],
    ["0x10", '"0x10"'],
    ["0o7", '"0o7"'],
    ["0B1", '"0B1"'],
    ["1e3", '"1e3"'],
    ["1Gi3", '"1Gi3"'],
    ["123", '"123"'],
    ["1.5", '"1.5"'],
    ["8080/TCP", '"8080/TCP"'],
    ["-1", '"-1"'],
    ["y", '"y"'],
    ["No", '"No"'],
    ["false", '"false"'],
    ["FALSE", '"FALSE"'],
    ["falsey", "falsey"],
    ["nulls", "nulls"],
    ["~", '"~"'],
    [".inf", '".inf"'],
    ["-.Inf", '"-.Inf"'],
    [".NaN", '".NaN"'],
    ["a b", "a b"],
    ["a: b", '"a: b"'],
    ["a:b", "a:b"],
    ["a #b", '"a #b"'],
    ["a#b", "a#b"],
    ["a:", '"a:"'],
    ["a ", '"a "'],
    [" a", '" a"'],
    ["system:controller:job", "system:controller:job"],
    ["registry.example/app:1.0", "registry.example/app:1.0"],
    ["ünï", '"ünï"'],
    ["{x}", '"{x}"'],
  ];
  for (const [s, want] of cases) {
    assert.equal(quoteIfNeeded(s), want, JSON.stringify(s));
    assert.equal((parse(`v: ${quoteIfNeeded(s)}\n`) as { v: unknown }).v, s, JSON.stringify(s));
  }
});

test("keys are sorted, with apiVersion/kind/metadata, name/namespace or name first by place", () => {
  const cases: [string[], number, string, string[]][] = [
    [
      ["spec", "metadata", "kind", "apiVersion", "data"],
      0,
      "",
      ["apiVersion", "kind", "metadata", "data", "spec"],
    ],
    [["spec", "metadata", "Zeta", "apiVersion"], 0, "", ["apiVersion", "metadata", "Zeta", "spec"]],
    [["labels", "namespace", "name"], 1, "metadata", ["name", "namespace", "labels"]],
    [["labels", "namespace"], 1, "metadata", ["namespace", "labels"]],
    [["labels", "namespace", "name"], 2, "metadata", ["name", "labels", "namespace"]],
    [["port", "name", "protocol", "10", "2"], 2, "ports", ["name", "10", "2", "port", "protocol"]],
    [["b", "a"], 3, "x", ["a", "b"]],
    [["name"], 0, "", ["name"]],
  ];
  for (const [keys, depth, parent, want] of cases)
    assert.deepEqual(kubernetesKeyOrder([...keys], depth, parent), want, `${keys.join(",")} at ${depth}`);
});

test("cleaning copies the objects it strips (same fields, same order) and reuses the rest", () => {
  const labels = { app: "web" };
  const spec = { type: "ClusterIP", clusterIP: "10.0.0.1", ports: [{ port: 80 }] };
  const item: JsonObject = {
    metadata: {
      name: "web",
      namespace: "shop",
      uid: "u",
      resourceVersion: "1",
      labels,
      annotations: { "deployment.kubernetes.io/revision": "3", keep: "me" },
    },
    spec,
    status: {},
    apiVersion: "v1",
    kind: "Service",
  };
  const clean = cleanObject(item, rt("services", "Service"));
  assert.deepEqual(Object.keys(clean), ["metadata", "spec", "apiVersion", "kind"]);
  assert.deepEqual(clean.metadata, { name: "web", namespace: "shop", labels, annotations: { keep: "me" } });
  assert.equal((clean.metadata as JsonObject).labels, labels, "untouched objects are not copied");
  assert.deepEqual(clean.spec, { type: "ClusterIP", ports: [{ port: 80 }] });
  assert.deepEqual(Object.keys(clean.spec as JsonObject), ["type", "ports"]);
  // Nothing to drop: the object itself.
  const kept = { a: 1 };
  assert.equal(without(kept, ["b"]), kept);
});

test("a '__proto__' field of a listed object stays a field when cleaning copies its holder", () => {
  const item = JSON.parse(
    '{"metadata":{"name":"x","uid":"u","__proto__":{"polluted":true}},"data":{"a":"1"},"status":{}}',
  ) as JsonObject;
  const clean = cleanObject(item, rt("configmaps", "ConfigMap"));
  const meta = clean.metadata as JsonObject;
  assert.equal(Object.getPrototypeOf(meta), Object.prototype);
  assert.equal((meta as { polluted?: unknown }).polluted, undefined);
  assert.deepEqual(Object.keys(meta), ["name", "__proto__"]);
  assert.match(toYaml(clean, kubernetesKeyOrder), /^ {2}__proto__:\n {4}polluted: true$/m);
});
