import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  readProgress
} from "./chunk-GDKZTHF5.js";
import {
  describeRefusals,
  evictPod,
  selectPods
} from "./chunk-RQMUIBYA.js";
import {
  checkSkew,
  compareVersions,
  filterInputs,
  parseFilters,
  parseTarget,
  parseVersion,
  targetInput
} from "./chunk-N75ZUTL4.js";
import "./chunk-C5YG47NS.js";
import "./chunk-UU4DZNBE.js";
import "./chunk-FK3ILC2B.js";
import {
  clusterInputs,
  parseClusterConfig
} from "./chunk-MHHRM6JR.js";
import "./chunk-RFV4WAL7.js";
import "./chunk-XVJD3LXS.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-DSRMQBMC.js";
import {
  isControlPlane,
  isNodeReady,
  podKey,
  selects
} from "./chunk-VVID3JDB.js";
import {
  connect
} from "./chunk-RGWNLHOT.js";
import "./chunk-KNDO3OP3.js";
import {
  CapabilityFailure,
  defineCapability
} from "./chunk-7GSFTKQ3.js";
import {
  input,
  readInputs
} from "./chunk-3J7THEQH.js";
import "./chunk-SYXBBJIO.js";
import {
  quantityBytes
} from "./chunk-T4ZVIX6G.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  badInput
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

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
  const sorted = [...nodes].sort((a, b) => a.name.localeCompare(b.name));
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

// src/nodes/preflight.ts
function cpuMillis(q) {
  if (!q) return 0;
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(q);
  if (!m) return 0;
  return m[2] ? Number(m[1]) : Number(m[1]) * 1e3;
}
function memBytes(q) {
  return quantityBytes(q ?? "") ?? 0;
}
function requests(pod) {
  let cpu = 0;
  let mem = 0;
  for (const c of pod.spec?.containers ?? []) {
    cpu += cpuMillis(c.resources?.requests?.cpu);
    mem += memBytes(c.resources?.requests?.memory);
  }
  return { cpu, mem };
}
var hardTainted = (n) => (n.spec?.taints ?? []).some((t) => t.effect === "NoSchedule" || t.effect === "NoExecute");
var active = (p) => p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed";
async function preflight(client, batches, options, dryRunLimit = 200) {
  const [nodes, pods, pdbs, daemonSets] = await Promise.all([
    client.get("/api/v1/nodes"),
    client.get("/api/v1/pods"),
    client.get("/apis/policy/v1/poddisruptionbudgets"),
    client.get("/apis/apps/v1/daemonsets")
  ]);
  const dsKeys = new Set(daemonSets.items.map((d) => `${d.metadata.namespace}/${d.metadata.name}`));
  const out = [];
  for (const b of batches) {
    const names = b.node.split(",");
    const onBatch = pods.items.filter((p) => names.includes(p.spec?.nodeName ?? ""));
    const sel = selectPods(onBatch, options, (ns, name) => dsKeys.has(`${ns}/${name}`));
    const problems = [];
    const waits = [];
    if (sel.refused.length) problems.push(describeRefusals(sel.refused));
    for (const pdb of pdbs.items) {
      const ns = pdb.metadata.namespace;
      const held = sel.evict.filter(
        (p) => p.metadata.namespace === ns && selects(pdb.spec?.selector, p.metadata.labels)
      );
      if (!held.length) continue;
      const s = pdb.status ?? {};
      const key = `${ns}/${pdb.metadata.name}`;
      if ((s.disruptionsAllowed ?? 0) > 0) continue;
      if ((s.currentHealthy ?? 0) >= (s.expectedPods ?? 0)) {
        problems.push(
          `PodDisruptionBudget ${key} allows no disruption even with all ${s.expectedPods ?? 0} pods healthy (needs ${s.desiredHealthy ?? "?"}); it blocks ${held.map(podKey).join(", ")}`
        );
      } else {
        waits.push(
          `PodDisruptionBudget ${key} has ${s.currentHealthy ?? 0} of ${s.desiredHealthy ?? "?"} required healthy pods now`
        );
      }
    }
    const others = nodes.items.filter(
      (n) => !names.includes(n.metadata.name) && !n.spec?.unschedulable && isNodeReady(n) && !hardTainted(n)
    );
    const free = { cpu: 0, mem: 0, pods: 0 };
    for (const n of others) {
      const a = n.status?.allocatable ?? {};
      const used = pods.items.filter((p) => p.spec?.nodeName === n.metadata.name && active(p));
      free.cpu += cpuMillis(a.cpu) - used.reduce((s, p) => s + requests(p).cpu, 0);
      free.mem += memBytes(a.memory) - used.reduce((s, p) => s + requests(p).mem, 0);
      free.pods += Number(a.pods ?? 110) - used.length;
    }
    const need = sel.evict.reduce(
      (s, p) => ({ cpu: s.cpu + requests(p).cpu, mem: s.mem + requests(p).mem }),
      { cpu: 0, mem: 0 }
    );
    if (sel.evict.length > free.pods)
      problems.push(
        `only room for ${Math.max(0, free.pods)} more pods on the other schedulable nodes; ${sel.evict.length} would be evicted`
      );
    if (need.cpu > free.cpu)
      problems.push(
        `evicted pods request ${need.cpu}m CPU; the other schedulable nodes have ${Math.max(0, free.cpu)}m free`
      );
    if (need.mem > free.mem)
      problems.push(
        `evicted pods request ${Math.round(need.mem / 2 ** 20)}Mi memory; the other schedulable nodes have ${Math.round(Math.max(0, free.mem) / 2 ** 20)}Mi free`
      );
    const refusedNow = /* @__PURE__ */ new Set();
    await Promise.all(
      sel.evict.slice(0, dryRunLimit).map(async (p) => {
        const r = await evictPod(client, p, { deadline: 0, dryRun: true });
        if (r.kind === "blocked") refusedNow.add(`${podKey(p)} (${r.budgets.join(", ") || "budget"})`);
      })
    );
    if (refusedNow.size) waits.push(`dry-run eviction refused now for ${[...refusedNow].join(", ")}`);
    out.push({
      batch: b.batch,
      node: b.node,
      pods: sel.evict.length,
      ok: problems.length === 0,
      problems,
      waits
    });
  }
  return out;
}

