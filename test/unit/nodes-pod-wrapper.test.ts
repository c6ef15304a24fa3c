// The pod executor's wrapper, which runs inside the host's namespaces: it
// hands the script to systemd-run (detached from the pod, with the KUBEKEEP_*
// environment) on a systemd host, or else starts it detached from the pod
// (own session, out of the pod's cgroups, bounded by upgrade-timeout) with
// its log and exit status in a run directory the pod only follows. The run
// and cgroup directories are temporary stand-ins here; the real node proves
// the cgroup move (test/real-node).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import {
  escapeForKubernetes,
  executorPod,
  exitFromLog,
  POD_WRAPPER,
  runId,
  scriptExit,
} from "../../src/nodes/executors/pod.ts";

function tools(dir: string, names: string[]): string {
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin, { recursive: true });
  for (const n of names) {
    const found = spawnSync("sh", ["-c", `command -v ${n}`], { encoding: "utf8" }).stdout.trim();
    fs.symlinkSync(found, path.join(bin, n));
  }
  return bin;
}

function workDir(): { dir: string; runs: string; cgroups: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-wrapper-"));
  const runs = path.join(dir, "runs");
  // A cgroup v1 layout in miniature: the v2 root and two v1 hierarchies.
  const cgroups = path.join(dir, "cgroup");
  for (const h of ["", "memory", "unified"]) {
    fs.mkdirSync(path.join(cgroups, h), { recursive: true });
    fs.writeFileSync(path.join(cgroups, h, "cgroup.procs"), "");
  }
  return { dir, runs, cgroups };
}

const env = (bin: string, w?: { runs: string; cgroups: string }) => ({
  PATH: bin,
  KUBEKEEP_NODE: "node-1",
  KUBEKEEP_TARGET_VERSION: "v1.35.1",
  KUBEKEEP_RUN_ID: "upgrade-v1.35.1",
  KUBEKEEP_SCRIPT: 'echo "upgrading $KUBEKEEP_NODE to $KUBEKEEP_TARGET_VERSION"\nexit 0',
  KUBEKEEP_SYSTEMD_RUNTIME_DIR: "/nonexistent/systemd",
  ...(w ? { KUBEKEEP_RUN_DIR: w.runs, KUBEKEEP_CGROUP_ROOT: w.cgroups } : {}),
});

const BASIC = ["sh", "bash", "env", "sed", "date", "setsid", "timeout", "sleep"];

test("with systemd: a transient unit that waits, pipes the output and inherits KUBEKEEP_*", () => {
  const { dir } = workDir();
  const bin = tools(dir, BASIC);
  const argsFile = path.join(dir, "args");
  // A stand-in systemd-run: records its arguments, then runs the command after the options.
  fs.writeFileSync(
    path.join(bin, "systemd-run"),
    `#!/bin/bash\nprintf '%s\\n' "$@" > ${argsFile}\nwhile [ "\${1#-}" != "$1" ]; do if [ "$1" = -E ]; then shift 2; else shift; fi; done\nexec "$@"\n`,
    { mode: 0o755 },
  );
  const res = spawnSync("sh", ["-c", POD_WRAPPER], {
    encoding: "utf8",
    env: { ...env(bin), KUBEKEEP_SYSTEMD_RUNTIME_DIR: dir },
  });
  assert.equal(res.status, 0, res.stderr);
  assert.equal(res.stdout, "upgrading node-1 to v1.35.1\n");
  const args = fs.readFileSync(argsFile, "utf8").split("\n");
  assert.match(args[0] ?? "", /^--unit=kubekeep-upgrade-\d+$/);
  assert.ok(args.includes("--wait") && args.includes("--pipe") && args.includes("--collect"));
  assert.ok(args.includes("KUBEKEEP_NODE") && args.includes("KUBEKEEP_TARGET_VERSION"));
  // Bounded time: systemd itself stops the unit (its whole cgroup) at upgrade-timeout.
  assert.ok(args.includes("--property=RuntimeMaxSec=1800s"), args.join(" "));
  assert.ok(args.includes("--property=TimeoutStopSec=3s"), args.join(" "));
  assert.ok(!args.includes("KUBEKEEP_SCRIPT"), "the script goes as the command, not the environment");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a systemd-run binary without systemd running is not used", () => {
  // This machine's kind: systemd-run installed, PID 1 something else.
  const w = workDir();
  const bin = tools(w.dir, BASIC);
  fs.writeFileSync(
    path.join(bin, "systemd-run"),
    "#!/bin/sh\necho 'System has not been booted with systemd'\nexit 1\n",
    {
      mode: 0o755,
    },
  );
  const res = spawnSync("sh", ["-c", POD_WRAPPER], { encoding: "utf8", env: env(bin, w) });
  assert.equal(res.status, 0, res.stdout + res.stderr);
  assert.match(res.stdout, /upgrading node-1 to v1\.35\.1\nkubekeep-run: upgrade-v1\.35\.1 exit 0\n$/);
  fs.rmSync(w.dir, { recursive: true, force: true });
});

