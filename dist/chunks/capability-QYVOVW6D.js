import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  drainInputs,
  executorInputs,
  gateInputs,
  lockInputs,
  nodeInput,
  parseAllowLastControlPlane,
  parseDrainOptions,
  parseExecutor,
  parseGates,
  parseLock,
  parseNodes,
  parseTarget,
  targetInput
} from "./chunk-MMPS3OD7.js";
import "./chunk-2HG6AMBK.js";
import "./chunk-I54P7HKH.js";
import "./chunk-2BN52FYM.js";
import {
  clusterInputs,
  parseClusterConfig
} from "./chunk-422FMMWY.js";
import "./chunk-TL42P4WJ.js";
import "./chunk-OD4EXP6E.js";
import "./chunk-FK3ILC2B.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-A2QQ3WGS.js";
import {
  defineCapability
} from "./chunk-HRVOOZEE.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/nodes/upgrade/steps.ts
var STEPS = ["all", "drain", "upgrade", "verify", "uncordon", "cancel"];

// src/capabilities/upgrade-node/config.ts
var upgradeNodeInputs = {
  ...clusterInputs,
  ...nodeInput,
  ...targetInput,
  ...executorInputs,
  "kubeadm-action": input.enum(["auto", "apply", "node"], {
    description: "auto: `apply` on a control-plane node while the API server is older than the target, else `node`; or force apply / node.",
    default: "auto"
  }),
  ...drainInputs,
  ...gateInputs,
  ...lockInputs,
  "ignore-earlier-failures": input.boolean({
    description: "Go on although another node failed its upgrade to the same target-version and was not resolved (re-run to success). The failure is marked overridden on that node so it blocks no later job; a new failure blocks again.",
    default: false
  }),
  step: input.enum(STEPS, {
    description: "Which step to run: all, drain, upgrade, verify, uncordon, or cancel (record a cancelled run and release the lock). The upgrade-node action runs all, and cancel from its post step when the main step was stopped.",
    default: "all"
  })
};
function parseUpgradeNodeConfig(src) {
  const v = readInputs(upgradeNodeInputs, src);
  const step = v.step;
  const nodes = parseNodes(src);
  return {
    cluster: parseClusterConfig(src),
    nodes,
    target: parseTarget(src),
    step,
    drain: parseDrainOptions(src),
    lock: parseLock(src, nodes),
    // Checked from the drain on, so a bad executor setting fails before any node is touched.
    executor: (
      // executor replace matters to every step: a replaced node's Node is gone, its progress elsewhere.
      step === "all" || step === "drain" || step === "upgrade" || readInputs(executorInputs, src).executor === "replace" ? parseExecutor(src) : { kind: "none" }
    ),
    gates: parseGates(src),
    kubeadm: v["kubeadm-action"],
    allowLastControlPlane: parseAllowLastControlPlane(src),
    ignoreEarlierFailures: v["ignore-earlier-failures"]
  };
}

// src/capabilities/upgrade-node/capability.ts
var upgradeNode = defineCapability({
  name: "upgrade-node",
  summary: "upgrade a node (or batch): drain, run the upgrade, wait for the gates, uncordon; resumable",
  description: "Upgrade one node (or one batch), each stage a log section gated on the one before - checks (version skew, earlier failures, readiness), drain, upgrade (ssh, pod or command executor), wait until Ready at the target version with the gates passing, uncordon - under the cluster-wide maintenance lock. Progress is recorded on the node, so a re-run skips finished nodes and resumes the rest; a cancelled job records where it stopped and releases the lock.",
  inputs: upgradeNodeInputs,
  outputs: {
    evicted: "Pods evicted by the drain",
    skipped: "Comma-separated nodes skipped because they were already done",
    summary: "JSON per-node summary: node, role, kubelet before/after, pods evicted, drain time (drainMs), blockers, result"
  },
  positional: "node",
  parse: parseUpgradeNodeConfig,
  run: async (config, ctx) => (await import("./run-FCICJA25.js")).run(config, ctx)
});
export {
  upgradeNode
};
