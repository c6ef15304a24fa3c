/**
 * bench/restore: runs each half of the restore benchmark that exists, one
 * after the other, passing the arguments through:
 * - apply.ts: `kubekeep apply` of an export against `kubectl apply --server-side`;
 * - drill.ts: `kubekeep etcd drill` of a ~1 GiB snapshot.
 * With `--real-node` (root), instead:
 * - rto.ts: the real kubeadm node restored from a snapshot by
 *   `kubekeep etcd-restore --mode run`, beside `etcdutl snapshot restore` alone.
 *
 *   npm run bench:restore [-- --size 1Gi --runs 3]
 *   npm run bench:restore -- --real-node [--size 300Mi --runs 3]
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

let failed = false;
const args = process.argv.slice(2);
const realNode = args.includes("--real-node");
for (const half of realNode ? ["rto.ts"] : ["apply.ts", "drill.ts"]) {
  const file = path.join(import.meta.dirname, half);
  if (!fs.existsSync(file)) continue;
  console.log(`\n# bench/restore/${half}`);
  const rest = args.filter((a) => a !== "--real-node");
  const res = spawnSync(process.execPath, [file, ...rest], { stdio: "inherit" });
  if (res.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
