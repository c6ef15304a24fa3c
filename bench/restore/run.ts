// bench/restore: the apply half (apply.ts) and the etcd drill half (drill.ts),
// each when present, one after the other, with their defaults (run a part
// itself to pass it arguments).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

let failed = false;
for (const part of ["apply.ts", "drill.ts"]) {
  const file = path.join(import.meta.dirname, part);
  if (!fs.existsSync(file)) continue;
  const run = spawnSync(process.execPath, [file], { stdio: "inherit" });
  failed ||= run.status !== 0;
}
process.exitCode = failed ? 1 : 0;
