// The pod executor's wrapper, which runs inside the host's namespaces: it
// hands the script to systemd-run (detached from the pod, with the KUBEKEEP_*
// environment) or, without systemd, to setsid.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { POD_WRAPPER } from "../../src/nodes/executors/pod.ts";

function tools(dir: string, names: string[]): string {
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin, { recursive: true });
  for (const n of names) {
    const found = spawnSync("sh", ["-c", `command -v ${n}`], { encoding: "utf8" }).stdout.trim();
    fs.symlinkSync(found, path.join(bin, n));
  }
  return bin;
}

const env = (bin: string) => ({
  PATH: bin,
  KUBEKEEP_NODE: "node-1",
  KUBEKEEP_TARGET_VERSION: "v1.35.1",
  KUBEKEEP_SCRIPT: 'echo "upgrading $KUBEKEEP_NODE to $KUBEKEEP_TARGET_VERSION"\nexit 0',
});

test("with systemd: a transient unit that waits, pipes the output and inherits KUBEKEEP_*", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-wrapper-"));
  const bin = tools(dir, ["sh", "bash", "env", "sed", "date", "setsid", "timeout", "sleep"]);
  const argsFile = path.join(dir, "args");
  // A stand-in systemd-run: records its arguments, then runs the command after the options.
  fs.writeFileSync(
    path.join(bin, "systemd-run"),
    `#!/bin/bash\nprintf '%s\\n' "$@" > ${argsFile}\nwhile [ "\${1#-}" != "$1" ]; do if [ "$1" = -E ]; then shift 2; else shift; fi; done\nexec "$@"\n`,
    { mode: 0o755 },
  );
  const res = spawnSync("sh", ["-c", POD_WRAPPER], { encoding: "utf8", env: env(bin) });
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

test("without systemd: the script runs in its own session", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-wrapper-"));
  const bin = tools(dir, ["sh", "bash", "env", "sed", "date", "setsid", "timeout", "sleep"]);
  const res = spawnSync("sh", ["-c", POD_WRAPPER], { encoding: "utf8", env: env(bin) });
  assert.equal(res.status, 0, res.stderr);
  assert.equal(res.stdout, "upgrading node-1 to v1.35.1\n");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("without systemd: a script that ignores SIGTERM is ended at KUBEKEEP_TIMEOUT_SECONDS plus the grace", () => {
  // Promise: bounded time on the node even when kubekeep is gone (timeout -k ends the group).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-wrapper-"));
  const bin = tools(dir, ["sh", "bash", "env", "sed", "date", "setsid", "timeout", "sleep"]);
  const started = Date.now();
  const res = spawnSync("sh", ["-c", POD_WRAPPER], {
    encoding: "utf8",
    env: { ...env(bin), KUBEKEEP_TIMEOUT_SECONDS: "1", KUBEKEEP_SCRIPT: "trap '' TERM; sleep 30; exit 0" },
  });
  const elapsed = Date.now() - started;
  assert.notEqual(res.status, 0, "a script ended at its deadline has failed");
  // 1 s deadline + the grace, with room for a loaded machine; the script alone would take 30 s.
  assert.ok(elapsed < 12_000, `ended after ${elapsed} ms`);
  fs.rmSync(dir, { recursive: true, force: true });
});
