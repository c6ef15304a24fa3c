// One folder for examples (examples/), and every example in it run for real
// by the workflow tests: an example nobody runs is an example that rots.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";

const root = path.resolve(import.meta.dirname, "..", "..");

test("every example workflow is run by test/integration/act-workflows.test.ts", () => {
  const examples = fs.readdirSync(path.join(root, "examples")).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(examples.length >= 3, `examples: ${examples.join(", ")}`);
  const tests = fs.readFileSync(path.join(root, "test/integration/act-workflows.test.ts"), "utf8");
  for (const f of examples)
    assert.ok(tests.includes(`"examples/${f}"`), `examples/${f} is run by no workflow test`);
});

test("examples live only in examples/ (no second examples folder)", () => {
  // Promise: one place per kind of thing.
  for (const dir of ["docs/examples", "examples/workflows"])
    assert.ok(!fs.existsSync(path.join(root, dir)), `${dir} exists: move its files to examples/`);
});
