// S3 with role credentials that expire during the run (issue 20 item 3): the
// sandbox's versitygw behind a gate that checks temporary credentials as S3
// does (test/harness/aws/s3-gate.ts), credentials from the STS stand-in that
// live 4 seconds. A run of S3 work over several lifetimes succeeds with
// kubekeep's renewal and fails with the first credentials held fixed; an
// expired key, an unknown one and a wrong session token are refused.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { etcdSnapshot } from "../../src/capabilities/etcd-snapshot/capability.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { parseStorage } from "../../src/storage/config.ts";
import { withStore } from "../../src/storage/with-store.ts";
import { SnapshotStore } from "../../src/storage/s3.ts";
import { etcdInputs, storageInputs } from "../harness/etcd.ts";
import { useAwsStandIns } from "../harness/aws/index.ts";
import { startS3Gate, type S3Gate } from "../harness/aws/s3-gate.ts";
import { useSandbox } from "../harness/sandbox.ts";

const LIFETIME_MS = 4_000;
const stand = useAwsStandIns({ lifetimeMs: LIFETIME_MS });
const fx = useSandbox();
const lines: string[] = [];
const logger = new ConsoleLogger({ write: (l) => lines.push(l) });
let gate: S3Gate;

before(async () => {
  await fx.ready();
  Object.assign(process.env, stand.aws.oidcEnv);
  gate = await startS3Gate({ sts: stand.aws.sts, upstream: fx.sandbox.info.s3! });
});
after(() => gate?.stop());

const inputs = (extra: Record<string, string> = {}) => ({
  ...storageInputs(fx.sandbox.info, { "s3-endpoint": gate.endpoint, "cluster-name": "aws-s3" }),
  ...extra,
});

/** S3 work for `ms`: a write, a read and a listing every 300 ms. */
async function work(store: SnapshotStore, ms: number): Promise<number> {
  let rounds = 0;
  for (const end = Date.now() + ms; Date.now() < end; rounds++) {
    const key = `etcd/aws-s3/probe-${rounds}.json`;
    await store.putJson(key, { round: rounds });
    assert.deepEqual(await store.getJson(key), { round: rounds });
    await store.list("etcd/aws-s3/");
    await new Promise((r) => setTimeout(r, 300));
  }
  return rounds;
}

test("S3 work over several credential lifetimes succeeds with kubekeep's renewal", async () => {
  const storage = parseStorage(fromRecord(inputs(stand.aws.roleInputs)));
  const before = stand.aws.sts.issued.length;
  const started = Date.now();
  const rounds = await withStore(storage, logger, (store) => work(store, 4 * LIFETIME_MS));
  const took = Date.now() - started;
  const sessions = stand.aws.sts.issued.length - before;
  console.log(
    `S3: ${rounds} rounds in ${(took / 1000).toFixed(1)} s, ${(took / LIFETIME_MS).toFixed(1)} credential lifetimes, ${sessions} sessions`,
  );
  assert.ok(sessions >= 4, `${sessions} sessions`);
  assert.deepEqual(gate.refusals, []);
  assert.doesNotMatch(lines.join("\n"), /ASIA[A-Z0-9]{16}/, "no access key id in the log");
});

test("the same work with the first credentials held fixed fails once they expire; expired, unknown and mismatched keys are refused", async () => {
  const { RoleSession } = await import("../../src/aws/session.ts");
  const { parseAwsIdentity } = await import("../../src/aws/config.ts");
  const fixed = await new RoleSession(
    parseAwsIdentity(fromRecord(stand.aws.roleInputs))!,
    logger,
  ).credentials();
  // As after configure-aws-credentials: the SDK's default chain reads them from the environment.
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: fixed.accessKeyId,
    AWS_SECRET_ACCESS_KEY: fixed.secretAccessKey,
    AWS_SESSION_TOKEN: fixed.sessionToken,
  });
  try {
    const storage = parseStorage(fromRecord(inputs()));
    await assert.rejects(
      withStore(storage, logger, (store) => work(store, 4 * LIFETIME_MS)),
      /ExpiredToken/,
    );
  } finally {
    for (const k of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
  const s3 = fx.sandbox.info.s3!;
  const get = async (credentials: {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  }) => {
    const client = new S3Client({
      endpoint: gate.endpoint,
      region: s3.region,
      forcePathStyle: true,
      credentials,
      maxAttempts: 1,
    });
    try {
      await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "etcd/aws-s3/probe-0.json" }));
      return "ok";
    } catch (err) {
      return (err as { name: string }).name;
    } finally {
      client.destroy();
    }
  };
  assert.equal(await get(fixed), "ExpiredToken", "an expired key");
  const live = await new RoleSession(
    parseAwsIdentity(fromRecord(stand.aws.roleInputs))!,
    logger,
  ).credentials();
  assert.equal(await get(live), "ok", "a live key");
  assert.equal(
    await get({ ...live, sessionToken: fixed.sessionToken }),
    "InvalidToken",
    "another session's token",
  );
  assert.equal(
    await get({ ...live, secretAccessKey: fixed.secretAccessKey }),
    "SignatureDoesNotMatch",
    "a wrong secret",
  );
  assert.equal(
    await get({
      accessKeyId: "ASIAAAAAAAAAAAAAAAAA",
      secretAccessKey: "x".repeat(40),
      sessionToken: "y".repeat(40),
    }),
    "InvalidAccessKeyId",
  );
});

test("etcd-snapshot with aws-role-arn uploads through the role's credentials", async () => {
  const before = gate.forwarded;
  const result = await etcdSnapshot.run(
    etcdSnapshot.parse(fromRecord({ ...etcdInputs(fx.sandbox.info, inputs()), ...stand.aws.roleInputs })),
    { logger },
  );
  assert.match(String(result.outputs.key), /^etcd\/aws-s3\/aws-s3-etcd-/);
  assert.ok(gate.forwarded > before);
});
