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
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { parse, stringify } from "yaml";
import { fromRecord } from "../../src/config/inputs.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { etcdDrill } from "../../src/capabilities/etcd-drill/capability.ts";
import { etcdSnapshot } from "../../src/capabilities/etcd-snapshot/capability.ts";
import { readProgress } from "../../src/nodes/progress.ts";
import { ensureBinaries } from "../../src/sandbox/binaries.ts";
import type { Node } from "../../src/nodes/types.ts";
import { createEtcdPod, etcdPortForwardConfig } from "../../src/sandbox/etcd-pod.ts";
import { startSandbox, type Sandbox, type SandboxInfo } from "../../src/sandbox/sandbox.ts";
import { addNodes } from "../../src/sandbox/nodes.ts";
import { ActRepository, jobLines, setOutputs, stepOutputs, type WorkflowRun } from "../harness/act.ts";
import { compositeOutputs, type ActionYaml } from "../harness/action-metadata.ts";
import { etcdInputs, gateway, s3Env, sandboxS3, sandboxTls, storageInputs } from "../harness/etcd.ts";
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

/**
 * The lines of one job when act pads job names to the longest (a matrix's
 * instances are `<job> <matrix name>-<index>`).
 */
function matrixJobLines(output: string, job: string): string[] {
  const prefix = new RegExp(`^\\[[^\\]/]+/${job.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(-\\d+)?\\s*\\]\\s?`);
  return output
    .split("\n")
    .filter((l) => prefix.test(l))
    .map((l) => l.replace(prefix, ""));
}

/** The rows of the first table with this first column in the job summary titled `title` (act prints a summary unprefixed). */
function summaryRows(output: string, title: string, header: string): string[][] {
  const lines = output.split("\n");
  const from = lines.findIndex((l) => l.includes(`Summary - ## ${title}`));
  assert.ok(from >= 0, `no job summary titled ${title}`);
  const start = lines.findIndex((l, i) => i > from && l.startsWith(`| ${header} |`));
  assert.ok(start >= 0, `no summary table starting with ${header}`);
  const rows: string[][] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith("| ")) break;
    rows.push(l.slice(2, -2).split(" | "));
  }
  return rows;
}

/** Commits files (path -> text, null deletes) in the act repository, dated `date`; returns the commit. */
function commitFiles(
  dir: string,
  files: Record<string, string | null>,
  date: Date,
  branch?: string,
  folder?: string,
): string {
  const git = (...args: string[]) =>
    execFileSync(
      "git",
      ["-c", "user.name=kubekeep-test", "-c", "user.email=test@kubekeep.invalid", ...args],
      {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, GIT_AUTHOR_DATE: date.toISOString(), GIT_COMMITTER_DATE: date.toISOString() },
      },
    ).trim();
  if (branch) git("checkout", "-q", "-b", branch);
  for (const [f, text] of Object.entries(files)) {
    if (text === null) git("rm", "-q", f);
    else {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), text);
      git("add", f);
    }
  }
  if (folder) git("add", "-A", "--", folder);
  git("commit", "-q", "-m", `export ${date.toISOString()}`);
  const commit = git("rev-parse", "HEAD");
  if (branch) git("checkout", "-q", "main");
  return commit;
}

/**
 * Moves a cluster's (only) snapshot back in time: the object copied to the key
 * of `ageMs` ago (same run id), its sidecar rewritten to match, the originals
 * deleted. What a cluster whose backups stopped that long ago holds.
 */
