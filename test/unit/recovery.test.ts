import assert from "node:assert/strict";
import { test } from "node:test";
import { fromRecord } from "../../src/config/inputs.ts";
import { parseRestoreConfig } from "../../src/capabilities/etcd-restore/config.ts";
import { flagValue, formatMember, initialCluster, parseMembers } from "../../src/recovery/members.ts";
import { NodeSteps, reachedBy, recordedRestores } from "../../src/recovery/node-steps.ts";
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

test("etcd-restore executor ssh: the ssh-* inputs as upgrade-node parses them; host keys required; pod refused saying why", () => {
  const run = { mode: "run", confirm: "prod", executor: "ssh", "ssh-key": "KEY" };
  assert.throws(() => parse(run), /input 'ssh-known-hosts' is required with executor: ssh.*ssh-keyscan/);
  const c = parse({
    ...run,
    "ssh-known-hosts": "[10.0.0.1]:22 ssh-ed25519 AAAA",
    "ssh-host": "{internal-ip}",
  });
  assert.deepEqual(c.live?.access, {
    kind: "ssh",
    ssh: {
      host: "{internal-ip}",
      port: 22,
      user: "root",
      key: "KEY",
      knownHosts: "[10.0.0.1]:22 ssh-ed25519 AAAA",
      hostKeyPolicy: "strict",
      sudo: false,
    },
    timeoutMs: 20 * 60_000,
  });
  // No restore-command needed with ssh; accept-new only when asked for by name.
  assert.equal(parse({ ...run, "ssh-host-key-policy": "accept-new" }).live?.access?.kind, "ssh");
  assert.throws(
    () => parse({ ...run, executor: "pod" }),
    /pod cannot restore etcd: .*API server.*executor: ssh/,
  );
  // Plan with ssh parses the access (to show and resolve where it goes); verify does not need it.
  assert.equal(parse({ ...run, mode: "verify" }).live?.access, undefined);
});

test("members: internal-ip is carried (a re-run reaches the nodes while the API is down), and checked", () => {
  const [m] = parseMembers(["cp-1=https://10.0.0.1:2380;node=n1;internal-ip=10.0.0.1"]);
  assert.equal(m?.internalIp, "10.0.0.1");
  assert.equal(
    formatMember(m as never),
    "cp-1=https://10.0.0.1:2380;node=n1;data-dir=/var/lib/etcd;internal-ip=10.0.0.1",
  );
  assert.deepEqual(parseMembers([formatMember(m as never)]), [m]);
  assert.throws(
    () => parseMembers(["cp-1=https://h:2380;internal-ip=10.0.0.1 -oProxyCommand=x"]),
    /internal-ip/,
  );
  assert.throws(
    () => parseMembers(["cp-1=https://h:2380;internal-ip=node.example"]),
    /an IPv4 or IPv6 address/,
  );
});

test("node steps: where the snapshot goes on each node, and how each node is reached", () => {
  const settings = { manifestDir: "/m", stateDir: "/s/{node}", etcdutl: "etcdutl", waitSeconds: 1 };
  const [m] = parseMembers(["cp-1=https://10.0.0.1:2380;node=n1;internal-ip=10.0.0.1"]);
  const member = m as never;
  const snap = { file: "/tmp/x.db", sha256: "ab".repeat(32) };
  const ssh = {
    kind: "ssh" as const,
    ssh: {
      host: "{internal-ip}",
      port: 2222,
      user: "ops",
      key: "k",
      hostKeyPolicy: "strict" as const,
      sudo: true,
    },
    timeoutMs: 1000,
  };
  const steps = [
    new NodeSteps(ssh, settings),
    new NodeSteps({ kind: "command", command: "x", timeoutMs: 1 }, settings),
  ];
  assert.equal(steps[0]?.snapshotOnNode(member, snap), `/s/n1/snapshot-${"ab".repeat(8)}.db`);
  assert.equal(steps[1]?.snapshotOnNode(member, snap), "/tmp/x.db", "the runner is the node");
  for (const s of steps) s.close();
  assert.equal(reachedBy(ssh, member), "ssh ops@10.0.0.1:2222 (n1)");
  const [bare] = parseMembers(["cp-1=https://10.0.0.1:2380;node=n1"]);
  assert.equal(reachedBy(ssh, bare as never), "ssh (no InternalIP known for n1)");
});
