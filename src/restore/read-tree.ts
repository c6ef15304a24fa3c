/**
 * Reads an export tree (what export/write.ts writes: layout.ts's
 * `cluster/...` and `namespaces/...` files, the index beside them) into
 * objects, from a folder or from a commit of the export's git repository.
 *
 * Numbers keep their source text: the export writes int64 fields of custom
 * resources and forms like `1.0` exactly as the API server sent them, and a
 * double would change them (json.ts's rawJSON, which JSON.stringify prints as is).
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { childEnv } from "../core/child-env.ts";
import { ConfigurationError, errorMessage } from "../core/errors.ts";
import { linkOnTheWay, linkRefused } from "../core/links.ts";
import type { Json, JsonObject } from "../export/json.ts";
import { CLUSTER_DIR, INDEX_FILE, kindOfFile, NAMESPACES_DIR, unescapeName } from "../export/layout.ts";

export interface TreeObject {
  /** The file, relative to the tree's root, with `/` separators. */
  file: string;
  object: JsonObject;
  apiVersion: string;
  kind: string;
  /** `group/Kind` as in the tree's folders (`core/ConfigMap`). */
  kindKey: string;
  name: string;
  namespace?: string;
}

export interface Tree {
  /** Where it was read from, for messages. */
  source: string;
  objects: TreeObject[];
}

