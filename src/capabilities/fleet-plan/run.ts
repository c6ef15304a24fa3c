/** fleet-plan's run: read the inventory, select and order, page the matrix, tabulate. */
import type { Result, RunContext } from "../../config/capability.ts";
import { readInventory } from "../../fleet/inventory.ts";
import { GITHUB_MATRIX_LIMIT, MAX_PAGES, matrixJson, planFleet } from "../../fleet/plan.ts";
import { newReport } from "../../report/report.ts";
import type { PlanConfig } from "./config.ts";

export function run(config: PlanConfig, { logger }: RunContext): Promise<Result> {
  return Promise.resolve().then(() => plan(config, logger));
}

function plan(config: PlanConfig, logger: RunContext["logger"]): Result {
  const inventory = readInventory(config.inventory);
  const plan = planFleet(inventory, config);
  logger.info(
    `${plan.entries.length} of ${inventory.clusters.length} clusters selected${config.selector ? ` by ${config.selector.text}` : ""}, in ${plan.pages.length} page(s)`,
  );
  if (plan.entries.length === 0)
    logger.warning(
      "the selector picks no cluster: a job with an empty matrix fails, so guard it with if: needs.<plan>.outputs.count > 0",
    );
  const report = newReport("Fleet plan");
  report.facts.push(
    ["Inventory", inventory.file],
    ["Selector", config.selector?.text ?? "(every cluster)"],
    ["Clusters", `${plan.entries.length} of ${inventory.clusters.length}`],
    [
      "Pages",
      `${plan.pages.length} (at most ${config.pageSize} clusters each; GitHub's limit is ${GITHUB_MATRIX_LIMIT} jobs)`,
    ],
  );
  if (plan.waves.length) report.facts.push(["Waves", plan.waves.join(" → ")]);
  report.tables.push({
    header: ["cluster", "kind", "wave", "access", "snapshots", "export"],
    rows: plan.entries.map((e) => [
      e.name,
      e.kind,
      e.wave || "-",
      e["kubeconfig-secret"]
        ? `secret ${e["kubeconfig-secret"]}`
        : `eks ${e["eks-cluster"]} (${e["eks-region"]})`,
      e.snapshots ? `s3://${e["s3-bucket"]}/${e["s3-prefix"]}${e["cluster-name"]}/` : "-",
      e.export ? `${e["export-path"]}${e["export-branch"] ? ` on ${e["export-branch"]}` : ""}` : "-",
    ]),
  });
  const outputs: Result["outputs"] = {
    matrix: matrixJson(plan.pages[0]),
    pages: plan.pages.length,
    count: plan.entries.length,
    clusters: JSON.stringify(plan.entries.map((e) => e.name)),
    waves: JSON.stringify(plan.waves),
  };
  for (let p = 2; p <= MAX_PAGES; p++) outputs[`matrix-${p}`] = matrixJson(plan.pages[p - 1]);
  return { outputs, report };
}