async function backdate(prefix: string, ageMs: number): Promise<string> {
  const { client } = sandboxS3(fx.sandbox.info);
  try {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
    const key = (listed.Contents ?? []).map((o) => o.Key ?? "").find((k) => /\.db(\.zst)?$/.test(k));
    assert.ok(key, `a snapshot under ${prefix}`);
    const m = /-etcd-(\d{8}T\d{6}\.\d{3}Z)-([0-9a-f]{10})\./.exec(key);
    assert.ok(m, key);
    const stamp = (m[1] as string).replace(
      /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/,
      "$1-$2-$3T$4:$5:$6",
    );
    const old = new Date(new Date(stamp).getTime() - ageMs);
    const oldStamp = old.toISOString().replace(/[-:]/g, "");
    const oldKey = key.replace(m[1] as string, oldStamp);
    const copied = await client.send(
      new CopyObjectCommand({ Bucket: BUCKET, Key: oldKey, CopySource: `${BUCKET}/${key}` }),
    );
    const sidecar = JSON.parse(
      await (
        (
          await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${key}.json` }))
        ).Body as {
          transformToString(): Promise<string>;
        }
      ).transformToString(),
    ) as Record<string, unknown>;
    assert.equal(sidecar.formatVersion, 1, "an unauthenticated sidecar (no encryption key)");
    Object.assign(sidecar, {
      key: oldKey,
      createdAt: old.toISOString(),
      verifiedAt: old.toISOString(),
      etag: copied.CopyObjectResult?.ETag ?? sidecar.etag,
    });
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `${oldKey}.json`, Body: JSON.stringify(sidecar) }),
    );
    for (const k of [key, `${key}.json`])
      await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: k }));
    return oldKey;
  } finally {
    client.destroy();
  }
}

test("fleet-backup example: plan -> snapshot + export per cluster on its own branch -> a report that fails naming exactly the stale and the failed-drill clusters, agreeing with the bucket and the repository", async (t) => {
  // Promises: the fleet example works as copied: fleet-plan's matrix gives
  // each selected cluster's job its own secrets, snapshot catalog, export
  // folder and branch; one cluster's failed backup does not stop the others
  // (act ignores fail-fast: the example sets it false, as GitHub needs);
  // fleet-report, after the matrix and although a backup failed, reads every
  // cluster from the bucket and the repository alone and fails naming exactly
  // the cluster whose newest verified snapshot is stale (edge: its backups
  // stopped three days ago, and this run's fails) and the one whose last drill
  // failed (prod-b); its table and JSON agree with the bucket listed by the
  // plain SDK and with the repository's commits (export age, objects, risky
  // changes).
  // The three clusters are three sandboxes (prod-a the file's, with the S3
  // the fleet shares; prod-b and edge their own control plane and etcd, each
  // with its own CA): each job reaches its own cluster with the kubeconfig
  // and etcd certificate the inventory names for it (prod-a the default
  // ETCD_* names), each export holds a namespace only its cluster has and
  // each snapshot records its own etcd's cluster id. Adaptations: the
  // inventory is the test's (in the sandbox S3), and max-drill-age is
  // dropped (only prod-b is ever drilled here; a failed last drill fails
  // whatever it says).
  const r = await ready();
  const info = fx.sandbox.info;
  const fleetStart = Date.now();
  const others: Sandbox[] = [];
  t.after(() =>
    Promise.all(
      others.map((sb) => sb.stop({ removeDir: process.exitCode === undefined || process.exitCode === 0 })),
    ),
  );
  // Another cluster: no S3 (the fleet shares prod-a's bucket), an etcd pod to port-forward to.
  const otherCluster = async (): Promise<Sandbox> => {
    const sb = await startSandbox({
      logger: new ConsoleLogger(),
      s3: false,
      kwokExtraConfig: etcdPortForwardConfig(["control-plane-1"]),
    });
    others.push(sb);
    const client = await sb.client();
    try {
      await addNodes(client, [{ name: "control-plane-1", role: "control-plane" }]);
      await createEtcdPod(client, "control-plane-1");
    } finally {
      client.close();
    }
    return sb;
  };
  const [prodBBox, edgeBox] = await Promise.all([otherCluster(), otherCluster()]);
  const boxes: Record<string, SandboxInfo> = { "prod-a": info, "prod-b": prodBBox.info, edge: edgeBox.info };
  // A namespace only each cluster has: its export must hold its own and no other.
  for (const [name, sb] of Object.entries(boxes))
    runKubectl(sb.kubectl, sb.kubeconfig, ["create", "namespace", `fleet-marker-${name}`]);
  console.log(`fleet: two more sandboxes ready in ${Date.now() - fleetStart} ms`);
  const s3 = info.s3;
  assert.ok(s3);
  Object.assign(process.env, s3Env(info));
  const snapshots = (extra: string) =>
    `{ bucket: ${BUCKET}, endpoint: "${s3.endpoint}", region: ${s3.region}${extra} }`;
  const inventory = path.join(work, "fleet.yaml");
  fs.writeFileSync(
    inventory,
    [
      "version: 1",
      "clusters:",
      "  - name: prod-a",
      "    labels: { env: prod }",
      "    kind: kubeadm",
      "    access: { kubeconfig-secret: KUBECONFIG_PROD_A }",
      `    snapshots: ${snapshots(", prefix: fleet/")}`,
      "    export: { path: clusters/prod-a }",
      "  - name: prod-b",
      "    labels: { env: prod }",
      "    kind: kubeadm",
      "    access:",
      "      kubeconfig-secret: KUBECONFIG_PROD_B",
      "      etcd-ca-secret: PROD_B_ETCD_CA",
      "      etcd-cert-secret: PROD_B_ETCD_CERT",
      "      etcd-key-secret: PROD_B_ETCD_KEY",
      `    snapshots: ${snapshots(", prefix: fleet/")}`,
      "    export: { path: clusters/prod-b, branch: export/prod-b }",
      "  - name: edge",
      "    labels: { env: prod }",
      "    kind: k3s",
      "    access:",
      "      kubeconfig-secret: KUBECONFIG_EDGE",
      "      etcd-ca-secret: EDGE_ETCD_CA",
      "      etcd-cert-secret: EDGE_ETCD_CERT",
      "      etcd-key-secret: EDGE_ETCD_KEY",
      `    snapshots: ${snapshots(", prefix: k3s/, cluster-name: default")}`,
      "  - name: staging",
      "    labels: { env: staging }",
      "    kind: kubeadm",
      "    access: { kubeconfig-secret: KUBECONFIG_STAGING }",
      `    snapshots: ${snapshots(", prefix: fleet/")}`,
      "",
    ].join("\n"),
  );

  // Before the run. edge: a snapshot from three days ago (and none since).
  // Each cluster's own etcd, the fleet's bucket.
  const snap = (sb: SandboxInfo, prefix: string, name: string) =>
    etcdSnapshot.run(
      etcdSnapshot.parse(
        fromRecord(
          etcdInputs(
            { ...info, etcd: sb.etcd },
            { "s3-bucket": BUCKET, "s3-prefix": prefix, "cluster-name": name },
          ),
        ),
      ),
      { logger: new ConsoleLogger() },
    );
  await snap(edgeBox.info, "k3s/", "default");
  const staleKey = await backdate("k3s/default/", 3 * 86_400_000);
  // prod-b: a snapshot, and a drill of it that fails for real after
  // downloading and verifying it (its etcdutl cannot restore): the drill
  // records the failure next to the snapshots.
  const drilled = await snap(prodBBox.info, "fleet/", "prod-b");
  const bins = path.join(work, "fleet-drill-bins");
  fs.mkdirSync(bins);
  for (const b of ["etcd", "kube-apiserver"])
    fs.writeFileSync(path.join(bins, b), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  fs.writeFileSync(
    path.join(bins, "etcdutl"),
    "#!/bin/sh\necho 'Error: simulated: the database file is damaged'\nexit 1\n",
    {
      mode: 0o755,
    },
  );
  const drillExport = path.join(work, "fleet-drill-export");
  fs.mkdirSync(drillExport);
  await assert.rejects(
    etcdDrill.run(
      etcdDrill.parse(
        fromRecord(
          storageInputs(info, {
            "s3-bucket": BUCKET,
            "s3-prefix": "fleet/",
            "cluster-name": "prod-b",
            "binaries-dir": bins,
            "kubernetes-version": TARGET,
            "compare-with": "export",
            "export-path": drillExport,
          }),
        ),
      ),
      { logger: new ConsoleLogger() },
    ),
    /etcd drill failed/,
  );
  // The repository: prod-a's export merged earlier (a real export two days
  // ago; an hour ago a ClusterRoleBinding added and a ClusterRole changed),
  // prod-b's on its own branch.
  const yaml = (kind: string, name: string) => `kind: ${kind}\nmetadata:\n  name: ${name}\n`;
  const now = Date.now();
  await fx.client
    .post("/apis/rbac.authorization.k8s.io/v1/clusterroles", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "fleet-act-reader" },
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }],
    })
    .catch((err: unknown) => {
      if (!/409|AlreadyExists/.test(String(err))) throw err;
    });
  const prodADir = path.join(r.dir, "clusters", "prod-a");
  const exported = runCli(["export", "--kubeconfig-path", info.kubeconfig, "--path", prodADir]);
  assert.equal(exported.status, 0, exported.stderr);
  commitFiles(r.dir, {}, new Date(now - 2 * 86_400_000), undefined, "clusters/prod-a");
  const role = "clusters/prod-a/cluster/rbac.authorization.k8s.io/ClusterRole/fleet-act-reader.yaml";
  const prodACommit = commitFiles(
    r.dir,
    {
      "clusters/prod-a/cluster/rbac.authorization.k8s.io/ClusterRoleBinding/ops-admin.yaml": yaml(
        "ClusterRoleBinding",
        "ops-admin",
      ),
      [role]: `${fs.readFileSync(path.join(r.dir, role), "utf8")}# edited\n`,
    },
    new Date(now - 3_600_000),
  );
  // Object files as the layout names them (docs: cluster/<group>/<Kind>/<name>.yaml,
  // namespaces/<ns>/<group>/<Kind>/<name>.yaml), counted from git's own listing.
  const prodAObjects = execFileSync(
    "git",
    ["ls-tree", "-r", "--name-only", prodACommit, "--", "clusters/prod-a/"],
    {
      cwd: r.dir,
      encoding: "utf8",
    },
  )
    .split("\n")
    .filter((f) =>
      /^clusters\/prod-a\/(cluster\/[^/]+\/[^/]+\/[^/]+|namespaces\/[^/]+\/[^/]+\/[^/]+\/[^/]+)\.yaml$/.test(
        f,
      ),
    ).length;
  assert.ok(prodAObjects > 5, `${prodAObjects} objects exported`);
  const prodBCommit = commitFiles(
    r.dir,
    {
      "clusters/prod-b/namespaces/app/core/ConfigMap/a.yaml": yaml("ConfigMap", "a"),
      "clusters/prod-b/namespaces/app/core/ConfigMap/b.yaml": yaml("ConfigMap", "b"),
    },
    new Date(now - 1_800_000),
    "export/prod-b",
  );

  const workflow = adapted("examples/fleet-backup.yml", (wf) => {
    for (const job of Object.values(wf.jobs))
      for (const step of job.steps)
        if (step.with?.inventory) {
          step.with.inventory = inventory;
          delete step.with["max-drill-age"];
        }
  });
  const read = (f: string) => fs.readFileSync(f, "utf8");
  // No KUBECONFIG_EDGE: edge's backup fails in this run, as a cluster's whose credentials expired.
  // prod-a's etcd certificate under the default names, the others' under the names the inventory gives.
  const secrets = {
    KUBECONFIG_PROD_A: read(info.kubeconfig),
    KUBECONFIG_PROD_B: read(prodBBox.info.kubeconfig),
    ETCD_CA: read(info.etcd.caFile),
    ETCD_CLIENT_CERT: read(info.etcd.certFile),
    ETCD_CLIENT_KEY: read(info.etcd.keyFile),
    PROD_B_ETCD_CA: read(prodBBox.info.etcd.caFile),
    PROD_B_ETCD_CERT: read(prodBBox.info.etcd.certFile),
    PROD_B_ETCD_KEY: read(prodBBox.info.etcd.keyFile),
    EDGE_ETCD_CA: read(edgeBox.info.etcd.caFile),
    EDGE_ETCD_CERT: read(edgeBox.info.etcd.certFile),
    EDGE_ETCD_KEY: read(edgeBox.info.etcd.keyFile),
  };
  const records = path.join(work, "fleet-pull-requests");
  const artifacts = path.join(work, "fleet-artifacts");
  fs.mkdirSync(records);
  const started = new Date();
  const run = await r.run({
    workflow,
    secrets,
    env: {
      STANDIN_AWS_ACCESS_KEY_ID: s3.accessKeyId,
      STANDIN_AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
      STANDIN_AWS_REGION: s3.region,
      STANDIN_AWS_ENDPOINT_URL_S3: s3.endpoint,
      STANDIN_PR_RECORD: records,
      STANDIN_ARTIFACTS: artifacts,
    },
    timeoutMs: 600_000,
  });
  assert.notEqual(run.status, 0, "edge's backup and the report fail the run");
  assertNotPrinted(run, {
    ETCD_CLIENT_KEY: secrets.ETCD_CLIENT_KEY,
    PROD_B_ETCD_KEY: secrets.PROD_B_ETCD_KEY,
    EDGE_ETCD_KEY: secrets.EDGE_ETCD_KEY,
  });
  // The selected clusters only, each with its own job; edge's failed, the others finished.
  // (act prints the matrix's one result on every instance's last line: read the steps.)
  for (const name of ["prod-a", "prod-b"])
    for (const step of ["etcd snapshot", "export"])
      assert.ok(
        matrixJobLines(run.output, `backup ${name}`).some((l) => l.includes(`Success - Main ${step}`)),
        `${name}: ${step}`,
      );
  assert.ok(
    matrixJobLines(run.output, "backup edge").some((l) => l.includes("Failure - Main etcd snapshot")),
    "edge's backup fails",
  );
  assert.equal(matrixJobLines(run.output, "backup staging").length, 0);
  // One pull request per exporting cluster, on its own branch, with its own folder.
  assert.deepEqual(fs.readdirSync(records).sort(), ["export_prod-b", "kubekeep-export_prod-a"]);
  for (const [file, name] of [
    ["kubekeep-export_prod-a", "prod-a"],
    ["export_prod-b", "prod-b"],
  ] as const) {
    const pr = fs.readFileSync(path.join(records, file), "utf8");
    assert.match(pr, new RegExp(`^commit-message: ${name} export: \\d+ added`, "m"));
    // Its own cluster's objects: its marker namespace, no other cluster's.
    const markers = pr
      .split("\n")
      .map((l) => /^path: clusters\/([^/]+)\/cluster\/core\/Namespace\/fleet-marker-([^/]+)\.yaml$/.exec(l))
      .filter((m) => m !== null)
      .map((m) => `${m[1]}:${m[2]}`);
    assert.deepEqual(markers, [`${name}:${name}`], `${name}'s export holds its own cluster's marker only`);
  }

  // The report ran after the failed backup, failed, and named exactly edge and prod-b.
  const report = matrixJobLines(run.output, "report");
  assert.ok(
    report.some((l) => /Job failed/.test(l)),
    "the report fails",
  );
  const annotation = report.find((l) => /::error::/.test(l)) ?? "";
  assert.match(
    annotation,
    /2 of 3 clusters fail: edge \(newest verified snapshot is 3d old .*\), prod-b \(last drill failed/,
  );
  assert.doesNotMatch(annotation, /prod-a|staging/);
  assert.equal(setOutputs(report).failing, JSON.stringify(["edge", "prod-b"]));

  // The JSON (the uploaded artifact) against the bucket, listed with the plain SDK.
  const json = JSON.parse(
    fs.readFileSync(path.join(artifacts, "fleet-report", "fleet-report.json"), "utf8"),
  ) as {
    failing: string[];
    clusters: {
      name: string;
      snapshots: number;
      newest?: { key: string; verified: boolean };
      newestVerified?: { key: string; time: string; ageSeconds: number };
      lastDrill?: { passed: boolean; snapshotKey: string };
      export?: {
        ref: string;
        commit: string;
        objects: number;
        riskyChanges: number;
        ageSeconds: number;
        risky: { file: string; why: string; change: string }[];
      };
      problems: string[];
    }[];
  };
  assert.deepEqual(json.failing, ["edge", "prod-b"]);
  assert.deepEqual(
    json.clusters.map((c) => c.name),
    ["edge", "prod-a", "prod-b"],
  );
  const { client } = sandboxS3(info);
  const listed = new Map<string, string[]>();
  try {
    for (const c of json.clusters) {
      const prefix = c.name === "edge" ? "k3s/default/" : `fleet/${c.name}/`;
      const res = await client.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, Delimiter: "/" }),
      );
      listed.set(
        c.name,
        (res.Contents ?? [])
          .map((o) => o.Key ?? "")
          .filter((k) => /\.db(\.zst|\.gz)?(\.enc)?$/.test(k))
          .sort(),
      );
    }
  } finally {
    client.destroy();
  }
  for (const c of json.clusters) {
    const keys = listed.get(c.name) ?? [];
    assert.equal(c.snapshots, keys.length, `${c.name}: snapshot count`);
    assert.equal(c.newest?.key, keys.at(-1), `${c.name}: newest key`);
    assert.equal(c.newestVerified?.key, keys.at(-1), `${c.name}: newest verified key`);
  }
  assert.deepEqual(listed.get("edge"), [staleKey], "edge: no snapshot since the stale one");
  assert.ok((json.clusters[0]?.newestVerified?.ageSeconds ?? 0) > 3 * 86400 - 60);
  for (const name of ["prod-a", "prod-b"]) {
    const c = json.clusters.find((x) => x.name === name);
    assert.ok(
      new Date(c?.newestVerified?.time ?? 0) >= new Date(started.getTime() - 1000),
      `${name}: taken by this run`,
    );
  }
  // Each snapshot records its own cluster's etcd: three sandboxes, three ids.
  const etcdIds = new Map<string, string>();
  for (const [name, sb] of Object.entries(boxes)) {
    const status = await gateway<{ header: { cluster_id: string } }>(
      sb.etcd.endpoint,
      sandboxTls(sb),
      "/v3/maintenance/status",
      {},
    );
    etcdIds.set(name, BigInt(status.header.cluster_id).toString(16));
  }
  assert.equal(new Set(etcdIds.values()).size, 3, "three etcd clusters");
  const { client: s3c } = sandboxS3(info);
  try {
    for (const c of json.clusters) {
      const key = c.newestVerified?.key;
      assert.ok(key, c.name);
      const body = await s3c.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${key}.json` }));
      const sidecar = JSON.parse(
        await (body.Body as { transformToString(): Promise<string> }).transformToString(),
      ) as {
        clusterId?: string;
      };
      assert.equal(sidecar.clusterId, etcdIds.get(c.name), `${c.name}: its own etcd's snapshot`);
    }
  } finally {
    s3c.destroy();
  }
  const prodB = json.clusters.find((c) => c.name === "prod-b");
  assert.equal(prodB?.lastDrill?.passed, false);
  assert.equal(prodB?.lastDrill?.snapshotKey, drilled.outputs.key);
  // The export facts against the repository.
  const prodA = json.clusters.find((c) => c.name === "prod-a");
  assert.equal(prodA?.export?.commit, prodACommit);
  assert.equal(prodA?.export?.ref, "HEAD");
  assert.equal(prodA?.export?.objects, prodAObjects, "the index is no object");
  assert.equal(prodA?.export?.riskyChanges, 2);
  assert.deepEqual(prodA?.export?.risky.map((x) => `${x.change} ${x.why}`).sort(), [
    "added RBAC",
    "modified RBAC",
  ]);
  assert.ok(Math.abs((prodA?.export?.ageSeconds ?? 0) - 3600) < 900);
  assert.equal(prodB?.export?.commit, prodBCommit);
  assert.equal(prodB?.export?.ref, "refs/heads/export/prod-b");
  assert.equal(prodB?.export?.objects, 2);
  assert.equal(prodB?.export?.riskyChanges, 0);

  // The table in the job summary says the same.
  const rows = summaryRows(run.output, "Fleet backups", "cluster");
  assert.deepEqual(
    rows.map((row) => row[0]),
    ["edge", "prod-a", "prod-b"],
  );
  const row = (name: string) => rows.find((x) => x[0] === name) ?? [];
  assert.deepEqual(row("edge").slice(1, 3), ["k3s", "1"]);
  assert.match(row("edge")[4] ?? "", /^3d ago$/);
  assert.match(row("edge").at(-1) ?? "", /^FAIL: newest verified snapshot is 3d old/);
  assert.deepEqual(row("edge").slice(7, 10), ["-", "-", "-"]);
  assert.equal(row("prod-a")[2], String(listed.get("prod-a")?.length));
  assert.match(row("prod-a")[7] ?? "", /^\d+m ago$/);
  assert.deepEqual(row("prod-a").slice(8, 10), [String(prodAObjects), "2"]);
  // Each job's versions step recorded its cluster's versions next to its snapshots.
  assert.match(row("prod-a")[10] ?? "", /^v1\.35\.4 \(\d+[sm] ago\)$/);
  assert.match(row("prod-a")[11] ?? "", /^v1\.35\.4 \(\d+ nodes\)$/);
  assert.equal(row("prod-a").at(-1), "OK");
  assert.deepEqual(row("edge").slice(10, 12), ["-", "-"], "edge's versions step could not reach it");
  assert.match(row("prod-b")[5] ?? "", /^FAILED \d+[sm] ago$/);
  assert.match(row("prod-b")[7] ?? "", /ago on export\/prod-b$/);
  assert.deepEqual(row("prod-b").slice(8, 10), ["2", "0"]);
  assert.match(row("prod-b").at(-1) ?? "", /^FAIL: last drill failed/);
  assert.ok(run.output.includes("prod-a: 2 risky changes in export commit"), "the risky files are listed");
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

test("fleet-upgrade-waves example: canary clusters, then (after the approval job) wave 1, each cluster's rolling upgrade under its own concurrency group", async () => {
  // Promises: the plan job's per-wave matrices drive one call of
  // cluster-upgrade.yml per cluster; wave 1 starts only after every canary
  // cluster is upgraded and its approval job has run; a wave with no
  // clusters (wave 2 here) runs nothing; each cluster's upgrade reads its
  // own kubeconfig secret (by the name the inventory gives) and holds the
  // cluster's concurrency group, kubekeep-cluster-<name>, the one
  // fleet-plan gives fleet-backup's jobs.
  // act does not enforce Environment protection rules: the approval jobs
  // run at once here; on GitHub they wait for a required reviewer of
  // fleet-upgrade-wave-1 / -2. Adaptations: the inventory is the test's;
  // each "cluster" is a part of the one sandbox (its nodes labelled
  // fleet-cluster=<name>, selected with upgrade-plan's node-selector); the
  // `command` executor on the runner instead of ssh (kwok nodes have no
  // machine), as in the rolling-upgrade test.
  const r = await ready();
  const clusters = { "fw-canary": "canary", "fw-one-a": "1", "fw-one-b": "1" };
  await addNodes(
    fx.client,
    Object.keys(clusters).map((c) => ({
      name: `${c}-1`,
      kubeletVersion: "v1.34.2",
      labels: { "fleet-cluster": c },
    })),
  );
  const inventory = path.join(work, "fleet-waves.yaml");
  fs.writeFileSync(
    inventory,
    [
      "version: 1",
      "clusters:",
      ...Object.entries(clusters).map(
        ([name, wave]) =>
          `  - { name: ${name}, kind: kubeadm, labels: { env: prod, wave: "${wave}" }, access: { kubeconfig-secret: KC_${name.toUpperCase().replaceAll("-", "_")} } }`,
      ),
      "",
    ].join("\n"),
  );
  const caller = adapted("examples/fleet-upgrade-waves.yml", (wf) => {
    for (const job of Object.values(wf.jobs))
      for (const step of job.steps ?? []) if (step.with?.inventory) step.with.inventory = inventory;
  });
  // The called workflow where the caller's `uses: ./.github/workflows/...` finds it.
  const called = adapted("examples/cluster-upgrade.yml", (wf) => {
    for (const job of Object.values(wf.jobs))
      for (const step of job.steps) {
        const w = step.with;
        if (!w) continue;
        if (String(step.uses).includes("upgrade-plan"))
          w["node-selector"] = "fleet-cluster=${{ inputs.cluster }}";
        if (!String(step.uses).includes("upgrade-node")) continue;
        for (const k of Object.keys(w)) if (k.startsWith("ssh-")) delete w[k];
        w.executor = "command";
        w["upgrade-command"] = UPGRADE_COMMAND;
        w["health-command"] = "true";
        w["gate-timeout"] = "60s";
        // The test's clusters are parts of one sandbox, so wave 1's two clusters, upgraded side
        // by side, share its one maintenance Lease (separate clusters each have their own):
        // the second waits for it instead of failing at once (seen on a quiet machine).
        w["lock-wait"] = "5m";
      }
  });
  const calledPath = path.join(r.dir, ".github", "workflows", "cluster-upgrade.yml");
  fs.mkdirSync(path.dirname(calledPath), { recursive: true });
  fs.copyFileSync(called, calledPath);
  const ranFile = path.join(work, "waves-ran");
  fs.writeFileSync(ranFile, "");
  const kubeconfig = fs.readFileSync(fx.sandbox.kubeconfig, "utf8");
  try {
    const run = await r.run({
      workflow: caller,
      inputs: { "target-version": TARGET },
      secrets: Object.fromEntries(
        Object.keys(clusters).map((c) => [`KC_${c.toUpperCase().replaceAll("-", "_")}`, kubeconfig]),
      ),
      env: {
        RAN_FILE: ranFile,
        FAIL_FILE: path.join(work, "waves-fail"),
        KUBECTL: fx.sandbox.info.kubectl,
        KK_KUBECONFIG: fx.sandbox.kubeconfig,
      },
      timeoutMs: 600_000,
    });
    assertSucceeded(run);
    // fleet-plan's count, step by step: canary, wave 1, wave 2.
    assert.deepEqual(
      jobLines(run.output, "plan")
        .map((l) => /::set-output:: count=(\d+)$/.exec(l)?.[1])
        .filter((c) => c !== undefined),
      ["1", "2", "0"],
    );
    // The canary first, then wave 1 (its clusters side by side, in either order).
    const ran = fs.readFileSync(ranFile, "utf8").trim().split("\n");
    assert.equal(ran[0], "fw-canary-1", ran.join(","));
    assert.deepEqual(ran.slice(1).sort(), ["fw-one-a-1", "fw-one-b-1"]);
    assert.ok(jobLines(run.output, "approve-wave-1").some((l) => /Job succeeded/.test(l)));
    assert.ok(!jobLines(run.output, "approve-wave-2").some((l) => /Job succeeded/.test(l)), "no wave 2");
    for (const c of Object.keys(clusters)) {
      const n = await fx.client.get<Node>(`/api/v1/nodes/${c}-1`);
      assert.equal(n.status?.nodeInfo?.kubeletVersion, TARGET, c);
      assert.equal(readProgress(n)?.phase, "done", c);
    }
  } finally {
    fs.rmSync(calledPath, { force: true });
  }
  // As written: the approval Environments on the jobs between the waves, and
  // the cluster's own concurrency group around each cluster's whole upgrade.
  const waves = parse(
    fs.readFileSync(path.join(root, "examples/fleet-upgrade-waves.yml"), "utf8"),
  ) as Workflow;
  assert.equal(waves.jobs["approve-wave-1"]?.environment, "fleet-upgrade-wave-1");
  assert.equal(waves.jobs["approve-wave-2"]?.environment, "fleet-upgrade-wave-2");
  assert.deepEqual(waves.jobs["wave-1"]?.needs, ["plan", "approve-wave-1"]);
  const upgrade = parse(fs.readFileSync(path.join(root, "examples/cluster-upgrade.yml"), "utf8")) as Workflow;
  assert.deepEqual(upgrade.concurrency, {
    group: "kubekeep-cluster-${{ inputs.cluster }}",
    "cancel-in-progress": false,
  });
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
