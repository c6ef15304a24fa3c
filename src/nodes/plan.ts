/**
 * The rolling-upgrade plan: which nodes to upgrade, in which order and in
 * which batches, as GitHub Actions matrices. Control-plane nodes go first,
 * one at a time (the first runs `kubeadm upgrade apply`, the rest
 * `kubeadm upgrade node`), then workers in batches of `max-unavailable`, in
 * name order after any gone node whose replacement is unfinished. Nodes
 * already at the target are left out. Pure.
 */
import { checkSkew } from "./version.ts";
import { compareVersions, parseVersion } from "./version.ts";

export interface PlanNode {
  name: string;
  controlPlane: boolean;
  kubeletVersion: string;
  /** kubekeep started on this node for the target and did not finish (resume it even at the target version). */
  inProgress?: boolean;
  /**
   * executor replace: the Node is gone but its replacement is unfinished
   * (its record says so). Planned first, in progress: its job resumes it,
   * and every later node's job refuses until it is finished.
   */
  gone?: boolean;
}

export type MaxUnavailable = { count: number } | { percent: number };

export interface MatrixEntry {
  /** A readable job name: control-plane-1, workers-3. */
  batch: string;
  /** Comma-separated node names, the upgrade-node action's `node` input. */
  node: string;
  role: "control-plane" | "worker";
  kubeadm: "apply" | "node";
}

export interface UpgradePlan {
  target: string;
  errors: string[];
  notes: string[];
  controlPlane: MatrixEntry[];
  workers: MatrixEntry[];
  upToDate: string[];
}

export function parseMaxUnavailable(text: string): MaxUnavailable | undefined {
  const m = /^(\d+)(%?)$/.exec(text.trim());
  if (!m || Number(m[1]) === 0 || (m[2] && Number(m[1]) > 100)) return undefined;
  return m[2] ? { percent: Number(m[1]) } : { count: Number(m[1]) };
}

export function batchSize(max: MaxUnavailable, workers: number): number {
  if ("count" in max) return max.count;
  return Math.max(1, Math.floor((workers * max.percent) / 100));
}

export function buildPlan(
  apiserverVersion: string,
  target: string,
  nodes: PlanNode[],
  maxUnavailable: MaxUnavailable,
): UpgradePlan {
  const skew = checkSkew(apiserverVersion, target, nodes);
  const t = parseVersion(target);
  const api = parseVersion(apiserverVersion);
  const atTarget = (n: PlanNode) => {
    const v = parseVersion(n.kubeletVersion);
    return !!v && !!t && compareVersions(v, t) >= 0 && !n.inProgress;
  };
  const sorted = [...nodes].sort(
    (a, b) => Number(!!b.gone) - Number(!!a.gone) || a.name.localeCompare(b.name),
  );
  const upToDate = sorted.filter(atTarget).map((n) => n.name);
  const cpPending = sorted.filter((n) => n.controlPlane && !atTarget(n));
  const workerPending = sorted.filter((n) => !n.controlPlane && !atTarget(n));
  // The control plane itself is upgraded by the first `apply`; once the API
  // server reports the target, every node only needs `kubeadm upgrade node`.
  const controlPlaneDone = !!t && !!api && compareVersions(api, t) >= 0;
  const controlPlane: MatrixEntry[] = cpPending.map((n, i) => ({
    batch: `control-plane-${i + 1}`,
    node: n.name,
    role: "control-plane",
    kubeadm: i === 0 && !controlPlaneDone ? "apply" : "node",
  }));
  if (cpPending.length === 0 && !controlPlaneDone && workerPending.length) {
    skew.errors.push(
      `the API server reports ${apiserverVersion} but no control-plane node is below ${target}: upgrade the control plane before the workers (kubelets must never be newer than the API server)`,
    );
  }
  const size = batchSize(maxUnavailable, sorted.filter((n) => !n.controlPlane).length);
  const workers: MatrixEntry[] = [];
  for (let i = 0; i < workerPending.length; i += size) {
    workers.push({
      batch: `workers-${workers.length + 1}`,
      node: workerPending
        .slice(i, i + size)
        .map((n) => n.name)
        .join(","),
      role: "worker",
      kubeadm: "node",
    });
  }
  return { target, errors: skew.errors, notes: skew.notes, controlPlane, workers, upToDate };
}
