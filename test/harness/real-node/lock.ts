/**
 * One real node per machine: a kubeadm node binds fixed ports and owns fixed
 * host paths, so `up`, `down` and every test that uses the node hold this
 * host-wide lock. The holder is a pid with a description; a second taker
 * waits (with a deadline) or fails naming the holder, and a lock whose holder
 * pid is gone is taken over (its leftovers are cleaned by the next `up`).
 *
 * While a node started by `npm run real-node -- up` runs, the lock is handed
 * to the kubelet supervisor's pid: it lives exactly as long as the node.
 */
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../../../src/core/logger.ts";
import { sleep } from "../../../src/core/sleep.ts";

export const LOCK_DIR = "/run/kubekeep-real-node.lock";
const OWNER_FILE = path.join(LOCK_DIR, "owner.json");

export interface LockOwner {
  pid: number;
  holder: string;
  since: string;
}

export interface RealNodeLock {
  /** Makes `pid` the holder (the lock then lives as long as that process). */
  handOver(pid: number, holder: string): void;
  release(): void;
}

export function lockOwner(): LockOwner | undefined {
  try {
    return JSON.parse(fs.readFileSync(OWNER_FILE, "utf8")) as LockOwner;
  } catch {
    return undefined;
  }
}

export function describeOwner(owner: LockOwner | undefined): string {
  return owner
    ? `${owner.holder} (pid ${owner.pid}, since ${owner.since})`
    : "a process still writing its name";
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function writeOwner(pid: number, holder: string): void {
  const owner: LockOwner = { pid, holder, since: new Date().toISOString() };
  fs.writeFileSync(OWNER_FILE + ".tmp", JSON.stringify(owner));
  fs.renameSync(OWNER_FILE + ".tmp", OWNER_FILE);
}

/**
 * Takes the lock for this process. With `waitMs` 0 a held lock fails at
 * once; otherwise the call waits up to `waitMs`, then fails naming the holder.
 */
export async function acquireLock(options: {
  holder: string;
  waitMs: number;
  logger: Logger;
  /** A live holder this returns true for is taken over (`down` takes over from the node's supervisor). */
  takeOver?: (owner: LockOwner) => boolean;
}): Promise<RealNodeLock> {
  const deadline = Date.now() + options.waitMs;
  let said = false;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      writeOwner(process.pid, options.holder);
      return {
        handOver: (pid, holder) => writeOwner(pid, holder),
        release: () => fs.rmSync(LOCK_DIR, { recursive: true, force: true }),
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const owner = lockOwner();
    const age = Date.now() - (fs.statSync(LOCK_DIR, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    // A holder that died (or never wrote its name within 30 s) left a stale lock.
    if (owner && alive(owner.pid) && options.takeOver?.(owner)) {
      fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      continue;
    }
    if ((owner && !alive(owner.pid)) || (!owner && age > 30_000)) {
      options.logger.info(`real node: taking over a stale lock from ${describeOwner(owner)}, which is gone`);
      fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `the real node on this machine is in use by ${describeOwner(owner)}; only one can run at a time ` +
          `(fixed ports and host paths). Wait for it, or stop it with \`npm run real-node -- down\` ` +
          `(lock: ${LOCK_DIR})`,
      );
    }
    if (!said) options.logger.info(`real node: waiting for ${describeOwner(owner)} to release ${LOCK_DIR}`);
    said = true;
    await sleep(1000);
  }
}
