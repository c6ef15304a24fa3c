import assert from "node:assert/strict";
import { test } from "node:test";
import { pollUntil } from "../../src/core/sleep.ts";

test("pollUntil returns the first value, says what was missing on timeout, and lets errors through", async () => {
  let calls = 0;
  const value = await pollUntil(() => Promise.resolve(++calls < 3 ? false : "ready"), {
    timeoutMs: 1000,
    intervalMs: 1,
    timedOut: () => "never",
  });
  assert.equal(value, "ready");
  assert.equal(calls, 3);

  let left = 5;
  await assert.rejects(
    pollUntil(() => Promise.resolve((left--, undefined)), {
      timeoutMs: 20,
      intervalMs: 5,
      timedOut: () => `still ${left} left`,
    }),
    /^Error: still -?\d+ left$/,
  );
  await assert.rejects(
    pollUntil(() => Promise.reject(new Error("process exited")), {
      timeoutMs: 1000,
      timedOut: () => "never",
    }),
    /process exited/,
  );
});
