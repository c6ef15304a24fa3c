/**
 * Writing a file where the user's checkout may already hold something: a
 * report or a downloaded snapshot goes to a path the user named, often in a
 * checkout of a repository whose contents are not trusted (SECURITY.md). A
 * symbolic link committed at the temporary name would make a plain open
 * write through it into a runner's file; rename replaces a link at the final
 * name itself, never its target. So the temporary file is always created
 * new (O_EXCL, which no link passes), then renamed into place.
 */
import fs from "node:fs";

/** Opens `file` for writing as a new file: whatever was at that name (a link included) is removed first. */
export function openNew(file: string, mode = 0o644): number {
  fs.rmSync(file, { force: true });
  return fs.openSync(file, "wx", mode);
}

/** Writes `file` whole through `<file>.tmp` and a rename: a reader never sees half of it, and no link is followed. */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o644): void {
  const tmp = `${file}.tmp`;
  const fd = openNew(tmp, mode);
  try {
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
