// Every example workflow and the CI `actions` job, run for real by act
// (test/harness/act.ts: host mode, no Docker, no internet) against a sandbox:
// outputs as declared, job summaries written, secrets masked, failures
// failing the job with an annotation, and the rolling upgrade's plan ->
// control-plane matrix -> worker matrix on kwok nodes, then a re-run that
// resumes. Workflows are adapted only where they would reach the internet or
// another machine; each adaptation is named where it is made.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { CreateBucketCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { parse, stringify } from "yaml";
import { fromRecord } from "../../src/config/inputs.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { etcdSnapshot } from "../../src/capabilities/etcd-snapshot/capability.ts";
import { readProgress } from "../../src/nodes/progress.ts";
import { ensureBinaries } from "../../src/sandbox/binaries.ts";
import type { Node } from "../../src/nodes/types.ts";
import { createEtcdPod, etcdPortForwardConfig } from "../../src/sandbox/etcd-pod.ts";
import { addNodes } from "../../src/sandbox/nodes.ts";
import { ActRepository, jobLines, setOutputs, stepOutputs, type WorkflowRun } from "../harness/act.ts";
import { compositeOutputs, type ActionYaml } from "../harness/action-metadata.ts";
import { sandboxS3 } from "../harness/etcd.ts";
import { runCli, runKubectl } from "../harness/run.ts";
import { useSandbox } from "../harness/sandbox.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const fx = useSandbox({ kwokExtraConfig: etcdPortForwardConfig(["control-plane-1"]) });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-act-test-"));
let repo: ActRepository | undefined;
after(() => {
  repo?.remove();
  fs.rmSync(work, { recursive: true, force: true });
});

const TARGET = "v1.35.4";
const BUCKET = "my-etcd-backups"; // the example's bucket, created in the sandbox S3

interface Workflow {
  jobs: Record<string, { steps: Step[] } & Record<string, unknown>>;
  [key: string]: unknown;
}
type Step = Record<string, unknown> & { with?: Record<string, unknown>; run?: string; uses?: string };

/** Writes an adapted copy of a workflow (never the file users copy) and returns its path. */
function adapted(file: string, change: (wf: Workflow) => void): string {
  const wf = parse(fs.readFileSync(path.join(root, file), "utf8")) as Workflow;
  change(wf);
  const out = path.join(work, `adapted-${path.basename(file)}`);
  fs.writeFileSync(out, stringify(wf));
  return out;
}

/** Fails with act's whole output, which says which step broke. */
function assertSucceeded(run: WorkflowRun): void {
  assert.equal(run.status, 0, run.output);
  assert.doesNotMatch(run.output, /Job failed/, run.output);
}

/** Nothing leaked: none of these values appears anywhere in act's output. */
function assertNotPrinted(run: WorkflowRun, secrets: Record<string, string>): void {
  for (const [name, value] of Object.entries(secrets)) {
    for (const line of value.split("\n").filter((l) => l.length >= 8)) {
      assert.ok(!run.output.includes(line), `secret ${name} printed by the workflow run`);
    }
  }
}

async function ready(): Promise<ActRepository> {
  if (repo) return repo;
  // The nodes `kubekeep sandbox up` adds (the CI job counts on them), plus
  // the etcd static pod the snapshot example port-forwards to.
  await addNodes(fx.client, [
    { name: "control-plane-1", role: "control-plane" },
    ...[1, 2, 3].map((i) => ({ name: `worker-${i}` })),
  ]);
  await createEtcdPod(fx.client, "control-plane-1");
  const { client } = sandboxS3(fx.sandbox.info);
  try {
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  } finally {
    client.destroy();
  }
  repo = await ActRepository.create();
  return repo;
}

