/**
 * `npm run lint:actions`: actionlint over every workflow (.github/workflows),
 * every example (examples/) and every action's metadata (actions/*\/action.yml
 * and the root action.yml).
 *
 * actionlint reads an action's metadata only where a workflow of a project
 * (a folder with .git and .github/workflows) uses it with a local path. The
 * check runs in a temporary project linking to our workflows, examples,
 * actions, root action.yml and dist/, where a synthesized workflow also uses
 * each action once with its required inputs: a broken action.yml, a missing
 * entry point, an undeclared input or a missing required one fails the check.
 * Nothing is written to the tree.
 * actionlint is built from Go modules and cached like the sandbox's
 * components; once built the check needs no network. shellcheck and pyflakes
 * integrations are off so the result does not depend on what else is
 * installed on the machine.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { ConsoleLogger } from "../src/core/logger.ts";
import { ensureTool } from "../test/harness/tools/binaries.ts";

const root = path.resolve(import.meta.dirname, "..");
const logger = new ConsoleLogger();

const yamlFiles = (dir: string) =>
  fs.existsSync(path.join(root, dir))
    ? fs
        .readdirSync(path.join(root, dir))
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => path.join(dir, f))
    : [];

interface ActionMetadata {
  inputs?: Record<string, { required?: boolean; default?: string }>;
}

/** A workflow that uses every local action once, so actionlint checks each action.yml. */
export function metadataWorkflow(actionDirs: string[]): string {
  const steps = actionDirs.map((dir) => {
    const meta = parse(fs.readFileSync(path.join(root, dir, "action.yml"), "utf8")) as ActionMetadata;
    const required = Object.entries(meta.inputs ?? {}).filter(
      ([, i]) => i.required && i.default === undefined,
    );
    const withLines = required.map(([name]) => `          ${name}: x`);
    return [
      `      - uses: ./${dir === "." ? "" : dir}`,
      ...(withLines.length ? ["        with:", ...withLines] : []),
    ].join("\n");
  });
  return `name: action metadata (synthesized by scripts/lint-actions.ts)
on: workflow_dispatch
jobs:
  metadata:
    runs-on: ubuntu-latest
    steps:
${steps.join("\n")}
`;
}

const actionDirs = [
  ".",
  ...fs
    .readdirSync(path.join(root, "actions"))
    .filter((d) => fs.existsSync(path.join(root, "actions", d, "action.yml")))
    .sort()
    .map((d) => `actions/${d}`),
];
const files = [...yamlFiles(".github/workflows"), ...yamlFiles("examples")];
const actionlint = await ensureTool("actionlint", logger);
const common = ["-shellcheck=", "-pyflakes=", "-no-color"];

const project = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-actionlint-"));
let runs: ReturnType<typeof spawnSync>[];
try {
  // actionlint resolves `uses: ./...` only inside a project (a folder with
  // .git): a copy without .git (a source tarball) is checked the same way.
  fs.mkdirSync(path.join(project, ".git"));
  fs.mkdirSync(path.join(project, ".github", "workflows"), { recursive: true });
  for (const entry of ["actions", "action.yml", "dist", "examples"])
    if (fs.existsSync(path.join(root, entry)))
      fs.symlinkSync(path.join(root, entry), path.join(project, entry));
  for (const f of yamlFiles(".github/workflows")) fs.symlinkSync(path.join(root, f), path.join(project, f));
  // Reusable example workflows (on: workflow_call) sit where users copy them,
  // so a caller's `uses: ./.github/workflows/<name>` is checked against them.
  for (const f of yamlFiles("examples"))
    if (/^\s+workflow_call:/m.test(fs.readFileSync(path.join(root, f), "utf8")))
      fs.symlinkSync(path.join(root, f), path.join(project, ".github", "workflows", path.basename(f)));
  const workflow = path.join(".github", "workflows", "kubekeep-action-metadata.yml");
  fs.writeFileSync(path.join(project, workflow), metadataWorkflow(actionDirs));
  runs = [
    spawnSync(actionlint, [...common, ...files], { cwd: project, encoding: "utf8" }),
    spawnSync(actionlint, [...common, workflow], { cwd: project, encoding: "utf8" }),
  ];
} finally {
  fs.rmSync(project, { recursive: true, force: true });
}
let failed = false;
for (const r of runs) {
  if (r.error) throw r.error;
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (r.status !== 0) failed = true;
}
if (failed) {
  logger.error(
    `actionlint found problems (checked ${files.length} workflows and ${actionDirs.length} actions)`,
  );
  process.exit(1);
}
logger.info(`actionlint: ${files.length} workflows and ${actionDirs.length} actions' metadata are clean`);
