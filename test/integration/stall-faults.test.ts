// Nothing may hang: a peer frozen mid-transfer (SIGSTOP: the kernel still
// accepts connections and holds the socket open, the process never answers)
// fails the run within the stall timeout plus a little, with a message that
// names what stalled, and leaves nothing half-written. Each test freezes one
// sandbox process at a chosen point, and always thaws it (SIGCONT) after.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test, type TestContext } from "node:test";
import { fromRecord } from "../../src/config/inputs.ts";
import type { AnyCapability } from "../../src/config/capability.ts";
import { OperationalError, UserFacingError } from "../../src/core/errors.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { etcdSnapshot } from "../../src/capabilities/etcd-snapshot/capability.ts";
import { etcdVerify } from "../../src/capabilities/etcd-verify/capability.ts";
import { exportCapability } from "../../src/export/export.ts";
import { drain } from "../../src/nodes/drain-capability.ts";
import type { Node } from "../../src/nodes/types.ts";
import { createEtcdPod, etcdPortForwardConfig } from "../../src/sandbox/etcd-pod.ts";
import { addNodes } from "../../src/sandbox/nodes.ts";
import { SnapshotStore, type S3Config } from "../../src/storage/s3.ts";
import { etcdInputs, listKeys, putKey, s3Env, sandboxTls, storageInputs } from "../harness/etcd.ts";
import { deployment, namespace, placeOn } from "../harness/nodes.ts";
import { useSandbox } from "../harness/sandbox.ts";

const fx = useSandbox({ kwokExtraConfig: etcdPortForwardConfig(["cp-1"]) });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-stall-test-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Short, so that a stall shows quickly; the bounds below are this plus slack for a loaded machine. */
const STALL = "3s";
const STALL_MS = 3000;
/** Each test fails (instead of hanging) when the code under test waits for the frozen peer. */
const BOUNDED = { timeout: 180_000 };

let ready: Promise<void> | undefined;
function setup(): Promise<void> {
  ready ??= (async () => {
    const info = fx.sandbox.info;
    Object.assign(process.env, s3Env(info));
    await addNodes(fx.client, [{ name: "cp-1", role: "control-plane" }, { name: "w-a" }, { name: "w-b" }]);
    await createEtcdPod(fx.client, "cp-1");
    // ~48 MiB of incompressible values, so the stream and the upload take several parts.
    const tls = sandboxTls(info);
    for (let i = 0; i < 48; i++)
      await putKey(info.etcd.endpoint, tls, `/bulk/${i}`, randomBytes(1024 * 1024));
  })();
  return ready;
}

/** Freezes a sandbox process until the test ends (SIGCONT in t.after, also when the test fails). */
function freezer(t: TestContext, name: string): { freeze: () => void; frozen: () => boolean } {
  const pid = fx.sandbox.info.pids[name];
  if (!pid)
    throw new Error(`no sandbox process ${name} (have ${Object.keys(fx.sandbox.info.pids).join(", ")})`);
  let frozen = false;
  t.after(() => {
    if (frozen) process.kill(pid, "SIGCONT");
  });
  return {
    freeze: () => {
      if (frozen) return;
      frozen = true;
      process.kill(pid, "SIGSTOP");
    },
    frozen: () => frozen,
  };
}

/** A logger that calls `at` (synchronously) on the first line matching `when`. */
function loggerFreezingAt(when: (line: string) => boolean, at: () => void): ConsoleLogger {
  let done = false;
  return new ConsoleLogger({
    write: (line) => {
      if (!done && when(line)) {
        done = true;
        at();
      }
    },
  });
}

const pastSixteenMiB = (line: string) => {
  const m = /^snapshot: ([\d.]+) MiB of/.exec(line);
  return !!m && Number(m[1]) >= 16;
};

async function runFailing(cap: AnyCapability, inputs: Record<string, string>, logger: ConsoleLogger) {
  const started = Date.now();
  const err = await cap.run(cap.parse(fromRecord(inputs)), { logger }).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { err, seconds: (Date.now() - started) / 1000 };
}

