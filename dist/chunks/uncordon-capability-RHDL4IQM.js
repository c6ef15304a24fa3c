import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  uncordon
} from "./chunk-LWBPAOXN.js";
import {
  apiFailure,
  nodeInput,
  parseNodes
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
import "./chunk-VVID3JDB.js";
import {
  connect
} from "./chunk-RGWNLHOT.js";
import "./chunk-KNDO3OP3.js";
import {
  defineCapability
} from "./chunk-7GSFTKQ3.js";
import {
  input,
  readInputs
} from "./chunk-3J7THEQH.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-T4ZVIX6G.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/nodes/uncordon-capability.ts
var uncordonInputs = {
  ...clusterInputs,
  ...nodeInput,
  force: input.boolean({ description: "Uncordon even nodes kubekeep did not cordon.", default: false })
};
var uncordon2 = defineCapability({
  name: "uncordon",
  summary: "make nodes schedulable again (only those kubekeep cordoned, unless forced)",
  description: "Make nodes schedulable again, only those kubekeep cordoned (a node cordoned by someone else before the drain stays cordoned unless force is set).",
  inputs: uncordonInputs,
  outputs: {
    uncordoned: "Comma-separated nodes now schedulable",
    "left-cordoned": "Comma-separated nodes left cordoned because someone else cordoned them before kubekeep"
  },
  positional: "node",
  parse: (src) => ({
    cluster: parseClusterConfig(src),
    nodes: parseNodes(src),
    force: readInputs(uncordonInputs, src).force
  }),
  async run(config, { logger }) {
    const { client, cleanup } = await connect(config.cluster, logger);
    try {
      const report = newReport("Uncordon");
      const rows = [];
      const done = [];
      const left = [];
      for (const node of config.nodes) {
        const outcome = await uncordon(client, node, config.force);
        const text = {
          uncordoned: "uncordoned",
          "left-cordoned": "left cordoned: cordoned by someone else before kubekeep (use force)",
          "was-schedulable": "already schedulable"
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
  }
});
export {
  uncordon2 as uncordon,
  uncordonInputs
};
