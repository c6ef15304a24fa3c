// The S3 server dies in the middle of a snapshot upload: the run fails with
// a clear error, stops reading from etcd, and no object (partial or not) is
// left once S3 is back.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { fromRecord } from "../../src/config/inputs.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { etcdSnapshot } from "../../src/capabilities/etcd-snapshot/capability.ts";
import { killGroup } from "../../src/core/process.ts";
import { etcdInputs, listKeys, putKey, restartS3, s3Env, sandboxTls, stopPid } from "../harness/etcd.ts";
import { useSandbox } from "../harness/sandbox.ts";
import { SnapshotStore, type S3Config } from "../../src/storage/s3.ts";

const fx = useSandbox();

test("S3 dying mid-upload fails clearly and leaves no object", async () => {
  const info = fx.sandbox.info;
  Object.assign(process.env, s3Env(info));
  const tls = sandboxTls(info);
  // ~48 MiB of incompressible values, so the upload takes several parts.
  for (let i = 0; i < 48; i++) await putKey(info.etcd.endpoint, tls, `/bulk/${i}`, randomBytes(1024 * 1024));
  let killed = false;
  const logger = new ConsoleLogger({
    write: (line) => {
      const m = /^snapshot: ([\d.]+) MiB of/.exec(line);
      if (!killed && m && Number(m[1]) >= 16) {
        killed = true;
        killGroup(info.pids.s3 as number, "SIGKILL");
      }
    },
  });
  const started = Date.now();
  const err = await etcdSnapshot
    .run(
      etcdSnapshot.parse(
        fromRecord(
          etcdInputs(info, {
            compression: "none",
            "s3-part-size": "5Mi",
            "s3-queue-size": "1",
            "cluster-name": "dying",
          }),
        ),
      ),
      { logger },
    )
    .catch((e: unknown) => e);
  assert.ok(killed, "the S3 server was killed mid-upload");
  assert.ok(err instanceof Error, String(err));
  assert.match(
    err.message,
    /S3 at s3:\/\/kubekeep-sandbox at http:\/\/127\.0\.0\.1:\d+ failed during upload of etcd\/dying\/.*no object was written/,
  );
  assert.ok(Date.now() - started < 120_000, "failed promptly instead of hanging");
  const s3 = await restartS3(fx.sandbox);
  try {
    assert.deepEqual(await listKeys(info, "etcd/dying/"), []);
    // The abort could not reach the dead server; the next run's sweep (here
    // with a cutoff in the future instead of an hour ago) removes the parts.
    const config = etcdSnapshot.parse(fromRecord(etcdInputs(info, { "cluster-name": "dying" }))) as {
      storage: { s3: S3Config };
    };
    const store = await SnapshotStore.open(config.storage.s3);
    try {
      const aborted = await store.abortStaleUploads("etcd/dying/", new Date(Date.now() + 60_000));
      assert.equal(aborted.length, 1);
      assert.match(aborted[0] ?? "", /^etcd\/dying\/dying-etcd-\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{10}\.db$/);
      assert.deepEqual(await store.abortStaleUploads("etcd/dying/", new Date(Date.now() + 60_000)), []);
    } finally {
      store.close();
    }
  } finally {
    await stopPid(s3.pid);
  }
});
