import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  checkSkew,
  compareVersions,
  parseVersion
} from "./chunk-2HG6AMBK.js";

// src/nodes/plan.ts
function parseMaxUnavailable(text) {
  const m = /^(\d+)(%?)$/.exec(text.trim());
  if (!m || Number(m[1]) === 0 || m[2] && Number(m[1]) > 100) return void 0;
  return m[2] ? { percent: Number(m[1]) } : { count: Number(m[1]) };
}
function batchSize(max, workers) {
  if ("count" in max) return max.count;
  return Math.max(1, Math.floor(workers * max.percent / 100));
}
function buildPlan(apiserverVersion, target, nodes, maxUnavailable) {
  const skew = checkSkew(apiserverVersion, target, nodes);
  const t = parseVersion(target);
  const api = parseVersion(apiserverVersion);
  const atTarget = (n) => {
    const v = parseVersion(n.kubeletVersion);
    return !!v && !!t && compareVersions(v, t) >= 0 && !n.inProgress;
  };
  const sorted = [...nodes].sort(
    (a, b) => Number(!!b.gone) - Number(!!a.gone) || a.name.localeCompare(b.name)
  );
  const upToDate = sorted.filter(atTarget).map((n) => n.name);
  const cpPending = sorted.filter((n) => n.controlPlane && !atTarget(n));
  const workerPending = sorted.filter((n) => !n.controlPlane && !atTarget(n));
  const controlPlaneDone = !!t && !!api && compareVersions(api, t) >= 0;
  const controlPlane = cpPending.map((n, i) => ({
    batch: `control-plane-${i + 1}`,
    node: n.name,
    role: "control-plane",
    kubeadm: i === 0 && !controlPlaneDone ? "apply" : "node"
  }));
  if (cpPending.length === 0 && !controlPlaneDone && workerPending.length) {
    skew.errors.push(
      `the API server reports ${apiserverVersion} but no control-plane node is below ${target}: upgrade the control plane before the workers (kubelets must never be newer than the API server)`
    );
  }
  const size = batchSize(maxUnavailable, sorted.filter((n) => !n.controlPlane).length);
  const workers = [];
  for (let i = 0; i < workerPending.length; i += size) {
    workers.push({
      batch: `workers-${workers.length + 1}`,
      node: workerPending.slice(i, i + size).map((n) => n.name).join(","),
      role: "worker",
      kubeadm: "node"
    });
  }
  return { target, errors: skew.errors, notes: skew.notes, controlPlane, workers, upToDate };
}

export {
  parseMaxUnavailable,
  buildPlan
};
