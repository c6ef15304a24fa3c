/**
 * Before any node is touched: can each batch be drained at all? For each
 * batch, the pods that would be evicted are checked against kubectl's
 * filters, against PodDisruptionBudgets (one that allows no disruption even
 * with every pod healthy will never let the drain finish), against the spare
 * capacity left on the other schedulable nodes, and by a server-side dry-run
 * eviction of each pod.
 */
import type { KubeClient } from "../cluster/client.ts";
import { evictPod } from "./evict.ts";
import type { FilterOptions } from "./pods-to-evict.ts";
import { quantityBytes } from "../core/units.ts";
import { describeRefusals, selectPods } from "./pods-to-evict.ts";
import {
  isNodeReady,
  podKey,
  selects,
  type List,
  type Node,
  type Pod,
  type PodDisruptionBudget,
} from "./types.ts";

export interface BatchPreflight {
  batch: string;
  node: string;
  pods: number;
  ok: boolean;
  problems: string[];
  /** Transient: budgets short of healthy pods now, which a drain would wait for. */
  waits: string[];
}

export function cpuMillis(q: string | undefined): number {
  if (!q) return 0;
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(q);
  if (!m) return 0;
  return m[2] ? Number(m[1]) : Number(m[1]) * 1000;
}

/** A memory quantity in bytes; 0 when absent or not a quantity (as the scheduler treats it). */
export function memBytes(q: string | undefined): number {
  return quantityBytes(q ?? "") ?? 0;
}

function requests(pod: Pod): { cpu: number; mem: number } {
  let cpu = 0;
  let mem = 0;
  for (const c of pod.spec?.containers ?? []) {
    cpu += cpuMillis(c.resources?.requests?.cpu);
    mem += memBytes(c.resources?.requests?.memory);
  }
  return { cpu, mem };
}

const hardTainted = (n: Node) =>
  (n.spec?.taints ?? []).some((t) => t.effect === "NoSchedule" || t.effect === "NoExecute");

const active = (p: Pod) => p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed";

export async function preflight(
  client: KubeClient,
  batches: { batch: string; node: string }[],
  options: FilterOptions,
  dryRunLimit = 200,
): Promise<BatchPreflight[]> {
  const [nodes, pods, pdbs, daemonSets] = await Promise.all([
    client.get<List<Node>>("/api/v1/nodes"),
    client.get<List<Pod>>("/api/v1/pods"),
    client.get<List<PodDisruptionBudget>>("/apis/policy/v1/poddisruptionbudgets"),
    client.get<List<{ metadata: { name: string; namespace?: string } }>>("/apis/apps/v1/daemonsets"),
  ]);
  const dsKeys = new Set(daemonSets.items.map((d) => `${d.metadata.namespace}/${d.metadata.name}`));
  const out: BatchPreflight[] = [];
  for (const b of batches) {
    const names = b.node.split(",");
    const onBatch = pods.items.filter((p) => names.includes(p.spec?.nodeName ?? ""));
    const sel = selectPods(onBatch, options, (ns, name) => dsKeys.has(`${ns}/${name}`));
    const problems: string[] = [];
    const waits: string[] = [];
    if (sel.refused.length) problems.push(describeRefusals(sel.refused));

    for (const pdb of pdbs.items) {
      const ns = pdb.metadata.namespace;
      const held = sel.evict.filter(
        (p) => p.metadata.namespace === ns && selects(pdb.spec?.selector, p.metadata.labels),
      );
      if (!held.length) continue;
      const s = pdb.status ?? {};
      const key = `${ns}/${pdb.metadata.name}`;
      if ((s.disruptionsAllowed ?? 0) > 0) continue;
      if ((s.currentHealthy ?? 0) >= (s.expectedPods ?? 0)) {
        problems.push(
          `PodDisruptionBudget ${key} allows no disruption even with all ${s.expectedPods ?? 0} pods healthy (needs ${s.desiredHealthy ?? "?"}); it blocks ${held.map(podKey).join(", ")}`,
        );
      } else {
        waits.push(
          `PodDisruptionBudget ${key} has ${s.currentHealthy ?? 0} of ${s.desiredHealthy ?? "?"} required healthy pods now`,
        );
      }
    }

    // Spare capacity on the nodes that stay schedulable.
    const others = nodes.items.filter(
      (n) => !names.includes(n.metadata.name) && !n.spec?.unschedulable && isNodeReady(n) && !hardTainted(n),
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
      { cpu: 0, mem: 0 },
    );
    if (sel.evict.length > free.pods)
      problems.push(
        `only room for ${Math.max(0, free.pods)} more pods on the other schedulable nodes; ${sel.evict.length} would be evicted`,
      );
    if (need.cpu > free.cpu)
      problems.push(
        `evicted pods request ${need.cpu}m CPU; the other schedulable nodes have ${Math.max(0, free.cpu)}m free`,
      );
    if (need.mem > free.mem)
      problems.push(
        `evicted pods request ${Math.round(need.mem / 2 ** 20)}Mi memory; the other schedulable nodes have ${Math.round(Math.max(0, free.mem) / 2 ** 20)}Mi free`,
      );

    // Server-side dry-run evictions: the API server's own answer for each pod now.
    const refusedNow = new Set<string>();
    await Promise.all(
      sel.evict.slice(0, dryRunLimit).map(async (p) => {
        const r = await evictPod(client, p, { deadline: 0, dryRun: true });
        if (r.kind === "blocked") refusedNow.add(`${podKey(p)} (${r.budgets.join(", ") || "budget"})`);
      }),
    );
    if (refusedNow.size) waits.push(`dry-run eviction refused now for ${[...refusedNow].join(", ")}`);
    out.push({
      batch: b.batch,
      node: b.node,
      pods: sel.evict.length,
      ok: problems.length === 0,
      problems,
      waits,
    });
  }
  return out;
}
