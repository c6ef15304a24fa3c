// The input schema is the one source: parsing reads only declared inputs,
// with typed values and errors naming input, value and expected form; the
// action.yml files, the root action and docs/reference/ are generated from it and
// a check fails when the committed files drift (clear error, nothing lost).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import {
  actionYml,
  COMMON_PAGE,
  headingAnchor,
  INPUT_GROUPS,
  referenceFiles,
  rootActionYml,
  wrap,
} from "../../scripts/docs.ts";
import { GUIDES } from "../../scripts/guides.ts";
import { CAPABILITIES, loadAllCapabilities } from "../../src/capabilities.ts";
import { defineCapability } from "../../src/config/capability.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { firstSentence, input, readInputs } from "../../src/config/schema.ts";
import { newReport } from "../../src/report/report.ts";

const root = path.resolve(import.meta.dirname, "..", "..");

const schema = {
  name: input.string({ description: "A name.", required: true }),
  path: input.string({ description: "Where.", default: "out" }),
  note: input.string({ description: "A note." }),
  force: input.boolean({ description: "Force.", default: false }),
  sudo: input.boolean({ description: "Sudo.", defaultText: "true unless root" }),
  count: input.integer({ description: "How many.", default: 4, min: 1, max: 64 }),
  limit: input.integer({ description: "At most.", min: 0 }),
  timeout: input.duration({ description: "How long.", default: "10m" }),
  part: input.size({ description: "Part size.", default: "5Mi" }),
  mode: input.enum(["fail", "delete"] as const, { description: "On timeout.", default: "fail" }),
  items: input.list({ description: "Things." }),
};

test("typed values come from the schema, with its defaults", () => {
  const cases: [Record<string, string>, Partial<Record<keyof typeof schema, unknown>>][] = [
    [
      { name: "x" },
      { name: "x", path: "out", note: undefined, force: false, sudo: undefined, count: 4, limit: undefined },
    ],
    [
      { name: "x", timeout: "90s", part: "1Gi" },
      { timeout: 90_000, part: 1024 ** 3 },
    ],
    [
      { name: "x", force: "yes", sudo: "false", count: "64", limit: "0" },
      { force: true, sudo: false, count: 64, limit: 0 },
    ],
    [
      { name: "x", mode: "delete", items: "a, b\nc" },
      { mode: "delete", items: ["a", "b", "c"] },
    ],
    [{ name: "x" }, { timeout: 600_000, part: 5 * 1024 * 1024, mode: "fail", items: [] }],
  ];
  for (const [given, want] of cases) {
    const v = readInputs(schema, fromRecord(given));
    for (const [k, value] of Object.entries(want))
      assert.deepEqual(v[k as keyof typeof v], value, `${JSON.stringify(given)}: ${k}`);
  }
});

test("a bad value names the input, the value and the expected form", () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{}, /input 'name' is required: a name/],
    [{ name: "x", force: "maybe" }, /input 'force': got "maybe", expected true or false/],
    [{ name: "x", count: "0" }, /input 'count': got "0", expected a whole number from 1 to 64/],
    [{ name: "x", timeout: "soon" }, /input 'timeout': got "soon", expected a duration such as 30s/],
    [{ name: "x", part: "5MB" }, /input 'part': got "5MB", expected a size such as 512Mi/],
    [{ name: "x", mode: "retry" }, /input 'mode': got "retry", expected one of fail, delete/],
  ];
  for (const [given, want] of cases)
    assert.throws(() => readInputs(schema, fromRecord(given)), want, JSON.stringify(given));
  assert.equal(firstSentence("Node name(s) to act on. Several nodes..."), "node name(s) to act on");
});

test("a capability that reads an input it does not declare fails at once (drift is a bug)", () => {
  const cap = defineCapability({
    name: "sloppy",
    summary: "reads more than it declares",
    description: "-",
    inputs: { a: input.string({ description: "A." }) },
    outputs: {},
    parse: (src) => ({ a: src("a"), b: src("b") }),
    run: () => Promise.resolve({ outputs: {}, report: newReport("x") }),
  });
  assert.throws(
    () => cap.parse(fromRecord({})),
    /capability sloppy reads input 'b', which its input schema does not declare/,
  );
});

