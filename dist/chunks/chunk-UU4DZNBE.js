import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/core/sleep.ts
function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true }
    );
  });
}
async function pollUntil(check, options) {
  const fail = options.fail ?? ((m) => new Error(m));
  const deadline = Date.now() + options.timeoutMs;
  for (; ; ) {
    if (options.signal?.aborted) throw fail(options.cancelled?.() ?? "cancelled");
    const value = await check();
    if (value !== void 0 && value !== false) return value;
    if (Date.now() > deadline) throw fail(options.timedOut());
    await sleep(options.intervalMs ?? 200, options.signal);
  }
}

export {
  sleep,
  pollUntil
};
