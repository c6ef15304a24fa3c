/**
 * What each action.yml holds besides the capability's inputs and outputs
 * (which come from its schema): how the action runs. Most are node24 actions
 * over their bundle in dist/actions; upgrade-node adds a post step that
 * records a cancellation. scripts/generate-docs.ts writes every action.yml from
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

const OVERRIDES: Record<string, ActionManifest> = {
  // A node24 action, not a composite: inputs reach it as INPUT_* exactly as
  // typed (a composite's env would print them, JSON-escaped past the runner's
  // masks) and it runs on the runner's own Node 24, whatever PATH holds. The
  // post step records a cancellation and releases the lock when the main step
  // was stopped before it could (a no-op otherwise).
  "upgrade-node": {
    runs: {
      using: "node24",
      main: "../../dist/actions/upgrade-node.js",
      post: "../../dist/actions/upgrade-node.js",
      "post-if": "cancelled() || failure()",
    },
    // The action runs `all` (and `cancel` from its post step); `step` stays an input of the CLI and the root action.
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
