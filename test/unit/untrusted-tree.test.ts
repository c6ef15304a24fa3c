// An export tree read or written in a checkout is untrusted input: links are
// refused, a planted journal must name only the tree's own files, and a
// `__proto__` key stays data.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { openNew, writeFileAtomic } from "../../src/core/files.ts";
import { linkOnTheWay } from "../../src/core/links.ts";
import { TreeWriter } from "../../src/export/write.ts";
import { readObjectFile } from "../../src/restore/read-tree.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-untrusted-tree-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("linkOnTheWay finds a link below the base, and only the target itself elsewhere", () => {
  const base = path.join(tmp, "base");
  fs.mkdirSync(path.join(base, "real", "deeper"), { recursive: true });
  fs.symlinkSync(path.join(base, "real"), path.join(base, "linked"));
  assert.equal(linkOnTheWay(path.join(base, "real", "deeper", "x"), base), undefined);
  assert.equal(linkOnTheWay(path.join(base, "linked", "deeper", "x"), base), path.join(base, "linked"));
  // Outside the base: the runner's folders are the user's choice; only the target is checked.
  assert.equal(linkOnTheWay(path.join(base, "linked", "deeper"), path.join(tmp, "elsewhere")), undefined);
  assert.equal(
    linkOnTheWay(path.join(base, "linked"), path.join(tmp, "elsewhere")),
    path.join(base, "linked"),
  );
});

for (const [name, journal] of [
  ["a removal through ..", { moves: [], removals: ["namespaces/../../victim"] }],
  ["an absolute move", { moves: ["/etc/passwd"], removals: [] }],
  ["a file the export does not own", { moves: [], removals: ["README.md"] }],
  ["an empty part", { moves: ["namespaces//x.yaml"], removals: [] }],
  ["not lists", { moves: "x", removals: [] }],
] as const) {
  test(`a planted journal with ${name} is refused before anything moves`, () => {
    const root = path.join(tmp, `tree-${name.replace(/\W+/g, "-")}`);
    fs.mkdirSync(path.join(root, "namespaces"), { recursive: true });
    const victim = path.join(tmp, "victim");
    fs.writeFileSync(victim, "x");
    fs.mkdirSync(`${root}.kubekeep-new`);
    fs.writeFileSync(path.join(`${root}.kubekeep-new`, ".kubekeep-journal.json"), JSON.stringify(journal));
    assert.throws(() => new TreeWriter(root).begin(), /is not a journal an export wrote/);
    assert.ok(fs.existsSync(victim));
  });
}

test("a link where the export writes is refused; a link of the user's elsewhere is left alone", () => {
  const root = path.join(tmp, "linked-tree");
  fs.mkdirSync(path.join(root, "cluster"), { recursive: true });
  fs.symlinkSync(tmp, path.join(root, "docs"));
  new TreeWriter(root).begin();
  fs.symlinkSync(tmp, path.join(root, "cluster", "core"));
  assert.throws(() => new TreeWriter(root).begin(), /cluster\/core is a symbolic link/);
});

test("a __proto__ key in a tree's object is data, not the object's prototype", () => {
  const file = path.join(tmp, "proto.yaml");
  fs.writeFileSync(
    file,
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\n  __proto__:\n    namespace: kube-system\ndata:\n  a: b\n",
  );
  const o = readObjectFile(file, "cluster/core/ConfigMap/p.yaml");
  const meta = o.object.metadata as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(meta), Object.prototype);
  assert.equal(meta.namespace, undefined);
  assert.equal(JSON.stringify(meta), '{"name":"p","__proto__":{"namespace":"kube-system"}}');
});

test("writeFileAtomic and openNew replace a planted link instead of writing through it", () => {
  const victim = path.join(tmp, "files-victim");
  fs.writeFileSync(victim, "keep");
  const file = path.join(tmp, "report.json");
  fs.symlinkSync(victim, `${file}.tmp`);
  fs.symlinkSync(victim, file);
  writeFileAtomic(file, "{}\n");
  assert.equal(fs.readFileSync(victim, "utf8"), "keep");
  assert.equal(fs.readFileSync(file, "utf8"), "{}\n");
  assert.ok(!fs.lstatSync(file).isSymbolicLink());
  const partial = path.join(tmp, "x.partial");
  fs.symlinkSync(victim, partial);
  fs.closeSync(openNew(partial));
  assert.equal(fs.readFileSync(victim, "utf8"), "keep");
});
