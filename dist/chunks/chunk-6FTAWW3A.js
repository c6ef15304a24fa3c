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
  const deadline = Date.now() + options.timeoutMs;
  for (; ; ) {
    const value = await check();
    if (value !== void 0 && value !== false) return value;
    if (Date.now() > deadline) throw new Error(options.timedOut());
    await sleep(options.intervalMs ?? 200);
  }
}

export {
  sleep,
  pollUntil
};
