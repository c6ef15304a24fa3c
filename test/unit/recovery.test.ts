import assert from "node:assert/strict";
import { test } from "node:test";
import { fromRecord } from "../../src/config/inputs.ts";
import { parseRestoreConfig } from "../../src/capabilities/etcd-restore/config.ts";
import { flagValue, formatMember, initialCluster, parseMembers } from "../../src/recovery/members.ts";
import { NodeSteps, reachedBy, recordedRestores } from "../../src/recovery/node-steps.ts";
import { restoreToRollBack, unfinishedRestore } from "../../src/recovery/control-plane-restore.ts";
import { lineageOf, nextLineage, parseLineage } from "../../src/recovery/lineage.ts";
import { compareWithSnapshot } from "../../src/recovery/objects.ts";
import { countKeys } from "../../src/etcd/key-counts.ts";
import { decodeFields, decodeRangeKeys, encodeRangeKeysRequest } from "../../src/etcd/proto.ts";

const PEM = "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----";
const base = {
  "s3-bucket": "backups",
  "cluster-name": "prod",
  "allow-other-cluster": "true",
  "etcd-ca": PEM,
  "etcd-cert": PEM,
  "etcd-key": PEM,
};
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

test("etcd-restore: run and verify without etcd access are refused: the cluster id and the objects are read from etcd", () => {
  for (const [mode, allow] of [
    ["run", "false"],
    ["run", "true"],
    ["verify", "false"],
  ])
    assert.throws(
      () =>
        parseRestoreConfig(
          fromRecord({
            "s3-bucket": "backups",
            "cluster-name": "prod",
            mode: mode,
            confirm: "prod",
            "restore-command": "x",
            "allow-other-cluster": allow,
          }),
        ),
      new RegExp(
        `input 'etcd-ca' .* is required with mode ${mode}: .*the live etcd's keys are compared with the snapshot's, kind by kind`,
      ),
    );
  assert.ok(parse({ mode: "verify" }).live?.etcd, "verify reads etcd");
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

test("lineage: earlier ids are this cluster's only when the record speaks for the live id", () => {
  const rec = parseLineage(JSON.stringify({ clusterId: "c1", ancestors: ["c0"] }));
  assert.deepEqual(lineageOf(rec, "c1"), ["c1", "c0"]);
  // A record carried back by a restore speaks for the snapshot's cluster, not the live one.
  assert.deepEqual(lineageOf(rec, "c2"), ["c2"]);
  for (const bad of [
    "",
    "x",
    "{}",
    '{"clusterId":"c1","ancestors":["$(x)"]}',
    '{"clusterId":"zz","ancestors":[]}',
  ])
    assert.equal(parseLineage(bad), undefined, bad);
  // A restore of an earlier snapshot of the lineage: the whole lineage, and the snapshot's own record.
  assert.deepEqual(
    nextLineage({ newId: "c3", snapshotId: "c0", before: ["c2", "c1", "c0"], restored: undefined }),
    { clusterId: "c3", ancestors: ["c0", "c2", "c1"] },
  );
  assert.deepEqual(
    nextLineage({ newId: "c3", snapshotId: "c2", restored: { clusterId: "c2", ancestors: ["c1", "c0"] } }),
    { clusterId: "c3", ancestors: ["c2", "c1", "c0"] },
  );
  // Another cluster's snapshot (allow-other-cluster): its lineage only, not the replaced cluster's.
  assert.deepEqual(
    nextLineage({
      newId: "c3",
      snapshotId: "o1",
      before: ["c2", "c1"],
      restored: { clusterId: "c2", ancestors: ["c1"] },
    }),
    { clusterId: "c3", ancestors: ["o1"] },
  );
});

test("objects: keys grouped by resource as kube-apiserver lays them out", () => {
  const counts = countKeys([
    "/registry/configmaps/default/a",
    "/registry/configmaps/kube-system/b",
    "/registry/minions/n1",
    "/registry/services/specs/default/kubernetes",
    "/registry/services/endpoints/default/kubernetes",
    "/registry/cert-manager.io/certificates/default/c",
    "/registry/apiregistration.k8s.io/apiservices/v1.apps",
    "compact_rev_key",
    "/registryx/y",
  ]);
  assert.deepEqual(Object.fromEntries([...counts].map(([k, v]) => [k, v.count])), {
    configmaps: 2,
    nodes: 1,
    services: 1,
    endpoints: 1,
    "certificates.cert-manager.io": 1,
    "apiservices.apiregistration.k8s.io": 1,
  });
});

test("objects: a judged kind that differs fails, named with its counts; kinds the control plane rewrites are reported only", () => {
  const m = (o: Record<string, number>) =>
    new Map(Object.entries(o).map(([id, count]) => [id, { id, kind: id, count }]));
  const same = compareWithSnapshot(
    m({ configmaps: 3, events: 10, pods: 2 }),
    m({ configmaps: 3, events: 4, pods: 3 }),
  );
  assert.equal(same.ok, true, same.detail);
  assert.match(same.detail, /reported only .*events 10 vs 4, pods 2 vs 3/);
  assert.equal(same.differing.length, 2);
  const bad = compareWithSnapshot(
    m({ configmaps: 3, secrets: 1 }),
    m({ configmaps: 2, secrets: 1, namespaces: 1 }),
  );
  assert.equal(bad.ok, false);
  assert.match(
    bad.detail,
    /^2 kinds differ: configmaps: 3 in the snapshot vs 2 in the live cluster \(1 more in the snapshot \(deleted after the restore\?\)/,
  );
  assert.match(bad.detail, /namespaces: 0 in the snapshot vs 1 in the live cluster/);
  assert.equal(
    compareWithSnapshot(new Map(), m({ configmaps: 1 })).ok,
    false,
    "an empty snapshot never matches",
  );
});

test("etcd Range keys-only request and response codec", () => {
  const req = encodeRangeKeysRequest(Buffer.from("/registry/"), Buffer.from("/registry0"), 500, 7);
  assert.deepEqual(
    decodeFields(req).map((f) => [f.no, Buffer.isBuffer(f.value) ? f.value.toString() : Number(f.value)]),
    [
      [1, "/registry/"],
      [2, "/registry0"],
      [3, 500],
      [4, 7],
      [8, 1],
    ],
  );
  const kv = (k: string) => Buffer.concat([Buffer.from([0x0a, k.length]), Buffer.from(k)]);
  const header = Buffer.from([0x08, 0x2a, 0x18, 0x09]);
  const res = Buffer.concat([
    Buffer.from([0x0a, header.length]),
    header,
    ...["/registry/a", "/registry/b"].map((k) => Buffer.concat([Buffer.from([0x12, kv(k).length]), kv(k)])),
    Buffer.from([0x18, 0x01]),
  ]);
  const d = decodeRangeKeys(res);
  assert.deepEqual(
    d.keys.map((k) => k.toString()),
    ["/registry/a", "/registry/b"],
  );
  assert.equal(d.more, true);
  assert.equal(d.header.revision, 9);
  assert.equal(d.header.clusterId, "2a");
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
