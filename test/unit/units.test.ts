import assert from "node:assert/strict";
import { test } from "node:test";
import { formatBytes, formatDuration, parseDuration, parseSize } from "../../src/core/units.ts";

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

// Issue 23: a first build's progress line said "about 2m60s left". Every unit
// boundary, rounded before it is split: never 60s, 60.0s, 1000ms or 1024.0 KiB.
test("formatDuration: rounded before it is split into minutes and seconds", () => {
  const cases: [number, string][] = [
    [0, "0ms"],
    [999.4, "999ms"],
    [999.6, "1.0s"],
    [1500, "1.5s"],
    [59_940, "59.9s"],
    [59_970, "1m0s"],
    [60_000, "1m0s"],
    [119_600, "2m0s"],
    [179_400, "2m59s"],
    [179_600, "3m0s"],
    [3_599_600, "60m0s"],
  ];
  for (const [ms, want] of cases) assert.equal(formatDuration(ms), want, `${ms} ms`);
  for (let ms = 0; ms < 4 * 3600_000; ms += 137) {
    const text = formatDuration(ms);
    assert.doesNotMatch(text, /(^|m)60s$|^60\.0s$|^1000ms$/, `${ms} ms reads ${text}`);
  }
});

test("formatBytes: rounded before it is promoted to the next unit", () => {
  assert.equal(formatBytes(1023), "1023 B");
  assert.equal(formatBytes(1024), "1.0 KiB");
  assert.equal(formatBytes(1023.96 * 1024), "1.0 MiB");
  assert.equal(formatBytes(1023.9 * 1024), "1023.9 KiB");
  assert.equal(formatBytes(1024 ** 5 * 3), "3072.0 TiB");
  for (let b = 1; b < 2 ** 42; b = Math.ceil(b * 1.013))
    assert.doesNotMatch(formatBytes(b), /^1024(\.0)? /, `${b} bytes`);
});
