// One layout for every capability (CONTRIBUTING.md, "Capability layout"):
// src/capabilities/<name>/ holds capability.ts (the small entry, loading
// run.ts only when the capability runs), config.ts, run.ts and, when the
// report is more than a few lines, report.ts, and nothing else. A capability
// imports domain modules, never another capability's folder; only the
// registry (src/capabilities.ts) imports an entry.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { CAPABILITIES } from "../../src/capabilities.ts";
import { importsOf, root, sourceFiles, type Import } from "../harness/imports.ts";

const capsDir = path.join("src", "capabilities");
const REQUIRED = ["capability.ts", "config.ts", "run.ts"];
const ALLOWED = [...REQUIRED, "report.ts"];
/** An entry declares; it does not work. Past this it is doing its run's or config's job. */
const MAX_ENTRY_LINES = 60;
/** What an entry may load before it runs: its config and the capability contract. */
const ENTRY_STATIC_IMPORTS = ["./config.ts", "../../config/capability.ts"];
/** Packages a capability's entry and config must not load: they are for its run (bench/startup). */
const HEAVY = ["@kubernetes/client-node", "@grpc/grpc-js", "@aws-sdk/", "@actions/core", "yaml"];

/** Capabilities still to move into the layout (issue #18); this list only shrinks. */
const PENDING = new Set([
  "export",
  "apply",
  "etcd-drill",
  "upgrade-plan",
  "drain",
  "upgrade-node",
  "uncordon",
]);

const registry = fs.readFileSync(path.join(root, "src", "capabilities.ts"), "utf8");
const inLayout = CAPABILITIES.map((c) => c.name).filter((n) => !PENDING.has(n));

test("every registry entry is src/capabilities/<name>/capability.ts, and loads the capability of its name", async () => {
  for (const entry of CAPABILITIES) {
    if (PENDING.has(entry.name)) continue;
    assert.ok(
      registry.includes(`import("./capabilities/${entry.name}/capability.ts")`),
      `the registry loads ${entry.name} from ./capabilities/${entry.name}/capability.ts`,
    );
    assert.equal((await entry.load()).name, entry.name);
  }
});

test("each capability folder holds capability.ts, config.ts, run.ts and at most report.ts; no folder is unregistered", () => {
  const folders = fs.readdirSync(path.join(root, capsDir));
  assert.deepEqual(
    folders.filter((f) => !CAPABILITIES.some((c) => c.name === f)),
    [],
    "a folder under src/capabilities/ with no registry entry",
  );
  for (const name of inLayout) {
    const files = fs.readdirSync(path.join(root, capsDir, name)).sort();
    for (const f of REQUIRED) assert.ok(files.includes(f), `src/capabilities/${name}/${f} exists`);
    const extra = files.filter((f) => !ALLOWED.includes(f));
    assert.deepEqual(
      extra,
      [],
      `src/capabilities/${name}/ holds only ${ALLOWED.join(", ")}: domain code goes to src/<domain>/`,
    );
  }
});

test("an entry is small, loads only its config statically and its run lazily", () => {
  for (const name of inLayout) {
    const file = path.join(capsDir, name, "capability.ts");
    const lines = fs.readFileSync(path.join(root, file), "utf8").split("\n").length;
    assert.ok(lines <= MAX_ENTRY_LINES, `${file}: ${lines} lines > ${MAX_ENTRY_LINES}`);
    const imports = importsOf(file);
    const loaded = imports.filter((i) => !i.dynamic && !i.typeOnly).map((i) => i.specifier);
    assert.deepEqual(
      loaded.filter((s) => !ENTRY_STATIC_IMPORTS.includes(s)),
      [],
      `${file} imports only ${ENTRY_STATIC_IMPORTS.join(" and ")} statically`,
    );
    assert.deepEqual(
      imports.filter((i) => i.dynamic).map((i) => i.specifier),
      ["./run.ts"],
      `${file} loads ./run.ts lazily, and nothing else`,
    );
  }
});

test("nothing an entry loads before it runs (its static closure) is a heavy package", () => {
  const all = new Map<string, Import[]>(sourceFiles().map((f) => [f, importsOf(f)]));
  for (const name of inLayout) {
    const seen = new Set<string>();
    const heavy: string[] = [];
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const i of all.get(file) ?? []) {
        if (i.dynamic || i.typeOnly) continue;
        if (i.target) walk(i.target);
        else if (HEAVY.some((h) => i.specifier.startsWith(h))) heavy.push(`${file} imports ${i.specifier}`);
      }
    };
    walk(path.join(capsDir, name, "capability.ts"));
    assert.deepEqual(
      heavy,
      [],
      `src/capabilities/${name}/capability.ts loads a heavy package before it runs`,
    );
  }
});

test("a capability imports no other capability's folder, and only the registry imports a capability", () => {
  const bad: string[] = [];
  for (const file of sourceFiles()) {
    const own = file.startsWith(capsDir + path.sep) ? file.split(path.sep)[2] : undefined;
    for (const i of importsOf(file)) {
      if (!i.target?.startsWith(capsDir + path.sep)) continue;
      const theirs = i.target.split(path.sep)[2];
      if (own === theirs) continue;
      if (file === path.join("src", "capabilities.ts") && i.target.endsWith("capability.ts")) continue;
      bad.push(`${file} -> ${i.target}`);
    }
  }
  assert.deepEqual(bad, []);
});
