/**
 * What each action.yml holds besides the capability's inputs and outputs
 * (which come from its schema): how the action runs. Most are node24 actions
 * over their bundle in dist/actions; upgrade-node is a composite whose steps
 * run one stage each, so a job shows drain, upgrade, gates and uncordon as
 * steps of their own. scripts/generate-docs.ts writes every action.yml from
 * this and the schemas.
 */

export interface ActionManifest {
  /** The `runs:` section, as it appears in action.yml. */
  runs: Record<string, unknown>;
  /** Composite actions: each output's `value:` expression. */
  outputValues?: Record<string, string>;
  /** Inputs of the capability the action does not take (it sets them itself). */
  omitInputs?: readonly string[];
}

const stage = (id: string, name: string, step: string, condition = "success()") => ({
  name,
  if: condition,
  id,
  shell: "bash",
  env: { KUBEKEEP_STEP: step, KUBEKEEP_INPUTS: "${{ toJSON(inputs) }}" },
  run: 'node "${{ github.action_path }}/../../dist/actions/upgrade-node.js"',
});

const OVERRIDES: Record<string, ActionManifest> = {
  "upgrade-node": {
    runs: {
      using: "composite",
      steps: [
        stage("drain", "Cordon and drain", "drain"),
        stage("upgrade", "Upgrade", "upgrade"),
        stage("verify", "Wait until Ready at the target version (gates)", "verify"),
        stage("uncordon", "Uncordon", "uncordon"),
        stage("cancel", "Record the cancelled state and release the lock", "cancel", "cancelled()"),
      ],
    },
    outputValues: {
      nodes: "${{ steps.drain.outputs.nodes }}",
      active: "${{ steps.drain.outputs.active }}",
      evicted: "${{ steps.drain.outputs.evicted }}",
      skipped: "${{ steps.drain.outputs.skipped }}",
      summary: "${{ steps.uncordon.outputs.summary }}",
    },
    // Each stage sets KUBEKEEP_STEP; `step` stays an input of the CLI and the root action.
    omitInputs: ["step"],
  },
};

export function actionManifest(name: string): ActionManifest {
  return OVERRIDES[name] ?? { runs: { using: "node24", main: `../../dist/actions/${name}.js` } };
}

/** The root action: `command` picks the capability; dist/main.js dispatches. */
export const ROOT_ACTION = {
  name: "kubekeep",
  description:
    "Keep Kubernetes clusters maintained from CI. `command` picks the capability; the other inputs are that capability's (see actions/<command>/action.yml).",
  author: "kubekeep",
  branding: { icon: "anchor", color: "blue" },
  runs: { using: "node24", main: "dist/main.js" },
};
