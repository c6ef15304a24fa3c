import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/export/layout.ts
import path from "node:path";
var INDEX_FILE = "kubekeep-index.yaml";
var CLUSTER_DIR = "cluster";
var NAMESPACES_DIR = "namespaces";
var SAFE_NAME = /^[A-Za-z0-9._-]+$/;
function escapeName(name) {
  if (SAFE_NAME.test(name) && name !== "." && name !== "..") return name;
  let out = "";
  for (const byte of Buffer.from(name, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9._-]/.test(c) ? c : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out === "." || out === ".." ? out.replace(/\./g, "%2E") : out;
}
function unescapeName(escaped) {
  return decodeURIComponent(escaped);
}
function groupDir(group) {
  return group === "" ? "core" : group;
}
function objectFile(rt, name, namespace) {
  const tail = `${groupDir(rt.group)}/${rt.kind}/${escapeName(name)}.yaml`;
  return rt.namespaced ? `${NAMESPACES_DIR}/${escapeName(namespace ?? "")}/${tail}` : `${CLUSTER_DIR}/${tail}`;
}
function kindOfFile(rel) {
  const parts = rel.split(/[\\/]/);
  if (parts[0] === CLUSTER_DIR && parts.length === 4) return `${parts[1]}/${parts[2]}`;
  if (parts[0] === NAMESPACES_DIR && parts.length === 5) return `${parts[2]}/${parts[3]}`;
  return void 0;
}
function kindKey(rt) {
  return `${groupDir(rt.group)}/${rt.kind}`;
}
function toNative(rel) {
  return path.sep === "/" ? rel : rel.split("/").join(path.sep);
}

export {
  INDEX_FILE,
  CLUSTER_DIR,
  NAMESPACES_DIR,
  unescapeName,
  groupDir,
  objectFile,
  kindOfFile,
  kindKey,
  toNative
};
