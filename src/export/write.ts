/**
 * Updates an export tree so that an interrupted run never leaves it half
 * written, while touching only what changed (creating tens of thousands of
 * files and folders again on every run would cost more than listing them).
 *
 * - New and changed files are written to `<path>.kubekeep-new/`; the tree
 *   itself is not touched while the cluster is listed.
 * - Commit: a journal of the moves and removals is written into the staging
 *   folder (atomically: temporary file + rename); that is the commit point.
 *   Then each staged file is renamed into the tree (atomic per file), vanished
 *   files are removed, and the staging folder goes.
 * - The next run first finishes a committed journal (every step can be
 *   repeated) and discards an uncommitted staging folder.
 * - First run (no tree yet): the staging folder is renamed to the tree.
 *
 * Files the export does not own (a README in the folder) are left alone.
 */
import fs from "node:fs";
import path from "node:path";
import { ConfigurationError } from "../core/errors.ts";
import { linkRefused } from "../core/links.ts";
import { CLUSTER_DIR, INDEX_FILE, NAMESPACES_DIR, toNative } from "./layout.ts";
import { PathSet } from "./path-set.ts";
import { identityOf, sameIdentity, type FileIdentity } from "./tree-cache.ts";

export type WriteStatus = "added" | "changed" | "unchanged";

const JOURNAL = ".kubekeep-journal.json";

interface Journal {
  /** Files to move from staging into the tree, relative with `/`. */
  moves: string[];
  /** Files to remove from the tree. */
  removals: string[];
}

export class TreeWriter {
  readonly root: string;
  readonly staging: string;
  private readonly madeDirs = new Set<string>();
  private readonly staged: string[] = [];
  /** Files of the previous tree not written (yet) in this run, relative with `/` separators. */
  unseen = new PathSet();
  /** Object files in the previous tree (what the deletion limit is a share of). */
  previousObjects = 0;
  private fresh = false;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.staging = `${this.root}.kubekeep-new`;
  }

  /** Finishes or discards an interrupted run, scans the previous tree, opens an empty staging folder. */
  begin(): void {
    if (fs.existsSync(path.join(this.root, ".git"))) {
      throw new ConfigurationError(
        `input 'path': ${this.root} is a git checkout's root; give the export a folder of its own (e.g. cluster-export)`,
      );
    }
    const journal = path.join(this.staging, JOURNAL);
    if (fs.existsSync(journal)) this.apply(readJournal(journal));
    fs.rmSync(this.staging, { recursive: true, force: true });
    fs.mkdirSync(this.staging, { recursive: true });
    this.madeDirs.add(this.staging);
    this.fresh = !fs.existsSync(this.root);
    this.unseen = new PathSet();
    this.previousObjects = walk(this.root, "", this.unseen, this.root);
    this.unseen.trim();
  }

  /**
   * Stages one file of the new tree when it differs from the previous one,
   * and says how it compares. Synchronous on purpose: small files, and
   * libuv's four-thread pool only adds queueing to what the disk does anyway.
   */
  write(rel: string, text: string): WriteStatus {
    return this.writeFile(rel, text).status;
  }

  /**
   * write(), also returning the identity (size, mtime, inode) the file will
   * have in the tree: staged files keep theirs when renamed into place.
   */
  writeFile(rel: string, text: string): { status: WriteStatus; identity: FileIdentity | undefined } {
    let status: WriteStatus = "added";
    if (this.unseen.delete(rel)) {
      const identity = this.sameAsBefore(this.root + path.sep + toNative(rel), Buffer.from(text));
      if (identity) return { status: "unchanged", identity };
      status = "changed";
    }
    // Plain concatenation: `rel` is already normal, and path.join costs at 50k files.
    const target = this.staging + path.sep + toNative(rel);
    this.ensureDir(target.slice(0, target.lastIndexOf(path.sep)));
    // One call (open, write, close in native code, the string encoded on the
    // way), then a stat for the identity: a quarter less than the same steps
    // one by one from here, at tens of thousands of files.
    fs.writeFileSync(target, text);
    const identity = identityOf(fs.statSync(target, { bigint: true }));
    // A first export is renamed into place whole: no journal, no list to keep.
    if (!this.fresh) this.staged.push(rel);
    return { status, identity };
  }

  /**
   * Keeps a file of the previous tree as it is, without reading it, when it
   * is still exactly the file recorded (same size, mtime and inode: see
   * tree-cache.ts). False (and nothing done) otherwise: write() it then.
   */
  keep(rel: string, identity: FileIdentity): boolean {
    if (!this.unseen.has(rel)) return false;
    let st: fs.BigIntStats | undefined;
    try {
      st = fs.lstatSync(this.root + path.sep + toNative(rel), { bigint: true, throwIfNoEntry: false });
    } catch {
      return false;
    }
    if (!st?.isFile() || !sameIdentity(identityOf(st), identity)) return false;
    this.unseen.delete(rel);
    return true;
  }

  /** One buffer for every comparison: objects' files are small. */
  private readBuffer = Buffer.alloc(64 * 1024);

  /**
   * Does the file hold exactly `bytes`? Its identity when it does. Reads into
   * one reused buffer (open, read, close): at 50k files readFileSync's stat,
   * allocation and decoding cost half as much again as the reads themselves.
   */
  private sameAsBefore(file: string, bytes: Buffer): FileIdentity | undefined {
    let fd: number;
    try {
      fd = fs.openSync(file, "r");
    } catch {
      return undefined;
    }
    try {
      if (this.readBuffer.length <= bytes.length) this.readBuffer = Buffer.alloc(bytes.length * 2);
      // One byte more than expected is read, so a longer file is told apart.
      let n = 0;
      for (let got = 1; got > 0 && n <= bytes.length; n += got) {
        got = fs.readSync(fd, this.readBuffer, n, this.readBuffer.length - n, null);
      }
      if (n !== bytes.length || this.readBuffer.compare(bytes, 0, n, 0, n) !== 0) return undefined;
      return identityOf(fs.fstatSync(fd, { bigint: true }));
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Writes the journal: from here on the new tree is committed (pure file I/O; unit-tested). */
  seal(removals: string[]): Journal {
    const journal: Journal = { moves: [...this.staged], removals };
    if (!this.fresh) {
      const file = path.join(this.staging, JOURNAL);
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(journal));
      fs.renameSync(`${file}.tmp`, file);
    }
    return journal;
  }

  /** Commits the staged files and removals into the tree. */
  commit(removals: string[]): void {
    const journal = this.seal(removals);
    if (this.fresh) {
      fs.renameSync(this.staging, this.root);
      return;
    }
    this.apply(journal);
    fs.rmSync(this.staging, { recursive: true, force: true });
  }

  /** Drops the staging folder; the previous tree stays as it was. */
  abort(): void {
    fs.rmSync(this.staging, { recursive: true, force: true });
  }

  /** Applies a journal; every step can run again after an interruption. */
  private apply(journal: Journal): void {
    for (const rel of journal.moves) {
      const from = path.join(this.staging, toNative(rel));
      const to = path.join(this.root, toNative(rel));
      if (!fs.existsSync(from)) continue; // moved before the interruption
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.renameSync(from, to);
    }
    for (const rel of journal.removals) {
      fs.rmSync(path.join(this.root, toNative(rel)), { force: true });
      // Remove folders the removal emptied, up to the tree's root.
      for (
        let dir = path.dirname(path.join(this.root, toNative(rel)));
        dir.startsWith(this.root + path.sep);
        dir = path.dirname(dir)
      ) {
        try {
          fs.rmdirSync(dir);
        } catch {
          break;
        }
      }
    }
  }

  private ensureDir(dir: string): void {
    if (this.madeDirs.has(dir)) return;
    fs.mkdirSync(dir, { recursive: true });
    for (let d = dir; d.startsWith(this.staging) && !this.madeDirs.has(d); d = path.dirname(d))
      this.madeDirs.add(d);
  }
}

