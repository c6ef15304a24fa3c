/**
 * Symbolic links in folders kubekeep reads or writes on the user's behalf
 * (an export tree in a checkout, an export tree apply reads). Those folders
 * come from a repository whose contents are not trusted (SECURITY.md): a
 * committed link on the way to the tree, or inside it, would make a run
 * write, remove or read files elsewhere on the runner. So kubekeep follows
 * none: these helpers find the first link, and callers refuse it by name.
 */
import fs from "node:fs";
import path from "node:path";

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The first symbolic link among `target` and its folders below the working
 * directory (the checkout), or `target` alone when it lies elsewhere: the
 * folders above the checkout are the runner's, chosen by the user.
 */
export function linkOnTheWay(target: string, base = process.cwd()): string | undefined {
  const abs = path.resolve(target);
  const top = path.resolve(base);
  if (abs !== top && abs.startsWith(top + path.sep)) {
    let at = top;
    for (const part of abs.slice(top.length + 1).split(path.sep)) {
      at = path.join(at, part);
      if (isLink(at)) return at;
    }
    return undefined;
  }
  return isLink(abs) ? abs : undefined;
}

/** The error message for a link found where none may be, naming the input. */
export function linkRefused(input: string, link: string, what: string): string {
  return `input '${input}': ${link} is a symbolic link; ${what} holds only real folders and files, and kubekeep follows no link there (one committed to the repository could make it write or read files elsewhere on the runner)`;
}
