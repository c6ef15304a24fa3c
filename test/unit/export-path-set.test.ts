// The previous tree's file list as bytes (src/export/path-set.ts): the same
// answers as a Set of strings, through growth, trimming and deletion.
import assert from "node:assert/strict";
import { test } from "node:test";
import { PathSet } from "../../src/export/path-set.ts";

test("path set: behaves as a Set of strings through growth, trim, delete and re-add", () => {
  const set = new PathSet();
  const model = new Set<string>();
  const paths = Array.from({ length: 5000 }, (_, i) => `namespaces/ns-${i % 37}/core/ConfigMap/cm-${i}.yaml`);
  paths.push("", "README.md", "namespaces/é/core/ConfigMap/ü.yaml", "x".repeat(5000), "😀/a");
  for (const p of paths) {
    set.add(p);
    model.add(p);
  }
  set.add(paths[0] as string);
  set.trim();
  assert.equal(set.size, model.size);
  for (let i = 0; i < paths.length; i += 3) {
    assert.equal(set.delete(paths[i] as string), model.delete(paths[i] as string));
    assert.equal(set.delete(paths[i] as string), false, "deleted once");
  }
  set.add(paths[3] as string);
  model.add(paths[3] as string);
  set.add("new/after/trim.yaml");
  model.add("new/after/trim.yaml");
  for (const p of [...paths, "missing", "namespaces/ns-1/core/ConfigMap/cm-1.yam"])
    assert.equal(set.has(p), model.has(p), p);
  assert.equal(set.size, model.size);
  assert.deepEqual([...set].sort(), [...model].sort());
});

test("path set: an empty set trims, finds nothing and grows again", () => {
  const set = new PathSet();
  set.trim();
  assert.equal(set.has("a"), false);
  assert.equal(set.delete("a"), false);
  set.add("a");
  assert.deepEqual([...set], ["a"]);
});