/**
 * Removes the staging folder a failed run left beside `root`, unless it holds
 * a committed journal: then the tree is mid-commit and the next run finishes it.
 */
export function discardStaging(root: string): void {
  const staging = `${path.resolve(root)}.kubekeep-new`;
  if (!fs.existsSync(path.join(staging, JOURNAL))) fs.rmSync(staging, { recursive: true, force: true });
}

/** Is this file one the export writes (objects and the index), as opposed to the user's? */
export function isExportFile(rel: string): boolean {
  return rel === INDEX_FILE || rel.startsWith(`${CLUSTER_DIR}/`) || rel.startsWith(`${NAMESPACES_DIR}/`);
}

/**
 * A journal found beside the tree: the checkout it sits in is not trusted
 * (SECURITY.md), so every entry must be a file the export writes, below the
 * tree, before anything is moved or removed.
 */
function readJournal(file: string): Journal {
  const refuse = (why: string) =>
    new ConfigurationError(
      `${file} is not a journal an export wrote (${why}); if no export is running into this path, remove ${path.dirname(file)}`,
    );
  let j: unknown;
  try {
    j = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    throw refuse("not JSON");
  }
  const { moves, removals } = (j ?? {}) as Partial<Record<keyof Journal, unknown>>;
  for (const list of [moves, removals]) {
    if (!Array.isArray(list)) throw refuse("no list of moves and removals");
    for (const rel of list)
      if (typeof rel !== "string" || !isTreeFile(rel))
        throw refuse(`entry ${JSON.stringify(rel).slice(0, 200)} is not a file of an export tree`);
  }
  return { moves: moves as string[], removals: removals as string[] };
}

/** A relative, normal `/`-separated path of a file the export writes: no `..`, `.`, empty or absolute part. */
function isTreeFile(rel: string): boolean {
  return (
    isExportFile(rel) &&
    !/[\\\0]/.test(rel) &&
    rel.split("/").every((part) => part !== "" && part !== "." && part !== "..")
  );
}

/**
 * Adds the files under `dir` to `into` (relative, `/`-separated) and returns
 * how many are object files. A symbolic link where the export writes is
 * refused: moves into a linked folder, or removals through one, would leave
 * the tree.
 */
function walk(root: string, rel: string, into: PathSet, input: string, depth = 1, top = ""): number {
  // Object files sit at a fixed depth (layout.ts's kindOfFile, without splitting every path).
  const objectDepth = top === CLUSTER_DIR ? 4 : top === NAMESPACES_DIR ? 5 : 0;
  let objects = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, toNative(rel)), { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    // Only where the export moves and removes: a link of the user's elsewhere is theirs, and not followed.
    if (e.isSymbolicLink() && (child === CLUSTER_DIR || child === NAMESPACES_DIR || isExportFile(child)))
      throw new ConfigurationError(linkRefused("path", path.join(input, toNative(child)), "an export tree"));
    if (e.isDirectory()) objects += walk(root, child, into, input, depth + 1, rel ? top : e.name);
    else if (e.isFile()) {
      into.add(child);
      if (depth === objectDepth) objects++;
    }
  }
  return objects;
}
