// Each kind of failure is told the right way (clear error): the user's
// mistake and the world's failure as a message, a bug as a bug; stacks only
// when asked for.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigurationError, OperationalError } from "../../src/core/errors.ts";
import { classifyFailure, describeFailure } from "../../src/core/failure.ts";

const coded = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), props);

test("failures are sorted into configuration, operational and bug", () => {
  const cases: [unknown, string, RegExp][] = [
    [new ConfigurationError("input 'x': got 1"), "configuration", /^input 'x': got 1$/],
    [new OperationalError("S3 refused"), "operational", /^S3 refused$/],
    [
      coded("connect ECONNREFUSED 127.0.0.1:9", { code: "ECONNREFUSED", address: "127.0.0.1", port: 9 }),
      "operational",
      /^connection refused \(127\.0\.0\.1:9\) \[ECONNREFUSED\]; check the address/,
    ],
    [
      new TypeError("fetch failed", {
        cause: coded("getaddrinfo ENOTFOUND s3.invalid", { code: "ENOTFOUND", hostname: "s3.invalid" }),
      }),
      "operational",
      /^fetch failed: host name not found \(DNS\) \(s3\.invalid\) \[ENOTFOUND\]/,
    ],
    [
      coded("read ECONNRESET", { code: "ECONNRESET" }),
      "operational",
      /connection reset by the peer \[ECONNRESET\]/,
    ],
    [coded("socket hang up", { code: "ETIMEDOUT" }), "operational", /connection timed out \[ETIMEDOUT\]/],
    [
      coded("certificate has expired", { code: "CERT_HAS_EXPIRED" }),
      "operational",
      /TLS: certificate has expired \[CERT_HAS_EXPIRED\]; check the server's certificate/,
    ],
    [
      Object.assign(coded("We encountered an internal error.", { $metadata: { httpStatusCode: 500 } }), {
        name: "InternalError",
      }),
      "operational",
      /^S3 answered 500 InternalError: We encountered an internal error\.$/,
    ],
    [
      Object.assign(coded("GET /api/v1/nodes: 403 Forbidden: nope", { code: 403 }), { name: "ApiError" }),
      "operational",
      /^GET \/api\/v1\/nodes: 403 Forbidden/,
    ],
    [new TypeError("cannot read properties of undefined"), "bug", /^cannot read properties of undefined$/],
    [coded("weird", { code: "EWHATEVER" }), "bug", /^weird$/],
    ["a string", "bug", /^a string$/],
  ];
  for (const [err, kind, message] of cases) {
    const got = classifyFailure(err);
    assert.equal(got.kind, kind, String(err));
    assert.match(got.message, message);
  }
});

test("a bug says so and how to get its stack; stacks only on request", () => {
  const bug = new TypeError("x is undefined");
  const quiet = describeFailure(bug, { stacks: false, howToGetStack: "rerun with --verbose" });
  assert.equal(
    quiet.message,
    "x is undefined\nthis is a bug in kubekeep; rerun with --verbose for the stack trace, and report it",
  );
  assert.equal(quiet.stack, undefined);
  const loud = describeFailure(bug, { stacks: true, howToGetStack: "rerun with --verbose" });
  assert.match(loud.stack ?? "", /TypeError: x is undefined\n\s+at /);
  const user = describeFailure(new ConfigurationError("input 'a': bad"), {
    stacks: false,
    howToGetStack: "",
  });
  assert.deepEqual(user, { message: "input 'a': bad" });
  assert.match(
    describeFailure(new OperationalError("S3 down"), { stacks: true, howToGetStack: "" }).stack ?? "",
    /OperationalError: S3 down/,
  );
});
