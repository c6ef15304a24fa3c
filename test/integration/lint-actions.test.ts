// `npm run lint:actions` (part of `npm run check`): actionlint, built from Go
// modules, fails on a broken workflow, a broken example and a broken action
// metadata file that no workflow uses, naming the file. Runs the script in a
// copy of the work tree so the checks can break things.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

const root = path.resolve(import.meta.dirname, "..", "..");
const copy = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-lint-test-"));
after(() => fs.rmSync(copy, { recursive: true, force: true }));

before(() => {
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const f of files) {
    if (!fs.existsSync(path.join(root, f))) continue;
    fs.mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
    fs.copyFileSync(path.join(root, f), path.join(copy, f));
  }
  fs.symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"));
});

function lint(): { status: number; output: string } {
  const res = spawnSync(process.execPath, [path.join(copy, "scripts", "lint-actions.ts")], {
    cwd: copy,
    encoding: "utf8",
    timeout: 600_000,
  });
  return { status: res.status ?? -1, output: res.stdout + res.stderr };
}

/** Applies `change` to a file of the copy for one check, then restores it. */
function withChange(file: string, change: (text: string) => string, check: () => void): void {
  const full = path.join(copy, file);
  const original = fs.readFileSync(full, "utf8");
  fs.writeFileSync(full, change(original));
  try {
    check();
  } finally {
    fs.writeFileSync(full, original);
  }
}

test("the tree as committed is clean", () => {
  const r = lint();
  assert.equal(r.status, 0, r.output);
  assert.match(r.output, /actionlint: \d+ workflows and \d+ actions' metadata are clean/);
});

test("a workflow passing an input the action does not declare fails, naming the file", () => {
  // Promise: clear error - the workflow, the line and the input.
  withChange(
    ".github/workflows/ci.yml",
    (t) => t.replace("node: worker-1", "nodes: worker-1"),
    () => {
      const r = lint();
      assert.equal(r.status, 1, r.output);
      assert.match(
        r.output,
        /\.github\/workflows\/ci\.yml:\d+:\d+: input "nodes" is not defined in action "kubekeep drain"/,
      );
    },
  );
});

test("an example with a broken expression fails, naming the example", () => {
  withChange(
    "examples/etcd-snapshot.yml",
    (t) => t.replace("steps.snapshot.outputs.uri", "steps.snapshot.outputs.uri ||| x"),
    () => {
      const r = lint();
      assert.equal(r.status, 1, r.output);
      assert.match(r.output, /examples\/etcd-snapshot\.yml:\d+:\d+: .*/);
    },
  );
});

test("an action.yml no workflow uses is still checked (a missing entry point)", () => {
  withChange(
    "actions/etcd-list/action.yml",
    (t) => t.replace("dist/actions/etcd-list.js", "dist/actions/etcd-lst.js"),
    () => {
      const r = lint();
      assert.equal(r.status, 1, r.output);
      assert.match(r.output, /etcd-lst\.js" does not exist/);
    },
  );
});
