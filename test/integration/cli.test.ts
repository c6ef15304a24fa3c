// The built CLI (dist/cli.js) and the built action entries as users run
// them: flags checked against the schema before anything happens, help and
// version, nodes as arguments on a real cluster, and failures told by kind
// (a message for the user; a stack only on request).
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { addNodes } from "../../src/sandbox/nodes.ts";
import type { Node } from "../../src/nodes/types.ts";
import { refusedPort } from "../harness/ports.ts";
import { runBuiltAction, runBuiltCli } from "../harness/run.ts";
import { useSandbox } from "../harness/sandbox.ts";

const fx = useSandbox({ s3: false });
const root = path.resolve(import.meta.dirname, "..", "..");
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

/** A kubeconfig whose server is a 127.0.0.1 port nothing listens on. */
async function closedPortKubeconfig(): Promise<string> {
  const port = await refusedPort();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kk-closed-")), "kubeconfig");
  fs.writeFileSync(
    file,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "- name: c",
      "  cluster:",
      `    server: https://127.0.0.1:${port}`,
      "users:",
      "- name: u",
      "  user:",
      "    token: not-a-real-token",
      "contexts:",
      "- name: x",
      "  context: {cluster: c, user: u}",
      "current-context: x",
      "",
    ].join("\n"),
  );
  return file;
}

