import assert from "node:assert/strict";
import { test } from "node:test";
import { formatBytes, parseDuration, parseSize } from "../../src/core/units.ts";

test("durations in human forms", () => {
  const cases: [string, number][] = [
    ["30s", 30_000],
    ["10m", 600_000],
    ["1h30m", 5_400_000],
    ["500ms", 500],
    ["2d", 172_800_000],
    ["45", 45_000],
    ["1.5s", 1500],
  ];
  for (const [text, ms] of cases) assert.equal(parseDuration("timeout", text), ms, text);
});

test("bad durations name the input, the value and the expected form", () => {
  for (const bad of ["", "10 minutes", "5x", "m10", "1h 30m"]) {
    assert.throws(
      () => parseDuration("drain-timeout", bad),
      (err: Error) =>
        err.message.includes("'drain-timeout'") &&
        err.message.includes(JSON.stringify(bad)) &&
        err.message.includes("10m"),
      bad,
    );
  }
});

test("sizes in Kubernetes quantity forms", () => {
  assert.equal(parseSize("part-size", "512Mi"), 512 * 1024 * 1024);
  assert.equal(parseSize("part-size", "5Gi"), 5 * 1024 ** 3);
  assert.equal(parseSize("part-size", "100M"), 100_000_000);
  assert.equal(parseSize("part-size", "1024"), 1024);
  assert.throws(
    () => parseSize("part-size", "5GB"),
    /input 'part-size': got "5GB", expected a size such as 512Mi/,
  );
});

test("bytes are shown in binary units", () => {
  assert.equal(formatBytes(512), "512 B");
  assert.equal(formatBytes(1536), "1.5 KiB");
  assert.equal(formatBytes(3 * 1024 ** 3), "3.0 GiB");
});
