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

/**
 * Asks `check` every `intervalMs` until it answers with a value (not
 * undefined or false) and returns that value; after `timeoutMs` throws an
 * Error saying `timedOut()`, which can describe what was still missing. For
 * the waits on a starting cluster: nodes Ready, a CRD Established, pods
 * Running. An error `check` throws ends the wait at once.
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined | false>,
  options: { timeoutMs: number; intervalMs?: number; timedOut: () => string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(options.timedOut());
    await sleep(options.intervalMs ?? 200);
  }
}
