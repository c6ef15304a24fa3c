/**
 * Each cluster's export as the repository holds it (no cluster credentials):
 * the newest commit that touched the cluster's export folder (on the
 * checked-out branch or the cluster's export branch, whichever is newer), how
 * many objects the folder holds at that commit, and the risky changes that
 * commit made.
 *
 * The repository is untrusted input (anyone who can push writes it): git is
 * run without a shell, with fixed arguments and the inventory's validated
 * folder and branch (as a literal pathspec and a full ref name); what git
 * prints is parsed against strict forms (commit ids, times) and file names are
 * only classified and counted, never used as paths.
 */
import { execFile } from "node:child_process";
import { childEnv } from "../core/child-env.ts";
import { errorMessage } from "../core/errors.ts";
import { kindOfFile } from "../export/layout.ts";
import type { ExportLocation } from "./inventory.ts";

/**
 * Kinds whose change deserves a reviewer's look before anything else: who may
 * do what (RBAC), credentials (Secrets), the API itself (CRDs) and what
 * intercepts every request (admission webhooks and policies). A change to
 * one of them in the newest export commit is a risky change: added, changed
 * or removed.
 */
const RISKY_KINDS: readonly { test: (groupKind: string) => boolean; why: string }[] = [
  {
    test: (k) => /^rbac\.authorization\.k8s\.io\/(Cluster)?Role(Binding)?$/.test(k),
    why: "RBAC",
  },
  { test: (k) => k === "core/Secret", why: "Secret" },
  { test: (k) => k === "apiextensions.k8s.io/CustomResourceDefinition", why: "CRD" },
  { test: (k) => k.startsWith("admissionregistration.k8s.io/"), why: "admission control" },
];

/** How many risky files are named in the report (the count is exact). */
export const RISKY_SAMPLE = 20;

export interface RiskyFile {
  /** The file, relative to the export folder (as git names it; shown only through a display filter). */
  file: string;
  change: "added" | "modified" | "removed";
  /** group/Kind, e.g. rbac.authorization.k8s.io/ClusterRoleBinding. */
  kind: string;
  why: string;
}

export interface ExportFact {
  /** The export folder in the repository. */
  path: string;
  /** The ref the newest export commit was found on (HEAD, or the export branch). */
  ref: string;
  commit: string;
  time: string;
  ageSeconds: number;
  /** Object files in the folder at that commit. */
  objects: number;
  /** Risky changes the commit made, exact. */
  riskyChanges: number;
  /** The first RISKY_SAMPLE of them. */
  risky: RiskyFile[];
}

const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const FUTURE_SLACK_S = 300;

/** The reasons a file of an export tree is risky when it changes (pure: unit-tested). */
export function riskOfFile(rel: string): { kind: string; why: string } | undefined {
  const kind = kindOfFile(rel);
  if (!kind) return undefined;
  const r = RISKY_KINDS.find((k) => k.test(kind));
  return r ? { kind, why: r.why } : undefined;
}

/**
 * `git diff-tree -z --name-status` output: status, NUL, path, NUL, ...
 * (renames are off, so one path per entry). Only A, M, D, T count.
 */
export function parseNameStatus(out: string, folder: string): { change: RiskyFile["change"]; rel: string }[] {
  const parts = out.split("\0");
  const res: { change: RiskyFile["change"]; rel: string }[] = [];
  const prefix = `${folder}/`;
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const status = parts[i] as string;
    const file = parts[i + 1] as string;
    const change =
      status === "A"
        ? "added"
        : status === "D"
          ? "removed"
          : status === "M" || status === "T"
            ? "modified"
            : undefined;
    if (!change || !file.startsWith(prefix)) continue;
    res.push({ change, rel: file.slice(prefix.length) });
  }
  return res;
}

export interface Git {
  (args: string[]): Promise<string>;
}

