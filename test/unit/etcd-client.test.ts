// Promise: clear error. grpc-js's connect failures, as it words them, map to
// what the user must check: a peer that closed before any TLS (nothing, or
// not etcd, on that port) is not a certificate problem, and the reverse.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as grpc from "@grpc/grpc-js";
import { classifyConnectFailure, describeGrpcError } from "../../src/etcd/client.ts";
import { ConfigurationError, OperationalError } from "../../src/core/errors.ts";

const cases: [string, ReturnType<typeof classifyConnectFailure>][] = [
  [
    "No connection established. Last error: Error: Client network socket disconnected before secure TLS connection was established. Resolution note: ",
    "closed-before-tls",
  ],
  ["No connection established. Last error: Error: connect ECONNRESET 127.0.0.1:2379.", "closed-before-tls"],
  [
    "No connection established. Last error: Error: 40DD:error:0A00010B:SSL routines:tls_validate_record_header:wrong version number:",
    "not-tls",
  ],
  [
    "No connection established. Last error: Error: self-signed certificate in certificate chain",
    "server-cert",
  ],
  ["No connection established. Last error: Error: unable to verify the first certificate", "server-cert"],
  [
    "No connection established. Last error: 405D:error:0A000418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca: SSL alert number 48",
    "client-cert",
  ],
  ["No connection established. Last error: Error: sslv3 alert bad certificate", "client-cert"],
  ["No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:2379.", "unreachable"],
  ["Deadline exceeded after 15.005s,name resolution: 0.011s,Waiting for LB pick", "unreachable"],
];

for (const [details, kind] of cases) {
  test(`connect failure "${details.slice(-60)}" is ${kind}`, () => {
    assert.equal(classifyConnectFailure(details), kind);
  });
}

test("closed-before-TLS and unreachable are operational; certificate refusals name the inputs", () => {
  const err = (details: string) =>
    Object.assign(new Error(details), { code: grpc.status.UNAVAILABLE, details });
  const closed = describeGrpcError(err(cases[0]?.[0] ?? ""), "https://10.0.0.1:2379", "Status");
  assert.ok(closed instanceof OperationalError);
  assert.match(closed.message, /closed before the TLS handshake .*check etcd-endpoint/);
  assert.doesNotMatch(closed.message, /etcd-ca|certificate/);
  const forwarded = describeGrpcError(
    err(cases[0]?.[0] ?? ""),
    "kube-system/etcd-a:2379 (port-forward)",
    "Status",
  );
  assert.match(forwarded.message, /check that etcd listens on port 2379 in that pod/);
  const refused = describeGrpcError(err(cases[6]?.[0] ?? ""), "https://10.0.0.1:2379", "Status");
  assert.ok(refused instanceof ConfigurationError);
  assert.match(refused.message, /rejected the client certificate .*check etcd-ca, etcd-cert and etcd-key/);
  const other = describeGrpcError(
    Object.assign(new Error("x"), { code: grpc.status.INTERNAL, details: "Response message parsing error" }),
    "https://10.0.0.1:2379",
    "Snapshot",
  );
  assert.ok(other instanceof OperationalError);
  assert.match(
    other.message,
    /etcd Snapshot at https:\/\/10\.0\.0\.1:2379 failed \(INTERNAL: Response message parsing error\)/,
  );
});
