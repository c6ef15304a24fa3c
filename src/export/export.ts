/**
 * `export`: every resource of the cluster as clean, re-appliable YAML in a
 * git-friendly tree, Secrets redacted, ready to commit on a schedule so each
 * cluster change shows up as a reviewable diff.
 *
 * Phases: discover the kinds; list each kind page by page (a few kinds at a
 * time), cleaning each object as it arrives and staging its file when it is
 * new or changed; plan the removal of vanished objects' files (only for kinds
 * listed completely, and only up to the deletion limit); write the index;
 * commit the staged changes into the tree (see write.ts).
 */
import { isApiError } from "../cluster/client.ts";
import { connect } from "../config/cluster.ts";
import { defineCapability } from "../core/capability.ts";
import { ConfigurationError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { cleanObject, kubernetesKeyOrder, skipReason } from "./clean.ts";
import { parseExportConfig, type ExportConfig } from "./config.ts";
import { ChangeSet, riskOf } from "./diff.ts";
import { discover, resourceId, type Discovery } from "./discovery.ts";
import { listPaged } from "./fetch.ts";
import {
  groupDir,
  INDEX_FILE,
  kindKey,
  kindOfFile,
  NAMESPACES_DIR,
  objectFile,
  unescapeName,
} from "./layout.ts";
import { buildReport, exportedCount, indexYaml, type KindOutcome, type Outcome } from "./outcome.ts";
import {
  newRedactor,
  redactExtra,
  redactHelmReleaseConfigMap,
  redactSecret,
  type Redactor,
} from "./redact.ts";
import { kindMatches, selectKind, selectNamespace } from "./select.ts";
import type { JsonObject } from "./json.ts";
import { isExportFile, type WriteStatus } from "./write.ts";
import { TreeWriterThread } from "./write-thread.ts";
import { toYaml } from "./yaml.ts";

export const exportCapability = defineCapability<ExportConfig>({
  name: "export",
  summary: "export every resource to clean YAML files (Secrets redacted), ready to commit",
  parse: parseExportConfig,
  async run(config, { logger, signal }) {
    if (config.fingerprintKey) logger.setSecret(config.fingerprintKey);
    const { client, cleanup } = await connect(config.cluster, logger);
    try {
      const outcome = await runExport(config, { logger, ...(signal ? { signal } : {}) }, client);
      const c = outcome.changes;
      return {
        outputs: {
          changed: c.total > 0 || c.indexChanged,
          path: outcome.path,
          objects: exportedCount(outcome),
          kinds: outcome.kinds.filter((k) => k.status === "exported").length,
          added: c.count.added,
          modified: c.count.changed,
          removed: c.count.removed,
          "skipped-kinds": outcome.kinds.filter((k) => k.status === "skipped" || k.status === "failed")
            .length,
          risky: c.risky.length,
        },
        report: buildReport(outcome),
      };
    } finally {
      cleanup();
    }
  },
});

type Client = Awaited<ReturnType<typeof connect>>["client"];

export async function runExport(
  config: ExportConfig,
  ctx: { logger: Logger; signal?: AbortSignal },
  client: Client,
): Promise<Outcome> {
  const { logger } = ctx;
  const started = Date.now();
  // The writer's thread scans the previous tree while the kinds are discovered.
  const starting = TreeWriterThread.start(config.path);
  let discovery: Discovery;
  try {
    discovery = await logger.group("Discovering kinds", async () => {
      const d = await discover(client);
      logger.info(`${d.mode} discovery: ${d.resources.length} listable kinds`);
      for (const f of d.failed) logger.warning(`API ${f.groupVersion} skipped: ${f.reason}`);
      return d;
    });
  } catch (err) {
    await starting.then((w) => w.close()).catch(() => {});
    throw err;
  }
  const writer = await starting;
  try {
    const outcome = await exportInto(writer, discovery, config, ctx, client);
    return { ...outcome, durationMs: Date.now() - started };
  } catch (err) {
    await writer.abort();
    throw err;
  } finally {
    await writer.close();
  }
}

async function exportInto(
  writer: TreeWriterThread,
  discovery: Discovery,
  config: ExportConfig,
  ctx: { logger: Logger; signal?: AbortSignal },
  client: Client,
): Promise<Omit<Outcome, "durationMs">> {
  const { logger } = ctx;
  for (const entry of config.includeKinds) {
    if (!discovery.resources.some((rt) => kindMatches(entry, rt)))
      logger.warning(`include-kinds: the cluster serves no kind named ${JSON.stringify(entry)}`);
  }
  const kinds: KindOutcome[] = discovery.resources.map((rt) => {
    const verdict = selectKind(rt, config);
    return verdict.export
      ? { rt, status: "exported", exported: 0, skippedObjects: {} }
      : { rt, status: "excluded", reason: verdict.reason, exported: 0, skippedObjects: {} };
  });

  const changes = new ChangeSet();
  const redactor = newRedactor(config.fingerprintKey);
  await logger.group("Listing and writing objects", async () => {
    const todo = kinds.filter((k) => k.status === "exported");
    let total = 0;
    let nextReport = 5000;
    const worker = async () => {
      for (let k = todo.shift(); k; k = todo.shift()) {
        const kind = k;
        try {
          await listPaged(
            client,
            kind.rt,
            {
              pageSize: config.pageSize,
              namespaces: config.includeNamespaces,
              ...(config.labelSelector ? { labelSelector: config.labelSelector } : {}),
              ...(ctx.signal ? { signal: ctx.signal } : {}),
            },
            async (items) => {
              const files: [string, string][] = [];
              const rels: string[] = [];
              const risks: string[][] = [];
              total += items.length;
              // Take each object out of the page as it is handled, so it is garbage at once:
              // a page's objects are most of what survives a scavenge, and survivors make V8
              // grow its young generation (to 128 MB by default).
              for (let item = items.shift(); item; item = items.shift()) {
                const file = exportOne(item, kind, config, redactor);
                if (!file) continue;
                files.push([file.rel, file.text]);
                rels.push(file.rel);
                risks.push(file.risks);
              }
              if (total >= nextReport) {
                logger.info(`${total} objects listed`);
                nextReport += 5000;
              }
              // The texts are copied to the writer's thread; only names and risks wait for the statuses.
              if (files.length)
                await writer.write(files, (statuses) =>
                  statuses.forEach((status, i) => changes.record(rels[i] ?? "", status, risks[i] ?? [])),
                );
            },
          );
          logger.info(`${resourceId(kind.rt)}: ${kind.exported} exported${skippedText(kind)}`);
        } catch (err) {
          if (isApiError(err) && [401, 403, 404, 405, 503].includes(err.code)) {
            kind.status = "skipped";
            kind.reason = `${err.code} ${err.reason}${err.serverMessage ? `: ${err.serverMessage}` : ""}`;
            logger.warning(`${resourceId(kind.rt)} skipped: ${kind.reason}`);
          } else if (isApiError(err)) {
            kind.status = "failed";
            kind.reason = err.message;
            logger.warning(`${resourceId(kind.rt)} failed: ${kind.reason}`);
          } else {
            throw err;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: config.concurrency }, worker));
  });

  const incomplete = kinds.filter((k) => k.status === "skipped" || k.status === "failed");
  if (config.strict && (incomplete.length || discovery.failed.length)) {
    const names = [
      ...discovery.failed.map((f) => f.groupVersion),
      ...incomplete.map((k) => resourceId(k.rt)),
    ];
    throw new ConfigurationError(
      `strict mode: ${names.length} kinds or APIs could not be exported (${names.join(", ")}); the previous export is left as it was`,
    );
  }

  const index = indexYaml({ discovery, kinds });
  let indexStatus: WriteStatus = "unchanged";
  await writer.write([[INDEX_FILE, index]], ([status]) => (indexStatus = status ?? "added"));
  const unseen = await writer.finish();
  const { removed } = plan(unseen, kinds, discovery.failed, config);
  const limit =
    "share" in config.deletionLimit
      ? Math.floor(config.deletionLimit.share * writer.previousObjects)
      : config.deletionLimit.count;
  if (removed.length > limit) {
    throw new ConfigurationError(
      `refusing to remove ${removed.length} of ${writer.previousObjects} exported files (deletion-limit allows ${limit}); ` +
        `this looks like a wrong cluster or missing permissions. The previous export is left as it was; raise deletion-limit to accept it`,
    );
  }
  changes.recordRemoved(removed.sort());
  await writer.commit(removed);
  changes.indexChanged = indexStatus !== "unchanged";
  changes.added.sort();
  changes.changed.sort();
  changes.risky.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  logger.info(
    `export written to ${writer.root}: ${exportedCount({ kinds })} objects; ${changes.count.added} added, ${changes.count.changed} changed, ${changes.count.removed} removed`,
  );
  for (const r of changes.risky) logger.warning(`risky change: ${r.file} (${r.change}): ${r.why}`);
  return { discovery, kinds, changes, path: config.path };
}

function skippedText(k: KindOutcome): string {
  const n = Object.values(k.skippedObjects).reduce((a, b) => a + b, 0);
  return n ? `, ${n} skipped` : "";
}

/** One listed object as its file's path, YAML text and risk reasons, or undefined when it is not exported. */
function exportOne(
  item: JsonObject,
  kind: KindOutcome,
  config: ExportConfig,
  redactor: Redactor,
): { rel: string; text: string; risks: string[] } | undefined {
  const meta = (item.metadata ?? {}) as { name?: string; namespace?: string };
  const name = meta.name ?? "";
  const ns = meta.namespace;
  const nsOfObject = kind.rt.namespaced ? ns : resourceId(kind.rt) === "namespaces" ? name : undefined;
  if (nsOfObject !== undefined && !selectNamespace(nsOfObject, config)) return undefined;
  const skip = skipReason(item, kind.rt, config);
  if (skip) {
    kind.skippedObjects[skip] = (kind.skippedObjects[skip] ?? 0) + 1;
    return undefined;
  }
  const clean = cleanObject(item, kind.rt);
  if (resourceId(kind.rt) === "secrets") redactSecret(clean, redactor);
  else if (resourceId(kind.rt) === "configmaps") redactHelmReleaseConfigMap(clean, redactor);
  if (config.redactPaths.length || config.redactKeyPattern)
    redactExtra(clean, kind.rt, config.redactPaths, config.redactKeyPattern, redactor);
  kind.exported++;
  return {
    rel: objectFile(kind.rt, name, ns),
    text: toYaml(clean, kubernetesKeyOrder),
    risks: riskOf(clean),
  };
}

/**
 * Which files of the previous tree go and which are carried over (pure:
 * unit-tested). A file goes only when its kind was listed completely in this
 * run and its namespace was in scope, or when its kind is no longer served
 * at all and no failing API could be hiding it.
 */
export function plan(
  notWritten: Set<string>,
  kinds: KindOutcome[],
  failedApis: { groupVersion: string }[],
  config: Pick<ExportConfig, "includeNamespaces" | "excludeNamespaces">,
): { removed: string[]; kept: string[] } {
  const complete = new Set(kinds.filter((k) => k.status === "exported").map((k) => kindKey(k.rt)));
  const served = new Set(kinds.map((k) => kindKey(k.rt)));
  const failedGroups = new Set(
    failedApis.map((f) => groupDir(f.groupVersion.includes("/") ? (f.groupVersion.split("/")[0] ?? "") : "")),
  );
  const removed: string[] = [];
  const kept: string[] = [];
  for (const rel of notWritten) {
    if (rel === INDEX_FILE) continue;
    if (!isExportFile(rel)) {
      kept.push(rel);
      continue;
    }
    const kind = kindOfFile(rel);
    if (kind === undefined) {
      kept.push(rel);
      continue;
    }
    const parts = rel.split("/");
    // A Namespace object's own file is in scope with its namespace.
    const ns =
      parts[0] === NAMESPACES_DIR
        ? unescapeName(parts[1] ?? "")
        : kind === "core/Namespace"
          ? unescapeName((parts[3] ?? "").replace(/\.yaml$/, ""))
          : undefined;
    const nsInScope = ns === undefined || selectNamespace(ns, config);
    const group = kind.split("/")[0] ?? "";
    const gone = !served.has(kind) && !failedGroups.has(group);
    if ((complete.has(kind) && nsInScope) || gone) removed.push(rel);
    else kept.push(rel);
  }
  return { removed, kept };
}