test("CI's actions job runs the built actions under act; outputs, summaries and checks pass", async () => {
  // Promise: the job CI runs passes on a real Actions runtime, with the
  // outputs its own check steps expect and a job summary per action.
  const r = await ready();
  const sandboxDir = path.join(work, "ci-sandbox");
  fs.mkdirSync(sandboxDir);
  fs.copyFileSync(fx.sandbox.kubeconfig, path.join(sandboxDir, "kubeconfig"));
  const workflow = adapted(".github/workflows/ci.yml", (wf) => {
    // Only the actions job; its setup steps are local stand-ins (act.ts), and
    // adaptations: no `npm ci` (the registry is out of reach; the actions are
    // bundled), and the test's sandbox instead of `sandbox up`/`down` (same nodes).
    const job = wf.jobs.actions;
    assert.ok(job, "ci.yml has an actions job");
    wf.jobs = { actions: job };
    job.steps = job.steps
      .filter((s) => s.run !== "npm ci" && !/sandbox down/.test(s.run ?? ""))
      .map((s) =>
        /sandbox up/.test(s.run ?? "")
          ? {
              ...s,
              run: `mkdir -p "$RUNNER_TEMP/sandbox" && cp "${sandboxDir}/kubeconfig" "$RUNNER_TEMP/sandbox/"`,
            }
          : s,
      );
  });
  const run = await r.run({ workflow, event: "push", timeoutMs: 600_000 });
  assertSucceeded(run);
  // act labels a job's lines with its name when it has one.
  const ci = parse(fs.readFileSync(path.join(root, ".github/workflows/ci.yml"), "utf8")) as Workflow;
  const name = ci.jobs.actions?.name;
  const lines = jobLines(run.output, typeof name === "string" ? name : "actions");
  const outputs = setOutputs(lines);
  assert.equal(outputs["ready-nodes"], "4");
  assert.equal(outputs.changed, "true");
  assert.equal(outputs["drained-nodes"], "worker-1");
  // Outputs as declared: each node action sets every output its action.yml declares.
  const set = stepOutputs(run.output);
  for (const step of ci.jobs.actions?.steps ?? []) {
    // The root action (./) declares every command's outputs and sets its command's.
    if (!step.uses?.startsWith("./actions/")) continue;
    const action = parse(fs.readFileSync(path.join(root, step.uses, "action.yml"), "utf8")) as ActionYaml;
    if (action.runs?.using === "composite") continue; // its mapped steps are checked in the rolling upgrade
    const name = typeof step.name === "string" ? step.name : step.uses;
    for (const declared of Object.keys(action.outputs ?? {}))
      assert.ok(set.get(name)?.has(declared), `step "${name}" did not set its declared output ${declared}`);
  }
  // One summary per capability step (cluster-info twice, export, plan, drain, uncordon, upgrade-node).
  assert.ok(lines.filter((l) => /Summary - /.test(l)).length >= 6, lines.join("\n"));
});

test("etcd-snapshot example: a snapshot through the API server's port-forward to S3, secrets masked", async () => {
  // Promise: the example works as copied (only AWS's OIDC role is a stand-in
  // with the sandbox S3's keys), its outputs reach the next step, and no
  // secret - the encryption key, the etcd client key, the S3 secret key - is printed.
  const r = await ready();
  const info = fx.sandbox.info;
  const s3 = info.s3;
  assert.ok(s3);
  const secrets = {
    KUBECONFIG: fs.readFileSync(info.kubeconfig, "utf8"),
    ETCD_CA: fs.readFileSync(info.etcd.caFile, "utf8"),
    ETCD_CLIENT_CERT: fs.readFileSync(info.etcd.certFile, "utf8"),
    ETCD_CLIENT_KEY: fs.readFileSync(info.etcd.keyFile, "utf8"),
    ETCD_BACKUP_KEY: randomBytes(32).toString("base64"),
  };
  const run = await r.run({
    workflow: path.join(root, "examples/etcd-snapshot.yml"),
    secrets,
    env: {
      STANDIN_AWS_ACCESS_KEY_ID: s3.accessKeyId,
      STANDIN_AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
      STANDIN_AWS_REGION: s3.region,
      STANDIN_AWS_ENDPOINT_URL_S3: s3.endpoint,
    },
  });
  assertSucceeded(run);
  assertNotPrinted(run, {
    ETCD_BACKUP_KEY: secrets.ETCD_BACKUP_KEY,
    ETCD_CLIENT_KEY: secrets.ETCD_CLIENT_KEY,
  });
  assertNotPrinted(run, { AWS_SECRET_ACCESS_KEY: s3.secretAccessKey });
  const lines = jobLines(run.output, "snapshot");
  const outputs = setOutputs(lines);
  assert.match(outputs.uri ?? "", /^s3:\/\/my-etcd-backups\/etcd\/prod-eu\/prod-eu-etcd-.*\.db\.zst\.enc$/);
  assert.equal(outputs.verified, "true");
  assert.ok(lines.some((l) => l.includes(`| stored ${outputs.uri} (revision ${outputs.revision}, sha256 `)));
  assert.ok(
    lines.some((l) => /Summary - /.test(l)),
    "a job summary was written",
  );
  const { client } = sandboxS3(info);
  try {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "etcd/prod-eu/" }));
    assert.ok((listed.Contents ?? []).some((o) => outputs.uri?.endsWith(o.Key ?? "-")));
  } finally {
    client.destroy();
  }
});

