/** export's run: the output path checked, then the export (export/export.ts) over one connection. */
import { withCluster } from "../../cluster/connect.ts";
import type { Result, RunContext } from "../../config/capability.ts";
import { runExport } from "../../export/export.ts";
import { checkOutputPath } from "../../export/output-path.ts";
import type { ExportConfig } from "./config.ts";
import { exportResult } from "./report.ts";

export async function run(config: ExportConfig, { logger, signal }: RunContext): Promise<Result> {
  if (config.fingerprintKey) logger.setSecret(config.fingerprintKey);
  // A bad path fails before connecting, not after the whole listing.
  checkOutputPath(config.path);
  return withCluster(config.cluster, logger, async (client) =>
    exportResult(await runExport(config, { logger, ...(signal ? { signal } : {}) }, client)),
  );
}