// src/nodes/plan-capability.ts
var planInputs = {
  ...clusterInputs,
  ...targetInput,
  "max-unavailable": input.string({
    description: "Workers upgraded at once: a count (1) or a percentage of the workers (25%).",
    default: "1"
  }),
  preflight: input.boolean({
    description: "Check each batch can drain: kubectl filters, PodDisruptionBudgets, spare capacity, server-side dry-run evictions. A batch that cannot drain fails the plan.",
    default: true
  }),
  ...filterInputs
};
function parsePlanConfig(src) {
  const v = readInputs(planInputs, src);
  const mu = v["max-unavailable"];
  const maxUnavailable = parseMaxUnavailable(mu);
  if (!maxUnavailable)
    throw badInput(
      "max-unavailable",
      mu,
      "a count of nodes (1, 2, ...) or a percentage of the workers (25%)"
    );
  return {
    cluster: parseClusterConfig(src),
    target: parseTarget(src),
    maxUnavailable,
    preflight: v.preflight,
    filters: parseFilters(src)
  };
}
var matrix = (entries) => JSON.stringify({ include: entries });
var upgradePlan = defineCapability({
  name: "upgrade-plan",
  summary: "check version skew for a target version and plan the rolling upgrade as job matrices, with a drain preflight",
  description: "Check the version skew policy for a target version (one minor at a time for the control plane, no kubelet newer than the API server, no downgrades) and output the rolling-upgrade job matrices, control plane first, with a drain preflight per batch.",
  inputs: planInputs,
  outputs: {
    "target-version": "The normalized target version",
    matrix: "JSON matrix ({include:[{batch,node,role,kubeadm}]}) of every batch, control plane first",
    "control-plane-matrix": "JSON matrix of the control-plane nodes, one per entry; the first runs kubeadm upgrade apply",
    "worker-matrix": "JSON matrix of the worker batches",
    "has-control-plane-work": "true when some control-plane node needs the upgrade",
    "has-worker-work": "true when some worker needs the upgrade",
    "up-to-date": "Comma-separated nodes already at the target",
    preflight: "JSON list of per-batch preflight results {batch,node,pods,ok,problems,waits}"
  },
  parse: parsePlanConfig,
  async run(config, { logger }) {
    const { client, cleanup } = await connect(config.cluster, logger);
    try {
      const version = await client.serverVersion();
      const nodes = (await client.get("/api/v1/nodes")).items;
      const plan = buildPlan(
        version.gitVersion,
        config.target,
        nodes.map((n) => ({
          name: n.metadata.name,
          controlPlane: isControlPlane(n),
          kubeletVersion: n.status?.nodeInfo?.kubeletVersion ?? "unknown",
          inProgress: ((p) => p?.target === config.target && p.phase !== "done")(readProgress(n))
        })),
        config.maxUnavailable
      );
      const batches = [...plan.controlPlane, ...plan.workers];
      let checks = [];
      if (config.preflight && batches.length) {
        checks = await logger.group("drain preflight", () => preflight(client, batches, config.filters));
        for (const c of checks) {
          logger.info(
            `${c.batch} (${c.node}): ${c.pods} pods to evict; ${c.ok ? "can drain" : c.problems.join("; ")}`
          );
          for (const w of c.waits) logger.info(`  ${w}`);
        }
      }
      const report = newReport(`Upgrade plan to ${plan.target}`);
      report.facts.push(
        ["API server", version.gitVersion],
        ["Target", plan.target],
        ["Control-plane jobs", String(plan.controlPlane.length)],
        ["Worker batches", String(plan.workers.length)],
        ["Already at target", plan.upToDate.join(", ") || "none"]
      );
      const byBatch = new Map(checks.map((c) => [c.batch, c]));
      report.tables.push({
        header: ["batch", "nodes", "kubeadm", "kubelet now", "pods to evict", "preflight"],
        rows: batches.map((b) => {
          const c = byBatch.get(b.batch);
          return [
            b.batch,
            b.node,
            `upgrade ${b.kubeadm}`,
            b.node.split(",").map((n) => nodes.find((x) => x.metadata.name === n)?.status?.nodeInfo?.kubeletVersion ?? "?").join(", "),
            c ? String(c.pods) : "",
            c ? c.ok ? "ok" + (c.waits.length ? ` (${c.waits.join("; ")})` : "") : `BLOCKED: ${c.problems.join("; ")}` : ""
          ];
        })
      });
      report.notes.push(...plan.notes, ...plan.errors.map((e) => `version skew: ${e}`));
      const notReady = nodes.filter((n) => !isNodeReady(n)).map((n) => n.metadata.name);
      if (notReady.length) report.notes.push(`nodes not Ready now: ${notReady.join(", ")}`);
      const blocked = checks.filter((c) => !c.ok);
      const result = {
        outputs: {
          "target-version": plan.target,
          matrix: matrix(batches),
          "control-plane-matrix": matrix(plan.controlPlane),
          "worker-matrix": matrix(plan.workers),
          "has-control-plane-work": plan.controlPlane.length > 0,
          "has-worker-work": plan.workers.length > 0,
          "up-to-date": plan.upToDate.join(","),
          preflight: JSON.stringify(checks)
        },
        report
      };
      if (plan.errors.length)
        throw new CapabilityFailure(
          `the upgrade to ${plan.target} breaks the version skew policy:
- ${plan.errors.join("\n- ")}`,
          result
        );
      if (blocked.length) {
        throw new CapabilityFailure(
          `drain preflight: ${blocked.map((c) => `${c.batch} (${c.node}): ${c.problems.join("; ")}`).join("\n")}`,
          result
        );
      }
      return result;
    } finally {
      cleanup();
    }
  }
});
export {
  parsePlanConfig,
  planInputs,
  upgradePlan
};