/** No snapshot object and no multipart upload left under the cluster's prefix. */
async function assertNothingStored(cluster: string): Promise<void> {
  const info = fx.sandbox.info;
  assert.deepEqual(await listKeys(info, `etcd/${cluster}/`), []);
  const config = etcdSnapshot.parse(fromRecord(etcdInputs(info, { "cluster-name": cluster }))) as {
    storage: { s3: S3Config };
  };
  const store = await SnapshotStore.open(config.storage.s3);
  try {
    // A cutoff in the future: any upload left behind would be listed (and removed) now.
    assert.deepEqual(await store.abortStaleUploads(`etcd/${cluster}/`, new Date(Date.now() + 60_000)), []);
  } finally {
    store.close();
  }
}

const snapshotInputs = {
  compression: "none",
  "s3-part-size": "5Mi",
  "s3-queue-size": "1",
  "stall-timeout": STALL,
};

// Promise: bounded time, clear error, nothing half-written. etcd frozen
// mid-stream fails the snapshot within the stall timeout (not after hours),
// names etcd, and the multipart upload is aborted: no object, no parts.
test(
  "etcd frozen mid-snapshot (direct endpoint): fails within the stall timeout naming etcd; nothing stored",
  BOUNDED,
  async (t) => {
    await setup();
    const etcd = freezer(t, "etcd");
    const { err, seconds } = await runFailing(
      etcdSnapshot,
      etcdInputs(fx.sandbox.info, { ...snapshotInputs, "cluster-name": "etcd-frozen" }),
      loggerFreezingAt(pastSixteenMiB, etcd.freeze),
    );
    assert.ok(etcd.frozen(), "etcd was frozen mid-snapshot");
    assert.ok(err instanceof OperationalError, String(err));
    assert.match(
      err.message,
      /^etcd at https:\/\/127\.0\.0\.1:\d+ sent no snapshot data for 3s \(stall-timeout\); check etcd's health/,
    );
    assert.ok(seconds < STALL_MS / 1000 + 20, `failed after ${seconds}s`);
    process.kill(fx.sandbox.info.pids.etcd as number, "SIGCONT");
    await assertNothingStored("etcd-frozen");
  },
);

// Promise: bounded time, clear error, nothing half-written, through the
// port-forward (API server -> kubelet/kwok -> etcd) as a kubeconfig-only
// runner reaches etcd.
test(
  "etcd frozen mid-snapshot through the port-forward: fails within the stall timeout naming etcd and the path",
  BOUNDED,
  async (t) => {
    await setup();
    const info = fx.sandbox.info;
    const etcd = freezer(t, "etcd");
    const { err, seconds } = await runFailing(
      etcdSnapshot,
      {
        "kubeconfig-path": info.kubeconfig,
        "etcd-ca": info.etcd.caFile,
        "etcd-cert": info.etcd.certFile,
        "etcd-key": info.etcd.keyFile,
        ...storageInputs(info, { ...snapshotInputs, "cluster-name": "pf-frozen" }),
      },
      loggerFreezingAt(pastSixteenMiB, etcd.freeze),
    );
    assert.ok(etcd.frozen(), "etcd was frozen mid-snapshot");
    assert.ok(err instanceof OperationalError, String(err));
    assert.match(
      err.message,
      /^etcd at kube-system\/etcd-cp-1:2379 \(port-forward through https:\/\/127\.0\.0\.1:\d+\) sent no snapshot data for 3s \(stall-timeout\); .*port-forward path/,
    );
    assert.ok(seconds < STALL_MS / 1000 + 20, `failed after ${seconds}s`);
    process.kill(info.pids.etcd as number, "SIGCONT");
    await assertNothingStored("pf-frozen");
  },
);

