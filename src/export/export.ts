/**
 * The export of a cluster into a tree, for the `export` capability
 * (capabilities/export/). Phases: discover the kinds; list each kind page by page (a few kinds at a
 * time) on this thread while a worker thread (export-thread.ts) parses each
 * page, cleans its objects and stages the files that are new or changed;
 * plan the removal of vanished objects' files (only for kinds listed
 * completely, and only up to the deletion limit); write the index; commit the
 * staged changes into the tree (see write.ts).
 */
import { credentialsRefused } from "../cluster/api-failure.ts";
import { isApiError, type KubeClient } from "../cluster/client.ts";
import { OperationalError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import type { ExportConfig } from "./config.ts";
import { discover, type Discovery } from "./discovery.ts";
import { resourceId } from "./resource-type.ts";
import { ExportThread, type PageResult } from "./export-thread.ts";
import { listPaged } from "./fetch.ts";
import { groupDir, INDEX_FILE, kindKey, kindOfFile, NAMESPACES_DIR, unescapeName } from "./layout.ts";
import { exportedCount, indexYaml, type KindOutcome, type Outcome } from "./outcome.ts";
import { kindMatches, selectKind, selectNamespace } from "./select.ts";
import { lockOutput } from "./output-path.ts";
import { discardStaging, isExportFile } from "./write.ts";

export async function runExport(
  config: ExportConfig,
  ctx: { logger: Logger; signal?: AbortSignal },
  client: KubeClient,
): Promise<Outcome> {
  const { logger } = ctx;
  const started = Date.now();
  // One run at a time per path: a second one would discard this one's staging folder.
  const lock = lockOutput(config.path, (m) => logger.warning(m));
  try {
    // The worker thread starts and scans the previous tree while the kinds are
    // discovered and the first pages fetched.
    const thread = ExportThread.open(config);
    let discovery: Discovery;
    try {
      discovery = await logger.group("Discovering kinds", async () => {
        const d = await discover(client);
        logger.info(`${d.mode} discovery: ${d.resources.length} listable kinds`);
        for (const f of d.failed) logger.warning(`API ${f.groupVersion} skipped: ${f.reason}`);
        return d;
      });
    } catch (err) {
      // Let the worker finish its start (it may be completing an interrupted
      // run's commit) before it is stopped.
      await thread.ready.catch(() => {});
      await thread.close();
      throw err;
    }
    try {
      const outcome = await exportInto(thread, discovery, config, ctx, client);
      return { ...outcome, durationMs: Date.now() - started };
    } catch (err) {
      await thread.abort();
      throw err;
    } finally {
      await thread.close();
    }
  } finally {
    // Whatever failed (the worker included), no staging folder is left behind,
    // except a committed one the next run finishes.
    discardStaging(config.path);
    lock.release();
  }
}

async function exportInto(
  thread: ExportThread,
  discovery: Discovery,
  config: ExportConfig,
  ctx: { logger: Logger; signal?: AbortSignal },
  client: KubeClient,
): Promise<Omit<Outcome, "durationMs">> {
  const { logger } = ctx;
  for (const entry of config.includeKinds) {
    if (!discovery.resources.some((rt) => kindMatches(entry, rt)))
      logger.warning(`include-kinds: the cluster serves no kind named ${JSON.stringify(entry)}`);
  }
  // A misspelt kind in a redaction rule would otherwise redact nothing without a word.
  for (const kind of new Set(config.redactPaths.map((r) => r.kind))) {
    if (kind !== "*" && !discovery.resources.some((rt) => kindMatches(kind, rt)))
      logger.warning(
        `redact-paths: the cluster serves no kind named ${JSON.stringify(kind)}; its rules redact nothing`,
      );
  }
  const kinds: KindOutcome[] = discovery.resources.map((rt) => {
    const verdict = selectKind(rt, config);
    return verdict.export
      ? { rt, status: "exported", exported: 0, skippedObjects: {} }
      : { rt, status: "excluded", reason: verdict.reason, exported: 0, skippedObjects: {} };
  });

  await logger.group("Listing and writing objects", async () => {
    const todo = kinds.filter((k) => k.status === "exported");
    let total = 0;
    let nextReport = 5000;
    const count = (kind: KindOutcome, r: PageResult) => {
      kind.exported += r.exported;
      for (const [why, n] of Object.entries(r.skipped))
        kind.skippedObjects[why] = (kind.skippedObjects[why] ?? 0) + n;
      total += r.listed;
      if (total >= nextReport) {
        logger.info(`${total} objects listed`);
        nextReport += 5000;
      }
    };
    const worker = async () => {
      for (let k = todo.shift(); k; k = todo.shift()) {
        const kind = k;
        // The page before the one in hand: each kind has at most two on the worker.
        let previous: Promise<PageResult> | undefined;
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
            async (body) => {
              const { continueToken, done } = thread.page(kind.rt, body);
              const token = await continueToken;
              if (previous) count(kind, await previous);
              previous = done;
              return token;
            },
          );
          if (previous) count(kind, await previous);
          logger.info(`${resourceId(kind.rt)}: ${kind.exported} exported${skippedText(kind)}`);
        } catch (err) {
          const refused = credentialsRefused(
            err,
            `listing ${resourceId(kind.rt)}`,
            "the previous export is left as it was",
          );
          if (refused) throw refused;
          if (isApiError(err) && [403, 404, 405, 503].includes(err.code)) {
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
    throw new OperationalError(
      `strict mode: ${names.length} kinds or APIs could not be exported (${names.join(", ")}); the previous export is left as it was`,
    );
  }

  const indexStatus = await thread.file(INDEX_FILE, indexYaml({ discovery, kinds }));
  const { changes, unseen } = await thread.finish();
  const { removed } = plan(unseen, kinds, discovery.failed, config);
  const limit =
    "share" in config.deletionLimit
      ? Math.floor(config.deletionLimit.share * thread.previousObjects)
      : config.deletionLimit.count;
  if (removed.length > limit) {
    throw new OperationalError(
      `refusing to remove ${removed.length} of ${thread.previousObjects} exported files (deletion-limit allows ${limit}); ` +
        `this looks like a wrong cluster or missing permissions. The previous export is left as it was; raise deletion-limit to accept it`,
    );
  }
  changes.recordRemoved(removed.sort());
  await thread.commit(removed);
  changes.indexChanged = indexStatus !== "unchanged";
  changes.added.sort();
  changes.changed.sort();
  changes.risky.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  logger.info(
    `export written to ${thread.root}: ${exportedCount({ kinds })} objects; ${changes.count.added} added, ${changes.count.changed} changed, ${changes.count.removed} removed`,
  );
  for (const r of changes.risky) logger.warning(`risky change: ${r.file} (${r.change}): ${r.why}`);
  return { discovery, kinds, changes, path: config.path };
}

function skippedText(k: KindOutcome): string {
  const n = Object.values(k.skippedObjects).reduce((a, b) => a + b, 0);
  return n ? `, ${n} skipped` : "";
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
