import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  sleep
} from "./chunk-UU4DZNBE.js";

// src/core/binaries/cache.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
function cacheRoot() {
  return process.env.KUBEKEEP_CACHE ?? path.join(os.homedir(), ".cache", "kubekeep");
}
async function lockDir(dir, logger) {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  let warned = false;
  for (; ; ) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "pid"), String(process.pid));
      return () => fs.rmSync(dir, { recursive: true, force: true });
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      const owner = Number(fs.readFileSync(path.join(dir, "pid"), { encoding: "utf8", flag: "a+" }) || 0);
      if (owner && !alive(owner)) {
        fs.rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (!warned) logger.info(`waiting for another build (pid ${owner || "?"}) holding ${dir}`);
      warned = true;
      await sleep(2e3);
    }
  }
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export {
  cacheRoot,
  lockDir
};
