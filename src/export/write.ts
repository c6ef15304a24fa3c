/**
 * Writes a new export tree next to the old one and swaps it in at the end,
 * so a run that is killed halfway leaves the previous tree untouched:
 *
 *   1. `<path>.kubekeep-new/` is filled (objects, carried-over files, index);
 *   2. `<path>` is renamed to `<path>.kubekeep-old`, the new tree to `<path>`;
 *   3. the old tree is removed.
 *
 * The next run finishes or undoes whatever step an interruption cut short.
 * Files the export does not own (a README in the folder) are carried over.
 */
import fs from "node:fs";
import path from "node:path";
import { ConfigurationError } from "../core/errors.ts";
import { CLUSTER_DIR, INDEX_FILE, NAMESPACES_DIR, toNative } from "./layout.ts";

export type WriteStatus = "added" | "changed" | "unchanged";

export class TreeWriter {
  readonly root: string;
  readonly staging: string;
  private readonly old: string;
  private readonly madeDirs = new Set<string>();
  /** Files of the previous tree, relative with `/` separators. */
  previous = new Set<string>();

  constructor(root: string) {
    this.root = path.resolve(root);
    this.staging = `${this.root}.kubekeep-new`;
    this.old = `${this.root}.kubekeep-old`;
  }

  /** Recovers from an interrupted run, scans the previous tree and opens an empty staging tree. */
  begin(): void {
    if (fs.existsSync(path.join(this.root, ".git"))) {
      throw new ConfigurationError(
        `input 'path': ${this.root} is a git checkout's root; give the export a folder of its own (e.g. cluster-export)`,
      );
    }
    if (!fs.existsSync(this.root) && fs.existsSync(this.old)) fs.renameSync(this.old, this.root);
    fs.rmSync(this.old, { recursive: true, force: true });
    fs.rmSync(this.staging, { recursive: true, force: true });
    fs.mkdirSync(this.staging, { recursive: true });
    this.madeDirs.add(this.staging);
    this.previous = new Set(listFiles(this.root));
  }

  /**
   * Puts one file into the new tree and says how it compares with the
   * previous one. An unchanged file is hard-linked from the previous tree:
   * a link costs a fraction of a new file, and most files of a scheduled
   * export are unchanged.
   */
  write(rel: string, text: string): WriteStatus {
    // Synchronous on purpose: small files, and libuv's four-thread pool only
    // adds queueing and contention to what the disk does anyway.
    const target = path.join(this.staging, toNative(rel));
    this.ensureDir(path.dirname(target));
    if (this.previous.has(rel)) {
      const old = path.join(this.root, toNative(rel));
      let before: string | undefined;
      try {
        before = fs.readFileSync(old, "utf8");
      } catch {
        before = undefined;
      }
      if (before === text) {
        try {
          fs.linkSync(old, target);
        } catch {
          fs.writeFileSync(target, text);
        }
        return "unchanged";
      }
      fs.writeFileSync(target, text);
      return "changed";
    }
    fs.writeFileSync(target, text);
    return "added";
  }

  /** Keeps a file of the previous tree as it is (hard link when possible). */
  carryOver(rel: string): void {
    const from = path.join(this.root, toNative(rel));
    const to = path.join(this.staging, toNative(rel));
    if (fs.existsSync(to)) return;
    this.ensureDir(path.dirname(to));
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
  }

  /** Swaps the staging tree in. */
  commit(): void {
    if (fs.existsSync(this.root)) fs.renameSync(this.root, this.old);
    fs.renameSync(this.staging, this.root);
    fs.rmSync(this.old, { recursive: true, force: true });
  }

  /** Drops the staging tree; the previous tree stays as it was. */
  abort(): void {
    fs.rmSync(this.staging, { recursive: true, force: true });
  }

  private ensureDir(dir: string): void {
    if (this.madeDirs.has(dir)) return;
    fs.mkdirSync(dir, { recursive: true });
    for (let d = dir; d.startsWith(this.staging) && !this.madeDirs.has(d); d = path.dirname(d))
      this.madeDirs.add(d);
  }
}

/** Is this file one the export writes (objects and the index), as opposed to the user's? */
export function isExportFile(rel: string): boolean {
  return rel === INDEX_FILE || rel.startsWith(`${CLUSTER_DIR}/`) || rel.startsWith(`${NAMESPACES_DIR}/`);
}

function listFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}
