// Nothing lost: numbers a double cannot hold (custom resources' int64 fields)
// keep their exact digits from the API server's JSON to the exported YAML.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "yaml";
import { isRawNumber, parseJson, type Json } from "../../src/export/json.ts";
import { toYaml } from "../../src/export/yaml.ts";

test("long integers and other inexact numbers keep their source text", () => {
  const text =
    '{"big":1234567890123456789,"neg":-9223372036854775808,"list":[9007199254740993,1],' +
    '"small":0.1,"e":1e+21,"one":1.0,"zero":-0,"plain":42,"s":"1234567890123456789"}';
  const v = parseJson(text) as Record<string, Json>;
  assert.ok(isRawNumber(v.big));
  assert.equal(v.plain, 42);
  assert.equal(v.small, 0.1);
  assert.equal(v.s, "1234567890123456789");
  assert.equal(JSON.stringify(v), text);
  const yaml = toYaml(v);
  assert.equal(
    yaml,
    [
      "big: 1234567890123456789",
      "neg: -9223372036854775808",
      "list:",
      "- 9007199254740993",
      "- 1",
      "small: 0.1",
      "e: 1e+21",
      "one: 1.0",
      "zero: -0",
      "plain: 42",
      's: "1234567890123456789"',
      "",
    ].join("\n"),
  );
  // A YAML reader that keeps big integers reads the same digits back.
  assert.equal(String((parse(yaml, { intAsBigInt: true }) as { big: bigint }).big), "1234567890123456789");
});

test("pages without such numbers take the plain parse", () => {
  const v = parseJson('{"a":[1,2.5,"x-123456789012345"],"b":{"c":1e21}}') as Record<string, Json>;
  assert.deepEqual(v, { a: [1, 2.5, "x-123456789012345"], b: { c: 1e21 } });
  // Digits inside a string may take the slow path: then every number keeps its text.
  const slow = parseJson('{"s":"x:1234567890123456789","c":1e21}') as Record<string, Json>;
  assert.equal(slow.s, "x:1234567890123456789");
  assert.equal(toYaml(slow), "s: x:1234567890123456789\nc: 1e21\n");
});
