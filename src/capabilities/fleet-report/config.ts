/** fleet-report's inputs and typed config: which clusters, the age limits, where the JSON goes. */
import type { InputSource } from "../../config/inputs.ts";
import { input, readInputs } from "../../config/schema.ts";
import { stallInputs, stallTimeout } from "../../config/stall.ts";
import { badInput } from "../../core/errors.ts";
import { fleetInputs, parseFleetSelection, type FleetSelection } from "../../fleet/config.ts";
import type { Limits } from "../../fleet/status.ts";

export interface ReportConfig extends FleetSelection {
  limits: Limits;
  reportFile: string;
  /** The time ages are measured at. */
  now?: Date;
  stallTimeoutMs: number;
  /** The checkout holding the exports. */
  repository: string;
}

export const reportInputs = {
  ...fleetInputs,
  ...stallInputs,
  "max-snapshot-age": input.duration({
    description:
      "A cluster fails when its newest verified snapshot is older than this (or it has none). Clusters kubekeep does not snapshot (no snapshots in the inventory) are not judged.",
    default: "26h",
    min: "1s",
  }),
  "max-drill-age": input.duration({
    description:
      "A cluster fails when its last passing etcd-drill is older than this (or there is none). A cluster whose last drill failed fails whatever this says.",
    defaultText: "drill age not judged",
    min: "1s",
  }),
  "max-export-age": input.duration({
    description:
      "A cluster with an export in the inventory fails when the newest commit to its export folder (on the checked-out branch or its export branch) is older than this, or there is none, or the repository cannot be read.",
    defaultText: "exports reported, not judged",
    min: "1s",
  }),
  repository: input.string({
    description:
      "The checked-out repository that holds the exports (with its history: actions/checkout's fetch-depth: 0, and the export branches fetched when the inventory names them). Read as untrusted input: only git's own commands run on it.",
    default: ".",
  }),
  "report-file": input.string({
    description:
      "Where to write the report as JSON (every cluster's snapshot and drill facts and problems), e.g. for actions/upload-artifact.",
    default: "fleet-report.json",
  }),
  now: input.string({
    description:
      "The time ages are measured at (ISO 8601 UTC, e.g. 2026-03-15T04:00:00Z): to judge the fleet as of a past moment or make two reports comparable.",
    defaultText: "the current time",
  }),
};

export function parseReportConfig(src: InputSource): ReportConfig {
  const v = readInputs(reportInputs, src);
  const nowText = v.now;
  let now: Date | undefined;
  if (nowText !== undefined) {
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
      ...(maxDrill !== undefined ? { maxDrillAgeMs: maxDrill } : {}),
      ...(maxExport !== undefined ? { maxExportAgeMs: maxExport } : {}),
    },
    repository: v.repository,
    reportFile,
    ...(now ? { now } : {}),
    stallTimeoutMs: stallTimeout(src),
  };
}
