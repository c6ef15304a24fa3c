// The shipped example workflow and RBAC parse, and name real inputs.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { parse, parseAllDocuments } from "yaml";

const root = path.resolve(import.meta.dirname, "..", "..");
const read = (p: string) => fs.readFileSync(path.join(root, p), "utf8");

test("the example workflow only passes inputs the actions declare", () => {
  const wf = parse(read("examples/rolling-upgrade.yml")) as {
    jobs: Record<
      string,
      {
        strategy?: { "max-parallel"?: number; "fail-fast"?: boolean };
        steps?: { uses?: string; with?: Record<string, string> }[];
      }
    >;
  };
  for (const [name, job] of Object.entries(wf.jobs)) {
    if (job.strategy)
      assert.deepEqual([job.strategy["max-parallel"], job.strategy["fail-fast"]], [1, true], name);
    for (const step of job.steps ?? []) {
      const m = /actions\/([\w-]+)@/.exec(step.uses ?? "");
      if (!m) continue;
      const action = parse(read(`actions/${m[1]}/action.yml`)) as { inputs: Record<string, unknown> };
      for (const input of Object.keys(step.with ?? {}))
        assert.ok(input in action.inputs, `${m[1]} has no input ${input}`);
    }
  }
});

test("the RBAC documents are well-formed", () => {
  const docs = parseAllDocuments(read("docs/rbac/kubekeep-nodes.yaml")).map(
    (d) => d.toJS() as { kind: string },
  );
  assert.deepEqual(
    docs.map((d) => d.kind),
    ["ServiceAccount", "ClusterRole", "Role", "ClusterRoleBinding", "RoleBinding"],
  );
});
