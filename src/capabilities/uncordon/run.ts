/** uncordon's run: each node in turn, by nodes/cordon.ts's rule (only what kubekeep cordoned, unless forced). */
import { apiFailure } from "../../cluster/api-failure.ts";
import { withCluster } from "../../cluster/connect.ts";
import type { Result, RunContext } from "../../config/capability.ts";
import { uncordon as uncordonNode } from "../../nodes/cordon.ts";
import { newReport } from "../../report/report.ts";
import type { UncordonConfig } from "./config.ts";

export function run(config: UncordonConfig, { logger }: RunContext): Promise<Result> {
  return withCluster(config.cluster, logger, async (client) => {
    try {
      const report = newReport("Uncordon");
      const rows: string[][] = [];
      const done: string[] = [];
      const left: string[] = [];
      for (const node of config.nodes) {
        const outcome = await uncordonNode(client, node, config.force);
        const text = {
          uncordoned: "uncordoned",
          "left-cordoned": "left cordoned: cordoned by someone else before kubekeep (use force)",
          "was-schedulable": "already schedulable",
        }[outcome];
        logger.info(`${node}: ${text}`);
        rows.push([node, text]);
        if (outcome === "left-cordoned") left.push(node);
        else done.push(node);
      }
      report.tables.push({ header: ["node", "result"], rows });
      return { outputs: { uncordoned: done.join(","), "left-cordoned": left.join(",") }, report };
    } catch (err) {
      throw apiFailure(err, `uncordon of ${config.nodes.join(", ")}`);
    }
  });
}
