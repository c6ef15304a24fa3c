// Promise: a failed API request reaches the user as one message naming the
// request and what to check (an OperationalError), never as a stack trace;
// anything else is a bug and passes through untouched.
import assert from "node:assert/strict";
import { test } from "node:test";
import { apiFailure } from "../../src/cluster/api-failure.ts";
import { ApiError } from "../../src/cluster/client.ts";
import { ConfigurationError, OperationalError } from "../../src/core/errors.ts";

const answer = (code: number, reason: string) =>
  new ApiError(code, reason, "the server's own words", "POST", "/api/v1/namespaces/a/pods/b/eviction");

for (const [code, reason, hint] of [
  [401, "Unauthorized", /refused the credentials: check the kubeconfig's user/],
  [403, "Forbidden", /may not POST \/api\/v1\/namespaces\/a\/pods\/b\/eviction: check its RBAC rules/],
  [429, "TooManyRequests", /shedding load/],
  [500, "InternalError", /check its health \(kubectl get --raw \/readyz\?verbose\)/],
  [503, "ServiceUnavailable", /the API server failed/],
] as const) {
  test(`an API answer ${code} names the request and what to check`, () => {
    const err = apiFailure(answer(code, reason), "drain of w-1");
    assert.ok(err instanceof OperationalError);
    assert.match(
      err.message,
      new RegExp(
        `^drain of w-1: POST /api/v1/namespaces/a/pods/b/eviction answered ${code} ${reason} \\(the server's own words\\); `,
      ),
    );
    assert.match(err.message, hint);
  });
}

test("network failures are operational; user errors and bugs pass through", () => {
  const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
  const net = apiFailure(reset, "uncordon of w-1");
  assert.ok(net instanceof OperationalError);
  assert.match(
    net.message,
    /^uncordon of w-1: socket hang up; check that the API server is up and reachable/,
  );
  const slow = apiFailure(new Error("GET /api/v1/nodes: no answer from https://x within 60s"), "drain");
  assert.ok(slow instanceof OperationalError);
  const user = new ConfigurationError("input 'node': bad");
  assert.equal(apiFailure(user, "drain"), user);
  const bug = new TypeError("cannot read properties of undefined");
  assert.equal(apiFailure(bug, "drain"), bug);
});