// Clear error: a mistyped flag is refused before anything runs, naming the nearest flag.
test("an unknown flag is refused with a suggestion; a valued flag without a value too", () => {
  const typo = runBuiltCli(["drain", "--nod", "worker-1", "--kubeconfig-path", fx.sandbox.kubeconfig]);
  assert.equal(typo.status, 1);
  assert.match(typo.stderr, /^kubekeep: unknown flag --nod; did you mean --node\? \(`kubekeep drain --help`/);
  const missing = runBuiltCli(["drain", "--node", "--kubeconfig-path", fx.sandbox.kubeconfig]);
  assert.equal(missing.status, 1);
  assert.match(
    missing.stderr,
    /flag --node needs a value \(list: .*\); got the flag --kubeconfig-path instead/,
  );
  const etcd = runBuiltCli(["etcd", "snapshot", "--s3-bucket", "b", "--s3-regoin", "eu"]);
  assert.match(etcd.stderr, /unknown flag --s3-regoin; did you mean --s3-region\?/);
  for (const r of [typo, missing, etcd]) assert.doesNotMatch(r.stderr, STACK);
});

test("--help per command lists its inputs from the schema; --version prints the package's", () => {
  const drain = runBuiltCli(["drain", "--help"]);
  assert.equal(drain.status, 0, drain.stderr);
  assert.match(drain.stdout, /^usage: kubekeep drain <node>\.\.\. \[flags\]/);
  assert.match(
    drain.stdout,
    /^ {2}--timeout <duration>\n {6}How long the drain may take [^-]* Default: 10m\./m,
  );
  assert.match(drain.stdout, /^ {2}--on-timeout <fail \| delete>$/m);
  const snapshot = runBuiltCli(["etcd", "snapshot", "--help"]);
  assert.equal(snapshot.status, 0, snapshot.stderr);
  assert.match(snapshot.stdout, /^usage: kubekeep etcd snapshot \[flags\]/);
  assert.match(snapshot.stdout, /^ {2}--s3-bucket <string> {2}\(required\)$/m);
  assert.match(snapshot.stdout, /^ {2}--etcd-key <string \(secret\)> {2}\(required\)$/m);
  assert.equal(runBuiltCli(["help", "uncordon"]).stdout, runBuiltCli(["uncordon", "-h"]).stdout);
  const top = runBuiltCli(["--help"]);
  assert.match(top.stdout, /^ {2}etcd snapshot +snapshot etcd/m);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  const version = runBuiltCli(["--version"]);
  assert.equal(version.status, 0);
  assert.equal(version.stdout, `kubekeep ${pkg.version}\n`);
});

test("drain and uncordon take the node as an argument, like kubectl", async () => {
  await addNodes(fx.client, [{ name: "cp-1", role: "control-plane" }, { name: "pos-1" }]);
  const unschedulable = async () =>
    (await fx.client.get<Node>("/api/v1/nodes/pos-1")).spec?.unschedulable === true;
  const drain = runBuiltCli([
    "drain",
    "pos-1",
    "--ignore-daemonsets",
    "--kubeconfig-path",
    fx.sandbox.kubeconfig,
  ]);
  assert.equal(drain.status, 0, drain.stderr);
  assert.match(drain.stdout, /drained-nodes=pos-1/);
  assert.equal(await unschedulable(), true);
  const uncordon = runBuiltCli(["uncordon", "--kubeconfig-path", fx.sandbox.kubeconfig, "pos-1"]);
  assert.equal(uncordon.status, 0, uncordon.stderr);
  assert.match(uncordon.stdout, /uncordoned=pos-1/);
  assert.equal(await unschedulable(), false);
});

// Clear error, stack only on request: a refused connection is the world's failure, not a bug.
test("an operational failure prints a message, not a stack; --verbose adds the stack", async () => {
  const kubeconfig = await closedPortKubeconfig();
  const quiet = runBuiltCli(["cluster-info", "--kubeconfig-path", kubeconfig]);
  assert.equal(quiet.status, 1);
  assert.match(quiet.stderr, /^kubekeep: .*127\.0\.0\.1:\d+.*ECONNREFUSED/);
  assert.doesNotMatch(quiet.stderr, STACK);
  assert.doesNotMatch(quiet.stderr, /this is a bug/);
  const verbose = runBuiltCli(["cluster-info", "--kubeconfig-path", kubeconfig, "--verbose"]);
  assert.equal(verbose.status, 1);
  assert.match(verbose.stderr, STACK);

  // The same through the built action: an ::error:: annotation without a stack; the stack
  // in the log only with runner debug logging.
  const action = runBuiltAction("cluster-info", { "kubeconfig-path": kubeconfig });
  assert.equal(action.status, 1);
  assert.match(action.stdout, /^::error::.*ECONNREFUSED/m);
  assert.doesNotMatch(action.stdout, STACK);
  const debug = runBuiltAction("cluster-info", { "kubeconfig-path": kubeconfig }, { RUNNER_DEBUG: "1" });
  assert.equal(debug.status, 1);
  assert.match(debug.stdout, STACK);
  assert.match(debug.stdout, /^::error::[^%\n]*ECONNREFUSED[^%\n]*$/m);
});

// Clear error: the root action without `command` fails the step with an annotation.
test("the root action without command, or with a mistyped one, fails with an ::error:: annotation", () => {
  const none = runBuiltAction(".", { "kubeconfig-path": fx.sandbox.kubeconfig });
  assert.equal(none.status, 1);
  assert.match(
    none.stdout,
    /^::error::input 'command' is required: the capability to run, one of cluster-info, /m,
  );
  assert.doesNotMatch(none.stdout + none.stderr, STACK);
  const typo = runBuiltAction(".", { command: "drian" });
  assert.equal(typo.status, 1);
  assert.match(
    typo.stdout,
    /^::error::input 'command': got "drian", expected one of .* \(did you mean drain\?\)/m,
  );
  // An input the command does not take is named, not silently dropped.
  const extra = runBuiltAction(".", {
    command: "cluster-info",
    "kubeconfig-path": fx.sandbox.kubeconfig,
    timeout: "5m",
  });
  assert.equal(extra.status, 0, extra.stdout);
  assert.match(extra.stdout, /::warning::input 'timeout' is not an input of cluster-info; it is ignored/);
});

// Nothing leaked: a secret input is masked before parsing, so even an input error cannot print it.
test("secret inputs are masked before anything runs; one naming a file is left alone", () => {
  const run = runBuiltAction("export", {
    "kubeconfig-path": fx.sandbox.kubeconfig,
    "fingerprint-key": "tooshort-key",
    // Never the repository: should parse accept the key, the export lands in a temporary folder.
    path: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kk-secret-")), "export"),
  });
  assert.equal(run.status, 1);
  const lines = run.stdout.split("\n");
  const mask = lines.indexOf("::add-mask::tooshort-key");
  assert.ok(mask >= 0, run.stdout);
  assert.ok(mask < lines.findIndex((l) => l.startsWith("::error::")));
  assert.equal(run.stdout.split("tooshort-key").length, 2, "the value appears only in its add-mask command");
  const byPath = runBuiltAction("cluster-info", { kubeconfig: fx.sandbox.kubeconfig });
  assert.equal(byPath.status, 0, byPath.stdout);
  assert.ok(!byPath.stdout.includes(`::add-mask::${fx.sandbox.kubeconfig}`));
});

test("the CLI takes secrets from KUBEKEEP_<INPUT> so they stay off the command line; a secret flag is warned about", async () => {
  // Promise (nothing leaked): a secret typed as a flag is visible to every
  // user of the machine in `ps`; the environment is not. Both reach the
  // capability, the flag with a warning, and neither is printed.
  await fx.client.post("/api/v1/namespaces/default/secrets", {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "cli-env-secret" },
    stringData: { password: "planted-password-1" },
  });
  const key = "fingerprint-key-from-the-environment";
  const exportTo = (dir: string, args: string[], env: Record<string, string>) =>
    runBuiltCli(
      [
        "export",
        "--kubeconfig-path",
        fx.sandbox.kubeconfig,
        "--path",
        dir,
        "--include-kinds",
        "secrets",
        "--include-namespaces",
        "default",
        ...args,
      ],
      env,
    );
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kk-secret-env-"));
  const secretFile = (dir: string) =>
    fs.readFileSync(path.join(dir, "namespaces/default/core/Secret/cli-env-secret.yaml"), "utf8");

  const fromEnv = exportTo(path.join(tmp, "env"), [], { KUBEKEEP_FINGERPRINT_KEY: key });
  assert.equal(fromEnv.status, 0, fromEnv.stderr);
  assert.match(secretFile(path.join(tmp, "env")), /password: REDACTED\/hmacSHA256\//, "the key was used");
  assert.doesNotMatch(fromEnv.stderr, /visible to other users/);

  const fromFlag = exportTo(path.join(tmp, "flag"), ["--fingerprint-key", key], {});
  assert.equal(fromFlag.status, 0, fromFlag.stderr);
  assert.match(
    fromFlag.stderr,
    /--fingerprint-key on the command line is visible to other users of this machine \(ps\); set KUBEKEEP_FINGERPRINT_KEY instead/,
  );
  // The same key gives the same fingerprints, whichever way it came.
  assert.equal(secretFile(path.join(tmp, "flag")), secretFile(path.join(tmp, "env")));
  for (const run of [fromEnv, fromFlag]) {
    assert.ok(!(run.stdout + run.stderr).includes(key), "the key is never printed");
    assert.ok(!(run.stdout + run.stderr).includes("planted-password-1"));
  }
  const help = runBuiltCli(["export", "--help"]);
  assert.match(help.stdout.replace(/\s+/g, " "), /Or from \$KUBEKEEP_FINGERPRINT_KEY\./);
});
