/** upgrade-plan's run: the nodes read, the plan built, each batch's drain checked; a skew or blocked batch fails it. */
import type { KubeClient } from "../../cluster/client.ts";
import { isApiError } from "../../cluster/client.ts";
import { withCluster } from "../../cluster/connect.ts";
import { CapabilityFailure, type Result, type RunContext } from "../../config/capability.ts";
import { preflight, type BatchPreflight } from "../../nodes/drain-preflight.ts";
import { buildPlan } from "../../nodes/plan.ts";
import { readProgress } from "../../nodes/progress.ts";
import { listRecords, recordName } from "../../nodes/replace/record.ts";
import { errorMessage } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { isControlPlane, kubeletVersion, type List, type Node } from "../../nodes/types.ts";
import type { PlanConfig } from "./config.ts";
import { planResult, type GoneNodes } from "./report.ts";

export function run(config: PlanConfig, { logger }: RunContext): Promise<Result> {
  return withCluster(config.cluster, logger, async (client) => {
    const version = await client.serverVersion();
    const nodes = (
      await client.get<List<Node>>(
        "/api/v1/nodes",
        config.nodeSelector ? { labelSelector: config.nodeSelector.text } : undefined,
      )
    ).items;
    const gone = config.nodeSelector ? await unfinishedGone(client, config, nodes, logger) : { records: [] };
    const plan = buildPlan(
      version.gitVersion,
      config.target,
      [
        ...nodes.map((n) => ({
          name: n.metadata.name,
          controlPlane: isControlPlane(n),
          kubeletVersion: kubeletVersion(n),
          inProgress: ((p) => p?.target === config.target && p.phase !== "done")(readProgress(n)),
        })),
        ...gone.records.map((r) => ({
          name: r.node,
          controlPlane: false,
          kubeletVersion: r.from,
          inProgress: true,
          gone: true,
        })),
      ],
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
    const result = planResult(version.gitVersion, plan, nodes, checks, gone);
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

/**
 * executor replace's records of this pool and target whose Node is gone and
 * whose replacement is unfinished: upgrade-node refuses every other node of
 * the pool until they are finished, so the plan lists them (first). Read
 * best-effort: without the permission the plan says it could not look.
 */
async function unfinishedGone(
  client: KubeClient,
  config: PlanConfig,
  nodes: Node[],
  logger: Logger,
): Promise<GoneNodes> {
  const selector = config.nodeSelector?.text;
  const ns = config.recordsNamespace;
  try {
    const records = (await listRecords(client, ns)).filter(
      (r) =>
        r.selector === selector &&
        r.target === config.target &&
        r.state !== "done" &&
        !nodes.some((n) => n.metadata.name === r.node),
    );
    for (const r of records)
      logger.warning(
        `${r.node}: its Node is gone and its replacement for ${r.target} is unfinished (${r.state}${r.detail ? `: ${r.detail.slice(0, 200)}` : ""}; ConfigMap ${ns}/${recordName(r.node)}): planned first, its job resumes it`,
      );
    return { records };
  } catch (err) {
    if (!isApiError(err, 403) && !isApiError(err, 404)) throw err;
    const unread = `could not read executor replace's records in namespace ${ns} (${errorMessage(err).slice(0, 200)}): a gone node whose replacement is unfinished is not listed (upgrade-node still refuses the pool until it is finished)`;
    logger.warning(unread);
    return { records: [], unread };
  }
}
