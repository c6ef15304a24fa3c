/** `fleet-report`: every cluster's newest verified snapshot and last drill, from the bucket alone. */
import { defineCapability } from "../../config/capability.ts";
import { parseReportConfig, reportInputs, type ReportConfig } from "./config.ts";

export const fleetReport = defineCapability<ReportConfig>({
  name: "fleet-report",
  summary: "one backup report across the fleet: newest verified snapshot and last drill per cluster",
  description:
    "The job after the fleet's matrix: read each cluster's snapshot catalog (newest snapshot, its age, verified or not) and the result of its last etcd-drill from the bucket alone (no cluster credentials), write one table to the job summary and a JSON file, and fail naming each cluster whose newest verified snapshot is older than max-snapshot-age, whose last passing drill is older than max-drill-age, or whose last drill failed.",
  inputs: reportInputs,
  outputs: {
    "report-file": "Path of the JSON report",
    clusters: "Number of clusters reported",
    failing: "JSON list of the clusters that fail, by name",
    ok: "true when no cluster fails",
  },
  parse: parseReportConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
