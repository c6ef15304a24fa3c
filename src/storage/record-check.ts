/**
 * The checks every small JSON record kubekeep keeps beside the snapshots
 * (a drill's result, a cluster's versions) starts with, read back from the
 * bucket (untrusted: SECURITY.md): an object of known fields only, format 1,
 * this cluster's, written at a UTC time not in the future. Each record's own
 * fields are checked by its module after these.
 */

/** A writer's clock may run a little ahead of ours. */
const FUTURE_SKEW_MS = 5 * 60_000;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Why `value` is refused as a record of `cluster` with only `fields`, or the record itself. */
export function recordHeader(
  value: unknown,
  fields: readonly string[],
  cluster: string,
  now: Date,
): { problem: string } | { record: Record<string, unknown> } {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { problem: "not a JSON object" };
  const r = value as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => !fields.includes(k));
  if (unknown.length)
    return {
      problem: `unknown field(s) ${unknown
        .slice(0, 3)
        .map((k) => JSON.stringify(k.slice(0, 40)))
        .join(", ")}`,
    };
  if (r.formatVersion !== 1) return { problem: "formatVersion is not 1" };
  if (r.cluster !== cluster)
    return { problem: `it names cluster ${JSON.stringify(String(r.cluster).slice(0, 70))}, not ${cluster}` };
  if (typeof r.at !== "string" || !ISO_UTC.test(r.at) || Number.isNaN(Date.parse(r.at)))
    return { problem: "its time 'at' is not an ISO 8601 UTC time" };
  if (Date.parse(r.at) > now.getTime() + FUTURE_SKEW_MS)
    return { problem: `its time ${r.at} is in the future` };
  return { record: r };
}
