import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  uncordon
} from "./chunk-6ZVNXR5G.js";
import {
  parseNodes
} from "./chunk-PTREU54S.js";
import {
  connect,
  parseClusterConfig
} from "./chunk-2SMP5UAZ.js";
import {
  bool
} from "./chunk-4KLN52HN.js";
import {
  defineCapability
} from "./chunk-NU5444CJ.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";

// src/nodes/uncordon-capability.ts
var uncordon2 = defineCapability({
  name: "uncordon",
  summary: "make nodes schedulable again (only those kubekeep cordoned, unless forced)",
  parse: (src) => ({
    cluster: parseClusterConfig(src),
    nodes: parseNodes(src),
    force: bool(src, "force", false)
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
    } finally {
      cleanup();
    }
  }
});

export {
  uncordon2 as uncordon
};
