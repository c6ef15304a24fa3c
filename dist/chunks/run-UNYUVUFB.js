import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  buildPlan
} from "./chunk-DLGH5XU5.js";
import {
  listRecords,
  recordName
} from "./chunk-UZYVQUF2.js";
import {
  describeRefusals,
  evictPod,
  selectPods
} from "./chunk-MUG56ED2.js";
import {
  readProgress
} from "./chunk-FM22E3NN.js";
import "./chunk-2HG6AMBK.js";
import {
  isControlPlane,
  isNodeReady,
  kubeletVersion,
  podKey,
  selects
} from "./chunk-TY2O5Y2Q.js";
import "./chunk-FK3ILC2B.js";
import {
  withCluster
} from "./chunk-AQEUWNRQ.js";
import "./chunk-OB3FCZHL.js";
import {
  isApiError
} from "./chunk-GSHV4ADS.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-XIQOQISJ.js";
import "./chunk-UU4DZNBE.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  CapabilityFailure
} from "./chunk-HRVOOZEE.js";
import "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import {
  quantityBytes
} from "./chunk-KIVRFQJF.js";
import {
  errorMessage
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/nodes/drain-preflight.ts
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

// src/capabilities/upgrade-plan/report.ts
var matrix = (entries) => JSON.stringify({ include: entries });
function planResult(serverVersion, plan, nodes, checks, singleControlPlane, gone = { records: [] }) {
  const batches = [...plan.controlPlane, ...plan.workers];
  const report = newReport(`Upgrade plan to ${plan.target}`);
  report.facts.push(
    ["API server", serverVersion],
    ["Target", plan.target],
    ["Control-plane jobs", String(plan.controlPlane.length)],
    ["Worker batches", String(plan.workers.length)],
    ["Already at target", plan.upToDate.join(", ") || "none"]
  );
  if (singleControlPlane)
    report.facts.push(["Control plane", "one node: its job drains it (allow-draining-last-control-plane)"]);
  const byBatch = new Map(checks.map((c) => [c.batch, c]));
  report.tables.push({
    header: ["batch", "nodes", "kubeadm", "kubelet now", "pods to evict", "preflight"],
    rows: batches.map((b) => {
      const c = byBatch.get(b.batch);
      return [
        b.batch,
        b.node,
        `upgrade ${b.kubeadm}`,
        b.node.split(",").map((n) => {
          const r = gone.records.find((x) => x.node === n);
          if (r)
            return `gone, replacement ${r.state === "failed" ? "FAILED" : "unfinished"} (was ${r.from})`;
          return nodes.find((x) => x.metadata.name === n)?.status?.nodeInfo?.kubeletVersion ?? "?";
        }).join(", "),
        c ? String(c.pods) : "",
        c ? c.ok ? "ok" + (c.waits.length ? ` (${c.waits.join("; ")})` : "") : `BLOCKED: ${c.problems.join("; ")}` : ""
      ];
    })
  });
  report.notes.push(...plan.notes, ...plan.errors.map((e) => `version skew: ${e}`));
  for (const r of gone.records)
    report.notes.push(
      `${r.node}: its Node is gone and its replacement${r.replacement ? ` (${r.replacement})` : ""} is unfinished: ${r.state}${r.detail ? `: ${r.detail.slice(0, 300)}` : ""}. Its job comes first: upgrade-node resumes it (waits for the replacement) or fails again with what happened; no other node of the pool is touched until it is finished`
    );
  if (gone.unread) report.notes.push(gone.unread);
  const notReady = nodes.filter((n) => !isNodeReady(n)).map((n) => n.metadata.name);
  if (notReady.length) report.notes.push(`nodes not Ready now: ${notReady.join(", ")}`);
  return {
    outputs: {
      "target-version": plan.target,
      matrix: matrix(batches),
      "control-plane-matrix": matrix(plan.controlPlane),
      "worker-matrix": matrix(plan.workers),
      "has-control-plane-work": plan.controlPlane.length > 0,
      "has-worker-work": plan.workers.length > 0,
      "single-control-plane": singleControlPlane,
      "up-to-date": plan.upToDate.join(","),
      preflight: JSON.stringify(checks)
    },
    report
  };
}

// src/capabilities/upgrade-plan/run.ts
function run(config, { logger }) {
  return withCluster(config.cluster, logger, async (client) => {
    const version = await client.serverVersion();
    const nodes = (await client.get(
      "/api/v1/nodes",
      config.nodeSelector ? { labelSelector: config.nodeSelector.text } : void 0
    )).items;
    const gone = config.nodeSelector ? await unfinishedGone(client, config, nodes, logger) : { records: [] };
    const plan = buildPlan(
      version.gitVersion,
      config.target,
      [
        ...nodes.map((n) => ({
          name: n.metadata.name,
          controlPlane: isControlPlane(n),
          kubeletVersion: kubeletVersion(n),
          inProgress: ((p) => p?.target === config.target && p.phase !== "done")(readProgress(n))
        })),
        ...gone.records.map((r) => ({
          name: r.node,
          controlPlane: false,
          kubeletVersion: r.from,
          inProgress: true,
          gone: true
        }))
      ],
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
    const all = config.nodeSelector ? (await client.get("/api/v1/nodes")).items : nodes;
    const singleControlPlane = all.filter(isControlPlane).length === 1;
    const result = planResult(version.gitVersion, plan, nodes, checks, singleControlPlane, gone);
    if (plan.errors.length)
      throw new CapabilityFailure(
        `the upgrade to ${plan.target} breaks the version skew policy:
- ${plan.errors.join("\n- ")}`,
        result
      );
    const blocked = checks.filter((c) => !c.ok);
    if (blocked.length) {
      throw new CapabilityFailure(
        `drain preflight: ${blocked.map((c) => `${c.batch} (${c.node}): ${c.problems.join("; ")}`).join("\n")}`,
        result
      );
    }
    return result;
  });
}
async function unfinishedGone(client, config, nodes, logger) {
  const selector = config.nodeSelector?.text;
  const ns = config.recordsNamespace;
  try {
    const records = (await listRecords(client, ns)).filter(
      (r) => r.selector === selector && r.target === config.target && r.state !== "done" && !nodes.some((n) => n.metadata.name === r.node)
    );
    for (const r of records)
      logger.warning(
        `${r.node}: its Node is gone and its replacement for ${r.target} is unfinished (${r.state}${r.detail ? `: ${r.detail.slice(0, 200)}` : ""}; ConfigMap ${ns}/${recordName(r.node)}): planned first, its job resumes it`
      );
    return { records };
  } catch (err) {
    if (!isApiError(err, 403) && !isApiError(err, 404)) throw err;
    const unread = `could not read executor replace's records in namespace ${ns} (${errorMessage(err).slice(0, 200)}): a gone node whose replacement is unfinished is not listed (upgrade-node still refuses the pool until it is finished)`;
    logger.warning(unread);
    return { records: [], unread };
  }
}
export {
  run
};