const rawJson = JSON as unknown as { rawJSON(text: string): Json };
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Reads the tree at `dir`, or at `ref` of `repository` when given. */
export function readTree(dir: string, ref?: string, repository = "."): Tree {
  if (ref === undefined) {
    const link = linkOnTheWay(dir);
    if (link) throw new ConfigurationError(linkRefused("path", link, "an export tree"));
    return readFolder(dir, dir);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-apply-tree-"));
  try {
    extractRef(repository, ref, dir, tmp);
    const tree = readFolder(path.join(tmp, dir), `${dir} at ${ref}`);
    return tree;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** `git archive REF -- DIR | tar -x`: the files as committed, without touching the checkout. */
function extractRef(repository: string, ref: string, dir: string, into: string): void {
  // git reads its configuration (safe.directory in ~/.gitconfig, GIT_CONFIG_*) and nothing of kubekeep's.
  const gitEnv = childEnv({ tool: ["GIT_*", "XDG_CONFIG_HOME"] });
  if (!fs.existsSync(repository))
    throw new ConfigurationError(
      `input 'repository': got ${JSON.stringify(repository)}, which does not exist; expected a git repository`,
    );
  let top: string;
  try {
    top = execFileSync("git", ["-C", repository, "rev-parse", "--show-toplevel"], {
      env: gitEnv,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 30_000,
    }).trim();
  } catch {
    throw new ConfigurationError(`input 'repository': ${JSON.stringify(repository)} is not a git repository`);
  }
  const verify = spawnSync("git", ["-C", top, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`], {
    env: gitEnv,
    encoding: "utf8",
    timeout: 30_000,
  });
  if (verify.status !== 0)
    throw new ConfigurationError(
      `input 'git-ref': got ${JSON.stringify(ref)}, which is not a commit of ${top}; expected a commit, branch or tag (fetch enough history, e.g. fetch-depth: 0)`,
    );
  // The path as the repository sees it: relative to its top.
  const rel = path.relative(top, path.resolve(repository, dir)).split(path.sep).join("/");
  const archive = spawnSync(
    "git",
    ["-C", top, "archive", "--format=tar", verify.stdout.trim(), "--", rel || "."],
    {
      env: gitEnv,
      maxBuffer: 4 * 1024 * 1024 * 1024,
      timeout: 300_000,
    },
  );
  if (archive.status !== 0)
    throw new ConfigurationError(
      `input 'path': ${JSON.stringify(dir)} is not in ${ref} of ${top} (${archive.stderr.toString().trim()})`,
    );
  const tar = spawnSync("tar", ["-x", "-C", into], {
    env: childEnv({ tool: [] }),
    input: archive.stdout,
    timeout: 300_000,
  });
  if (tar.status !== 0)
    throw new ConfigurationError(`could not unpack ${dir} at ${ref}: ${tar.stderr.toString().trim()}`);
  // Read from the same relative place below `into`.
  if (rel !== dir) {
    const want = path.join(into, dir);
    if (!fs.existsSync(want)) {
      fs.mkdirSync(path.dirname(want), { recursive: true });
      fs.renameSync(path.join(into, rel || "."), want);
    }
  }
}

function readFolder(dir: string, source: string): Tree {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new ConfigurationError(
      `input 'path': got ${JSON.stringify(source)}, which does not exist; expected an export tree (the folder export writes)`,
    );
  }
  if (!stat.isDirectory())
    throw new ConfigurationError(
      `input 'path': got ${JSON.stringify(source)}, which is a file; expected an export tree (the folder export writes)`,
    );
  const hasTree = [INDEX_FILE, CLUSTER_DIR, NAMESPACES_DIR].some((f) => fs.existsSync(path.join(dir, f)));
  if (!hasTree)
    throw new ConfigurationError(
      `input 'path': ${JSON.stringify(source)} is not an export tree (no ${INDEX_FILE}, ${CLUSTER_DIR}/ or ${NAMESPACES_DIR}/); expected the folder export writes`,
    );
  const objects: TreeObject[] = [];
  for (const top of [CLUSTER_DIR, NAMESPACES_DIR]) {
    const root = path.join(dir, top);
    const st = fs.lstatSync(root, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isSymbolicLink()) throw new ConfigurationError(linkRefused("path", root, "an export tree"));
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      const abs = path.join(entry.parentPath, entry.name);
      // The tree is read as untrusted input: a committed link could point at a runner's file.
      if (entry.isSymbolicLink()) throw new ConfigurationError(linkRefused("path", abs, "an export tree"));
      const rel = path.relative(root, abs);
      const file = `${top}/${rel.split(path.sep).join("/")}`;
      if (!entry.isFile() || !file.endsWith(".yaml") || kindOfFile(file) === undefined) continue;
      objects.push(readObjectFile(abs, file));
    }
  }
  objects.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { source, objects };
}

/** One object file; errors name the file and the line. */
export function readObjectFile(abs: string, file: string): TreeObject {
  const text = fs.readFileSync(abs, "utf8");
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const err = doc.errors[0];
  if (err) {
    const at = lines.linePos(err.pos[0]);
    throw new ConfigurationError(
      `${file}:${at.line}: not valid YAML (${err.message.split("\n")[0]}); fix or remove the file`,
    );
  }
  let object: Json;
  try {
    object = toJson(doc.contents, text);
  } catch (e) {
    throw new ConfigurationError(`${file}: ${errorMessage(e)}`);
  }
  const o = object && typeof object === "object" && !Array.isArray(object) ? object : undefined;
  const meta =
    o?.metadata && typeof o.metadata === "object" && !Array.isArray(o.metadata) ? o.metadata : undefined;
  if (!o || typeof o.apiVersion !== "string" || typeof o.kind !== "string" || typeof meta?.name !== "string")
    throw new ConfigurationError(
      `${file}:1: not a Kubernetes object (apiVersion, kind and metadata.name are required)`,
    );
  const kindKey = kindOfFile(file) as string;
  const parts = file.split("/");
  const namespace = parts[0] === NAMESPACES_DIR ? unescapeName(parts[1] ?? "") : undefined;
  if (namespace !== undefined && meta.namespace !== namespace)
    throw new ConfigurationError(
      `${file}: metadata.namespace is ${JSON.stringify(meta.namespace)}, but the file is in namespace ${namespace}'s folder`,
    );
  return {
    file,
    object: o,
    apiVersion: o.apiVersion,
    kind: o.kind,
    kindKey,
    name: meta.name,
    ...(namespace !== undefined ? { namespace } : {}),
  };
}

/** YAML nodes to JSON, numbers exactly as written. */
function toJson(node: Node | null, text: string): Json {
  if (node === null) return null;
  if (isMap(node)) {
    const out: JsonObject = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      // An own property even for `__proto__` (as JSON.parse makes it), never the object's prototype.
      Object.defineProperty(out, key, {
        value: toJson(pair.value as Node | null, text),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((n) => toJson(n as Node | null, text));
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === "number" || typeof v === "bigint") {
      const src = node.range ? text.slice(node.range[0], node.range[1]) : "";
      if (JSON_NUMBER.test(src) && String(Number(src)) !== src) return rawJson.rawJSON(src);
      return Number(v);
    }
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    // Timestamps and binary scalars are plain strings in an export: keep their source text.
    return node.source ?? text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
  }
  throw new Error(`unsupported YAML node (aliases and tags are not part of an export)`);
}