test("every capability has a description and outputs, and parses from its own schema alone", async () => {
  // Fill every declared input with a value its type accepts: parse() may then reject
  // combinations, but never read an input the schema lacks (declaredOnly would throw Error).
  for (const cap of await loadAllCapabilities()) {
    assert.ok(cap.description.length > 40, `${cap.name} has a description`);
    assert.ok(Object.keys(cap.outputs).length > 0, `${cap.name} declares outputs`);
    try {
      cap.parse(fromRecord({}));
    } catch (err) {
      assert.ok(!/does not declare/.test((err as Error).message), `${cap.name}: ${(err as Error).message}`);
    }
    if (cap.positional) assert.equal(cap.inputs[cap.positional]?.kind, "list", `${cap.name} positional`);
  }
});

test("action.yml holds the schema's inputs, defaults and outputs, and the action's runs section", async () => {
  const caps = await loadAllCapabilities();
  for (const cap of caps) {
    type Yml = {
      inputs: Record<string, { required: boolean; default?: string; description: string }>;
      outputs: Record<string, { description: string; value?: string }>;
      runs: { using: string; main?: string; post?: string; "post-if"?: string };
    };
    const yml = parse(actionYml(cap)) as Yml;
    const declared = Object.keys(cap.inputs).filter((n) => !(cap.name === "upgrade-node" && n === "step"));
    assert.deepEqual(Object.keys(yml.inputs), declared, cap.name);
    for (const [name, i] of Object.entries(cap.inputs)) {
      if (!yml.inputs[name]) continue;
      assert.equal(yml.inputs[name].required, i.required, `${cap.name}.${name} required`);
      assert.equal(yml.inputs[name].default, i.default, `${cap.name}.${name} default`);
    }
    assert.deepEqual(Object.keys(yml.outputs), Object.keys(cap.outputs), cap.name);
    const main = `../../dist/actions/${cap.name}.js`;
    // upgrade-node's post step records a cancellation when the main step was stopped.
    if (cap.name === "upgrade-node")
      assert.deepEqual(yml.runs, {
        using: "node24",
        main,
        post: main,
        "post-if": "cancelled() || failure()",
      });
    else assert.deepEqual(yml.runs, { using: "node24", main });
  }
  // The drift: upgrade-plan reads only what it declares, etcd-list takes no key,
  // and the etcd defaults are real defaults.
  const byName = new Map(caps.map((c) => [c.name, c]));
  assert.ok(!("grace-period" in (byName.get("upgrade-plan")?.inputs ?? {})));
  assert.ok(!("key" in (byName.get("etcd-list")?.inputs ?? {})));
  assert.equal(byName.get("etcd-snapshot")?.inputs["s3-prefix"]?.default, "etcd/");

  const rootYml = parse(rootActionYml(caps)) as {
    inputs: Record<string, { description: string; default?: string }>;
  };
  const union = new Set(caps.flatMap((c) => Object.keys(c.inputs)));
  assert.deepEqual(new Set(Object.keys(rootYml.inputs)), new Set(["command", ...union]));
  assert.match(
    rootYml.inputs.command?.description ?? "",
    /cluster-info, export, apply, etcd-snapshot.*uncordon/,
  );
  assert.match(
    rootYml.inputs.force?.description ?? "",
    /drain, upgrade-node: .* uncordon: Uncordon even nodes/,
  );
  for (const i of Object.values(rootYml.inputs)) assert.equal(i.default, undefined);
  assert.equal(CAPABILITIES.length, caps.length);
});