test("without systemd: detached run, out of every cgroup hierarchy, its log followed and its status returned", () => {
  const w = workDir();
  const bin = tools(w.dir, BASIC);
  const res = spawnSync("sh", ["-c", POD_WRAPPER], {
    encoding: "utf8",
    env: {
      ...env(bin, w),
      KUBEKEEP_SCRIPT: 'echo "in its own session: $(ps -o sid= -p $$)"\necho step two\nexit 3',
    },
  });
  assert.equal(res.status, 3, res.stderr);
  assert.match(res.stdout, /started upgrade run upgrade-v1\.35\.1 detached from the pod/);
  assert.match(res.stdout, /step two\nkubekeep-run: upgrade-v1\.35\.1 exit 3\n$/);
  const run = path.join(w.runs, "upgrade-v1.35.1");
  assert.equal(fs.readFileSync(path.join(run, "exit"), "utf8").trim(), "3");
  const pid = fs.readFileSync(path.join(run, "pid"), "utf8").trim();
  // The detached process wrote itself into the root of each hierarchy (v2 root, v1 memory, v1 unified).
  for (const h of ["", "memory", "unified"])
    assert.equal(
      fs.readFileSync(path.join(w.cgroups, h, "cgroup.procs"), "utf8").trim(),
      pid,
      `hierarchy '${h}'`,
    );
  // Its own session, not the wrapper's.
  const sid = /in its own session: *(\d+)/.exec(res.stdout)?.[1];
  assert.ok(sid && sid !== String(process.pid), res.stdout);
  fs.rmSync(w.dir, { recursive: true, force: true });
});

