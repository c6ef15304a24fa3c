/** upgrade-plan's run: the nodes read, the plan built, each batch's drain checked; a skew or blocked batch fails it. */
import { withCluster } from "../../cluster/connect.ts";
import { CapabilityFailure, type Result, type RunContext } from "../../config/capability.ts";
import { preflight, type BatchPreflight } from "../../nodes/drain-preflight.ts";
import { buildPlan } from "../../nodes/plan.ts";
import { readProgress } from "../../nodes/progress.ts";
import { isControlPlane, kubeletVersion, type List, type Node } from "../../nodes/types.ts";
import type { PlanConfig } from "./config.ts";
import { planResult } from "./report.ts";

export function run(config: PlanConfig, { logger }: RunContext): Promise<Result> {
  return withCluster(config.cluster, logger, async (client) => {
    const version = await client.serverVersion();
    const nodes = (
      await client.get<List<Node>>(
        "/api/v1/nodes",
        config.nodeSelector ? { labelSelector: config.nodeSelector.text } : undefined,
      )
    ).items;
    const plan = buildPlan(
      version.gitVersion,
      config.target,
      nodes.map((n) => ({
        name: n.metadata.name,
        controlPlane: isControlPlane(n),
        kubeletVersion: kubeletVersion(n),
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
    // Counted over the whole cluster, not node-selector's pool: on a cluster
    // with one control-plane node, upgrading it means draining the last one.
    const all = config.nodeSelector ? (await client.get<List<Node>>("/api/v1/nodes")).items : nodes;
    const singleControlPlane = all.filter(isControlPlane).length === 1;
    const result = planResult(version.gitVersion, plan, nodes, checks, singleControlPlane);
    if (plan.errors.length)
      throw new CapabilityFailure(
        `the upgrade to ${plan.target} breaks the version skew policy:\n- ${plan.errors.join("\n- ")}`,
        result,
      );
    const blocked = checks.filter((c) => !c.ok);
    if (blocked.length) {
      throw new CapabilityFailure(
        `drain preflight: ${blocked.map((c) => `${c.batch} (${c.node}): ${c.problems.join("; ")}`).join("\n")}`,
        result,
      );
    }
    return result;
  });
}
