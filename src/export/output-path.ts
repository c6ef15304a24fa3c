/**
 * The export's output folder, checked before the cluster is listed (a path
 * that is a file used to fail only after the whole listing), and held with a
 * lock file while a run stages and commits into it, so two exports into the
 * same path fail clearly instead of interleaving their trees.
 *
 * The lock is `<path>.kubekeep-lock` beside the tree (where the staging
 * folder also goes), created exclusively (O_EXCL) and holding the owner's pid
 * and host name: a lock whose process is gone (same host) is stale and taken
 * over, so a killed run never blocks the next one.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigurationError, OperationalError } from "../core/errors.ts";
import { linkOnTheWay, linkRefused } from "../core/links.ts";

const EXPECTED = "a folder (or a path that does not exist yet)";

function badPath(value: string, why: string): ConfigurationError {
  return new ConfigurationError(`input 'path': got ${JSON.stringify(value)}, expected ${EXPECTED}; ${why}`);
}

const stat = (p: string): fs.Stats | undefined => fs.statSync(p, { throwIfNoEntry: false });

/** Throws a ConfigurationError naming input `path` when the export cannot be written there. */
export function checkOutputPath(value: string): void {
  const root = path.resolve(value);
  if (path.dirname(root) === root) throw badPath(value, "it is the file system's root");
  // The tree, its staging folder and the lock beside it: no committed link may redirect them.
  for (const p of [root, `${root}.kubekeep-new`, `${root}.kubekeep-lock`]) {
    const link = linkOnTheWay(p);
    if (link) throw new ConfigurationError(linkRefused("path", link, "an export tree"));
  }
  const st = stat(root);
  if (st) {
    if (!st.isDirectory()) throw badPath(value, `${root} is a file`);
    if (stat(path.join(root, ".git")))
      throw badPath(
        value,
        `${root} is a git checkout's root; give the export a folder of its own (e.g. cluster-export)`,
      );
    return;
  }
  // Inside a file: the nearest existing ancestor must be a folder.
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const ancestor = stat(dir);
    if (ancestor) {
      if (!ancestor.isDirectory()) throw badPath(value, `${dir} is a file`);
      return;
    }
    if (path.dirname(dir) === dir) return;
  }
}

interface Holder {
  pid: number;
  hostname: string;
  started: string;
  token: string;
}

export interface ExportLock {
  readonly file: string;
  /** Removes the lock (when still this run's) and folders this run created for nothing. */
  release(): void;
}

/**
 * Takes the lock for the tree at `value` (creating the tree's parent folders
 * when missing). A lock held by a live run fails with an OperationalError
 * naming its holder; an unwritable parent is the user's ConfigurationError.
 * `onStale` hears of a dead run's lock taken over.
 */
export function lockOutput(value: string, onStale: (message: string) => void = () => {}): ExportLock {
  checkOutputPath(value);
  const root = path.resolve(value);
  const parent = path.dirname(root);
  const file = `${root}.kubekeep-lock`;
  let created: string | undefined;
  try {
    created = fs.mkdirSync(parent, { recursive: true });
  } catch (err) {
    throw badPath(value, `cannot create ${parent} (${code(err)})`);
  }
  const me: Holder = {
    pid: process.pid,
    hostname: os.hostname(),
    started: new Date().toISOString(),
    token: crypto.randomUUID(),
  };
  const release = () => {
    if (readHolder(file)?.token === me.token) fs.rmSync(file, { force: true });
    // A failed first run leaves no empty parent folders behind.
    if (created && !fs.existsSync(root)) {
      const top = created;
      for (let dir = parent; dir === top || dir.startsWith(top + path.sep); dir = path.dirname(dir)) {
        try {
          fs.rmdirSync(dir);
        } catch {
          break;
        }
      }
    }
  };
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: "wx" });
      return { file, release };
    } catch (err) {
      if (code(err) !== "EEXIST") {
        release();
        throw badPath(value, `cannot write in ${parent} (${code(err)})`);
      }
    }
    const holder = readHolder(file);
    const stale = holder ? !isAlive(holder) : isOld(file);
    if (!stale || attempt > 0) {
      release();
      const who = holder
        ? `pid ${holder.pid} on ${holder.hostname}, since ${holder.started}`
        : "its holder is unknown: the lock file is unreadable";
      throw new OperationalError(
        `another export into ${root} is running (${who}). Run exports into one path one at a time; ` +
          `if that run is gone, delete ${file}`,
      );
    }
    onStale(
      `took over the lock of an export that is gone (${holder ? `pid ${holder.pid}, since ${holder.started}` : "unreadable lock"}): ${file}`,
    );
    fs.rmSync(file, { force: true });
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    const h = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Holder>;
    if (typeof h.pid === "number" && typeof h.hostname === "string" && typeof h.token === "string")
      return { pid: h.pid, hostname: h.hostname, started: String(h.started), token: h.token };
  } catch {
    // Missing, or being written this instant: see isOld.
  }
  return undefined;
}

/** A holder on another host cannot be checked: it is alive until someone removes its lock. */
function isAlive(h: Holder): boolean {
  if (h.hostname !== os.hostname()) return true;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (err) {
    return code(err) === "EPERM";
  }
}

/** An unreadable lock is a run that died between creating and writing it, once it is a minute old. */
function isOld(file: string): boolean {
  const st = stat(file);
  return !st || Date.now() - st.mtimeMs > 60_000;
}

function code(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}
