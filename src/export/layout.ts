/**
 * Where each object lives in the tree, made for git:
 *
 *     cluster/<group>/<Kind>/<name>.yaml
 *     namespaces/<namespace>/<group>/<Kind>/<name>.yaml
 *
 * (`core` for the core group). Names keep `[A-Za-z0-9._-]` and escape every
 * other byte as `%XX` (`%` itself too), so the mapping is reversible and
 * names with `:` (RBAC's `system:` roles) are safe on every filesystem.
 */
import path from "node:path";
import type { ResourceType } from "./resource-type.ts";

export const INDEX_FILE = "kubekeep-index.yaml";
export const CLUSTER_DIR = "cluster";
export const NAMESPACES_DIR = "namespaces";

const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

export function escapeName(name: string): string {
  // Nearly every Kubernetes name is already safe: skip the byte-by-byte walk.
  if (SAFE_NAME.test(name) && name !== "." && name !== "..") return name;
  let out = "";
  for (const byte of Buffer.from(name, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9._-]/.test(c) ? c : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  // "." and ".." are not file names; Kubernetes forbids them as object names anyway.
  return out === "." || out === ".." ? out.replace(/\./g, "%2E") : out;
}

export function unescapeName(escaped: string): string {
  return decodeURIComponent(escaped);
}

export function groupDir(group: string): string {
  return group === "" ? "core" : group;
}

/** The object's file, relative to the tree's root, with `/` separators. */
export function objectFile(
  rt: Pick<ResourceType, "group" | "kind" | "namespaced">,
  name: string,
  namespace?: string,
): string {
  const tail = `${groupDir(rt.group)}/${rt.kind}/${escapeName(name)}.yaml`;
  return rt.namespaced
    ? `${NAMESPACES_DIR}/${escapeName(namespace ?? "")}/${tail}`
    : `${CLUSTER_DIR}/${tail}`;
}

/** The kind a file of the tree belongs to, as `group/Kind` (`core/ConfigMap`), or undefined for other files. */
export function kindOfFile(rel: string): string | undefined {
  const parts = rel.split(/[\\/]/);
  if (parts[0] === CLUSTER_DIR && parts.length === 4) return `${parts[1]}/${parts[2]}`;
  if (parts[0] === NAMESPACES_DIR && parts.length === 5) return `${parts[2]}/${parts[3]}`;
  return undefined;
}

export function kindKey(rt: Pick<ResourceType, "group" | "kind">): string {
  return `${groupDir(rt.group)}/${rt.kind}`;
}

export function toNative(rel: string): string {
  return path.sep === "/" ? rel : rel.split("/").join(path.sep);
}
