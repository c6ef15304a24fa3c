// The folders of src/ form layers (CONTRIBUTING.md, "Layers"): a folder
// imports only folders of lower layers, never upward and never sideways, so
// no cycle can form between folders; and no cycle between files either. Every
// import counts: static, dynamic `import()`, and type-only ones (a type cycle
// is still a tangle a reader has to untie).
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { importsOf, sourceFiles, type Import } from "../harness/imports.ts";

/** Lowest first. Keep in step with CONTRIBUTING.md. */
const LAYERS: readonly (readonly string[])[] = [
  ["core"],
  ["report"],
  ["config"],
  ["aws"],
  ["cluster", "storage", "controlplane"],
  ["export"],
  ["etcd", "nodes", "restore"],
  ["fleet", "recovery"],
  ["capabilities"],
  ["sandbox"],
  ["actions", "cli"],
];

/** The folder a file of src/ belongs to; src/capabilities.ts (the registry) is in capabilities. */
function folderOf(file: string): string {
  const parts = file.split(path.sep);
  if (parts[0] !== "src") return "(outside src)";
  if (parts.length === 2) return parts[1]!.replace(/\.ts$/, "");
  return parts[1]!;
}

function layerOf(folder: string): number {
  return LAYERS.findIndex((l) => l.includes(folder));
}

const files = sourceFiles();
const imports: Import[] = files.flatMap(importsOf);

test("every folder of src/ has a place in the layers", () => {
  const unplaced = [...new Set(files.map(folderOf))].filter((f) => layerOf(f) < 0);
  assert.deepEqual(unplaced, [], "add the folder to LAYERS here and to the table in CONTRIBUTING.md");
});

test("a folder imports only folders of lower layers (no upward or sideways import)", () => {
  const bad: string[] = [];
  for (const i of imports) {
    if (i.target === undefined || !i.target.startsWith(`src${path.sep}`)) continue;
    const from = folderOf(i.from);
    const to = folderOf(i.target);
    if (from === to) continue;
    if (layerOf(to) >= layerOf(from)) bad.push(`${i.from} -> ${i.target} (${from} may not import ${to})`);
  }
  assert.deepEqual(bad, []);
});

test("no import cycle between files", () => {
  const graph = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const i of imports) if (i.target && graph.has(i.target)) graph.get(i.from)!.push(i.target);
  // Tarjan's strongly connected components: any of more than one file is a cycle.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) cycles.push(scc.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  assert.deepEqual(cycles, []);
});

test("the reader finds every kind of import (static, type-only, dynamic)", () => {
  const registry = imports.filter((i) => i.from === path.join("src", "capabilities.ts"));
  assert.ok(registry.some((i) => i.dynamic && i.target?.endsWith(path.join("etcd-list", "capability.ts"))));
  assert.ok(registry.some((i) => i.typeOnly && !i.dynamic));
});