test("etcd-drill example: the newest snapshot restores and its counts match; a failed drill opens an issue", async () => {
  // Promise: the weekly drill works as copied (adapted only to take the
  // sandbox's own builds instead of fetching binaries from the internet: the
  // fetch path is proven in etcd-drill.test.ts), its outputs reach the next
  // step and no secret is printed; when the drill fails, the job fails and
  // the issue step runs `gh issue create` (a stand-in on PATH records it).
  const r = await ready();
  const info = fx.sandbox.info;
  const s3 = info.s3;
  assert.ok(s3);
  const key = randomBytes(32).toString("base64");
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    AWS_REGION: s3.region,
  });
  await etcdSnapshot.run(
    etcdSnapshot.parse(
      fromRecord({
        "etcd-endpoint": info.etcd.endpoint,
        "etcd-ca": info.etcd.caFile,
        "etcd-cert": info.etcd.certFile,
        "etcd-key": info.etcd.keyFile,
        "s3-bucket": BUCKET,
        "s3-endpoint": s3.endpoint,
        "cluster-name": "prod-eu",
        "encryption-key": key,
        "verify-hashkv": "true",
      }),
    ),
    { logger: new ConsoleLogger({ write: () => {} }) },
  );
  const bins = await ensureBinaries(new ConsoleLogger());
  const binDir = path.join(work, "drill-bin");
  fs.mkdirSync(binDir, { recursive: true });
  for (const b of ["etcd", "etcdutl", "kube-apiserver"] as const)
    if (!fs.existsSync(path.join(binDir, b))) fs.symlinkSync(bins[b], path.join(binDir, b));
  const ghDir = path.join(work, "gh-stand-in");
  const ghRecord = path.join(work, "gh-issue");
  fs.mkdirSync(ghDir, { recursive: true });
  // act itself asks `gh auth token` for a token: only `gh issue ...` is recorded.
  fs.writeFileSync(
    path.join(ghDir, "gh"),
    `#!/bin/sh\n[ "$1" = issue ] || exit 1\nprintf '%s\\n' "$@" > ${ghRecord}\n`,
    { mode: 0o755 },
  );
  const workflow = (clusterName?: string) =>
    adapted("examples/etcd-drill.yml", (wf) => {
      for (const step of wf.jobs.drill?.steps ?? []) {
        if (step.id !== "drill" || !step.with) continue;
        step.with["binaries-dir"] = binDir;
        if (clusterName) step.with["cluster-name"] = clusterName;
      }
    });
  const secrets = { KUBECONFIG: fs.readFileSync(info.kubeconfig, "utf8"), ETCD_BACKUP_KEY: key };
  const env = {
    STANDIN_AWS_ACCESS_KEY_ID: s3.accessKeyId,
    STANDIN_AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    STANDIN_AWS_REGION: s3.region,
    STANDIN_AWS_ENDPOINT_URL_S3: s3.endpoint,
    PATH: `${ghDir}:${path.join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
  };
  const run = await r.run({ workflow: workflow(), secrets, env });
  assertSucceeded(run);
  assertNotPrinted(run, { ETCD_BACKUP_KEY: key });
  const lines = jobLines(run.output, "drill");
  const outputs = setOutputs(lines);
  assert.equal(outputs.passed, "true", run.output);
  assert.equal(outputs.hashkv, "match");
  assert.ok(lines.some((l) => l.includes(`| drilled ${outputs.key}; ${outputs.objects} objects`)));
  assert.ok(!fs.existsSync(ghRecord), "no issue is opened when the drill passes");

  const failed = await r.run({ workflow: workflow("no-such-cluster"), secrets, env });
  assert.notEqual(failed.status, 0);
  assert.match(failed.output, /no usable snapshots of cluster 'no-such-cluster'/);
  const issue = fs.readFileSync(ghRecord, "utf8");
  assert.match(issue, /^issue\ncreate\n--repo\n/);
  assert.match(issue, /etcd restore drill failed \(\d{4}-\d{2}-\d{2}\)/);
});

test("export-pull-request example: a pull request for review, every distinct export kept on the history branch without a merge", async () => {
  // Promises: checkout + export + the pull request step work as copied (the
  // pull request action is a stand-in that records what it would open), the
  // outputs feed its message, and the fingerprint key is never printed. And
  // (issue 23) last week's export exists whether or not anyone merged: each
  // run whose export differs from the last recorded one adds a commit to
  // cluster-export-history, fast-forward; an unchanged cluster adds none.
  const r = await ready();
  const record = path.join(work, "pull-request");
  const secrets = {
    KUBECONFIG: fs.readFileSync(fx.sandbox.kubeconfig, "utf8"),
    EXPORT_FINGERPRINT_KEY: randomBytes(24).toString("hex"),
  };
  // Adaptation: the history branch is pushed to a local bare repository, not github.com.
  const origin = path.join(work, "export-origin.git");
  execFileSync("git", ["init", "--quiet", "--bare", origin]);
  const workflow = adapted("examples/export-pull-request.yml", (wf) => {
    for (const job of Object.values(wf.jobs)) {
      const at = job.steps.findIndex((st) => st.uses === "actions/checkout@v6");
      job.steps.splice(at + 1, 0, {
        name: "A local origin (test adaptation)",
        env: { ORIGIN: origin },
        run: 'git remote remove origin 2>/dev/null || true\ngit remote add origin "$ORIGIN"',
      });
    }
  });
  const options = { workflow, secrets, env: { STANDIN_PR_RECORD: record } };
  const history = () =>
    execFileSync("git", ["-C", origin, "log", "--format=%H %s", "cluster-export-history"], {
      encoding: "utf8",
    })
      .trim()
      .split("\n");

  const run = await r.run(options);
  assertSucceeded(run);
  assertNotPrinted(run, { EXPORT_FINGERPRINT_KEY: secrets.EXPORT_FINGERPRINT_KEY });
  const outputs = setOutputs(jobLines(run.output, "export"));
  assert.equal(outputs.changed, "true");
  const pr = fs.readFileSync(record, "utf8");
  assert.match(pr, /^branch: cluster-export$/m);
  assert.match(
    pr,
    new RegExp(`^commit-message: cluster export: ${outputs.added} added, 0 changed, 0 removed$`, "m"),
  );
  assert.match(pr, /^labels: cluster-export(,risky)?$/m);
  // One file per object plus the index.
  assert.equal(Number(/^files: (\d+)$/m.exec(pr)?.[1]), Number(outputs.added) + 1, pr);
  const first = history();
  assert.equal(first.length, 1, first.join("\n"));
  assert.match(
    first[0] ?? "",
    new RegExp(
      `^[0-9a-f]{40} cluster export \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}Z: ${outputs.objects} objects$`,
    ),
  );
  const files = (ref: string) =>
    execFileSync("git", ["-C", origin, "ls-tree", "-r", "--name-only", ref], { encoding: "utf8" }).split(
      "\n",
    );
  // The export alone, as the pull request would commit it.
  assert.ok(files("cluster-export-history").every((f) => f === "" || f.startsWith("cluster-export/")));
  assert.ok(files("cluster-export-history").includes("cluster-export/kubekeep-index.yaml"));

  // Nothing changed in the cluster: nothing recorded (the pull request was never merged).
  assertSucceeded(await r.run(options));
  assert.deepEqual(history(), first);

  // A change: a second commit on top of the first, which still holds the old export.
  const cm = "cluster-export/namespaces/default/core/ConfigMap/history-act.yaml";
  kubectl("create", "configmap", "history-act", "-n", "default", "--from-literal=night=2");
  try {
    assertSucceeded(await r.run(options));
  } finally {
    kubectl("delete", "configmap", "history-act", "-n", "default");
  }
  const second = history();
  assert.equal(second.length, 2, second.join("\n"));
  assert.equal(second[1], first[0]);
  assert.ok(files("cluster-export-history").includes(cm));
  assert.ok(!files("cluster-export-history~1").includes(cm));
});

const RESTORE_NS = "restore-act";

/** The sandbox exported by the CLI into a fresh folder (what the export repository would hold). */
function exportSandbox(name: string): string {
  const out = path.join(work, name, "cluster-export");
  const run = runCli(["export", "--kubeconfig-path", fx.sandbox.kubeconfig, "--path", out]);
  assert.equal(run.status, 0, run.stderr);
  return out;
}

const kubectl = (...args: string[]) => runKubectl(fx.sandbox.info.kubectl, fx.sandbox.kubeconfig, args);

/**
 * Adaptation for the restore examples: the copied repository holds no export,
 * so a step after each checkout commits the prepared trees into it (`trees`,
 * one commit each, the last one HEAD).
 */
function commitTrees(trees: string[]): Step {
  const git = "git -c user.name=t -c user.email=t@kubekeep.invalid";
  return {
    name: "Commit the prepared export (test adaptation)",
    run: trees
      .map(
        (t) =>
          `rm -rf cluster-export && cp -r "${t}" cluster-export && git add -A cluster-export && ${git} commit -qm "export ${path.basename(path.dirname(t))}"`,
      )
      .join("\n"),
  };
}

function withTrees(file: string, trees: string[]): string {
  return adapted(file, (wf) => {
    for (const job of Object.values(wf.jobs)) {
      const at = job.steps.findIndex((st) => st.uses === "actions/checkout@v6");
      job.steps.splice(at + 1, 0, commitTrees(trees));
    }
  });
}

test("restore-apply example: the plan job lists the drift, the gated apply job undoes it, secret values masked", async () => {
  // Promise: plan -> approved apply restores a deleted object from a commit of the
  // export repository (git-ref), and the secret values input is never printed.
  const r = await ready();
  kubectl("create", "namespace", RESTORE_NS);
  kubectl("-n", RESTORE_NS, "create", "configmap", "settings", "--from-literal=mode=fast");
  const tree = exportSandbox("restore");
  kubectl("-n", RESTORE_NS, "delete", "configmap", "settings");
  const secrets = {
    KUBECONFIG: fs.readFileSync(fx.sandbox.kubeconfig, "utf8"),
    RESTORE_SECRET_VALUES: JSON.stringify({ "nowhere/none": { key: randomBytes(12).toString("hex") } }),
  };
  const run = await r.run({
    workflow: withTrees("examples/restore-apply.yml", [tree]),
    secrets,
    inputs: { ref: "HEAD", prune: "false" },
  });
  assertSucceeded(run);
  assertNotPrinted(run, { RESTORE_SECRET_VALUES: secrets.RESTORE_SECRET_VALUES });
  const plan = setOutputs(jobLines(run.output, "plan"));
  assert.equal(plan.create, "1", run.output);
  assert.equal(plan.update, "0");
  const applied = setOutputs(jobLines(run.output, "apply"));
  assert.equal(applied.applied, "1");
  assert.equal(applied.failed, "0");
  assert.equal(
    kubectl("-n", RESTORE_NS, "get", "configmap", "settings", "-o", "jsonpath={.data.mode}"),
    "fast",
  );
});

test("revert-export-commit example: reverting the commit of a change undoes it in the cluster", async () => {
  // Promise: a change recorded by an export commit (applied by kubekeep) is undone
  // by reverting that commit and applying the result.
  const r = await ready();
  const before = exportSandbox("revert-before");
  const changed = path.join(work, "revert-change", "cluster-export");
  fs.cpSync(before, changed, { recursive: true });
  const file = path.join(changed, "namespaces", RESTORE_NS, "core", "ConfigMap", "settings.yaml");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("mode: fast", "mode: broken"));
  const applied = runCli([
    "apply",
    "--kubeconfig-path",
    fx.sandbox.kubeconfig,
    "--path",
    changed,
    "--mode",
    "apply",
  ]);
  assert.equal(applied.status, 0, applied.stdout + applied.stderr);
  assert.equal(
    kubectl("-n", RESTORE_NS, "get", "configmap", "settings", "-o", "jsonpath={.data.mode}"),
    "broken",
  );
  const run = await r.run({
    workflow: withTrees("examples/revert-export-commit.yml", [before, changed]),
    secrets: { KUBECONFIG: fs.readFileSync(fx.sandbox.kubeconfig, "utf8"), RESTORE_SECRET_VALUES: "{}" },
    inputs: { commit: "HEAD" },
  });
  assertSucceeded(run);
  assert.equal(setOutputs(jobLines(run.output, "revert")).applied, "1", run.output);
  assert.equal(
    kubectl("-n", RESTORE_NS, "get", "configmap", "settings", "-o", "jsonpath={.data.mode}"),
    "fast",
  );
});

test("a user's mistake fails the job with an ::error:: annotation naming the input", async () => {
  // Promise: clear error - on a real runtime a bad input fails the step and
  // the job, and the annotation names the input and the bad value.
  const r = await ready();
  const workflow = path.join(work, "bad-input.yml");
  fs.writeFileSync(
    workflow,
    stringify({
      on: "workflow_dispatch",
      jobs: {
        preflight: {
          "runs-on": "ubuntu-latest",
          steps: [
            {
              uses: "kubekeep/kubekeep/actions/cluster-info@v0",
              with: { "kubeconfig-path": "/nonexistent/kubeconfig" },
            },
            { run: "echo this step must not run" },
          ],
        },
      },
    }),
  );
  const run = await r.run({ workflow });
  assert.notEqual(run.status, 0);
  const lines = jobLines(run.output, "preflight");
  assert.ok(
    lines.some((l) =>
      /::error::input 'kubeconfig-path': file "\/nonexistent\/kubeconfig" does not exist/.test(l),
    ),
    run.output,
  );
  assert.ok(lines.some((l) => /Job failed/.test(l)));
  assert.ok(!lines.some((l) => /\| this step must not run/.test(l)));
});

// The rolling upgrade's stand-in for a node upgrade: fail when asked to, else
// report the new kubelet version (as test/integration/upgrade.test.ts does).
const UPGRADE_COMMAND = `set -e
echo "$KUBEKEEP_NODE" >> "$RAN_FILE"
if grep -qx "$KUBEKEEP_NODE" "$FAIL_FILE" 2>/dev/null; then echo "package install failed on $KUBEKEEP_NODE" >&2; exit 3; fi
"$KUBECTL" --kubeconfig "$KK_KUBECONFIG" patch node "$KUBEKEEP_NODE" --subresource=status --type=merge -p "{\\"status\\":{\\"nodeInfo\\":{\\"kubeletVersion\\":\\"$KUBEKEEP_TARGET_VERSION\\"}}}" >/dev/null
echo "upgraded $KUBEKEEP_NODE"`;

test("rolling-upgrade example: plan -> control plane -> workers; a failure fails the job with an annotation; a re-run resumes", async (t) => {
  // Promises: the matrices flow from the plan job's outputs through both
  // matrix jobs; a failed node upgrade fails its job with an ::error::
  // annotation naming the node; re-running the workflow skips finished nodes
  // and finishes the rest (nothing upgraded twice). And on a cluster with one
  // control-plane node (issue 23) the control-plane job drains it: the plan's
  // single-control-plane output lifts the last-control-plane guard (without
  // it, the first job failed: "no other Ready control-plane node would remain").
  const r = await ready();
  // One control-plane node for this test: control-plane-1 (at the target
  // already, so it is up to date as a worker too) loses its role label.
  const role = { "node-role.kubernetes.io/control-plane": null };
  await fx.client.mergePatch("/api/v1/nodes/control-plane-1", { metadata: { labels: role } });
  t.after(() =>
    fx.client.mergePatch("/api/v1/nodes/control-plane-1", {
      metadata: { labels: { "node-role.kubernetes.io/control-plane": "" } },
    }),
  );
  await addNodes(fx.client, [
    { name: "roll-cp-1", role: "control-plane", kubeletVersion: "v1.34.2" },
    { name: "roll-w-1", kubeletVersion: "v1.34.2" },
    { name: "roll-w-2", kubeletVersion: "v1.34.2" },
  ]);
  const ranFile = path.join(work, "ran");
  const failFile = path.join(work, "fail");
  fs.writeFileSync(failFile, "roll-w-2\n");
  const workflow = adapted("examples/rolling-upgrade.yml", (wf) => {
    // Adaptation: the `command` executor on the runner instead of ssh to the
    // nodes (kwok nodes have no machine), and no external health endpoint.
    for (const job of Object.values(wf.jobs)) {
      for (const step of job.steps) {
        const w = step.with;
        if (!w || !String(step.uses).includes("upgrade-node")) continue;
        for (const k of Object.keys(w)) if (k.startsWith("ssh-")) delete w[k];
        w.executor = "command";
        w["upgrade-command"] = UPGRADE_COMMAND;
        w["health-command"] = "true";
        w["gate-timeout"] = "60s";
      }
    }
  });
  const options = {
    workflow,
    inputs: { "target-version": TARGET, "max-unavailable": "1" },
    secrets: { KUBECONFIG: fs.readFileSync(fx.sandbox.kubeconfig, "utf8") },
    env: {
      RAN_FILE: ranFile,
      FAIL_FILE: failFile,
      KUBECTL: fx.sandbox.info.kubectl,
      KK_KUBECONFIG: fx.sandbox.kubeconfig,
    },
    timeoutMs: 600_000,
  };
  const first = await r.run(options);
  assert.notEqual(first.status, 0, first.output);
  const plan = setOutputs(jobLines(first.output, "plan"));
  assert.equal(plan["has-control-plane-work"], "true");
  assert.equal(plan["single-control-plane"], "true");
  assert.deepEqual(
    (JSON.parse(plan["control-plane-matrix"] ?? "{}") as { include: { node: string }[] }).include.map(
      (b) => b.node,
    ),
    ["roll-cp-1"],
  );
  assert.match(first.output, /::error::.*roll-w-2/);
  assert.match(first.output, /package install failed on roll-w-2/);
  const after1 = (name: string) => fx.client.get<Node>(`/api/v1/nodes/${name}`);
  assert.equal((await after1("roll-cp-1")).status?.nodeInfo?.kubeletVersion, TARGET);
  assert.equal((await after1("roll-w-1")).status?.nodeInfo?.kubeletVersion, TARGET);
  assert.equal(readProgress(await after1("roll-w-2"))?.phase, "failed");
  assert.deepEqual(fs.readFileSync(ranFile, "utf8").trim().split("\n"), [
    "roll-cp-1",
    "roll-w-1",
    "roll-w-2",
  ]);

  // The cause fixed, the same workflow again: only roll-w-2 is upgraded.
  fs.writeFileSync(failFile, "");
  fs.writeFileSync(ranFile, "");
  const second = await r.run(options);
  assertSucceeded(second);
  assert.deepEqual(fs.readFileSync(ranFile, "utf8").trim().split("\n"), ["roll-w-2"]);
  const w2 = await after1("roll-w-2");
  assert.equal(w2.status?.nodeInfo?.kubeletVersion, TARGET);
  assert.equal(readProgress(w2)?.phase, "done");
  assert.notEqual(w2.spec?.unschedulable, true);
  assertCompositeOutputsSet(second);
});

test("node-pool-rotation example: the plan lists the pool; one job per node, in order, replaces it at the target", async () => {
  // Promises: the plan's node-selector matrix drives one job per node with
  // max-parallel 1; each node is replaced by the provider (the test's command)
  // in name order, the replacements join at the target, and the action's
  // inputs never reach replace-command.
  const r = await ready();
  await addNodes(
    fx.client,
    ["rot-a", "rot-b"].map((name) => ({ name, kubeletVersion: "v1.34.2", labels: { pool: "rot" } })),
  );
  const control = path.join(work, "rotation-provider.json");
  const log = path.join(work, "rotation-provider.log");
  fs.writeFileSync(control, JSON.stringify({ delayMs: 1000 }));
  const workflow = adapted("examples/node-pool-rotation.yml", (wf) => {
    // Adaptation: the test's provider (test/harness/replace-provider.ts)
    // instead of AWS: no credentials step, its command as replace-command.
    const job = wf.jobs.rotate;
    assert.ok(job, "the example has a rotate job");
    job.steps = job.steps.filter((s) => !String(s.uses).startsWith("aws-actions/"));
    for (const step of job.steps) {
      if (!step.with) continue;
      step.with["replace-command"] =
        `"$NODE_BIN" "${path.join(root, "test", "harness", "replace-provider.ts")}"`;
      step.with["replace-timeout"] = "60s";
      step.with["gate-timeout"] = "60s";
    }
  });
  const run = await r.run({
    workflow,
    inputs: { "target-version": TARGET, "node-pool": "pool=rot" },
    secrets: { KUBECONFIG: fs.readFileSync(fx.sandbox.kubeconfig, "utf8") },
    env: {
      NODE_BIN: process.execPath,
      KUBECTL: fx.sandbox.info.kubectl,
      KK_KUBECONFIG: fx.sandbox.kubeconfig,
      PROVIDER_CONTROL: control,
      PROVIDER_LOG: log,
    },
    timeoutMs: 600_000,
  });
  assertSucceeded(run);
  const calls = fs
    .readFileSync(log, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { KUBEKEEP_NODE: string; KUBEKEEP_REPLACE_STEP: string; inputs: string[] });
  assert.deepEqual(
    calls.map((c) => `${c.KUBEKEEP_REPLACE_STEP} ${c.KUBEKEEP_NODE}`),
    ["replace rot-a", "replace rot-b"],
  );
  for (const c of calls) assert.deepEqual(c.inputs, [], "INPUT_* variables reached replace-command");
  const pool = (await fx.client.get<{ items: Node[] }>("/api/v1/nodes", { labelSelector: "pool=rot" })).items;
  assert.equal(pool.length, 2);
  for (const n of pool) {
    assert.doesNotMatch(n.metadata.name, /^rot-[ab]$/);
    assert.equal(n.status?.nodeInfo?.kubeletVersion, TARGET);
    assert.equal(readProgress(n)?.phase, "done");
  }
});

/**
 * act hands out every inner output of a composite, so a composite output
 * mapped to a step that never sets it would pass here and be empty on GitHub:
 * check, from act's per-step log, that each mapped step set its output.
 */
function assertCompositeOutputsSet(run: WorkflowRun): void {
  const action = parse(
    fs.readFileSync(path.join(root, "actions/upgrade-node/action.yml"), "utf8"),
  ) as ActionYaml;
  if (action.runs?.using !== "composite") return; // a node action sets its outputs itself
  const set = stepOutputs(run.output);
  for (const m of compositeOutputs(action, "actions/upgrade-node/action.yml")) {
    const step = action.runs.steps?.find((s) => s.id === m.step);
    const name = step?.name ?? m.step;
    assert.ok(
      set.get(name)?.has(m.name),
      `upgrade-node's step "${name}" did not set ${m.name} (output ${m.output})`,
    );
  }
}
