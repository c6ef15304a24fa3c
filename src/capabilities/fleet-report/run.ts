/** fleet-report's run: read the inventory, read and judge every cluster's catalog, write the JSON, report. */
import fs from "node:fs";
import path from "node:path";
import { CapabilityFailure, type Result, type RunContext } from "../../config/capability.ts";
import { OperationalError, errorMessage } from "../../core/errors.ts";
import { readInventory } from "../../fleet/inventory.ts";
import { selectClusters } from "../../fleet/plan.ts";
import { fleetStatus } from "../../fleet/status.ts";
import type { ReportConfig } from "./config.ts";
import { fleetJson, fleetReportOf } from "./report.ts";
import { writeFileAtomic } from "../../core/files.ts";

export async function run(config: ReportConfig, { logger }: RunContext): Promise<Result> {
  const inventory = readInventory(config.inventory);
  const clusters = selectClusters(inventory, {
    ...(config.selector ? { selector: config.selector } : {}),
    waveLabel: "wave",
    waveOrder: [],
  });
  const now = config.now ?? new Date();
  const statuses = await logger.group(`read ${clusters.length} clusters' catalogs`, () =>
    fleetStatus(clusters, config.limits, now, logger, {
      stallTimeoutMs: config.stallTimeoutMs,
      repository: config.repository,
    }),
  );
  const json = fleetJson(statuses, config.limits, now, inventory.file);
  const file = path.resolve(config.reportFile);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written whole, then renamed: a reader never sees half a report.
    writeFileAtomic(file, `${JSON.stringify(json, null, 2)}\n`);
  } catch (err) {
    throw new OperationalError(
      `cannot write the report to ${file} (${errorMessage(err)}); check report-file`,
    );
  }
  const result = fleetReportOf(statuses, config.limits, now, inventory.file, file);
  const failing = statuses.filter((s) => s.problems.length);
  if (failing.length)
    throw new CapabilityFailure(
      `${failing.length} of ${statuses.length} clusters fail: ${failing.map((s) => `${s.name} (${s.problems.join("; ")})`).join(", ")}`,
      result,
    );
  logger.info(`all ${statuses.length} clusters are within the limits`);
  return result;
}
