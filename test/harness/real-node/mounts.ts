/**
 * Unmounts what the kubelet and containerd mounted under the node's paths
 * (pod volumes, container root filesystems, /dev/shm of sandboxes, network
 * namespaces), deepest first, lazily if busy.
 */
import fs from "node:fs";
import { run } from "./run.ts";

export function mountsUnder(prefixes: string[]): string[] {
  const points = fs
    .readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((l) => l.split(" ")[4] ?? "")
    .map((p) => p.replace(/\\040/g, " "))
    .filter((p) => prefixes.some((pre) => p === pre || p.startsWith(pre + "/")));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

export async function unmountUnder(prefixes: string[]): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const points = mountsUnder(prefixes);
    if (points.length === 0) return;
    for (const p of points) {
      const r = await run("umount", [p], { allowFailure: true, timeoutMs: 20_000 });
      if (r.code !== 0) await run("umount", ["-l", p], { allowFailure: true, timeoutMs: 20_000 });
    }
  }
}