async function waitForFile(file: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!fs.existsSync(file)) {
    if (Date.now() > end) throw new Error(`${file} did not appear within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("without systemd: the script survives its pod being killed; a second pod re-attaches instead of starting again", async () => {
  const w = workDir();
  const bin = tools(w.dir, BASIC);
  const counter = path.join(w.dir, "started");
  const script = `echo run >> ${counter}\necho first half\nsleep 3\necho second half\nexit 0`;
  // The "pod": killed (its whole process group, as the kubelet would) while the script sleeps.
  const pod = spawn("sh", ["-c", POD_WRAPPER], {
    env: { ...env(bin, w), KUBEKEEP_SCRIPT: script },
    detached: true,
    stdio: "ignore",
  });
  await waitForFile(counter, 15_000);
  process.kill(-(pod.pid as number), "SIGKILL");
  // A new pod in start mode finds the run alive: it attaches, the script does not start twice.
  const again = spawnSync("sh", ["-c", POD_WRAPPER], {
    encoding: "utf8",
    env: { ...env(bin, w), KUBEKEEP_SCRIPT: script },
  });
  assert.equal(again.status, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /attaching to upgrade run upgrade-v1\.35\.1, already running/);
  assert.match(again.stdout, /first half\n(.|\n)*second half\nkubekeep-run: upgrade-v1\.35\.1 exit 0\n$/);
  assert.equal(fs.readFileSync(counter, "utf8"), "run\n", "the script ran once");
  // An attach after the end reports the finished run without running it again.
  const late = spawnSync("sh", ["-c", POD_WRAPPER], {
    encoding: "utf8",
    env: { ...env(bin, w), KUBEKEEP_SCRIPT: script, KUBEKEEP_RUN_MODE: "attach" },
  });
  assert.equal(late.status, 0, late.stderr);
  assert.match(late.stdout, /second half\nkubekeep-run: upgrade-v1\.35\.1 exit 0\n$/);
  assert.equal(fs.readFileSync(counter, "utf8"), "run\n");
  // A new start after the end is a new run (a re-run after a failure); the old files are kept aside.
  const rerun = spawnSync("sh", ["-c", POD_WRAPPER], {
    encoding: "utf8",
    env: { ...env(bin, w), KUBEKEEP_SCRIPT: `echo run >> ${counter}` },
  });
  assert.equal(rerun.status, 0, rerun.stderr);
  assert.equal(fs.readFileSync(counter, "utf8"), "run\nrun\n");
  assert.equal(fs.readdirSync(w.runs).filter((d) => d.startsWith("upgrade-v1.35.1.")).length, 1);
  fs.rmSync(w.dir, { recursive: true, force: true });
});

test("without systemd: attaching to a run that left no status fails with the marker, starting nothing", () => {
  const w = workDir();
  const bin = tools(w.dir, BASIC);
  const res = spawnSync("sh", ["-c", POD_WRAPPER], {
    encoding: "utf8",
    env: { ...env(bin, w), KUBEKEEP_RUN_MODE: "attach" },
  });
  assert.equal(res.status, 255);
  assert.match(res.stderr, /not running on this node and left no exit status/);
  assert.match(res.stdout, /kubekeep-run: upgrade-v1\.35\.1 exit 255/);
  fs.rmSync(w.dir, { recursive: true, force: true });
});

test("without systemd: a script that ignores SIGTERM is ended at KUBEKEEP_TIMEOUT_SECONDS plus the grace", () => {
  // Promise: bounded time on the node even when kubekeep is gone (timeout -k ends the group).
  const w = workDir();
  const bin = tools(w.dir, BASIC);
  const started = Date.now();
  const res = spawnSync("sh", ["-c", POD_WRAPPER], {
    encoding: "utf8",
    env: { ...env(bin, w), KUBEKEEP_TIMEOUT_SECONDS: "1", KUBEKEEP_SCRIPT: "trap '' TERM; sleep 30; exit 0" },
  });
  const elapsed = Date.now() - started;
  assert.notEqual(res.status, 0, "a script ended at its deadline has failed");
  assert.match(res.stdout, /kubekeep-run: upgrade-v1\.35\.1 exit 137/);
  // 1 s deadline + the grace, with room for a loaded machine; the script alone would take 30 s.
  assert.ok(elapsed < 15_000, `ended after ${elapsed} ms`);
  fs.rmSync(w.dir, { recursive: true, force: true });
});

test("the script's status: the wrapper's marker first, else the container's unless it was killed", () => {
  assert.equal(exitFromLog("a\nkubekeep-run: upgrade-v1.35.1 exit 4\n"), 4);
  assert.equal(exitFromLog("kubekeep-run: in the script's own output\n"), undefined);
  assert.equal(scriptExit("Failed", 137, "x\nkubekeep-run: upgrade-v1.35.1 exit 0\n"), 0);
  assert.equal(scriptExit("Succeeded", 0, ""), 0);
  // systemd path: the container's status is the unit's.
  assert.equal(scriptExit("Failed", 2, "apt failed\n"), 2);
  // Killed by the kubelet (SIGKILL/SIGTERM) or no status at all: the pod died, re-attach.
  assert.equal(scriptExit("Failed", 137, "half way\n"), undefined);
  assert.equal(scriptExit("Failed", 143, ""), undefined);
  assert.equal(scriptExit("Failed", undefined, ""), undefined);
});

test("the pod: host namespaces incl. the cgroup one, the run id and mode, the default script's settings", () => {
  const target = {
    node: "cp-1",
    role: "control-plane" as const,
    kubeadmAction: "apply" as const,
    version: "v1.35.4",
    minor: "1.35",
    fromVersion: "v1.34.4",
  };
  const config = {
    namespace: "kube-system",
    image: "executor:1",
    script: "true",
    timeoutMs: 600_000,
    env: { KUBEKEEP_PACKAGE_REPOSITORY: "http://127.0.0.1:1/v{minor}/" },
  };
  type Spec = {
    enableServiceLinks: boolean;
    containers: { command: string[]; env: { name: string; value: string }[] }[];
  };
  const spec = (mode?: "start" | "attach") => (executorPod(target, config, mode) as { spec: Spec }).spec;
  const c = spec().containers[0] as Spec["containers"][0];
  assert.deepEqual(c.command.slice(0, 10), [
    "nsenter",
    "--target",
    "1",
    "--mount",
    "--uts",
    "--ipc",
    "--net",
    "--pid",
    "--cgroup",
    "--",
  ]);
  const e = Object.fromEntries(c.env.map((x) => [x.name, x.value]));
  assert.equal(e.KUBEKEEP_RUN_ID, runId(target));
  assert.equal(e.KUBEKEEP_RUN_ID, "upgrade-v1.35.4");
  assert.equal(e.KUBEKEEP_RUN_MODE, "start");
  assert.equal(e.KUBEKEEP_TIMEOUT_SECONDS, "600");
  assert.equal(e.KUBEKEEP_PACKAGE_REPOSITORY, "http://127.0.0.1:1/v{minor}/");
  assert.equal(spec().enableServiceLinks, false);
  const attach = spec("attach").containers[0] as Spec["containers"][0];
  assert.equal(attach.env.find((x) => x.name === "KUBEKEEP_RUN_MODE")?.value, "attach");
});

/**
 * The kubelet's expansion of a command or env value (k8s.io/kubernetes
 * third_party/forked/golang/expansion): `$$` is `$`, `$(NAME)` of a defined
 * env is its value, anything else stays.
 */
function kubeletExpand(text: string, env: Record<string, string>): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== "$" || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next === "$") {
      out += "$";
      i++;
    } else if (next === "(") {
      const end = text.indexOf(")", i + 2);
      const name = end > 0 ? text.slice(i + 2, end) : "";
      if (end > 0 && name in env) {
        out += env[name];
        i = end;
      } else out += c;
    } else out += c;
  }
  return out;
}

test("what the pod runs is what kubekeep wrote, after the kubelet's $(VAR) and $$ expansion (found on the real node)", () => {
  // The wrapper uses $$ (its pid) and a script may use $(KUBEKEEP_NODE) as a command substitution.
  const script = 'me=$$; node=$(KUBEKEEP_NODE); echo "$me $node $(date)"';
  const pod = executorPod(
    {
      node: "n",
      role: "worker",
      kubeadmAction: "node",
      version: "v1.35.4",
      minor: "1.35",
      fromVersion: "v1.34.4",
    },
    { namespace: "kube-system", image: "i", script, timeoutMs: 60_000 },
  ) as { spec: { containers: { command: string[]; env: { name: string; value: string }[] }[] } };
  const c = pod.spec.containers[0] as { command: string[]; env: { name: string; value: string }[] };
  const env = Object.fromEntries(c.env.map((e) => [e.name, kubeletExpand(e.value, {})]));
  assert.equal(kubeletExpand(c.command.at(-1) as string, env), POD_WRAPPER);
  assert.match(POD_WRAPPER, /echo \$\$ > "\$d\/pid"/);
  assert.equal(env.KUBEKEEP_SCRIPT, script);
  assert.equal(escapeForKubernetes("a$b$$c"), "a$$b$$$$c");
});
