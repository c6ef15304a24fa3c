// The ssh executor (the system's OpenSSH client) against a real SSH server on
// 127.0.0.1 (kubekeep-sshd, built from golang.org/x/crypto/ssh) running a stand-in script, and the pod executor whose
// privileged pods kwok completes through extra Stages.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { EXECUTOR_LABEL } from "../../src/nodes/executors/pod.ts";
import { readProgress } from "../../src/nodes/progress.ts";
import { upgradeNode } from "../../src/capabilities/upgrade-node/capability.ts";
import type { List, Node, Pod } from "../../src/nodes/types.ts";
import { addNodes, setKubeletVersion } from "../../src/sandbox/nodes.ts";
import { startSshd, type Sshd } from "../harness/sshd.ts";
import { runBuiltAction } from "../harness/run.ts";
import { useSandbox } from "../harness/sandbox.ts";
import { deployment, finishUpgradePods, namespace, placeOn, sleep, waitFor } from "../harness/nodes.ts";

const fx = useSandbox({
  s3: false,
  kwokExtraConfig: [
    finishUpgradePods("upgrade-pod-succeeds", "Succeeded", 0, "pod-bad"),
    finishUpgradePods("upgrade-pod-fails", "Failed", 2, "pod-bad"),
  ].join("---\n"),
});
const lines: string[] = [];
const logger = new ConsoleLogger({ write: (l) => lines.push(l) });
const TARGET = "v1.35.4";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-exec-test-"));
/** The test's SSH server (test/harness/sshd.ts): started by the first ssh test, used by the later ones. */
let sshServer: Sshd | undefined;
let sshdPort = 0;

