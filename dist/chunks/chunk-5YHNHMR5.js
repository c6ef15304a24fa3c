import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/storage/record-check.ts
var FUTURE_SKEW_MS = 5 * 6e4;
var ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
function recordHeader(value, fields, cluster, now) {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { problem: "not a JSON object" };
  const r = value;
  const unknown = Object.keys(r).filter((k) => !fields.includes(k));
  if (unknown.length)
    return {
      problem: `unknown field(s) ${unknown.slice(0, 3).map((k) => JSON.stringify(k.slice(0, 40))).join(", ")}`
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

export {
  recordHeader
};
