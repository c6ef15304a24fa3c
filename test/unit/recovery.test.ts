import assert from "node:assert/strict";
import { test } from "node:test";
import { fromRecord } from "../../src/config/inputs.ts";
import { parseRestoreConfig } from "../../src/capabilities/etcd-restore/config.ts";
import { flagValue, initialCluster, parseMembers } from "../../src/recovery/members.ts";
import { recordedRestores } from "../../src/recovery/node-steps.ts";
import { restoreToRollBack, unfinishedRestore } from "../../src/recovery/control-plane-restore.ts";

const base = { "s3-bucket": "backups", "cluster-name": "prod", "allow-other-cluster": "true" };
const parse = (extra: Record<string, string>) => parseRestoreConfig(fromRecord({ ...base, ...extra }));

test("etcd-restore: mode download stays the default, old inputs keep working", () => {
  const c = parse({ "run-restore": "true", "data-dir": "/tmp/x" });
  assert.equal(c.mode, "download");
  assert.equal(c.live, undefined);
  assert.equal(c.run, true);
});

test("etcd-restore: run and rollback need confirm equal to the cluster name, and say what to type", () => {
  for (const mode of ["run", "rollback"]) {
    assert.throws(
      () => parse({ mode, "restore-command": "true" }),
      /input 'confirm': mode .* replaces the etcd data of cluster 'prod'.*set confirm to prod$/,
    );
    assert.throws(() => parse({ mode, confirm: "staging", "restore-command": "true" }), /\(got "staging"\)/);
  }
  assert.throws(() => parse({ mode: "run", confirm: "prod" }), /input 'restore-command' is required/);
  const c = parse({ mode: "run", confirm: "prod", "restore-command": 'bash "$KUBEKEEP_SCRIPT"' });
  assert.equal(c.live?.bumpRevision, 1_000_000_000);
  assert.equal(c.live?.settings.manifestDir, "/etc/kubernetes/manifests");
  // Plan needs no confirm.
  assert.equal(parse({ mode: "plan" }).live?.access, undefined);
});

test("etcd-restore: run without etcd access for the cluster-id check is refused unless allowed", () => {
  assert.throws(
    () =>
      parseRestoreConfig(
        fromRecord({
          "s3-bucket": "backups",
          "cluster-name": "prod",
          mode: "run",
          confirm: "prod",
          "restore-command": "x",
        }),
      ),
    /input 'etcd-ca' .* is required with mode run: the live etcd's cluster id/,
  );
});

test("etcd-restore: values that reach the node's shell are checked", () => {
  const run = { mode: "run", confirm: "prod", "restore-command": "x" };
  assert.throws(() => parse({ ...run, "manifest-dir": "/etc/$(reboot)" }), /input 'manifest-dir'/);
  assert.throws(() => parse({ ...run, "state-dir": "/var/../etc" }), /input 'state-dir'/);
  assert.throws(() => parse({ ...run, etcdutl: "etcdutl; rm -rf /" }), /input 'etcdutl'/);
  assert.throws(() => parse({ ...run, "restore-id": "r1; x" }), /input 'restore-id'/);
  assert.throws(() => parse({ ...run, members: "a=http://h:2380;node=n;data-dir=/x y" }), /data dir/);
  assert.throws(() => parse({ ...run, members: "a=http://h:2380';node=n" }), /peer URL/);
  assert.throws(() => parse({ ...run, members: "a=http://h:2380;color=red" }), /input 'members'/);
  assert.equal(
    parse({ ...run, "manifest-dir": "/tmp/{node}/manifests" }).live?.settings.manifestDir,
    "/tmp/{node}/manifests",
  );
});

test("members: parsed, sorted, defaults, duplicates refused", () => {
  const ms = parseMembers([
    "cp-2=https://10.0.0.2:2380",
    "cp-1=https://10.0.0.1:2380;node=node-1;data-dir=/data/etcd",
  ]);
  assert.deepEqual(ms, [
    { name: "cp-1", peerUrl: "https://10.0.0.1:2380", node: "node-1", dataDir: "/data/etcd" },
    { name: "cp-2", peerUrl: "https://10.0.0.2:2380", node: "cp-2", dataDir: "/var/lib/etcd" },
  ]);
  assert.equal(initialCluster(ms), "cp-1=https://10.0.0.1:2380,cp-2=https://10.0.0.2:2380");
  assert.throws(() => parseMembers(["a=https://h:2380", "a=https://g:2380"]), /same name a/);
  assert.equal(
    flagValue(["etcd", "--name=cp-1", "--data-dir", "/var/lib/etcd"], "--data-dir"),
    "/var/lib/etcd",
  );
});

test("recorded restores: resume the unfinished one of the same snapshot, refuse another's", () => {
  const out = "kubekeep: x\nkubekeep-state: r0123456789ab unfinished 2026-12-07T10:00:00Z aaa\n";
  const recorded = new Map([
    ["cp-1", recordedRestores(out)],
    ["cp-2", []],
  ]);
  assert.equal(unfinishedRestore({ recorded }, "aaa")?.id, "r0123456789ab");
  assert.throws(
    () => unfinishedRestore({ recorded }, "bbb"),
    /unfinished restore r0123456789ab of another snapshot/,
  );
  assert.equal(restoreToRollBack({ recorded }, undefined), "r0123456789ab");
  assert.throws(() => restoreToRollBack({ recorded }, "r000000000000"), /input 'restore-id'/);
});
