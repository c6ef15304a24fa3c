import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  GITHUB_MATRIX_LIMIT,
  MAX_PAGES,
  matrixJson,
  planFleet,
  readInventory
} from "./chunk-466XM57K.js";
import "./chunk-33ZCRVC7.js";
import "./chunk-FK3ILC2B.js";
import "./chunk-XIQOQISJ.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/fleet-plan/run.ts
function run(config, { logger }) {
  return Promise.resolve().then(() => plan(config, logger));
}
function plan(config, logger) {
  const inventory = readInventory(config.inventory);
  const plan2 = planFleet(inventory, config);
  logger.info(
    `${plan2.entries.length} of ${inventory.clusters.length} clusters selected${config.selector ? ` by ${config.selector.text}` : ""}, in ${plan2.pages.length} page(s)`
  );
  if (plan2.entries.length === 0)
    logger.warning(
      "the selector picks no cluster: a job with an empty matrix fails, so guard it with if: needs.<plan>.outputs.count > 0"
    );
  const report = newReport("Fleet plan");
  report.facts.push(
    ["Inventory", inventory.file],
    ["Selector", config.selector?.text ?? "(every cluster)"],
    ["Clusters", `${plan2.entries.length} of ${inventory.clusters.length}`],
    [
      "Pages",
      `${plan2.pages.length} (at most ${config.pageSize} clusters each; GitHub's limit is ${GITHUB_MATRIX_LIMIT} jobs)`
    ]
  );
  if (plan2.waves.length) report.facts.push(["Waves", plan2.waves.join(" \u2192 ")]);
  report.tables.push({
    header: ["cluster", "kind", "wave", "access", "snapshots", "export"],
    rows: plan2.entries.map((e) => [
      e.name,
      e.kind,
      e.wave || "-",
      e["kubeconfig-secret"] ? `secret ${e["kubeconfig-secret"]}` : `eks ${e["eks-cluster"]} (${e["eks-region"]})`,
      e.snapshots ? `s3://${e["s3-bucket"]}/${e["s3-prefix"]}${e["cluster-name"]}/` : "-",
      e.export ? `${e["export-path"]}${e["export-branch"] ? ` on ${e["export-branch"]}` : ""}` : "-"
    ])
  });
  const outputs = {
    matrix: matrixJson(plan2.pages[0]),
    pages: plan2.pages.length,
    count: plan2.entries.length,
    clusters: JSON.stringify(plan2.entries.map((e) => e.name)),
    waves: JSON.stringify(plan2.waves)
  };
  for (let p = 2; p <= MAX_PAGES; p++) outputs[`matrix-${p}`] = matrixJson(plan2.pages[p - 1]);
  return { outputs, report };
}
export {
  run
};
