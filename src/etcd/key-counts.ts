/**
 * Objects per kind as etcd stores them: the keys under the API server's
 * prefix (/registry), grouped by the resource part of the key, counted in a
 * snapshot file (its newest revision) or in a live etcd (keys only, in
 * pages). Both sides are read the same way, without an API server, so a
 * restored cluster can be compared with the snapshot it came from exactly.
 */
import type { KindCount } from "./drill/count.ts";
import type { EtcdClient } from "./client.ts";
import { snapshotKeys } from "./bolt-reader.ts";

/**
 * The resource a key under `prefix` belongs to, as kube-apiserver lays keys
 * out: `<prefix>/<resource>/[<namespace>/]<name>` for the built-in kinds
 * (`/registry/deployments/default/web`: deployments), `<prefix>/<group>/<resource>/...`
 * for API groups with a dot (`/registry/cert-manager.io/certificates/...`:
 * certificates.cert-manager.io, the form `kubectl api-resources` names), and
 * Services' two trees (`services/specs`, `services/endpoints`). Old storage
 * names are given their API names (minions: nodes). Undefined for keys
 * outside the prefix.
 */
export function keyResource(key: string, prefix = "/registry"): string | undefined {
  if (!key.startsWith(`${prefix}/`)) return undefined;
  const [first = "", second = ""] = key.slice(prefix.length + 1).split("/");
  if (!first) return undefined;
  if (first.includes(".")) return second ? `${second}.${first}` : first;
  if (first === "services") return second === "endpoints" ? "endpoints" : "services";
  return LEGACY_NAMES[first] ?? first;
}

const LEGACY_NAMES: Record<string, string> = {
  minions: "nodes",
  controllers: "replicationcontrollers",
  ingress: "ingresses",
};

/** Counts keys per resource. */
export function countKeys(keys: Iterable<string>, prefix = "/registry"): Map<string, KindCount> {
  const counts = new Map<string, KindCount>();
  for (const k of keys) {
    const id = keyResource(k, prefix);
    if (id === undefined) continue;
    const c = counts.get(id) ?? { id, kind: id, count: 0 };
    c.count = (c.count ?? 0) + 1;
    counts.set(id, c);
  }
  return counts;
}

/** Per-resource counts of a snapshot file (the db with etcd's sha256 trailer) at its newest revision. */
export function countSnapshotKeys(file: string, prefix = "/registry"): Map<string, KindCount> {
  return countKeys(snapshotKeys(file), prefix);
}

/** Per-resource counts of a live etcd, read at one revision in pages of `pageSize` keys. */
export async function countLiveKeys(
  client: EtcdClient,
  prefix = "/registry",
  pageSize = 5000,
): Promise<{ counts: Map<string, KindCount>; revision: number }> {
  const start = Buffer.from(`${prefix}/`, "latin1");
  // The range end of a prefix: its last byte plus one ('/' + 1 is '0').
  const end = Buffer.from(start);
  end[end.length - 1] = (end[end.length - 1] as number) + 1;
  const keys: string[] = [];
  let from = start;
  let revision = 0;
  for (;;) {
    const page = await client.rangeKeys(from, end, pageSize, revision);
    // Every page at the first page's revision: one consistent view while writers run.
    if (!revision) revision = page.header.revision;
    for (const k of page.keys) keys.push(k.toString("latin1"));
    const last = page.keys.at(-1);
    if (!page.more || !last) break;
    // The next page starts just after the last key (the key with a zero byte appended).
    from = Buffer.concat([last, Buffer.from([0])]);
  }
  return { counts: countKeys(keys, prefix), revision };
}
