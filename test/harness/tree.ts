/**
 * An export tree as the tests read it: its files in a stable order, and one
 * hash of every path and byte, so two exports compare as byte-identical trees.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Every file below `root`, as /-separated paths relative to it, sorted. */
export function files(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => fs.statSync(path.join(root, f)).isFile())
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

/** SHA-256 over each file's path and bytes: equal only for byte-identical trees. */
export function treeHash(root: string): string {
  const h = createHash("sha256");
  for (const f of files(root)) h.update(f + "\0").update(fs.readFileSync(path.join(root, f)));
  return h.digest("hex");
}
