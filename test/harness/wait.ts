/** The tests' one wait for a condition (on src/core/sleep.ts's poll loop), and a plain pause. */
import { errorMessage } from "../../src/core/errors.ts";
import { pollUntil } from "../../src/core/sleep.ts";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `fn` until it answers a value (not undefined or false); fails saying
 * what was awaited. With `retryErrors`, a throwing `fn` counts as "not yet"
 * (a server restarting under a restore) and its last error is in the timeout.
 */
export function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  options: { retryErrors?: boolean; intervalMs?: number } = {},
): Promise<T> {
  let last: unknown;
  const probe = options.retryErrors
    ? async () => {
        try {
          return await fn();
        } catch (err) {
          last = err;
          return undefined;
        }
      }
    : fn;
  return pollUntil(probe, {
    timeoutMs,
    ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
    timedOut: () =>
      `timed out waiting for ${what}${last === undefined ? "" : ` (last error: ${errorMessage(last)})`}`,
  });
}

/**
 * A fixture's readiness: node:test starts a file's top-level before() hooks
 * together, without waiting for the previous one, so a hook that builds on a
 * fixture (nodes on the sandbox) awaits `ready()` first.
 */
export function readiness(): {
  ready: () => Promise<void>;
  started: (work: () => Promise<void>) => Promise<void>;
} {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  done.catch(() => undefined); // a failed start is reported by the fixture's own hook
  return {
    ready: () => done,
    started: async (work) => {
      try {
        await work();
        resolve();
      } catch (err) {
        reject(err);
        throw err;
      }
    },
  };
}