// Promise (issue 23): one reference page per capability, the inputs several
// capabilities share documented once, lines a reader can read.
test("reference pages: one per capability, shared groups once, no raw HTML, lines of sane length", async () => {
  const caps = await loadAllCapabilities();
  const files = referenceFiles(caps, GUIDES);
  assert.deepEqual(
    [...files.keys()].sort(),
    [
      "docs/reference/README.md",
      `docs/reference/${COMMON_PAGE}`,
      ...caps.map((c) => `docs/reference/${c.name}.md`),
    ].sort(),
  );
  const common = files.get(`docs/reference/${COMMON_PAGE}`) ?? "";
  const drain = files.get("docs/reference/drain.md") ?? "";
  // kubeconfig: once on the common page, only referenced from drain's.
  assert.match(common, /^- `kubeconfig` \(string \(secret\); default: \$KUBECONFIG/m);
  assert.doesNotMatch(drain, /^- `kubeconfig`/m);
  assert.match(drain, /^- \[Cluster access\]\(common-inputs\.md#cluster-access\): `kubeconfig`/m);
  assert.match(drain, /^- `node` \(list; required\)/m);
  assert.match(drain, /`on-timeout`/);
  // An input a capability redeclares (etcd-drill's own kubeconfig text) is on its page.
  assert.match(files.get("docs/reference/etcd-drill.md") ?? "", /^- `kubeconfig` .*the live cluster/ms);
  for (const g of INPUT_GROUPS) assert.equal(g.id, headingAnchor(g.title), `${g.title}: its anchor`);
  // Every shared input a page takes is on the common page, under a heading it links to.
  for (const [rel, text] of files) {
    for (const m of text.matchAll(/common-inputs\.md#([\w-]+)/g))
      assert.ok(
        common.includes(`\n## ${INPUT_GROUPS.find((g) => g.id === m[1])?.title}\n`),
        `${rel} links to #${m[1]}, which the common page has no heading for`,
      );
    const prose = text.replace(/<!--[\s\S]*?-->/g, "").replace(/`[^`\n]*`/g, "");
    assert.doesNotMatch(prose, /<[a-z]/i, `${rel}: raw HTML (a <placeholder>?)`);
    assert.doesNotMatch(prose, /^ +[-+*] /m, `${rel}: a wrapped line that Markdown reads as a list item`);
    // Over 110 only where one unbreakable token (a URL, a long code span) makes it so.
    const long = text
      .split("\n")
      .filter((l) => l.length > 110 && !/^\S+$/.test(l.trim()) && !/`[^`]{50,}`/.test(l));
    assert.deepEqual(long, [], `${rel}: lines over 110 characters`);
  }
});

test("wrap: words to a width, continuation lines indented", () => {
  assert.equal(wrap("a bb ccc dddd", 6, "  "), "a bb\n  ccc\n  dddd");
  assert.equal(wrap("one-long-word", 4), "one-long-word");
  // Never a continuation line Markdown would read as a nested list item.
  assert.equal(wrap("a bb + c", 4, "  "), "a\n  bb +\n  c");
  // A code span is never broken across lines.
  assert.equal(wrap("run `ssh root@n bash -s` now", 10), "run\n`ssh root@n bash -s`\nnow");
});

test("the committed action.yml files and docs/reference/ match the schemas (npm run docs:check)", () => {
  const run = spawnSync(process.execPath, ["scripts/generate-docs.ts", "--check"], {
    cwd: root,
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(
    fs.readFileSync(path.join(root, "actions/drain/action.yml"), "utf8"),
    /^# Generated by `npm run docs`/,
  );
});

// Drift beyond action.yml: every shipped workflow (examples, docs, this repository's CI)
// passes only inputs the action declares, and the root action a `command` it knows.
test("every workflow in the repository passes only declared inputs", () => {
  const files = [
    ...["examples", ".github/workflows"].flatMap((dir) =>
      fs
        .readdirSync(path.join(root, dir))
        .filter((f) => f.endsWith(".yml"))
        .map((f) => path.join(dir, f)),
    ),
  ];
  assert.ok(files.length >= 4, files.join(", "));
  let steps = 0;
  for (const file of files) {
    const wf = parse(fs.readFileSync(path.join(root, file), "utf8")) as {
      jobs: Record<string, { steps?: { uses?: string; with?: Record<string, unknown> }[] }>;
    };
    for (const job of Object.values(wf.jobs))
      for (const step of job.steps ?? []) {
        const m = /^(?:kubekeep\/kubekeep|\.)(?:\/actions\/([\w-]+))?(?:@|$)/.exec(step.uses ?? "");
        if (!m) continue;
        steps++;
        const yml = parse(
          fs.readFileSync(path.join(root, m[1] ? `actions/${m[1]}` : "", "action.yml"), "utf8"),
        ) as {
          inputs: Record<string, unknown>;
        };
        for (const name of Object.keys(step.with ?? {}))
          assert.ok(name in yml.inputs, `${file}: ${step.uses} has no input ${name}`);
      }
  }
  assert.ok(steps >= 8, `found ${steps} kubekeep steps`);
});
