/**
 * `uncordon`: make drained nodes schedulable again, but only those kubekeep
 * cordoned: a node an operator cordoned beforehand stays cordoned unless
 * `force` says otherwise.
 */
import { apiFailure } from "../cluster/api-failure.ts";
import { defineCapability } from "../config/capability.ts";
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "../cluster/config.ts";
import { connect } from "../cluster/connect.ts";
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs } from "../config/schema.ts";
import { newReport } from "../report/report.ts";
import { nodeInput, parseNodes } from "./config.ts";
import { uncordon as uncordonNode } from "./cordon.ts";

export interface UncordonConfig {
  cluster: ClusterConfig;
  nodes: string[];
  force: boolean;
}

export const uncordonInputs = {
  ...clusterInputs,
  ...nodeInput,
  force: input.boolean({ description: "Uncordon even nodes kubekeep did not cordon.", default: false }),
};

export const uncordon = defineCapability<UncordonConfig>({
  name: "uncordon",
  summary: "make nodes schedulable again (only those kubekeep cordoned, unless forced)",
  description:
    "Make nodes schedulable again, only those kubekeep cordoned (a node cordoned by someone else before the drain stays cordoned unless force is set).",
  inputs: uncordonInputs,
  outputs: {
    uncordoned: "Comma-separated nodes now schedulable",
    "left-cordoned": "Comma-separated nodes left cordoned because someone else cordoned them before kubekeep",
  },
  positional: "node",
  parse: (src: InputSource) => ({
    cluster: parseClusterConfig(src),
    nodes: parseNodes(src),
    force: readInputs(uncordonInputs, src).force,
  }),
  async run(config, { logger }) {
    const { client, cleanup } = await connect(config.cluster, logger);
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
    } finally {
      cleanup();
    }
  },
});
