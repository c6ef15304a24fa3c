/**
 * An etcd snapshot restored into a live control plane, member by member,
 * step by step, every member through a step before any goes to the next:
 *
 *   check    the snapshot on each node hashes as on the runner; etcdutl runs;
 *            restores already recorded there are reported (nothing changes)
 *   stop     control-plane manifests aside, etcd waited for to stop
 *   restore  etcdutl snapshot restore --bump-revision --mark-compacted with the
 *            full --initial-cluster and a fresh token; the old data dir kept
 *   start    etcd's manifest back (all members before any health wait: a
 *            member alone has no quorum)
 *   finish   kube-apiserver, controller-manager and scheduler back
 *
 * The restore id (also the cluster token) is new for each restore and reused
 * for a run that finds an unfinished one of the same snapshot on the nodes,
 * which then continues where it stopped. A rollback runs stop, rollback
 * (the kept data dir back), start, finish with the id of the restore it undoes.
 */
import crypto from "node:crypto";
import { ConfigurationError, OperationalError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { formatDuration } from "../core/units.ts";
import { formatMember, initialCluster, type Member } from "./members.ts";
import { recordedRestores, type NodeSteps, type RecordedRestore, type Step } from "./node-steps.ts";

export const RESTORE_STEPS: Step[] = ["stop", "restore", "start", "finish"];
export const ROLLBACK_STEPS: Step[] = ["stop", "rollback", "start", "finish"];
export const RESTORE_ID_RE = /^r[0-9a-f]{12}$/;

export const newRestoreId = () => `r${crypto.randomBytes(6).toString("hex")}`;

/** Per member: the steps done and the one under way (for progress and the failure report). */
export class Progress {
  readonly done = new Map<string, Step[]>();
  readonly current = new Map<string, Step | undefined>();
  readonly started = Date.now();
  constructor(members: Member[]) {
    for (const m of members) this.done.set(m.name, []);
  }
  begin(m: Member, s: Step): void {
    this.current.set(m.name, s);
  }
  end(m: Member, s: Step): void {
    this.done.get(m.name)?.push(s);
    this.current.set(m.name, undefined);
  }
  /** Whether any member has begun a step that changes it. */
  touched(): boolean {
    return [...this.current.values()].some(Boolean) || [...this.done.values()].some((d) => d.length > 0);
  }
  state(m: Member): string {
    const cur = this.current.get(m.name);
    const done = this.done.get(m.name) ?? [];
    if (cur) return `FAILED at ${cur}${done.length ? ` (done: ${done.join(", ")})` : ""}`;
    return done.length ? `done: ${done.join(", ")}` : "not started";
  }
}

/** The steps a plan shows for one member, as the node will run them. */
export function plannedSteps(
  m: Member,
  o: { manifestDir: string; bumpRevision: number; members: Member[] },
): string[] {
  const kept = `${m.dataDir}.before-<restore id>`;
  return [
    `check: the snapshot's sha256 on ${m.node}; etcdutl runs; ${o.manifestDir}/etcd.yaml and ${m.dataDir} exist`,
    `stop: move kube-apiserver, kube-controller-manager, kube-scheduler and etcd manifests out of ${o.manifestDir}; wait until no etcd serves ${m.dataDir}`,
    `restore: etcdutl snapshot restore <snapshot> --name=${m.name} --initial-advertise-peer-urls=${m.peerUrl} --initial-cluster=${initialCluster(o.members)} --initial-cluster-token=<restore id> --bump-revision=${o.bumpRevision} --mark-compacted into ${m.dataDir}.restoring-<restore id>; keep ${m.dataDir} as ${kept}; move the restored dir into ${m.dataDir}`,
    `start: put etcd.yaml back (after every member is restored); wait for etcd to run`,
    `finish: put kube-apiserver, kube-controller-manager and kube-scheduler back`,
  ];
}

export interface CheckedNodes {
  /** The restores recorded on the nodes, per member. */
  recorded: Map<string, RecordedRestore[]>;
}

/** Runs the check step on every member; the snapshot's sha256 is checked on each node before anything stops. */
export async function checkMembers(
  nodes: NodeSteps,
  members: Member[],
  restoreId: string,
  values: Record<string, string>,
  logger: Logger,
): Promise<CheckedNodes> {
  const recorded = new Map<string, RecordedRestore[]>();
  for (const m of members) {
    const out = await nodes.run(m, "check", restoreId, values, (l) => logger.info(l));
    recorded.set(m.name, recordedRestores(out));
  }
  return { recorded };
}

/**
 * The restore to continue: an unfinished one recorded on any member. Refused
 * when it restores another snapshot (finish or roll back that one first) or
 * when members disagree.
 */
export function unfinishedRestore(
  checked: CheckedNodes,
  snapshotSha: string | undefined,
): RecordedRestore | undefined {
  const open = [...checked.recorded.entries()].flatMap(([member, rs]) =>
    rs.filter((r) => r.status === "unfinished").map((r) => ({ member, r })),
  );
  const ids = [...new Set(open.map((o) => o.r.id))];
  if (ids.length > 1)
    throw new OperationalError(
      `several unfinished restores are recorded on the members (${open.map((o) => `${o.r.id} on ${o.member}`).join(", ")}); roll them back (mode: rollback, restore-id) one at a time`,
    );
  const first = open[0];
  if (!first) return undefined;
  if (snapshotSha && first.r.snapshot !== snapshotSha && first.r.snapshot !== "none")
    throw new OperationalError(
      `an unfinished restore ${first.r.id} of another snapshot (sha256 ${first.r.snapshot}) is recorded on member ${first.member}: finish it (run again with the snapshot it used) or roll it back (mode: rollback, restore-id: ${first.r.id}) first`,
    );
  return first.r;
}

/** The restore a rollback undoes: the one named, or the newest recorded on the members. */
export function restoreToRollBack(checked: CheckedNodes, named: string | undefined): string {
  const all = [...checked.recorded.values()].flat();
  if (named) {
    if (!all.some((r) => r.id === named))
      throw new ConfigurationError(
        `input 'restore-id': no restore ${named} is recorded on the members (recorded: ${[...new Set(all.map((r) => r.id))].join(", ") || "none"})`,
      );
    return named;
  }
  const newest = all
    .filter((r) => r.status !== "rolled-back")
    .sort((a, b) => a.started.localeCompare(b.started))
    .at(-1);
  if (!newest)
    throw new OperationalError(
      `no restore to roll back is recorded on the members${all.length ? ` (only rolled back ones: ${all.map((r) => r.id).join(", ")})` : ""}`,
    );
  return newest.id;
}

/**
 * Runs `steps` across the members: each step on every member before the next
 * step starts. Throws a RestoreFailure saying where each member stands.
 */
export async function runSteps(
  nodes: NodeSteps,
  members: Member[],
  steps: Step[],
  restoreId: string,
  values: Record<string, string>,
  progress: Progress,
  logger: Logger,
): Promise<void> {
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

/** The `members` value that names these members, for the commands a failure prints. */
export function membersInput(members: Member[]): string {
  return members.map(formatMember).join(",");
}
