/**
 * bench/restore: runs each half of the restore benchmark that exists, one
 * after the other, passing the arguments through:
 * - apply.ts: `kubekeep apply` of an export against `kubectl apply --server-side`;
 * - drill.ts: `kubekeep etcd drill` of a ~1 GiB snapshot.
 *
 *   npm run bench:restore [-- --size 1Gi --runs 3]
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

let failed = false;
for (const half of ["apply.ts", "drill.ts"]) {
  const file = path.join(import.meta.dirname, half);
  if (!fs.existsSync(file)) continue;
  console.log(`\n# bench/restore/${half}`);
  const res = spawnSync(process.execPath, [file, ...process.argv.slice(2)], { stdio: "inherit" });
  if (res.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
