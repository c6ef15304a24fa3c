// Composite actions' outputs, checked statically: GitHub hands out only the
// outputs a composite maps (`value: ${{ steps.<id>.outputs.<name> }}`), while
// act hands out every inner step's output, so a broken mapping passes under
// act and yields an empty output on GitHub. The act test
// (test/integration/act-workflows.test.ts) checks that the mapped run steps
// really set those outputs.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { compositeOutputs, type ActionYaml } from "../harness/action-metadata.ts";

const root = path.resolve(import.meta.dirname, "..", "..");

function actionFiles(): string[] {
  const dirs = fs
    .readdirSync(path.join(root, "actions"))
    .map((d) => path.join("actions", d, "action.yml"))
    .filter((f) => fs.existsSync(path.join(root, f)));
  return ["action.yml", ...dirs];
}

test("every composite output maps to an output its step declares", () => {
  // Promise: nothing lost - each output a composite declares is filled on GitHub.
  let composites = 0;
  for (const file of actionFiles()) {
    const action = parse(fs.readFileSync(path.join(root, file), "utf8")) as ActionYaml;
    if (action.runs?.using !== "composite") continue;
    composites++;
    const steps = action.runs.steps ?? [];
    for (const m of compositeOutputs(action, file)) {
      const step = steps.find((s) => s.id === m.step);
      assert.ok(
        step,
        `${file}: output ${m.output} maps to step '${m.step}', which the composite does not have`,
      );
      if (step.uses?.startsWith("./")) {
        // A local action: its metadata must declare the output.
        const used = parse(fs.readFileSync(path.join(root, step.uses, "action.yml"), "utf8")) as ActionYaml;
        assert.ok(
          used.outputs?.[m.name],
          `${file}: output ${m.output} maps to ${step.uses}'s output '${m.name}', which it does not declare`,
        );
      } else {
        // A run step of a kubekeep bundle: the act test checks it sets the output.
        assert.ok(step.run, `${file}: step '${m.step}' neither runs a command nor uses a local action`);
      }
    }
  }
  // upgrade-node may stop being a composite; then there is nothing to check here.
  if (composites === 0) process.stdout.write("no composite actions\n");
});

test("a composite output that names a missing step or no step output is refused", () => {
  assert.throws(
    () => compositeOutputs({ outputs: { x: { value: "${{ steps.a.outputs }}" } } }, "t"),
    /t: output x maps to/,
  );
  assert.deepEqual(
    compositeOutputs({ outputs: { x: { value: " ${{ steps.drain.outputs.evicted }}" } } }, "t"),
    [{ output: "x", step: "drain", name: "evicted" }],
  );
});
