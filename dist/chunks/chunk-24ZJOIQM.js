import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  badInput
} from "./chunk-YBANDQLS.js";

// src/etcd/drill/compare.ts
var TOLERANCE_FORM = "a count (5), a percentage (10%), or both separated by a comma (2,5%)";
function parseTolerance(value) {
  const t = { count: 0, percent: 0 };
  const parts = value.split(",").map((p) => p.trim());
  if (parts.length === 0 || parts.length > 2) throw badInput("tolerance", value, TOLERANCE_FORM);
  for (const p of parts) {
    const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(p);
    if (!m) throw badInput("tolerance", value, TOLERANCE_FORM);
    if (m[2]) t.percent = Number(m[1]);
    else if (Number.isInteger(Number(m[1]))) t.count = Number(m[1]);
    else throw badInput("tolerance", value, TOLERANCE_FORM);
  }
  return t;
}
function allowedDifference(t, reference) {
  return Math.max(t.count, Math.floor(reference * t.percent / 100));
}
function formatTolerance(t) {
  const parts = [];
  if (t.count) parts.push(`${t.count} object${t.count === 1 ? "" : "s"}`);
  if (t.percent) parts.push(`${t.percent}%`);
  return parts.length ? parts.join(" or ") : "none (exact counts)";
}
function isDecryptionError(message) {
  return /transform|decrypt|no matching prefix|encryption|k8s:enc:/i.test(message);
}
var groupOf = (id) => id.includes(".") ? id.slice(id.indexOf(".") + 1) : "";
function compareCounts(restored, reference, o) {
  const ids = [.../* @__PURE__ */ new Set([...restored.keys(), ...reference.keys()])].sort();
  const rows = [];
  const failures = [];
  const encryptedUnchecked = [];
  const failedGroups = new Set((o.restoredFailedGroups ?? []).map((g) => g.replace(/\/[^/]*$/, "")));
  for (const id of ids) {
    const r = restored.get(id);
    const ref = reference.get(id);
    const kind = r?.kind ?? ref?.kind ?? id;
    const row = {
      id,
      kind,
      ...r?.count !== void 0 ? { restored: r.count } : {},
      ...ref?.count !== void 0 ? { reference: ref.count } : {},
      verdict: "match",
      why: ""
    };
    rows.push(row);
    if (o.ignored(id, kind)) {
      row.verdict = "ignored";
      row.why = o.ignoredWhy?.(id) ?? "in ignore-kinds (churns on its own)";
      continue;
    }
    if (r?.error !== void 0) {
      if (isDecryptionError(r.error) && !o.encryptionConfigGiven) {
        row.verdict = "not checked";
        row.why = "encrypted at rest: give encryption-config to read it";
        encryptedUnchecked.push(id);
      } else {
        row.verdict = "UNREADABLE";
        row.why = `the restored apiserver cannot list it: ${r.error.slice(0, 300)}`;
        failures.push(`${id}: ${row.why}`);
      }
      continue;
    }
    if (!r && failedGroups.has(groupOf(id))) {
      row.verdict = "not checked";
      row.why = "served by an aggregated API server, not stored in etcd";
      continue;
    }
    const notListed = o.referenceNotListed?.get(id);
    if (notListed !== void 0) {
      row.verdict = "not checked";
      row.why = `not in the export: ${notListed}`;
      continue;
    }
    if (ref?.error !== void 0) {
      row.verdict = "not checked";
      row.why = `${o.referenceName} could not be listed: ${ref.error.slice(0, 200)}`;
      continue;
    }
    const a = r?.count ?? 0;
    const b = ref?.count ?? 0;
    if (a === b) {
      row.why = !r ? "" : "";
      continue;
    }
    const diff = a - b;
    const allowed = allowedDifference(o.tolerance, b);
    const what = !r ? `the snapshot has no such kind (its CustomResourceDefinition is newer than the snapshot?)` : !ref ? `${o.referenceName} has no such kind (removed since the snapshot?)` : diff < 0 ? `${-diff} fewer in the snapshot (created after ${o.since ?? "it was taken"}?)` : `${diff} more in the snapshot (deleted after ${o.since ?? "it was taken"}?)`;
    if (Math.abs(diff) <= allowed) {
      row.verdict = "within tolerance";
      row.why = `${what}; tolerance allows ${allowed}`;
    } else {
      row.verdict = "DIFFERS";
      row.why = `${what}; tolerance allows ${allowed}`;
      failures.push(
        `${id}: ${a} ${o.restoredName ?? "restored"} vs ${b} in ${o.referenceName} (${what}; tolerance allows ${allowed})`
      );
    }
  }
  return { rows, failures, encryptedUnchecked };
}
function kindIgnorer(entries) {
  const list = entries.map((e) => e.toLowerCase());
  return (id, kind) => {
    const [resource = "", ...rest] = id.split(".");
    const group = rest.join(".");
    return list.some((e) => {
      const dot = e.indexOf(".");
      const name = dot < 0 ? e : e.slice(0, dot);
      const g = dot < 0 ? void 0 : e.slice(dot + 1);
      if (g !== void 0 && g !== group && !(g === "core" && group === "")) return false;
      return name === resource || name === kind.toLowerCase();
    });
  };
}

export {
  TOLERANCE_FORM,
  parseTolerance,
  formatTolerance,
  compareCounts,
  kindIgnorer
};
