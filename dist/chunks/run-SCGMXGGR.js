import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  uncordon
} from "./chunk-QI6TILGO.js";
import "./chunk-TY2O5Y2Q.js";
import {
  apiFailure
} from "./chunk-MEXL324I.js";
import {
  withCluster
} from "./chunk-AQEUWNRQ.js";
import "./chunk-OB3FCZHL.js";
import "./chunk-GSHV4ADS.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-XIQOQISJ.js";
import "./chunk-UU4DZNBE.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-KNDO3OP3.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/uncordon/run.ts
function run(config, { logger }) {
  return withCluster(config.cluster, logger, async (client) => {
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
    }
  });
}
export {
  run
};
