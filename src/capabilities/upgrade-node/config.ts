/** upgrade-node's inputs and typed config: the nodes, the target, the executor, drain, gates, lock, step. */
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "../../cluster/config.ts";
import type { InputSource } from "../../config/inputs.ts";
import { input, readInputs } from "../../config/schema.ts";
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
  targetInput,
} from "../../nodes/config.ts";
import type { UpgradeOptions } from "../../nodes/upgrade/phases.ts";
import { STEPS } from "../../nodes/upgrade/steps.ts";

export interface UpgradeNodeConfig extends UpgradeOptions {
  cluster: ClusterConfig;
}

export const upgradeNodeInputs = {
  ...clusterInputs,
  ...nodeInput,
  ...targetInput,
  ...executorInputs,
  "kubeadm-action": input.enum(["auto", "apply", "node"] as const, {
    description:
      "auto: `apply` on a control-plane node while the API server is older than the target, else `node`; or force apply / node.",
    default: "auto",
  }),
  ...drainInputs,
  ...gateInputs,
  ...lockInputs,
  "ignore-earlier-failures": input.boolean({
    description:
      "Go on although another node failed its upgrade to the same target-version and was not resolved (re-run to success). The failure is marked overridden on that node so it blocks no later job; a new failure blocks again.",
    default: false,
  }),
  step: input.enum(STEPS, {
    description:
      "Which step to run: all, drain, upgrade, verify, uncordon, or cancel (record a cancelled run and release the lock). The upgrade-node action runs all, and cancel from its post step when the main step was stopped.",
    default: "all",
  }),
};

export function parseUpgradeNodeConfig(src: InputSource): UpgradeNodeConfig {
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
    executor:
      // executor replace matters to every step: a replaced node's Node is gone, its progress elsewhere.
      step === "all" ||
      step === "drain" ||
      step === "upgrade" ||
      readInputs(executorInputs, src).executor === "replace"
        ? parseExecutor(src)
        : { kind: "none" },
    gates: parseGates(src),
    kubeadm: v["kubeadm-action"],
    allowLastControlPlane: parseAllowLastControlPlane(src),
    ignoreEarlierFailures: v["ignore-earlier-failures"],
  };
}
