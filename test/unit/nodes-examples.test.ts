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

type RbacDoc = {
  kind: string;
  metadata: { name: string; namespace?: string };
  rules?: { apiGroups?: string[]; resources?: string[]; verbs?: string[] }[];
  roleRef?: { kind: string; name: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
};

// Promise: every docs/rbac file parses, and every binding in it refers to a
// role and a ServiceAccount that the files define (kubectl apply of a file
// alone, or with the file it says to apply with, leaves nothing dangling).
test("the RBAC documents are well-formed and their bindings resolve", () => {
  const files = fs.readdirSync(path.join(root, "docs/rbac")).filter((f) => f.endsWith(".yaml"));
  assert.ok(files.length >= 10, files.join(", "));
  const all = files.flatMap((f) =>
    parseAllDocuments(read(`docs/rbac/${f}`)).map((d) => ({ file: f, doc: d.toJS() as RbacDoc })),
  );
  const defined = new Set(
    all.map(({ doc }) => `${doc.kind}/${doc.metadata.namespace ?? ""}/${doc.metadata.name}`),
  );
  for (const { file, doc } of all) {
    assert.ok(
      ["ServiceAccount", "ClusterRole", "Role", "ClusterRoleBinding", "RoleBinding"].includes(doc.kind),
      `${file}: ${doc.kind}`,
    );
    for (const r of doc.rules ?? [])
      assert.ok(r.verbs?.length && r.resources?.length && r.apiGroups, `${file}: incomplete rule`);
    if (doc.roleRef) {
      const ns = doc.roleRef.kind === "Role" ? (doc.metadata.namespace ?? "") : "";
      assert.ok(defined.has(`${doc.roleRef.kind}/${ns}/${doc.roleRef.name}`), `${file}: ${doc.roleRef.name}`);
      for (const s of doc.subjects ?? [])
        assert.ok(defined.has(`ServiceAccount/${s.namespace ?? ""}/${s.name}`), `${file}: subject ${s.name}`);
    }
  }
  // No wildcard verb anywhere: each file names what it needs.
  assert.ok(!all.some(({ doc }) => doc.rules?.some((r) => r.verbs?.includes("*"))));
});
