/**
 * What changed since the previous export, and which changes deserve a
 * reviewer's second look: new or changed bindings to cluster-admin, roles
 * granting everything, admission webhooks and policies, and pods (or pod
 * templates) that are privileged or share the host's namespaces or disks.
 */
import { asArray as arr, asObject as obj, str, type JsonObject } from "./json.ts";

export interface RiskyChange {
  file: string;
  change: "added" | "changed";
  why: string;
}

/** How many changed files are remembered by name (the summary lists a few; counts are exact). */
export const SAMPLE_LIMIT = 1000;

/** A ChangeSet's fields as plain data: what crosses back from the export's worker thread. */
export type ChangeSetData = Pick<
  ChangeSet,
  "count" | "added" | "changed" | "removed" | "risky" | "indexChanged"
>;

export class ChangeSet {
  readonly count = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  /** Up to SAMPLE_LIMIT file names per change, so memory stays flat on a first export of a large cluster. */
  readonly added: string[] = [];
  readonly changed: string[] = [];
  readonly removed: string[] = [];
  readonly risky: RiskyChange[] = [];
  /** The index changed (a kind newly skipped, say) even when no object did. */
  indexChanged = false;

  static from(data: ChangeSetData): ChangeSet {
    const c = new ChangeSet();
    Object.assign(c.count, data.count);
    c.added.push(...data.added);
    c.changed.push(...data.changed);
    c.removed.push(...data.removed);
    c.risky.push(...data.risky);
    c.indexChanged = data.indexChanged;
    return c;
  }

  /** `risks` are the object's `riskOf` reasons, reported when the file was added or changed. */
  record(file: string, status: "added" | "changed" | "unchanged", risks: readonly string[]): void {
    this.count[status]++;
    if (status === "unchanged") return;
    const list = status === "added" ? this.added : this.changed;
    if (list.length < SAMPLE_LIMIT) list.push(file);
    for (const why of risks) this.risky.push({ file, change: status, why });
  }

  recordRemoved(files: string[]): void {
    this.count.removed += files.length;
    this.removed.push(...files.slice(0, SAMPLE_LIMIT));
  }

  get total(): number {
    return this.count.added + this.count.changed + this.count.removed;
  }
}

/** Reasons an object is risky (pure: unit-tested). */
export function riskOf(o: JsonObject): string[] {
  const kind = str(o.kind);
  const apiVersion = str(o.apiVersion);
  const out: string[] = [];
  if (
    apiVersion.startsWith("rbac.authorization.k8s.io/") &&
    (kind === "ClusterRoleBinding" || kind === "RoleBinding")
  ) {
    const ref = obj(o.roleRef);
    if (ref?.kind === "ClusterRole" && ref.name === "cluster-admin") out.push(`${kind} to cluster-admin`);
  }
  if (apiVersion.startsWith("rbac.authorization.k8s.io/") && (kind === "ClusterRole" || kind === "Role")) {
    const all = arr(o.rules).some((r) => {
      const rule = obj(r);
      return arr(rule?.verbs).includes("*") && arr(rule?.resources).includes("*");
    });
    if (all) out.push(`${kind} granting every verb on every resource`);
  }
  if (apiVersion.startsWith("admissionregistration.k8s.io/")) out.push(`admission control: ${kind}`);
  const spec = podSpecOf(o);
  if (spec) out.push(...podRisks(spec));
  return out;
}

function podSpecOf(o: JsonObject): JsonObject | undefined {
  const spec = obj(o.spec);
  if (!spec) return undefined;
  if (o.kind === "Pod") return spec;
  if (o.kind === "CronJob") return obj(obj(obj(obj(spec.jobTemplate)?.spec)?.template)?.spec);
  return obj(obj(spec.template)?.spec);
}

function podRisks(spec: JsonObject): string[] {
  const out: string[] = [];
  for (const f of ["hostNetwork", "hostPID", "hostIPC"]) if (spec[f] === true) out.push(`pod uses ${f}`);
  const containers = [...arr(spec.initContainers), ...arr(spec.containers), ...arr(spec.ephemeralContainers)];
  for (const c of containers) {
    const sc = obj(obj(c)?.securityContext);
    const name = str(obj(c)?.name, "?");
    if (sc?.privileged === true) out.push(`privileged container ${name}`);
    const add = arr(obj(sc?.capabilities)?.add).map(String);
    const bad = add.filter((a) =>
      ["ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE"].includes(a.replace(/^CAP_/, "")),
    );
    if (bad.length) out.push(`container ${name} adds capabilities ${bad.join(",")}`);
  }
  const hostPaths = arr(spec.volumes)
    .map(obj)
    .filter((v) => v?.hostPath)
    .map((v) => str(obj(v?.hostPath)?.path));
  if (hostPaths.length) out.push(`pod mounts host paths ${hostPaths.join(",")}`);
  return out;
}
