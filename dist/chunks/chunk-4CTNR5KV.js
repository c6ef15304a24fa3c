import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  resourceId
} from "./chunk-EQFEXDCI.js";

// src/export/json.ts
var asObject = (v) => v && typeof v === "object" && !Array.isArray(v) ? v : void 0;
var asArray = (v) => Array.isArray(v) ? v : [];
var str = (v, fallback = "") => typeof v === "string" ? v : fallback;
var rawJson = JSON;
var isRawNumber = (v) => rawJson.isRawJSON(v);
var INEXACT_NUMBER = /[:,[]\s*(?:-?\d{16}|-0(?:\.0*)?[,}\]\s]|-?\d+\.\d*0[,}\]\s]|-?\d+(?:\.\d+)?[eE][+-]?\d{3})/;
function parseJson(text) {
  if (!INEXACT_NUMBER.test(text)) return JSON.parse(text);
  return JSON.parse(text, exactNumber);
}
function exactNumber(_key, value, context) {
  if (typeof value !== "number" || context?.source === void 0) return value;
  return String(value) === context.source ? value : rawJson.rawJSON(context.source);
}

// src/export/select.ts
var DEFAULT_EXCLUDED_KINDS = [
  "events",
  "events.events.k8s.io",
  "leases.coordination.k8s.io",
  "endpointslices.discovery.k8s.io",
  "controllerrevisions.apps",
  "nodes",
  "componentstatuses",
  "csinodes.storage.k8s.io",
  "ipaddresses.networking.k8s.io",
  // A kubelet's request for a certificate of this cluster's CA: transient (the API server
  // deletes issued ones within the hour) and bound to the cluster; applied elsewhere it
  // would be a new request whose requester the API server rewrites (spec.username).
  "certificatesigningrequests.certificates.k8s.io"
];
function kindMatches(entry, rt) {
  const e = entry.toLowerCase();
  const dot = e.indexOf(".");
  const name = dot < 0 ? e : e.slice(0, dot);
  const group = dot < 0 ? void 0 : e.slice(dot + 1);
  if (group !== void 0 && group !== rt.group.toLowerCase() && !(group === "core" && rt.group === ""))
    return false;
  return name === rt.resource.toLowerCase() || name === rt.kind.toLowerCase();
}
function selectKind(rt, config) {
  if (config.includeKinds.length && !config.includeKinds.some((k) => kindMatches(k, rt)))
    return { export: false, reason: "not in include-kinds" };
  if (config.excludeKinds.some((k) => kindMatches(k, rt)))
    return { export: false, reason: "in exclude-kinds" };
  const named = config.includeKinds.some((k) => kindMatches(k, rt));
  if (!named && DEFAULT_EXCLUDED_KINDS.includes(resourceId(rt)))
    return { export: false, reason: "excluded by default (name it in include-kinds to export it)" };
  if (config.includeNamespaces.length && !rt.namespaced && resourceId(rt) !== "namespaces")
    return { export: false, reason: "cluster-scoped, and include-namespaces is set" };
  return { export: true };
}
function selectNamespace(ns, config) {
  if (config.includeNamespaces.length && !config.includeNamespaces.includes(ns)) return false;
  return !config.excludeNamespaces.includes(ns);
}

// src/core/links.ts
import fs from "node:fs";
import path from "node:path";
function isLink(p) {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
function linkOnTheWay(target, base = process.cwd()) {
  const abs = path.resolve(target);
  const top = path.resolve(base);
  if (abs !== top && abs.startsWith(top + path.sep)) {
    let at = top;
    for (const part of abs.slice(top.length + 1).split(path.sep)) {
      at = path.join(at, part);
      if (isLink(at)) return at;
    }
    return void 0;
  }
  return isLink(abs) ? abs : void 0;
}
function linkRefused(input, link, what) {
  return `input '${input}': ${link} is a symbolic link; ${what} holds only real folders and files, and kubekeep follows no link there (one committed to the repository could make it write or read files elsewhere on the runner)`;
}

export {
  asObject,
  asArray,
  str,
  isRawNumber,
  parseJson,
  kindMatches,
  selectKind,
  selectNamespace,
  linkOnTheWay,
  linkRefused
};