after(() => {
  sshServer?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

// The fixture every test below uses (nodes and a workload): a hook, so one test runs alone by name.
before(async () => {
  await fx.ready();
  await addNodes(fx.client, [
    { name: "cp-1", role: "control-plane" },
    ...["ssh-1", "ssh-new", "pod-ok", "pod-bad", "spare", "t-cmd", "t-health", "t-ssh"].map((name) => ({
      name,
      kubeletVersion: "v1.34.2",
    })),
  ]);
  await namespace(fx.client, "apps");
  await placeOn(fx.client, "ssh-1", [deployment("apps", "web", 2)], 2);
});

/** `<type> <base64>` of a key made by ssh-keygen in the work folder: a known_hosts line's key part. */
const publicKey = (name: string) =>
  fs
    .readFileSync(path.join(work, `${name}.pub`), "utf8")
    .trim()
    .split(" ")
    .slice(0, 2)
    .join(" ");

test("ssh executor: the script runs over a real sshd with the node's values, the key masked", async () => {
  sshServer = await startSshd(work, logger);
  sshdPort = sshServer.port;
  const { port, key, knownHosts } = sshServer;
  const out = path.join(work, "ran");
  // The stand-in for kubeadm's procedure: record what it was given, then "upgrade" the kubelet.
  const script = `set -eu
printf '%s|%s|%s|%s\\n' "$KUBEKEEP_NODE" "$KUBEKEEP_KUBEADM_ACTION" "$KUBEKEEP_TARGET_MINOR" "$(whoami)" > ${out}
${fx.sandbox.info.kubectl} --kubeconfig ${fx.sandbox.kubeconfig} patch node "$KUBEKEEP_NODE" --subresource=status --type=merge -p '{"status":{"nodeInfo":{"kubeletVersion":"'"$KUBEKEEP_TARGET_VERSION"'"}}}'
echo "it's done on $(hostname)"`;
  const run = runBuiltAction("upgrade-node", {
    "kubeconfig-path": fx.sandbox.kubeconfig,
    node: "ssh-1",
    "target-version": TARGET,
    executor: "ssh",
    "ssh-host": "{internal-ip}",
    "ssh-port": String(port),
    "ssh-key": key,
    "ssh-known-hosts": knownHosts,
    script,
    "gate-timeout": "30s",
  });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(fs.readFileSync(out, "utf8"), `ssh-1|node|1.35|root\n`);
  assert.match(run.stdout, /\[ssh-1\] it's done on /);
  // The key was registered as a secret and never printed.
  const body = key.split("\n")[1] ?? "";
  assert.match(run.stdout, /::add-mask::/);
  const printed = run.stdout
    .split("\n")
    .filter((l) => !l.startsWith("::add-mask::"))
    .join("\n");
  assert.ok(body.length > 20 && !printed.includes(body), "the key is never printed");
  const n = await fx.client.get<Node>("/api/v1/nodes/ssh-1");
  assert.equal(n.status?.nodeInfo?.kubeletVersion, TARGET);
  assert.equal(readProgress(n)?.phase, "done");
  assert.notEqual(n.spec?.unschedulable, true);
  assert.match(run.summary, /\| ssh-1 \| worker \| v1\.34\.2 \| v1\.35\.4 \| 2 \|/);
});

/** The upgrade-node inputs of an ssh run against the test's sshd. */
const sshInputs = (nodeName: string, extra: Record<string, string>) => ({
  "kubeconfig-path": fx.sandbox.kubeconfig,
  node: nodeName,
  "target-version": TARGET,
  executor: "ssh",
  "ssh-host": "127.0.0.1",
  "ssh-port": String(sshdPort),
  "ssh-key": fs.readFileSync(path.join(work, "client_key"), "utf8"),
  script: "true",
  ...extra,
});

/** A stand-in kubeadm for node `name`: the kubelet reports the target version. */
const bumpKubelet = (name: string) =>
  `${fx.sandbox.info.kubectl} --kubeconfig ${fx.sandbox.kubeconfig} patch node ${name} --subresource=status --type=merge -p '{"status":{"nodeInfo":{"kubeletVersion":"${TARGET}"}}}'`;

// Promise: ssh never trusts a host key silently. Without ssh-known-hosts the
// run is refused before anything changes (no drain), saying how to get them;
// a key that differs from the listed one, or a host not listed, is refused
// naming which; accepting unknown keys takes an explicit accept-new, which warns.
test("ssh executor: without ssh-known-hosts the run is refused before the drain, saying how to get them", async () => {
  const run = runBuiltAction("upgrade-node", sshInputs("ssh-new", {}));
  assert.equal(run.status, 1, run.stdout);
  assert.match(
    run.stdout,
    /::error::input 'ssh-known-hosts' is required with executor: ssh: the nodes' host keys/,
  );
  assert.match(run.stdout, /ssh-keyscan -p <port> <host>/);
  assert.match(run.stdout, /set ssh-host-key-policy: accept-new/);
  const n = await fx.client.get<Node>("/api/v1/nodes/ssh-new");
  assert.notEqual(n.spec?.unschedulable, true, "not drained");
  assert.equal(readProgress(n), undefined);
});

test("ssh executor: ssh-host-key-policy accept-new takes an unknown key, with a warning", async () => {
  const run = runBuiltAction(
    "upgrade-node",
    sshInputs("ssh-new", {
      "ssh-host-key-policy": "accept-new",
      script: bumpKubelet("ssh-new"),
      "gate-timeout": "30s",
    }),
  );
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(
    run.stdout,
    /::warning::ssh-host-key-policy: accept-new: a node's host key that ssh-known-hosts does not list is accepted unchecked/,
  );
  assert.equal((await fx.client.get<Node>("/api/v1/nodes/ssh-new")).status?.nodeInfo?.kubeletVersion, TARGET);
});

test("ssh executor: a host ssh-known-hosts does not list, or a key that differs, is refused naming which", async () => {
  // Not listed: the known_hosts line is for another port.
  const unlisted = runBuiltAction(
    "upgrade-node",
    sshInputs("pod-ok", { "ssh-known-hosts": `[127.0.0.1]:1 ${publicKey("host_key")}` }),
  );
  assert.equal(unlisted.status, 1);
  assert.ok(
    unlisted.stdout.includes(
      `ssh to root@127.0.0.1:${sshdPort} (pod-ok) refused: ssh-known-hosts holds no ED25519 key for [127.0.0.1]:${sshdPort} (the name and port ssh looked up)`,
    ),
    unlisted.stdout,
  );
  // Left drained and cordoned, recorded as failed after the drain.
  let n = await fx.client.get<Node>("/api/v1/nodes/pod-ok");
  assert.equal(readProgress(n)?.phase, "failed");
  assert.equal(n.spec?.unschedulable, true);

  // A key that differs (the re-run resumes after the drain).
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path.join(work, "other_key")]);
  const changed = runBuiltAction(
    "upgrade-node",
    sshInputs("pod-ok", { "ssh-known-hosts": `[127.0.0.1]:${sshdPort} ${publicKey("other_key")}` }),
  );
  assert.equal(changed.status, 1);
  const offered = /SHA256:\S+/.exec(
    execFileSync("ssh-keygen", ["-lf", path.join(work, "host_key.pub")], { encoding: "utf8" }),
  )?.[0];
  assert.ok(offered);
  assert.ok(
    changed.stdout.includes(
      `ssh to root@127.0.0.1:${sshdPort} (pod-ok) refused: the node's host key does not match ssh-known-hosts (it offered the ED25519 key ${offered})`,
    ),
    changed.stdout,
  );
  n = await fx.client.get<Node>("/api/v1/nodes/pod-ok");
  assert.equal(readProgress(n)?.phase, "failed");
});

test("pod executor: a privileged pod pinned to the node, polled until it succeeds (or fails)", async () => {
  // Stand in for the kubelet coming back at the new version once the pod finished.
  let stop = false;
  const bumper = (async () => {
    while (!stop) {
      const pods = await fx.client.get<List<Pod>>("/api/v1/namespaces/kube-system/pods", {
        labelSelector: `${EXECUTOR_LABEL}=upgrade`,
      });
      for (const p of pods.items) {
        if (p.status?.phase === "Succeeded")
          await setKubeletVersion(fx.client, p.spec?.nodeName ?? "", TARGET);
      }
      await sleep(200);
    }
  })();
  try {
    let seen: Pod | undefined;
    const watch = (async () => {
      seen = await waitFor("upgrade pod", async () => {
        const pods = await fx.client.get<List<Pod>>("/api/v1/namespaces/kube-system/pods", {
          labelSelector: `${EXECUTOR_LABEL}=upgrade`,
        });
        return pods.items[0];
      });
    })();
    lines.length = 0;
    const ok = await upgradeNode.run(
      upgradeNode.parse(
        fromRecord({
          "kubeconfig-path": fx.sandbox.kubeconfig,
          node: "pod-ok",
          "target-version": TARGET,
          executor: "pod",
          "gate-timeout": "30s",
        }),
      ),
      { logger },
    );
    await watch;
    assert.match(String(ok.outputs.summary), /"node":"pod-ok".*"result":"upgraded"/);
    assert.ok(
      lines.some((l) => /\[pod-ok\] upgrade pod kubekeep-upgrade-pod-ok-\w+: Succeeded/.test(l)),
      lines.join("\n"),
    );
    const spec = seen?.spec as Record<string, unknown> & {
      containers: {
        securityContext?: { privileged?: boolean };
        command?: string[];
        env?: { name: string; value: string }[];
      }[];
    };
    assert.equal(spec.nodeName, "pod-ok");
    assert.equal(spec.hostPID, true);
    assert.equal(spec.containers[0]?.securityContext?.privileged, true);
    assert.deepEqual(spec.containers[0]?.command?.slice(0, 2), ["nsenter", "--target"]);
    assert.match(
      spec.containers[0]?.env?.find((e) => e.name === "KUBEKEEP_SCRIPT")?.value ?? "",
      /kubeadm upgrade node/,
    );
    // The finished pod was cleaned up.
    await waitFor("upgrade pod deleted", async () => {
      const pods = await fx.client.get<List<Pod>>("/api/v1/namespaces/kube-system/pods", {
        labelSelector: `${EXECUTOR_LABEL}=upgrade`,
      });
      return pods.items.length === 0;
    });

    const bad = await upgradeNode
      .run(
        upgradeNode.parse(
          fromRecord({
            "kubeconfig-path": fx.sandbox.kubeconfig,
            node: "pod-bad",
            "target-version": TARGET,
            executor: "pod",
          }),
        ),
        { logger },
      )
      .then(
        () => assert.fail("should fail"),
        (e: unknown) => e as Error,
      );
    assert.match(
      bad.message,
      /upgrade pod kube-system\/kubekeep-upgrade-pod-bad-\w+ on pod-bad failed \(exit code 2, Error\)/,
    );
  } finally {
    stop = true;
    await bumper;
  }
});

// A command that ignores SIGTERM and would exit 0 after its deadline.
// 30 s: well past every bound below, so a command that is not ended shows.
const STUBBORN = (pidFile: string, seconds = 30) =>
  `trap '' TERM; sleep ${seconds} & echo "$$ $!" > ${pidFile}; date +%s%3N >> ${pidFile}; wait $!; exit 0`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pids a STUBBORN command wrote, and when it started (ms). */
function stubborn(pidFile: string): { pids: number[]; started: number } {
  const [pids = "", started = "0"] = fs.readFileSync(pidFile, "utf8").trim().split("\n");
  return { pids: pids.split(" ").map(Number), started: Number(started) };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => assert.fail("should fail"),
    (e: unknown) => e as Error,
  );

const BUMP = `"$KUBECTL" --kubeconfig "$KK_KUBECONFIG" patch node "$KUBEKEEP_NODE" --subresource=status --type=merge -p '{"status":{"nodeInfo":{"kubeletVersion":"'"$KUBEKEEP_TARGET_VERSION"'"}}}' >/dev/null`;

test("command executor: a command that ignores SIGTERM is ended at upgrade-timeout and fails, leaving no process", async () => {
  // Promise (bounded time, nothing left behind): the deadline ends the whole
  // process group (SIGTERM, SIGKILL after 3 s) and an exit 0 after it is a failure.
  const pidFile = path.join(work, "cmd-pids");
  const err = await failure(
    upgradeNode.run(
      upgradeNode.parse(
        fromRecord({
          "kubeconfig-path": fx.sandbox.kubeconfig,
          node: "t-cmd",
          "target-version": TARGET,
          "upgrade-command": STUBBORN(pidFile),
          "upgrade-timeout": "1s",
          // pod-bad failed above: this rollout goes on past it.
          "ignore-earlier-failures": "true",
        }),
      ),
      { logger },
    ),
  );
  const ended = Date.now();
  const { pids, started } = stubborn(pidFile);
  assert.match(
    err.message,
    /upgrade command for t-cmd did not finish within 1\.0s and was ended \(its process group got SIGTERM, then SIGKILL\)/,
  );
  // 1 s timeout + 3 s grace + recording the failure on the node and releasing the lock (slow when loaded).
  assert.ok(ended - started < 12_000, `failed ${ended - started} ms after the command started`);
  for (const pid of pids) assert.ok(!alive(pid), `process ${pid} is gone`);
  const n = await fx.client.get<Node>("/api/v1/nodes/t-cmd");
  assert.deepEqual([readProgress(n)?.phase, n.spec?.unschedulable], ["failed", true]);
});

test("health command: one that ignores SIGTERM is ended within gate-timeout and fails the gate", async () => {
  // Promise (bounded time, nothing left behind): the health command cannot
  // hold the node past gate-timeout, nor pass by exiting 0 after it.
  Object.assign(process.env, { KUBECTL: fx.sandbox.info.kubectl, KK_KUBECONFIG: fx.sandbox.kubeconfig });
  const pidFile = path.join(work, "health-pids");
  const err = await failure(
    upgradeNode.run(
      upgradeNode.parse(
        fromRecord({
          "kubeconfig-path": fx.sandbox.kubeconfig,
          node: "t-health",
          "target-version": TARGET,
          "upgrade-command": BUMP,
          "health-command": STUBBORN(pidFile),
          "gate-timeout": "1s",
          "ignore-earlier-failures": "true",
        }),
      ),
      { logger },
    ),
  );
  const ended = Date.now();
  const { pids, started } = stubborn(pidFile);
  assert.match(
    err.message,
    /node t-health did not pass its gates within 1\.0s: health command did not finish within/,
  );
  assert.ok(ended - started < 12_000, `failed ${ended - started} ms after the health command started`);
  for (const pid of pids) assert.ok(!alive(pid), `process ${pid} is gone`);
  const n = await fx.client.get<Node>("/api/v1/nodes/t-health");
  assert.deepEqual([readProgress(n)?.phase, n.spec?.unschedulable], ["failed", true]);
});

test("ssh executor: a script that ignores SIGTERM is ended on the node too, and the upgrade fails", async () => {
  // Promise (bounded time, nothing left behind on the node): the local ssh
  // client is ended at the deadline and the node's own `timeout` ends the
  // script's process group (a dropped session alone would not).
  assert.ok(sshServer, "the ssh test above started sshd");
  const pidFile = path.join(work, "ssh-pids");
  const t0 = Date.now();
  const run = runBuiltAction("upgrade-node", {
    "kubeconfig-path": fx.sandbox.kubeconfig,
    node: "t-ssh",
    "target-version": TARGET,
    executor: "ssh",
    "ssh-host": "127.0.0.1",
    "ssh-port": String(sshServer.port),
    "ssh-key": sshServer.key,
    "ssh-known-hosts": sshServer.knownHosts,
    script: STUBBORN(pidFile),
    // Time for the ssh handshake on a loaded machine, then the script's deadline.
    "upgrade-timeout": "4s",
    "ignore-earlier-failures": "true",
  });
  assert.equal(run.status, 1, run.stdout);
  assert.match(
    run.stdout,
    /upgrade over ssh on root@127\.0\.0\.1:\d+ \(t-ssh\) did not finish within 4\.0s and was ended/,
  );
  assert.ok(Date.now() - t0 < 20_000);
  const { pids } = stubborn(pidFile);
  await waitFor(
    "the script's processes on the node gone",
    () => Promise.resolve(pids.every((p) => !alive(p))),
    10_000,
  );
});
