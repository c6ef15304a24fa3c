/**
 * The replace executor's inputs (upgrade-node's `executor: replace`), parsed
 * and checked before any node is touched.
 */
import type { InputSource } from "../../config/inputs.ts";
import { input, readInputs } from "../../config/schema.ts";
import { parseLabelSelector } from "../../cluster/label-selector.ts";
import { ConfigurationError } from "../../core/errors.ts";
import type { ReplaceConfig } from "./replace.ts";

export const replaceInputs = {
  "replace-command": input.string({
    description:
      "executor replace: shell command that has the provider replace the node, e.g. terminate its instance in the auto-scaling group without lowering the desired count. In its environment: KUBEKEEP_NODE, KUBEKEEP_PROVIDER_ID (the Node's spec.providerID), KUBEKEEP_NODE_LABELS (k=v,k=v), KUBEKEEP_REPLACE_SELECTOR, KUBEKEEP_TARGET_VERSION, KUBEKEEP_FROM_VERSION and KUBEKEEP_REPLACE_STEP: `replace` (remove the node, the provider brings a new one), or with replace-surge `add` (bring up one more node) before the drain and `remove` (remove the node for good) after it. It must be safe to run again for the same node and step (a run stopped while it ran runs it again). Bounded by upgrade-timeout; the action's inputs (INPUT_*) are not in its environment.",
  }),
  "replace-selector": input.string({
    description:
      "executor replace: label selector of the node's pool, e.g. eks.amazonaws.com/nodegroup=workers. The replacement is a node it matches that was not there before the command.",
  }),
  "replace-timeout": input.duration({
    description:
      "executor replace: how long the old Node may take to leave and its replacement to join and become Ready at target-version, after the command. Ready means it takes pods: uncordoned, and without NoSchedule/NoExecute taints the old node did not carry (start-up taints such as not-ready or the cloud controller's uninitialized are waited out).",
    default: "20m",
    min: "1s",
  }),
  "replace-surge": input.boolean({
    description:
      "executor replace: bring the replacement up, and wait until it is Ready and takes pods, before the drain (the command's `add` step), then remove the old node after the drain (its `remove` step): evicted pods always have somewhere to go.",
    default: false,
  }),
};

export function parseReplaceConfig(
  src: InputSource,
  commandTimeoutMs: number,
  namespace: string,
): { kind: "replace" } & ReplaceConfig {
  const v = readInputs(replaceInputs, src);
  const command = v["replace-command"];
  if (!command)
    throw new ConfigurationError(
      "input 'replace-command' is required: the command that has the provider replace a node (executor: replace)",
    );
  const selector = parseLabelSelector("replace-selector", v["replace-selector"]);
  if (!selector)
    throw new ConfigurationError(
      "input 'replace-selector' is required: the label selector of the node's pool, e.g. eks.amazonaws.com/nodegroup=workers (executor: replace); its replacement is a new node it matches",
    );
  return {
    kind: "replace",
    command,
    selector,
    commandTimeoutMs,
    timeoutMs: v["replace-timeout"],
    surge: v["replace-surge"],
    namespace,
  };
}