/** git in `repository`, no shell, its own configuration only, with a deadline. */
export function gitIn(repository: string, timeoutMs = 120_000): Git {
  const env = childEnv({ tool: ["GIT_*", "XDG_CONFIG_HOME"] });
  return (args) =>
    new Promise((resolve, reject) =>
      execFile(
        "git",
        ["-C", repository, "-c", "core.quotePath=false", ...args],
        { env, encoding: "utf8", maxBuffer: 512 * 1024 * 1024, timeout: timeoutMs },
        (err, stdout, stderr) =>
          err
            ? reject(
                new Error(`git ${args[0]} failed: ${(stderr || errorMessage(err)).trim().split("\n")[0]}`),
              )
            : resolve(stdout),
      ),
    );
}

/** Checks once that `repository` is a full (not shallow) git work tree; a message for the user otherwise. */
export async function checkRepository(git: Git, repository: string): Promise<string | undefined> {
  let shallow: string;
  try {
    shallow = (await git(["rev-parse", "--is-shallow-repository"])).trim();
  } catch (err) {
    return `${repository} is not a git repository (${errorMessage(err)}); check out the repository that holds the exports (input 'repository')`;
  }
  if (shallow === "true")
    return `${repository} is a shallow clone, so the age of an export's newest commit cannot be known; check it out with its history (actions/checkout with fetch-depth: 0)`;
  return undefined;
}

async function refExists(git: Git, ref: string): Promise<boolean> {
  try {
    await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** The newest commit touching `folder` on `ref`: [commit, unix seconds], or undefined. */
async function newestCommit(git: Git, ref: string, folder: string): Promise<[string, number] | undefined> {
  const out = (await git(["log", "-1", "--format=%H %ct", ref, "--", `:(literal)${folder}/`])).trim();
  if (out === "") return undefined;
  const m = /^([0-9a-f]+) (\d{1,12})$/.exec(out);
  if (!m || !COMMIT.test(m[1] as string))
    throw new Error(`git log printed ${JSON.stringify(out.slice(0, 100))}`);
  return [m[1] as string, Number(m[2])];
}

/** Reads one cluster's export facts. Throws a message for the user when the repository cannot tell. */
export async function readExportFact(
  git: Git,
  loc: ExportLocation,
  now: Date,
): Promise<ExportFact | undefined> {
  // The checked-out branch, and the cluster's export branch (local or fetched) when it has one.
  const refs = ["HEAD"];
  if (loc.branch)
    for (const r of [`refs/remotes/origin/${loc.branch}`, `refs/heads/${loc.branch}`])
      if (await refExists(git, r)) refs.push(r);
  let best: { ref: string; commit: string; seconds: number } | undefined;
  for (const ref of refs) {
    const c = await newestCommit(git, ref, loc.path);
    if (c && (!best || c[1] > best.seconds)) best = { ref, commit: c[0], seconds: c[1] };
  }
  if (!best) return undefined;
  const ageSeconds = Math.round(now.getTime() / 1000 - best.seconds);
  const time = new Date(best.seconds * 1000).toISOString();
  if (ageSeconds < -FUTURE_SLACK_S)
    throw new Error(`its newest export commit ${best.commit} is dated in the future (${time})`);
  const listed = await git([
    "ls-tree",
    "-r",
    "-z",
    "--name-only",
    best.commit,
    "--",
    `:(literal)${loc.path}/`,
  ]);
  let objects = 0;
  for (const f of listed.split("\0"))
    if (f.startsWith(`${loc.path}/`) && kindOfFile(f.slice(loc.path.length + 1))) objects++;
  const changed = parseNameStatus(
    await git([
      "diff-tree",
      "-r",
      "-z",
      "--no-renames",
      "--no-commit-id",
      "--name-status",
      "--root",
      best.commit,
      "--",
      `:(literal)${loc.path}/`,
    ]),
    loc.path,
  );
  const risky: RiskyFile[] = [];
  let riskyChanges = 0;
  for (const c of changed) {
    const r = riskOfFile(c.rel);
    if (!r) continue;
    riskyChanges++;
    if (risky.length < RISKY_SAMPLE) risky.push({ file: c.rel, change: c.change, ...r });
  }
  return {
    path: loc.path,
    ref: best.ref,
    commit: best.commit,
    time,
    ageSeconds,
    objects,
    riskyChanges,
    risky,
  };
}
