/** The steps of upgrade-node (its `step` input): small, so its config loads nothing of the state machine. */
export const STEPS = ["all", "drain", "upgrade", "verify", "uncordon", "cancel"] as const;
export type Step = (typeof STEPS)[number];
