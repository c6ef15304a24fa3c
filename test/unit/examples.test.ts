// One folder for examples (examples/), and every example in it run for real
// by the workflow tests: an example nobody runs is an example that rots.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { parse } from "yaml";

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

/** Every `run:` script in a parsed workflow or composite action, with where it is. */
function runScripts(node: unknown, where: string, out: { where: string; script: string }[] = []) {
  if (Array.isArray(node)) node.forEach((n, i) => runScripts(n, `${where}[${i}]`, out));
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) {
      if (k === "run" && typeof v === "string") out.push({ where: `${where}.run`, script: v });
      else runScripts(v, `${where}.${k}`, out);
    }
  return out;
}

function workflowFiles(): string[] {
  const yml = (dir: string) =>
    fs.existsSync(path.join(root, dir))
      ? fs
          .readdirSync(path.join(root, dir))
          .filter((f) => /\.ya?ml$/.test(f))
          .map((f) => path.join(dir, f))
      : [];
  const actions = (dir: string) =>
    fs
      .readdirSync(path.join(root, dir))
      .map((d) => path.join(dir, d, "action.yml"))
      .filter((f) => fs.existsSync(path.join(root, f)));
  return [
    ...yml(".github/workflows"),
    ...yml("examples"),
    "action.yml",
    ...actions("actions"),
    ...actions("test/harness/act-stand-ins"),
  ];
}

// Promise: no workflow or example pastes an expression into a shell script.
// `${{ }}` is substituted into the script text before bash reads it, so a
// value with a quote or `$(...)` (a commit input a person typed, a key read
// from the bucket) runs as shell. Values reach scripts through `env:` and are
// quoted there. No context is allowed, not even ones that look safe today
// (runner.temp, matrix): env costs one line and never needs a second look.
test("no workflow, example or composite action pastes ${{ }} into a run: script", () => {
  const files = workflowFiles();
  assert.ok(
    files.includes("examples/revert-export-commit.yml") && files.includes(".github/workflows/release.yml"),
  );
  const pasted = files.flatMap((f) =>
    runScripts(parse(fs.readFileSync(path.join(root, f), "utf8")), f)
      .filter((r) => /\$\{\{/.test(r.script))
      .map(
        (r) =>
          `${r.where}: ${r.script
            .trim()
            .split("\n")
            .find((l) => l.includes("${{"))}`,
      ),
  );
  assert.deepEqual(pasted, [], "pass these through env: and quote them");
});

test("the run: check sees pasted expressions (in multi-line scripts and composite steps)", () => {
  const doc = parse(
    'jobs:\n  a:\n    steps:\n      - run: |\n          set -e\n          echo "${{ inputs.commit }}"\nruns:\n  steps:\n    - run: echo ${{ inputs.x }}\n',
  ) as unknown;
  assert.deepEqual(
    runScripts(doc, "t").map((r) => r.where),
    ["t.jobs.a.steps[0].run", "t.runs.steps[0].run"],
  );
});

interface Job {
  permissions?: Record<string, string>;
  steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
}

// Promise: the release's tests and its dependencies' install scripts never
// hold a write token, and no job leaves a token in .git/config for the steps
// after its checkout. The npm publish holds only an OIDC token, and runs npm
// itself, never the repository's or a dependency's code.
test("release.yml: only a job that runs no npm may write; no checkout persists credentials", () => {
  const wf = parse(fs.readFileSync(path.join(root, ".github/workflows/release.yml"), "utf8")) as {
    permissions?: unknown;
    jobs: Record<string, Job & { needs?: string | string[] }>;
  };
  assert.deepEqual(wf.permissions, {}, "workflow-level permissions: {} (each job declares its own)");
  const writers = Object.entries(wf.jobs).filter(([, j]) =>
    Object.entries(j.permissions ?? {}).some(([scope, level]) => level === "write" && scope !== "id-token"),
  );
  assert.deepEqual(
    writers.map(([n]) => n),
    ["tag"],
  );
  for (const [name, job] of Object.entries(wf.jobs)) {
    assert.ok(job.permissions, `${name}: no permissions block (it would get the repository default)`);
    for (const step of job.steps.filter((s) => s.uses?.startsWith("actions/checkout@")))
      assert.equal(step.with?.["persist-credentials"], false, `${name}: checkout persists the token`);
  }
  for (const [name, job] of writers) {
    const runs = job.steps.map((s) => s.run ?? "").join("\n");
    assert.doesNotMatch(runs, /\b(npm|npx|node|yarn|pnpm)\b/, `${name} runs repository or dependency code`);
    assert.ok(
      !job.steps.some((s) => /setup-node|setup-go/.test(s.uses ?? "")),
      `${name} sets up a toolchain it should not need`,
    );
  }
  assert.match(JSON.stringify(wf.jobs.test?.steps), /npm test/);
  assert.deepEqual(wf.jobs.test?.permissions, { contents: "read" });

  // The npm publish: after the tag (never a package without its tag), an OIDC
  // token and nothing else, no registry-url (its placeholder token would
  // shadow OIDC), and one npm command that runs no lifecycle script.
  const publish = wf.jobs.publish;
  assert.ok(publish, "a publish job");
  assert.deepEqual(publish.permissions, { contents: "read", "id-token": "write" });
  assert.deepEqual([publish.needs].flat(), ["tag"]);
  const setup = publish.steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
  assert.equal(setup?.with?.["registry-url"], undefined);
  const runs = publish.steps.flatMap((s) => (s.run ? [s.run.trim()] : []));
  assert.deepEqual(runs, ["npm publish --provenance --access public --ignore-scripts"]);
  // No job but publish holds an id-token (nothing else could publish or reach a cloud).
  const oidc = Object.entries(wf.jobs).filter(([, j]) => j.permissions?.["id-token"] === "write");
  assert.deepEqual(
    oidc.map(([n]) => n),
    ["publish"],
  );
});
