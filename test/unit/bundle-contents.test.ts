// The bundle check scripts/build.ts runs on every build (and `npm run
// dist:check`): test tools in no file, sandbox recipes in no file an action
// loads. Here on small made-up bundles, so a wrong walk of the imports shows.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { bundleProblems, loadedBy } from "../../scripts/bundle-contents.ts";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-bundle-test-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function bundle(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [f, text] of Object.entries({ "actions/.keep.js": "", ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

test("a clean bundle passes; the CLI may load the sandbox's recipes", () => {
  const dir = bundle("clean", {
    "main.js": 'import { a } from "./chunks/a.js";\nawait import("./chunks/b.js");',
    "actions/drain.js": 'import "../chunks/a.js";',
    "cli.js": 'import { s } from "./chunks/sandbox.js";',
    "chunks/a.js": "export const a = 1;",
    "chunks/b.js": 'export * from "./a.js";',
    "chunks/sandbox.js":
      'const c = { "sigs.k8s.io/kwok/cmd/kwok": "kwok" }; function ensureGoComponents() {}',
  });
  assert.deepEqual(bundleProblems(dir), []);
  assert.deepEqual(
    loadedBy(dir, "main.js").map((f) => path.relative(dir, f)),
    ["main.js", "chunks/a.js", "chunks/b.js"],
  );
});

test("a test tool's recipe anywhere in dist/ is a problem, named with its file", () => {
  const dir = bundle("tools", {
    "main.js": "",
    "cli.js": 'import "./chunks/x.js";',
    "chunks/x.js": 'const ACTIONLINT_VERSION = "v1.7.12";',
  });
  assert.deepEqual(bundleProblems(dir), [
    'chunks/x.js holds "ACTIONLINT_VERSION": a test-only tool\'s recipe',
  ]);
});

test("the sandbox's recipes in a chunk an action loads (even dynamically, two imports away) are a problem", () => {
  const dir = bundle("reached", {
    "main.js": "",
    "actions/etcd-drill.js": 'const m = await import("../chunks/a.js");',
    "chunks/a.js": 'export * from "./deep.js";',
    "chunks/deep.js": 'const c = { "github.com/versity/versitygw/cmd/versitygw": "versitygw" };',
  });
  assert.deepEqual(bundleProblems(dir), [
    'chunks/deep.js, loaded by actions/etcd-drill.js, holds "github.com/versity/versitygw/cmd/versitygw": the sandbox\'s build recipes',
  ]);
});
