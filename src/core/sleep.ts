/** Waits `ms` milliseconds, or less when `signal` aborts (a cancelled run should not sit out a poll interval). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

export interface PollOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** The message when time runs out: it can say what was still missing. */
  timedOut: () => string;
  /** Ends the wait early; the message is `cancelled()`'s. */
  signal?: AbortSignal;
  cancelled?: () => string;
  /** The error a timeout or a cancellation throws (an Error by default). */
  fail?: (message: string) => Error;
}

/**
 * The one poll loop: asks `check` every `intervalMs` until it answers with a
 * value (not undefined or false) and returns that value; after `timeoutMs`
 * throws saying `timedOut()`. For the waits on a starting server or cluster:
 * a health endpoint, nodes Ready, a CRD Established, pods Running. An error
 * `check` throws ends the wait at once.
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined | false>,
  options: PollOptions,
): Promise<T> {
  const fail = options.fail ?? ((m: string) => new Error(m));
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (options.signal?.aborted) throw fail(options.cancelled?.() ?? "cancelled");
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw fail(options.timedOut());
    await sleep(options.intervalMs ?? 200, options.signal);
  }
}
