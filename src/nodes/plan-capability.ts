/**
 * `upgrade-plan`: reads the nodes, checks the version skew policy for the
 * target, and writes the matrices the upgrade jobs run (control plane first,
 * then worker batches), with a drain preflight per batch.
 */
import { CapabilityFailure, defineCapability } from "../config/capability.ts";
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "../cluster/config.ts";
import { connect } from "../cluster/connect.ts";
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs } from "../config/schema.ts";
import { badInput } from "../core/errors.ts";
import { newReport } from "../report/report.ts";
import { filterInputs, parseFilters, parseTarget, targetInput } from "./config.ts";
import type { FilterOptions } from "./pods-to-evict.ts";
import { buildPlan, parseMaxUnavailable, type MatrixEntry, type MaxUnavailable } from "./plan.ts";
import { readProgress } from "./progress.ts";
import { preflight, type BatchPreflight } from "./preflight.ts";
import { isControlPlane, isNodeReady, type List, type Node } from "./types.ts";

export interface PlanConfig {
  cluster: ClusterConfig;
  target: string;
  maxUnavailable: MaxUnavailable;
  preflight: boolean;
  filters: FilterOptions;
}

export const planInputs = {
  ...clusterInputs,
  ...targetInput,
  "max-unavailable": input.string({
    description: "Workers upgraded at once: a count (1) or a percentage of the workers (25%).",
    default: "1",
  }),
  preflight: input.boolean({
    description:
      "Check each batch can drain: kubectl filters, PodDisruptionBudgets, spare capacity, server-side dry-run evictions. A batch that cannot drain fails the plan.",
    default: true,
  }),
  ...filterInputs,
};

export function parsePlanConfig(src: InputSource): PlanConfig {
  const v = readInputs(planInputs, src);
  const mu = v["max-unavailable"];
  const maxUnavailable = parseMaxUnavailable(mu);
  if (!maxUnavailable)
    throw badInput(
      "max-unavailable",
      mu,
      "a count of nodes (1, 2, ...) or a percentage of the workers (25%)",
    );
  return {
    cluster: parseClusterConfig(src),
    target: parseTarget(src),
    maxUnavailable,
    preflight: v.preflight,
    filters: parseFilters(src),
  };
}

const matrix = (entries: MatrixEntry[]) => JSON.stringify({ include: entries });

export const upgradePlan = defineCapability<PlanConfig>({
  name: "upgrade-plan",
  summary:
    "check version skew for a target version and plan the rolling upgrade as job matrices, with a drain preflight",
  description:
    "Check the version skew policy for a target version (one minor at a time for the control plane, no kubelet newer than the API server, no downgrades) and output the rolling-upgrade job matrices, control plane first, with a drain preflight per batch.",
  inputs: planInputs,
  outputs: {
    "target-version": "The normalized target version",
    matrix: "JSON matrix ({include:[{batch,node,role,kubeadm}]}) of every batch, control plane first",
    "control-plane-matrix":
      "JSON matrix of the control-plane nodes, one per entry; the first runs kubeadm upgrade apply",
    "worker-matrix": "JSON matrix of the worker batches",
    "has-control-plane-work": "true when some control-plane node needs the upgrade",
    "has-worker-work": "true when some worker needs the upgrade",
    "up-to-date": "Comma-separated nodes already at the target",
    preflight: "JSON list of per-batch preflight results {batch,node,pods,ok,problems,waits}",
  },
  parse: parsePlanConfig,
  async run(config, { logger }) {
    const { client, cleanup } = await connect(config.cluster, logger);
    try {
      const version = await client.serverVersion();
      const nodes = (await client.get<List<Node>>("/api/v1/nodes")).items;
      const plan = buildPlan(
        version.gitVersion,
        config.target,
        nodes.map((n) => ({
          name: n.metadata.name,
          controlPlane: isControlPlane(n),
          kubeletVersion: n.status?.nodeInfo?.kubeletVersion ?? "unknown",
          inProgress: ((p) => p?.target === config.target && p.phase !== "done")(readProgress(n)),
        })),
        config.maxUnavailable,
      );
      const batches = [...plan.controlPlane, ...plan.workers];
      let checks: BatchPreflight[] = [];
      if (config.preflight && batches.length) {
        checks = await logger.group("drain preflight", () => preflight(client, batches, config.filters));
        for (const c of checks) {
          logger.info(
            `${c.batch} (${c.node}): ${c.pods} pods to evict; ${c.ok ? "can drain" : c.problems.join("; ")}`,
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
        ["Already at target", plan.upToDate.join(", ") || "none"],
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
            b.node
              .split(",")
              .map((n) => nodes.find((x) => x.metadata.name === n)?.status?.nodeInfo?.kubeletVersion ?? "?")
              .join(", "),
            c ? String(c.pods) : "",
            c
              ? c.ok
                ? "ok" + (c.waits.length ? ` (${c.waits.join("; ")})` : "")
                : `BLOCKED: ${c.problems.join("; ")}`
              : "",
          ];
        }),
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
          preflight: JSON.stringify(checks),
        },
        report,
      };
      if (plan.errors.length)
        throw new CapabilityFailure(
          `the upgrade to ${plan.target} breaks the version skew policy:\n- ${plan.errors.join("\n- ")}`,
          result,
        );
      if (blocked.length) {
        throw new CapabilityFailure(
          `drain preflight: ${blocked.map((c) => `${c.batch} (${c.node}): ${c.problems.join("; ")}`).join("\n")}`,
          result,
        );
      }
      return result;
    } finally {
      cleanup();
    }
  },
});