// Promise: bounded time, clear error, nothing half-written. S3 frozen
// mid-upload: the part's request fails after the stall timeout (not retried:
// each retry would wait as long), the abort gets its own bounded try, and
// whatever parts S3 still holds are removed by the next run's sweep.
test(
  "S3 frozen mid-upload: fails in bounded time naming S3; no object, parts aborted or swept",
  BOUNDED,
  async (t) => {
    await setup();
    const s3 = freezer(t, "s3");
    const { err, seconds } = await runFailing(
      etcdSnapshot,
      etcdInputs(fx.sandbox.info, { ...snapshotInputs, "cluster-name": "s3-frozen" }),
      loggerFreezingAt(pastSixteenMiB, s3.freeze),
    );
    assert.ok(s3.frozen(), "S3 was frozen mid-upload");
    assert.ok(err instanceof OperationalError, String(err));
    assert.match(
      err.message,
      /^S3 at s3:\/\/kubekeep-sandbox at http:\/\/127\.0\.0\.1:\d+ sent or took no data for 3s during upload of etcd\/s3-frozen\/\S+ \(stall-timeout\); no object was written/,
    );
    // One stall, then at most one stall timeout for the abort.
    assert.ok(seconds < (2 * STALL_MS) / 1000 + 20, `failed after ${seconds}s`);
    process.kill(fx.sandbox.info.pids.s3 as number, "SIGCONT");
    assert.deepEqual(await listKeys(fx.sandbox.info, "etcd/s3-frozen/"), []);
    // The abort could not reach the frozen server (or reached it once thawed):
    // the sweep of the next run removes what is left; then nothing is.
    const config = etcdSnapshot.parse(
      fromRecord(etcdInputs(fx.sandbox.info, { "cluster-name": "s3-frozen" })),
    ) as {
      storage: { s3: S3Config };
    };
    const store = await SnapshotStore.open(config.storage.s3);
    try {
      const swept = await store.abortStaleUploads("etcd/s3-frozen/", new Date(Date.now() + 60_000));
      assert.ok(swept.length <= 1, swept.join(", "));
    } finally {
      store.close();
    }
    await assertNothingStored("s3-frozen");
  },
);

// Promise: bounded time, clear error. S3 frozen while a stored snapshot
// streams down (etcd-verify; etcd-restore downloads the same way) fails
// within the stall timeout, naming S3, instead of waiting forever.
test("S3 frozen mid-download (verify): fails within the stall timeout naming S3", BOUNDED, async (t) => {
  await setup();
  const info = fx.sandbox.info;
  const stored = await etcdSnapshot.run(
    etcdSnapshot.parse(
      fromRecord(etcdInputs(info, { compression: "none", verify: "false", "cluster-name": "dl-frozen" })),
    ),
    { logger: new ConsoleLogger({ write: () => {} }) },
  );
  const s3 = freezer(t, "s3");
  const { err, seconds } = await runFailing(
    etcdVerify,
    storageInputs(info, {
      "cluster-name": "dl-frozen",
      key: String(stored.outputs.key),
      "stall-timeout": STALL,
    }),
    loggerFreezingAt((l) => /^checking etcd\/dl-frozen\//.test(l), s3.freeze),
  );
  assert.ok(s3.frozen(), "S3 was frozen mid-download");
  assert.ok(err instanceof OperationalError, String(err));
  assert.match(
    err.message,
    /^S3 at s3:\/\/kubekeep-sandbox at http:\/\/127\.0\.0\.1:\d+ sent or took no data for 3s during download of etcd\/dl-frozen\/\S+ \(stall-timeout\)/,
  );
  assert.ok(seconds < STALL_MS / 1000 + 20, `failed after ${seconds}s`);
});

/** Every file under `dir` with its content's hash, to compare trees. */
function treeHash(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  }
  return out;
}

// Promise: bounded time, clear error, nothing half-written. The API server
// frozen while the kinds are being listed fails the export within the stall
// timeout, naming the API server; the previous export is untouched and no
// staging folder is left.
test(
  "the API server frozen during an export: fails within the stall timeout naming it; previous tree intact",
  BOUNDED,
  async (t) => {
    await setup();
    const dir = path.join(tmp, "export");
    const inputs = { "kubeconfig-path": fx.sandbox.kubeconfig, path: dir, "stall-timeout": STALL };
    await exportCapability.run(exportCapability.parse(fromRecord(inputs)), {
      logger: new ConsoleLogger({ write: () => {} }),
    });
    const before = treeHash(dir);
    assert.ok(Object.keys(before).length > 1, "the previous export has files");
    const apiserver = freezer(t, "kube-apiserver");
    const { err, seconds } = await runFailing(
      exportCapability,
      inputs,
      // Discovery is done; every LIST is still to be answered.
      loggerFreezingAt((l) => /discovery: \d+ listable kinds/.test(l), apiserver.freeze),
    );
    assert.ok(apiserver.frozen(), "the API server was frozen after discovery");
    assert.ok(err instanceof OperationalError, String(err));
    assert.match(
      err.message,
      /^the Kubernetes API at https:\/\/127\.0\.0\.1:\d+ sent nothing in answer to GET \/\S+ .*for 3s \(stall-timeout\); check that the API server is up/,
    );
    assert.ok(seconds < STALL_MS / 1000 + 20, `failed after ${seconds}s`);
    assert.deepEqual(treeHash(dir), before);
    assert.equal(fs.existsSync(`${dir}.kubekeep-new`), false, "no staging folder left");
    assert.deepEqual(fs.readdirSync(tmp), ["export"]);
  },
);

