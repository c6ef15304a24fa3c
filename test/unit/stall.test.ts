// The no-progress deadline (core/stall.ts) and its input: pure timing logic;
// the real stalls (frozen etcd, S3, API server) are in
// test/integration/stall-faults.test.ts.
import assert from "node:assert/strict";
import { mock, test } from "node:test";
import { stallTimeout } from "../../src/config/stall.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { StallWatchdog, withDeadline } from "../../src/core/stall.ts";

// Time is mocked (node:test's mock.timers): the checks below are about the
// watchdog's logic, not about how busy the machine running them is.
function mockTime(t: { after: (fn: () => void) => void }, apis: ("setInterval" | "setTimeout" | "Date")[]) {
  mock.timers.enable({ apis, now: 1_000_000 });
  t.after(() => mock.timers.reset());
  return (ms: number) => mock.timers.tick(ms);
}

test("stall-timeout: a duration of at least 1s, 60s by default; bad values name the input", () => {
  assert.equal(stallTimeout(fromRecord({})), 60_000);
  assert.equal(stallTimeout(fromRecord({ "stall-timeout": "2m" })), 120_000);
  assert.throws(
    () => stallTimeout(fromRecord({ "stall-timeout": "500ms" })),
    /input 'stall-timeout': got "500ms", expected a duration of at least 1s/,
  );
  assert.throws(() => stallTimeout(fromRecord({ "stall-timeout": "soon" })), /input 'stall-timeout'/);
});

// Bounded time: a watched transfer that goes quiet is reported within the timeout plus a fraction of it.
test("the watchdog fires once after the timeout without progress, not while progress comes", (t) => {
  const sleep = mockTime(t, ["setInterval", "Date"]);
  let fired = 0;
  const dog = new StallWatchdog({ timeoutMs: 200, onStall: () => fired++ });
  for (let i = 0; i < 6; i++) {
    sleep(80);
    dog.progress();
  }
  assert.equal(fired, 0, "progress every 80ms keeps it quiet");
  const quiet = Date.now();
  while (fired === 0 && Date.now() - quiet < 2000) sleep(10);
  const after = Date.now() - quiet;
  assert.equal(fired, 1);
  assert.ok(after >= 190 && after < 400, `fired after ${after}ms`);
  sleep(300);
  assert.equal(fired, 1, "once");
});

test("time the consumer holds the peer back does not count as the peer's silence", (t) => {
  const sleep = mockTime(t, ["setInterval", "Date"]);
  let fired = 0;
  let heldBack = true;
  const dog = new StallWatchdog({ timeoutMs: 150, excused: () => heldBack, onStall: () => fired++ });
  sleep(400);
  assert.equal(fired, 0);
  heldBack = false;
  sleep(400);
  assert.equal(fired, 1);
  dog.stop();
});

test("withDeadline rejects at the deadline even when the work never settles, and aborts its signal", async (t) => {
  const sleep = mockTime(t, ["setTimeout", "Date"]);
  let signal: AbortSignal | undefined;
  const started = Date.now();
  const pending = withDeadline(
    (s) => {
      signal = s;
      return new Promise<never>(() => {});
    },
    100,
    () => new Error("no answer"),
  );
  sleep(99);
  assert.equal(signal?.aborted, false, "not before the deadline");
  sleep(1);
  await assert.rejects(pending, /no answer/);
  assert.ok(Date.now() - started < 1000);
  assert.equal(signal?.aborted, true);
  assert.equal(
    await withDeadline(
      () => Promise.resolve(7),
      100,
      () => new Error("late"),
    ),
    7,
  );
});
