import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parseRetention,
  retentionInputs
} from "./chunk-6YGZH5QO.js";
import {
  policyIsEmpty
} from "./chunk-IZQS6OXE.js";
import {
  parseStorage,
  storageInputs
} from "./chunk-MINQNAAS.js";
import "./chunk-VGEDGZPT.js";
import "./chunk-TL42P4WJ.js";
import "./chunk-OD4EXP6E.js";
import "./chunk-A2QQ3WGS.js";
import {
  defineCapability
} from "./chunk-HRVOOZEE.js";
import {
  readInputs
} from "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import {
  ConfigurationError
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/etcd-prune/config.ts
var pruneInputs = { ...storageInputs, ...retentionInputs };
function parsePruneConfig(src) {
  const config = {
    storage: parseStorage(src),
    retention: parseRetention(src),
    dryRun: readInputs(retentionInputs, src)["dry-run"]
  };
  if (policyIsEmpty(config.retention)) {
    throw new ConfigurationError(
      "etcd-prune needs a retention policy: give at least one of keep-last, max-age, keep-daily, keep-weekly, keep-monthly"
    );
  }
  return config;
}

// src/capabilities/etcd-prune/capability.ts
var etcdPrune = defineCapability({
  name: "etcd-prune",
  summary: "delete stored etcd snapshots by keep-last / max-age / daily-weekly-monthly tiers",
  description: "Delete stored etcd snapshots by keep-last, max-age and daily/weekly/monthly tiers (a snapshot any rule keeps stays); never deletes the newest verified snapshot.",
  inputs: pruneInputs,
  outputs: {
    deleted: "Snapshots deleted",
    kept: "Snapshots kept",
    "would-delete": "Snapshots the policy deletes (also in dry-run)"
  },
  parse: parsePruneConfig,
  run: async (config, ctx) => (await import("./run-CR5WEIUZ.js")).run(config, ctx)
});
export {
  etcdPrune
};
