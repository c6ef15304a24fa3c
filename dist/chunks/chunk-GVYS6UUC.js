import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  formatMember,
  initialCluster
} from "./chunk-MUHM5E3O.js";
import {
  recordedRestores
} from "./chunk-GI66DSC2.js";
import {
  formatDuration
} from "./chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  OperationalError
} from "./chunk-YBANDQLS.js";

// src/recovery/control-plane-restore.ts
import crypto from "node:crypto";
var RESTORE_STEPS = ["stop", "restore", "start", "finish"];
var ROLLBACK_STEPS = ["stop", "rollback", "start", "finish"];
var RESTORE_ID_RE = /^r[0-9a-f]{12}$/;
var newRestoreId = () => `r${crypto.randomBytes(6).toString("hex")}`;
var Progress = class {
  done = /* @__PURE__ */ new Map();
  current = /* @__PURE__ */ new Map();
  started = Date.now();
  constructor(members) {
    for (const m of members) this.done.set(m.name, []);
  }
  begin(m, s) {
    this.current.set(m.name, s);
  }
  end(m, s) {
    this.done.get(m.name)?.push(s);
    this.current.set(m.name, void 0);
  }
  /** Whether any member has begun a step that changes it. */
  touched() {
    return [...this.current.values()].some(Boolean) || [...this.done.values()].some((d) => d.length > 0);
  }
  state(m) {
    const cur = this.current.get(m.name);
    const done = this.done.get(m.name) ?? [];
    if (cur) return `FAILED at ${cur}${done.length ? ` (done: ${done.join(", ")})` : ""}`;
    return done.length ? `done: ${done.join(", ")}` : "not started";
  }
};
function plannedSteps(m, o) {
  const kept = `${m.dataDir}.before-<restore id>`;
  return [
    `check: the snapshot's sha256 on ${m.node}; etcdutl runs; ${o.manifestDir}/etcd.yaml and ${m.dataDir} exist`,
    `stop: move kube-apiserver, kube-controller-manager, kube-scheduler and etcd manifests out of ${o.manifestDir}; wait until no etcd serves ${m.dataDir}`,
    `restore: etcdutl snapshot restore <snapshot> --name=${m.name} --initial-advertise-peer-urls=${m.peerUrl} --initial-cluster=${initialCluster(o.members)} --initial-cluster-token=<restore id> --bump-revision=${o.bumpRevision} --mark-compacted into ${m.dataDir}.restoring-<restore id>; keep ${m.dataDir} as ${kept}; move the restored dir into ${m.dataDir}`,
    `start: put etcd.yaml back (after every member is restored); wait for etcd to run`,
    `finish: put kube-apiserver, kube-controller-manager and kube-scheduler back`
  ];
}
async function checkMembers(nodes, members, restoreId, values, logger) {
  const recorded = /* @__PURE__ */ new Map();
  for (const m of members) {
    const out = await nodes.run(m, "check", restoreId, values, (l) => logger.info(l));
    recorded.set(m.name, recordedRestores(out));
  }
  return { recorded };
}
function unfinishedRestore(checked, snapshotSha) {
  const open = [...checked.recorded.entries()].flatMap(
    ([member, rs]) => rs.filter((r) => r.status === "unfinished").map((r) => ({ member, r }))
  );
  const ids = [...new Set(open.map((o) => o.r.id))];
  if (ids.length > 1)
    throw new OperationalError(
      `several unfinished restores are recorded on the members (${open.map((o) => `${o.r.id} on ${o.member}`).join(", ")}); roll them back (mode: rollback, restore-id) one at a time`
    );
  const first = open[0];
  if (!first) return void 0;
  if (snapshotSha && first.r.snapshot !== snapshotSha && first.r.snapshot !== "none")
    throw new OperationalError(
      `an unfinished restore ${first.r.id} of another snapshot (sha256 ${first.r.snapshot}) is recorded on member ${first.member}: finish it (run again with the snapshot it used) or roll it back (mode: rollback, restore-id: ${first.r.id}) first`
    );
  return first.r;
}
function restoreToRollBack(checked, named) {
  const all = [...checked.recorded.values()].flat();
  if (named) {
    if (!all.some((r) => r.id === named))
      throw new ConfigurationError(
        `input 'restore-id': no restore ${named} is recorded on the members (recorded: ${[...new Set(all.map((r) => r.id))].join(", ") || "none"})`
      );
    return named;
  }
  const newest = all.filter((r) => r.status !== "rolled-back").sort((a, b) => a.started.localeCompare(b.started)).at(-1);
  if (!newest)
    throw new OperationalError(
      `no restore to roll back is recorded on the members${all.length ? ` (only rolled back ones: ${all.map((r) => r.id).join(", ")})` : ""}`
    );
  return newest.id;
}
async function runSteps(nodes, members, steps, restoreId, values, progress, logger) {
  for (const step of steps) {
    await logger.group(`${step} (${members.map((m) => m.name).join(", ")})`, async () => {
      for (const m of members) {
        const t = Date.now();
        progress.begin(m, step);
        logger.info(`[${m.name}] step ${step} on ${m.node}`);
        await nodes.run(m, step, restoreId, values, (l) => logger.info(l));
        progress.end(m, step);
        logger.info(`[${m.name}] step ${step} done in ${formatDuration(Date.now() - t)}`);
      }
    });
  }
}
function membersInput(members) {
  return members.map(formatMember).join(",");
}

export {
  RESTORE_STEPS,
  ROLLBACK_STEPS,
  RESTORE_ID_RE,
  newRestoreId,
  Progress,
  plannedSteps,
  checkMembers,
  unfinishedRestore,
  restoreToRollBack,
  runSteps,
  membersInput
};
