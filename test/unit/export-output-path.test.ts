// Clear errors for a bad output path, before anything is listed; one export per
// path at a time; a dead run's lock never blocks the next run.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { ConfigurationError, OperationalError } from "../../src/core/errors.ts";
import { checkOutputPath, lockOutput } from "../../src/export/output-path.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-output-path-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a file, a path inside a file, a git checkout or / is refused naming input path", () => {
  const file = path.join(dir, "a-file");
  fs.writeFileSync(file, "x");
  fs.mkdirSync(path.join(dir, "checkout", ".git"), { recursive: true });
  for (const [value, why] of [
    [file, /a-file is a file$/],
    [path.join(file, "export"), /a-file is a file$/],
    [path.join(dir, "checkout"), /git checkout's root/],
    ["/", /file system's root/],
  ] as const) {
    assert.throws(
      () => checkOutputPath(value),
      (err: Error) =>
        err instanceof ConfigurationError &&
        err.message.startsWith(
          `input 'path': got ${JSON.stringify(value)}, expected a folder (or a path that does not exist yet); `,
        ) &&
        why.test(err.message),
    );
  }
  checkOutputPath(path.join(dir, "new", "deep", "export"));
  checkOutputPath(dir);
});

test("a second lock on the same path fails naming the holder; release frees it", () => {
  const root = path.join(dir, "locked", "export");
  const lock = lockOutput(root);
  assert.ok(fs.existsSync(`${root}.kubekeep-lock`));
  assert.throws(
    () => lockOutput(root),
    (err: Error) =>
      err instanceof OperationalError &&
      err.message.includes(`another export into ${root} is running (pid ${process.pid} on ${os.hostname()}`),
  );
  lock.release();
  assert.ok(!fs.existsSync(`${root}.kubekeep-lock`));
  // The parent folders the lock created for a run that wrote nothing are gone too.
  assert.ok(!fs.existsSync(path.join(dir, "locked")));
  lockOutput(root).release();
});

test("the lock of a process that is gone is taken over", () => {
  const root = path.join(dir, "stale");
  const dead = spawnSync(process.execPath, ["-e", "process.pid"]).pid;
  assert.ok(dead);
  fs.writeFileSync(
    `${root}.kubekeep-lock`,
    JSON.stringify({ pid: dead, hostname: os.hostname(), started: "then", token: "t" }),
  );
  const heard: string[] = [];
  const lock = lockOutput(root, (m) => heard.push(m));
  assert.match(heard.join("\n"), new RegExp(`export that is gone \\(pid ${dead}, since then\\)`));
  lock.release();
});
