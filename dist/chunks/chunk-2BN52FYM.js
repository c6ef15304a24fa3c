import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  childEnv
} from "./chunk-EUSUB6M6.js";
import {
  formatDuration
} from "./chunk-KIVRFQJF.js";

// src/core/process.ts
import { spawn } from "node:child_process";
import fs from "node:fs";
var DEFAULT_KILL_GRACE_MS = 3e3;
var live = /* @__PURE__ */ new Set();
var exitHook = false;
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
    }
  }
}
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
function runShell(command, options) {
  return runProcess("sh", ["-c", command], options);
}
function runProcess(file, args, options) {
  const graceMs = options.graceMs ?? DEFAULT_KILL_GRACE_MS;
  if (!exitHook) {
    exitHook = true;
    process.on("exit", () => {
      for (const pid of live) killGroup(pid, "SIGKILL");
    });
  }
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: childEnv(options.inherit, options.env),
      stdio: ["pipe", "pipe", "pipe"],
      detached: true
    });
    const pid = child.pid;
    if (pid !== void 0) live.add(pid);
    let output = "";
    let partial = "";
    let timedOut = false;
    let aborted = false;
    let exitCode;
    let killTimer;
    let settled = false;
    let inputFailed = false;
    const onData = (chunk) => {
      const text = chunk.toString("utf8");
      output = (output + text).slice(-64 * 1024);
      partial += text;
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      for (const l of lines) options.onLine?.(l);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener("abort", onAbort);
      if (pid !== void 0) live.delete(pid);
      if (partial) options.onLine?.(partial);
      partial = "";
      resolve({ code: inputFailed && !exitCode ? 1 : exitCode ?? 1, output, timedOut, aborted });
    };
    const end = () => {
      if (pid === void 0 || killTimer) return;
      killGroup(pid, "SIGTERM");
      const startedAt = Date.now();
      const poll = () => {
        if (!groupAlive(pid)) {
          if (exitCode !== void 0) finish();
          else killTimer = setTimeout(poll, 50);
          return;
        }
        if (Date.now() - startedAt >= graceMs) killGroup(pid, "SIGKILL");
        killTimer = setTimeout(poll, 50);
      };
      killTimer = setTimeout(poll, 50);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      output += `
(no result within ${formatDuration(options.timeoutMs)}: ended)`;
      end();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      end();
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (err) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      if (pid !== void 0) live.delete(pid);
      settled = true;
      reject(err);
    });
    child.on("exit", (code, signal) => {
      exitCode = code ?? (signal === "SIGKILL" ? 137 : signal === "SIGTERM" ? 143 : 128);
      if (!timedOut && !aborted) setTimeout(finish, 1e3).unref();
    });
    child.on("close", () => {
      if (!timedOut && !aborted) finish();
    });
    child.stdin.on("error", () => {
    });
    if (options.inputFile !== void 0) {
      const file2 = fs.createReadStream(options.inputFile);
      file2.on("error", (err) => {
        inputFailed = true;
        output += `
(cannot read ${options.inputFile}: ${err.message})`;
        child.stdin.destroy();
      });
      file2.pipe(child.stdin);
    } else child.stdin.end(options.input ?? "");
  });
}
function describeEnd(res, timeoutMs) {
  if (res.timedOut)
    return `did not finish within ${formatDuration(timeoutMs)} and was ended (its process group got SIGTERM, then SIGKILL)`;
  if (res.aborted) return "was cancelled";
  return `exited ${res.code}`;
}
function lastLines(output, n) {
  return output.trim().split("\n").slice(-n).join(" / ");
}

export {
  DEFAULT_KILL_GRACE_MS,
  killGroup,
  groupAlive,
  runShell,
  runProcess,
  describeEnd,
  lastLines
};
