/** The tests' one wait for a condition (on src/core/sleep.ts's poll loop), and a plain pause. */
import { pollUntil } from "../../src/core/sleep.ts";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it answers a value (not undefined or false); fails saying what was awaited. */
export function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  return pollUntil(fn, { timeoutMs, timedOut: () => `timed out waiting for ${what}` });
}