// Promise: bounded time, clear error. The API server frozen mid-drain (the
// evictions are being sent) fails the drain within the stall timeout (plus
// one for the lock's release), not after the drain's 10-minute budget; the
// message says the node stays cordoned, which is the safe state.
test(
  "the API server frozen during a drain: fails in bounded time; the node stays cordoned and the message says so",
  BOUNDED,
  async (t) => {
    await setup();
    await namespace(fx.client, "stall");
    await placeOn(fx.client, "w-a", [deployment("stall", "web", 3, { grace: 30 })], 3);
    const apiserver = freezer(t, "kube-apiserver");
    const { err, seconds } = await runFailing(
      drain,
      { "kubeconfig-path": fx.sandbox.kubeconfig, node: "w-a", "stall-timeout": STALL },
      loggerFreezingAt((l) => /^evicting \d+ pods from w-a/.test(l), apiserver.freeze),
    );
    assert.ok(apiserver.frozen(), "the API server was frozen before the evictions");
    assert.ok(err instanceof UserFacingError, String(err));
    assert.match(
      err.message,
      /^drain of w-a stopped: the Kubernetes API at https:\/\/127\.0\.0\.1:\d+ sent nothing .* for 3s \(stall-timeout\); .*The node stays cordoned \(the safe state/,
    );
    assert.ok(seconds < (2 * STALL_MS) / 1000 + 20, `failed after ${seconds}s`);
    process.kill(fx.sandbox.info.pids["kube-apiserver"] as number, "SIGCONT");
    const node = await fx.client.get<Node>("/api/v1/nodes/w-a");
    assert.equal(node.spec?.unschedulable, true);
  },
);

// Promise: bounded time, clear error. The API server frozen after the
// evictions, while the drain waits for the pods to go: watches are quiet by
// nature, but each one ends after 10s, so the drain gives up once the API
// server has not been heard from for that plus the stall timeout, instead
// of waiting out its 10-minute budget on stale knowledge.
test(
  "the API server frozen while a drain waits for pods to terminate: fails in bounded time, node stays cordoned",
  BOUNDED,
  async (t) => {
    await setup();
    await namespace(fx.client, "slow");
    await placeOn(fx.client, "w-b", [deployment("slow", "slow", 2, { grace: 120 })], 2);
    const apiserver = freezer(t, "kube-apiserver");
    const { err, seconds } = await runFailing(
      drain,
      // Without the lock: the previous test's run could not release it (its API server was frozen).
      { "kubeconfig-path": fx.sandbox.kubeconfig, node: "w-b", "stall-timeout": STALL, lock: "false" },
      loggerFreezingAt((l) => /^w-b: \d+ of \d+ evicted, [1-9]\d* terminating/.test(l), apiserver.freeze),
    );
    assert.ok(apiserver.frozen(), "the API server was frozen while pods terminated");
    assert.ok(err instanceof UserFacingError, String(err));
    assert.match(
      err.message,
      /^drain of w-b stopped: lost touch with the Kubernetes API at https:\/\/127\.0\.0\.1:\d+: no pod list or watch answer about node w-b for \d+(\.\d)?s \(stall-timeout 3s\).*The node stays cordoned \(the safe state/,
    );
    // Placing and evicting, then one watch's length plus the stall timeout.
    assert.ok(seconds < 10 + (2 * STALL_MS) / 1000 + 25, `failed after ${seconds}s`);
    process.kill(fx.sandbox.info.pids["kube-apiserver"] as number, "SIGCONT");
    const node = await fx.client.get<Node>("/api/v1/nodes/w-b");
    assert.equal(node.spec?.unschedulable, true);
  },
);
