// A first build as a person sees it: which component (n of N), how far, about
// how long is left and where go's full log is, with go's own chatter
// (`go: downloading ...`) in that log instead of the terminal. Builds the
// small SSH server into an empty kubekeep cache (Go's caches stay warm).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";

const root = path.resolve(import.meta.dirname, "..", "..");
const cache = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-build-test-"));
after(() => fs.rmSync(cache, { recursive: true, force: true }));

test("a first build reports progress a person can read and keeps go's output in a log file", () => {
  // Promise: bounded, readable progress - no minutes of bare `go:` lines.
  const script = `
import { ConsoleLogger } from ${JSON.stringify(path.join(root, "src/core/logger.ts"))};
import { ensureTool } from ${JSON.stringify(path.join(root, "test/harness/tools/binaries.ts"))};
console.log(await ensureTool("sshd", new ConsoleLogger()));`;
  const res = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { ...process.env, KUBEKEEP_CACHE: cache, KUBEKEEP_BUILD_PROGRESS_MS: "300" },
    timeout: 600_000,
  });
  assert.equal(res.status, 0, res.stderr);
  const terminal = res.stderr;
  const logs = path.join(cache, "logs");
  assert.match(terminal, /building sshd from Go modules \(first run only; about .* on 2 cores/);
  const log = /\[1\/1\] building sshd v0 \(usually .+; full go log: (\S+)\)/.exec(terminal)?.[1];
  assert.ok(log && log.startsWith(logs + path.sep), terminal);
  assert.match(
    terminal,
    /\[1\/1\] sshd: (downloading modules|listing packages|compiling kubekeep-sshd).*; .+ so far, about .+ left/,
  );
  assert.match(terminal, /\[1\/1\] built sshd in /);
  assert.doesNotMatch(terminal, /^go: /m, "go's own output stays out of the terminal");
  assert.match(fs.readFileSync(log, "utf8"), /^\$ go build -v -trimpath/m);
  const bin = res.stdout.trim();
  assert.ok(bin.startsWith(path.join(cache, "bin")) && fs.existsSync(bin));
});
