// listHead (export/fetch.ts): the continue token read from a page's first
// bytes, so the next page is asked for before the worker has parsed this one;
// anything it cannot read for sure is left to the parsed page.
import assert from "node:assert/strict";
import { test } from "node:test";
import { listHead } from "../../src/export/fetch.ts";

const b = (s: string) => Buffer.from(s);

test("a built-in kind's list gives its continue token (or none) before its items", () => {
  assert.deepEqual(
    listHead(
      b(
        '{"kind":"SecretList","apiVersion":"v1","metadata":{"resourceVersion":"9","continue":"eyJ2Ijoi"},"items":[{"a":1}]}',
      ),
    ),
    { continue: "eyJ2Ijoi" },
  );
  assert.deepEqual(
    listHead(b('{"kind":"SecretList","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":[]}')),
    {
      continue: undefined,
    },
  );
  assert.deepEqual(listHead(b('{"kind":"L","metadata":{"continue":""},\n  "items": []}')), {
    continue: undefined,
  });
});

test("items before metadata, no items, or a head that is not JSON: unknown, the parsed page decides", () => {
  // Custom resources' lists (unstructured) put items first.
  assert.equal(
    listHead(b('{"apiVersion":"x.io/v1","items":[],"kind":"FooList","metadata":{"continue":"x"}}')),
    undefined,
  );
  assert.equal(listHead(b('{"items": [{"metadata": ')), undefined);
  assert.equal(listHead(b('{"kind":"L","metadata":{"continue":"a"}}')), undefined);
  assert.equal(listHead(b('{"kind":"L","metadata":{"continue":"a" "items":[]}')), undefined);
  assert.equal(
    listHead(b(`{"kind":"L","pad":"${"x".repeat(5000)}","metadata":{"continue":"a"},"items":[]}`)),
    undefined,
  );
});
