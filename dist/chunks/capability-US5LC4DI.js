import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  fleetInputs,
  parseFleetSelection
} from "./chunk-33ZCRVC7.js";
import {
  stallInputs,
  stallTimeout
} from "./chunk-OD4EXP6E.js";
import "./chunk-FK3ILC2B.js";
import "./chunk-A2QQ3WGS.js";
import {
  defineCapability
} from "./chunk-HRVOOZEE.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import {
  badInput
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/fleet-report/config.ts
var reportInputs = {
  ...fleetInputs,
  ...stallInputs,
  "max-snapshot-age": input.duration({
    description: "A cluster fails when its newest verified snapshot is older than this (or it has none). Clusters kubekeep does not snapshot (no snapshots in the inventory) are not judged.",
    default: "26h",
    min: "1s"
  }),
  "max-drill-age": input.duration({
    description: "A cluster fails when its last passing etcd-drill is older than this (or there is none). A cluster whose last drill failed fails whatever this says.",
    defaultText: "drill age not judged",
    min: "1s"
  }),
  "max-export-age": input.duration({
    description: "A cluster with an export in the inventory fails when the newest commit to its export folder (on the checked-out branch or its export branch) is older than this, or there is none, or the repository cannot be read.",
    defaultText: "exports reported, not judged",
    min: "1s"
  }),
  repository: input.string({
    description: "The checked-out repository that holds the exports (with its history: actions/checkout's fetch-depth: 0, and the export branches fetched when the inventory names them). Read as untrusted input: only git's own commands run on it.",
    default: "."
  }),
  "report-file": input.string({
    description: "Where to write the report as JSON (every cluster's snapshot and drill facts and problems), e.g. for actions/upload-artifact.",
    default: "fleet-report.json"
  }),
  now: input.string({
    description: "The time ages are measured at (ISO 8601 UTC, e.g. 2026-03-15T04:00:00Z): to judge the fleet as of a past moment or make two reports comparable.",
    defaultText: "the current time"
  })
};
function parseReportConfig(src) {
  const v = readInputs(reportInputs, src);
  const nowText = v.now;
  let now;
  if (nowText !== void 0) {
    now = new Date(nowText);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(nowText) || Number.isNaN(now.getTime()))
      throw badInput("now", nowText, "an ISO 8601 UTC time such as 2026-03-15T04:00:00Z");
  }
  const reportFile = v["report-file"];
  if (reportFile.trim() === "")
    throw badInput("report-file", reportFile, "a file path such as fleet-report.json");
  const maxDrill = v["max-drill-age"];
  const maxExport = v["max-export-age"];
  return {
    ...parseFleetSelection(src),
    limits: {
      maxSnapshotAgeMs: v["max-snapshot-age"],
      ...maxDrill !== void 0 ? { maxDrillAgeMs: maxDrill } : {},
      ...maxExport !== void 0 ? { maxExportAgeMs: maxExport } : {}
    },
    repository: v.repository,
    reportFile,
    ...now ? { now } : {},
    stallTimeoutMs: stallTimeout(src)
  };
}

// src/capabilities/fleet-report/capability.ts
var fleetReport = defineCapability({
  name: "fleet-report",
  summary: "one backup report across the fleet: newest verified snapshot and last drill per cluster",
  description: "The job after the fleet's matrix: read each cluster's snapshot catalog (newest snapshot, its age, verified or not) and the result of its last etcd-drill from the bucket alone (no cluster credentials), write one table to the job summary and a JSON file, and fail naming each cluster whose newest verified snapshot is older than max-snapshot-age, whose last passing drill is older than max-drill-age, or whose last drill failed.",
  inputs: reportInputs,
  outputs: {
    "report-file": "Path of the JSON report",
    clusters: "Number of clusters reported",
    failing: "JSON list of the clusters that fail, by name",
    ok: "true when no cluster fails"
  },
  parse: parseReportConfig,
  run: async (config, ctx) => (await import("./run-ZU6UIPZ5.js")).run(config, ctx)
});
export {
  fleetReport
};
