/**
 * Where kubekeep keeps the binaries it builds or fetches ($KUBEKEEP_CACHE,
 * else ~/.cache/kubekeep), and the lock that lets several processes (test
 * files, worktrees, CI steps) share that cache: one builds or fetches, the
 * others wait and then find the result.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Logger } from "../logger.ts";
import { sleep } from "../sleep.ts";

export function cacheRoot(): string {
  return process.env.KUBEKEEP_CACHE ?? path.join(os.homedir(), ".cache", "kubekeep");
}

/** A directory lock that survives crashes: a lock whose owner pid is gone is taken over. */
export async function lockDir(dir: string, logger: Logger): Promise<() => void> {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  let warned = false;
  for (;;) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "pid"), String(process.pid));
      return () => fs.rmSync(dir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(fs.readFileSync(path.join(dir, "pid"), { encoding: "utf8", flag: "a+" }) || 0);
      if (owner && !alive(owner)) {
        fs.rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (!warned) logger.info(`waiting for another build (pid ${owner || "?"}) holding ${dir}`);
      warned = true;
      await sleep(2000);
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
