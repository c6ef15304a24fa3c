/** etcd-restore's run: downloads and verifies the snapshot to a file, then prints or runs the restore. */
import fs from "node:fs";
import path from "node:path";
import type { Result, RunContext } from "../../config/capability.ts";
import { ConfigurationError } from "../../core/errors.ts";
import { formatBytes, formatDuration } from "../../core/units.ts";
import { resolveKey, verifyStored } from "../../etcd/catalog.ts";
import { etcdutlArgs, kubeadmRestoreCommands, runEtcdutl } from "../../etcd/restore.ts";
import { newReport } from "../../report/report.ts";
import { withStore } from "../../storage/with-store.ts";
import type { RestoreConfig } from "./config.ts";

export function run(config: RestoreConfig, { logger }: RunContext): Promise<Result> {
  const started = Date.now();
  return withStore(config.storage, logger, async (store) => {
    const snap = await resolveKey(store, config.storage, config.key, logger);
    const file = path.resolve(config.output);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial`;
    const v = await logger.group(`download ${snap.key}`, async () => {
      try {
        // Opened now, not lazily, so the removal below never races the open.
        const out = fs.createWriteStream(partial, { fd: fs.openSync(partial, "w", 0o600) });
        const r = await verifyStored(store, config.storage, snap, logger, out);
        fs.renameSync(partial, file);
        return r;
      } catch (err) {
        fs.rmSync(partial, { force: true });
        throw err;
      }
    });
    logger.info(`wrote ${file}: ${formatBytes(v.dbSize)} database + sha256 trailer, verified`);
    const commands = kubeadmRestoreCommands(config, file);
    const report = newReport("etcd snapshot ready to restore");
    report.facts.push(
      ["Snapshot", `s3://${config.storage.s3.bucket}/${snap.key}`],
      ["File", `${file} (${formatBytes(v.dbSize)}, sha256 ${v.sha256})`],
      ["Revision", String(v.revision)],
    );
    if (config.run) {
      if (fs.existsSync(config.dataDir) && fs.readdirSync(config.dataDir).length > 0) {
        throw new ConfigurationError(
          `input 'data-dir': ${config.dataDir} exists and is not empty; etcdutl restores into a new folder`,
        );
      }
      await logger.group("etcdutl snapshot restore", async () => {
        logger.info(await runEtcdutl(config.etcdutl, etcdutlArgs(config, file), config.etcdutlTimeoutMs));
      });
      report.facts.push(["Restored into", config.dataDir]);
      report.notes.push(`Restored with ${config.etcdutl} ${etcdutlArgs(config, file).join(" ")}`);
    } else {
      logger.info(["restore commands:", ...commands].join("\n"));
      report.tables.push({
        caption: "Restore on a kubeadm control plane",
        header: ["step"],
        rows: commands.map((c) => [c]),
      });
    }
    report.facts.push(["Duration", formatDuration(Date.now() - started)]);
    return {
      outputs: {
        key: snap.key,
        file,
        sha256: v.sha256,
        "db-size": v.dbSize,
        "data-dir": config.run ? config.dataDir : "",
      },
      report,
    };
  });
}
