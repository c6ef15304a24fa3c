/**
 * Our own SSH server for the tests (test/harness/go/sshd, built and cached
 * like the sandbox's components): a fresh host key and client key in `work`,
 * the client key authorized, listening on a random 127.0.0.1 port. The code
 * under test still uses the system's OpenSSH client, host keys checked.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../../src/core/logger.ts";
import { ensureTool } from "./tools/binaries.ts";

export interface Sshd {
  port: number;
  key: string;
  knownHosts: string;
  stop(): void;
}

/** kubekeep-sshd (test/harness/go/sshd) on 127.0.0.1: runs each command as this process's user (root in the real-node tests). */
export async function startSshd(work: string, logger: Logger): Promise<Sshd> {
  const keygen = (file: string) => execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", file]);
  keygen(path.join(work, "host_key"));
  keygen(path.join(work, "client_key"));
  fs.copyFileSync(path.join(work, "client_key.pub"), path.join(work, "authorized_keys"));
  const bin = await ensureTool("sshd", logger);
  const args = ["-host-key", "host_key", "-authorized-keys", "authorized_keys", "-listen", "127.0.0.1:0"];
  const proc: ChildProcess = spawn(bin, args, { cwd: work, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  proc.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const end = Date.now() + 20_000;
  while (!/listening on 127\.0\.0\.1:\d+/.test(log)) {
    if (Date.now() > end) throw new Error(`kubekeep-sshd did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(log)?.[1]);
  const hostPub = fs
    .readFileSync(path.join(work, "host_key.pub"), "utf8")
    .trim()
    .split(" ")
    .slice(0, 2)
    .join(" ");
  return {
    port,
    key: fs.readFileSync(path.join(work, "client_key"), "utf8"),
    knownHosts: `[127.0.0.1]:${port} ${hostPub}`,
    stop: () => proc.kill("SIGTERM"),
  };
}
