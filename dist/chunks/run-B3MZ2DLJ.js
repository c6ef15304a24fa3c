import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  listHead,
  listPaged
} from "./chunk-BIRKUZAT.js";
import {
  discover
} from "./chunk-AE7RVF3Q.js";
import {
  credentialsRefused
} from "./chunk-MEXL324I.js";
import {
  withCluster
} from "./chunk-AQEUWNRQ.js";
import "./chunk-OB3FCZHL.js";
import {
  isApiError
} from "./chunk-GSHV4ADS.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-XIQOQISJ.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import {
  ChangeSet,
  discardStaging,
  isExportFile,
  toYaml
} from "./chunk-PT3V7PHT.js";
import {
  kindMatches,
  linkOnTheWay,
  linkRefused,
  selectKind,
  selectNamespace
} from "./chunk-4CTNR5KV.js";
import {
  groupVersion,
  resourceId
} from "./chunk-EQFEXDCI.js";
import {
  INDEX_FILE,
  NAMESPACES_DIR,
  groupDir,
  kindKey,
  kindOfFile,
  unescapeName
} from "./chunk-YRWW7SUK.js";
import "./chunk-KNDO3OP3.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  formatDuration
} from "./chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  OperationalError
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/export/export-thread.ts
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
var YOUNG_GENERATION_MB = 48;
var ExportThread = class _ExportThread {
  root;
  /** Object files in the previous tree (what the deletion limit is a share of); set once ready. */
  previousObjects = 0;
  /** Settles when the worker has scanned the previous tree (see open()). */
  ready = Promise.resolve();
  worker;
  nextId = 0;
  /** Handlers by request id; a page's request is answered twice (parsed, done). */
  handlers = /* @__PURE__ */ new Map();
  crashed;
  /** The first failed request: the run fails with it; the worker can still clean up. */
  failed;
  constructor(root) {
    this.root = path.resolve(root);
    this.worker = new Worker(workerFile(), {
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB }
    });
    this.worker.on("message", (reply) => this.handlers.get(reply.id)?.(reply));
    const fail = (err) => {
      this.crashed ??= err;
      this.failed ??= err;
      const handlers = [...this.handlers.values()];
      this.handlers.clear();
      for (const h of handlers) h({ id: -1, ok: false, name: err.name, message: err.message });
    };
    this.worker.on("error", fail);
    this.worker.on(
      "exit",
      (code2) => fail(new Error(`the export's worker thread stopped (exit code ${code2})`))
    );
  }
  /**
   * Starts the worker, which first finishes or discards an interrupted run
   * and scans the previous tree, and returns at once: pages may be handed
   * over before that is done (the worker takes requests in order), so the
   * first LIST requests overlap the worker's start. `ready` settles with the
   * scan; when it fails, so does every later request, with its error.
   */
  static open(config) {
    const thread = new _ExportThread(config.path);
    thread.ready = thread.ask({ op: "begin", config: { ...config, path: thread.root } }).then((answer) => {
      thread.previousObjects = answer.previousObjects ?? 0;
    });
    thread.ready.catch(() => {
    });
    return thread;
  }
  /** open(), then waits until the worker is ready; on failure the worker is closed. */
  static async start(config) {
    const thread = _ExportThread.open(config);
    try {
      await thread.ready;
      return thread;
    } catch (err) {
      await thread.close();
      throw err;
    }
  }
  /**
   * Hands a page's body to the worker. `continueToken` settles once the page
   * is parsed (and rejects when it cannot be); `done` once its files are
   * staged, and never rejects: a failure fails the run at `finish`.
   */
  page(rt, body) {
    const own = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer ? body.buffer : Uint8Array.prototype.slice.call(body).buffer;
    const id = this.nextId++;
    let parsed;
    let done;
    const continueToken = new Promise(
      (resolve, reject) => parsed = { resolve, reject }
    );
    const finished = new Promise((resolve) => done = resolve);
    const empty = { listed: 0, exported: 0, skipped: {} };
    if (this.failed) {
      parsed.reject(this.failed);
      done(empty);
      return { continueToken, done: finished };
    }
    const head = listHead(body);
    if (head)
      this.ready.then(
        () => parsed.resolve(head.continue),
        (err) => parsed.reject(this.failed ?? err)
      );
    this.handlers.set(id, (reply) => {
      if (!reply.ok) {
        const err = this.failure(reply);
        this.failed ??= err;
        this.handlers.delete(id);
        parsed.reject(err);
        return done(empty);
      }
      if (reply.phase === "parsed") return parsed.resolve(reply.continue);
      this.handlers.delete(id);
      done(reply.result ?? empty);
    });
    this.worker.postMessage(
      { id, op: "page", rt, body: own, ...head ? { head } : {} },
      [own]
    );
    return { continueToken, done: finished };
  }
  /** Stages one file (the index) and says how it compares with the previous tree. */
  async file(rel, text) {
    return (await this.ask({ op: "file", rel, text })).status ?? "added";
  }
  /** Once every page is done: the changes, and the previous tree's files not written in this run. */
  async finish() {
    if (this.failed) throw this.failed;
    const answer = await this.ask({ op: "finish" });
    if (!answer.changes) throw new Error("the export's worker thread sent no changes");
    return { changes: ChangeSet.from(answer.changes), unseen: new Set(answer.unseen ?? []) };
  }
  /** Writes the journal and moves the staged files and removals into the tree. */
  async commit(removals) {
    await this.ask({ op: "commit", removals });
  }
  /** Drops the staging folder (the previous tree stays as it was); safe after a failure. */
  async abort() {
    if (!this.crashed) await this.ask({ op: "abort" }, true).catch(() => {
    });
  }
  async close() {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }
  /**
   * The error a failed reply stands for: after a failed start every request
   * behind it fails too ("'page' before 'begin'"), and the start's error is
   * the one to tell.
   */
  failure(reply) {
    return this.failed ?? toError(reply);
  }
  ask(request, evenAfterFailure = false) {
    if (this.crashed) return Promise.reject(this.crashed);
    if (this.failed && !evenAfterFailure) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.handlers.set(id, (reply) => {
        this.handlers.delete(id);
        if (reply.ok) return resolve(reply);
        const err = this.failure(reply);
        if (request.op === "begin") this.failed ??= err;
        reject(err);
      });
      this.worker.postMessage({ ...request, id });
    });
  }
};
function toError(reply) {
  if (reply.name === "ConfigurationError") return new ConfigurationError(reply.message);
  if (reply.name === "OperationalError") return new OperationalError(reply.message);
  return new Error(reply.message);
}
function workerFile() {
  for (const candidate of ["./export-worker.ts", "./export-worker.js", "../export-worker.js"]) {
    const url = new URL(candidate, import.meta.url);
    if (fs.existsSync(url)) return url;
  }
  throw new Error(`the export's worker script (export-worker.js) is missing next to ${import.meta.url}`);
}

// src/export/outcome.ts
function exportedCount(o) {
  return o.kinds.reduce((n, k) => n + k.exported, 0);
}
function indexYaml(o) {
  const kinds = o.kinds.map((k) => ({
    resource: resourceId(k.rt),
    apiVersion: groupVersion(k.rt),
    kind: k.rt.kind,
    namespaced: k.rt.namespaced,
    status: k.status,
    ...k.reason ? { reason: k.reason } : {},
    objects: k.exported,
    ...Object.keys(k.skippedObjects).length ? { skippedObjects: Object.fromEntries(Object.entries(k.skippedObjects).sort()) } : {}
  }));
  return "# Written by kubekeep export: what this tree holds, and what was left out and why.\n" + toYaml({
    discovery: o.discovery.mode,
    objects: o.kinds.reduce((n, k) => n + k.exported, 0),
    ...o.discovery.failed.length ? { failedApis: o.discovery.failed.map((f) => ({ groupVersion: f.groupVersion, reason: f.reason })) } : {},
    kinds
  });
}
var LIST_LIMIT = 50;
function buildReport(o) {
  const report = newReport("Export");
  const c = o.changes;
  const count = (s) => o.kinds.filter((k) => k.status === s).length;
  report.facts.push(
    ["Folder", o.path],
    ["Objects", String(exportedCount(o))],
    ["Kinds listed", String(count("exported"))],
    ["Changes", `${c.count.added} added, ${c.count.changed} changed, ${c.count.removed} removed`],
    ["Risky changes", c.risky.length ? `${c.risky.length} (see below)` : "none"],
    ["Took", formatDuration(o.durationMs)]
  );
  if (c.risky.length) {
    report.tables.push({
      caption: "Risky changes: review these",
      header: ["file", "change", "why"],
      rows: c.risky.slice(0, LIST_LIMIT).map((r) => [r.file, r.change, r.why])
    });
  }
  const problems = o.kinds.filter((k) => k.status === "skipped" || k.status === "failed");
  const failedApis = o.discovery.failed;
  if (problems.length || failedApis.length) {
    report.tables.push({
      caption: "Not exported (files of these kinds are kept as they were)",
      header: ["kind", "status", "reason"],
      rows: [
        ...failedApis.map((f) => [f.groupVersion, "API unavailable", f.reason]),
        ...problems.map((k) => [resourceId(k.rt), k.status, k.reason ?? ""])
      ]
    });
  }
  report.tables.push({
    caption: "Objects per kind",
    header: ["kind", "apiVersion", "objects", "skipped objects"],
    rows: o.kinds.filter((k) => k.status === "exported" && (k.exported > 0 || Object.keys(k.skippedObjects).length)).map((k) => [
      k.rt.kind,
      groupVersion(k.rt),
      String(k.exported),
      Object.entries(k.skippedObjects).map(([why, n]) => `${n} ${why}`).join("; ")
    ])
  });
  const changeRows = [
    ...c.added.map((f) => ["added", f]),
    ...c.changed.map((f) => ["changed", f]),
    ...c.removed.map((f) => ["removed", f])
  ];
  if (changeRows.length) {
    report.tables.push({
      caption: "Changed files",
      header: ["change", "file"],
      rows: changeRows.slice(0, LIST_LIMIT)
    });
    if (c.total > LIST_LIMIT) report.notes.push(`${c.total - LIST_LIMIT} more changed files not listed.`);
  }
  if (o.removalsRefused) report.notes.push(o.removalsRefused);
  return report;
}

// src/export/output-path.ts
import crypto from "node:crypto";
import fs2 from "node:fs";
import os from "node:os";
import path2 from "node:path";
var EXPECTED = "a folder (or a path that does not exist yet)";
function badPath(value, why) {
  return new ConfigurationError(`input 'path': got ${JSON.stringify(value)}, expected ${EXPECTED}; ${why}`);
}
var stat = (p) => fs2.statSync(p, { throwIfNoEntry: false });
function checkOutputPath(value) {
  const root = path2.resolve(value);
  if (path2.dirname(root) === root) throw badPath(value, "it is the file system's root");
  for (const p of [root, `${root}.kubekeep-new`, `${root}.kubekeep-lock`]) {
    const link = linkOnTheWay(p);
    if (link) throw new ConfigurationError(linkRefused("path", link, "an export tree"));
  }
  const st = stat(root);
  if (st) {
    if (!st.isDirectory()) throw badPath(value, `${root} is a file`);
    if (stat(path2.join(root, ".git")))
      throw badPath(
        value,
        `${root} is a git checkout's root; give the export a folder of its own (e.g. cluster-export)`
      );
    return;
  }
  for (let dir = path2.dirname(root); ; dir = path2.dirname(dir)) {
    const ancestor = stat(dir);
    if (ancestor) {
      if (!ancestor.isDirectory()) throw badPath(value, `${dir} is a file`);
      return;
    }
    if (path2.dirname(dir) === dir) return;
  }
}
function lockOutput(value, onStale = () => {
}) {
  checkOutputPath(value);
  const root = path2.resolve(value);
  const parent = path2.dirname(root);
  const file = `${root}.kubekeep-lock`;
  let created;
  try {
    created = fs2.mkdirSync(parent, { recursive: true });
  } catch (err) {
    throw badPath(value, `cannot create ${parent} (${code(err)})`);
  }
  const me = {
    pid: process.pid,
    hostname: os.hostname(),
    started: (/* @__PURE__ */ new Date()).toISOString(),
    token: crypto.randomUUID()
  };
  const release = () => {
    if (readHolder(file)?.token === me.token) fs2.rmSync(file, { force: true });
    if (created && !fs2.existsSync(root)) {
      const top = created;
      for (let dir = parent; dir === top || dir.startsWith(top + path2.sep); dir = path2.dirname(dir)) {
        try {
          fs2.rmdirSync(dir);
        } catch {
          break;
        }
      }
    }
  };
  for (let attempt = 0; ; attempt++) {
    try {
      fs2.writeFileSync(file, JSON.stringify(me), { flag: "wx" });
      return { file, release };
    } catch (err) {
      if (code(err) !== "EEXIST") {
        release();
        throw badPath(value, `cannot write in ${parent} (${code(err)})`);
      }
    }
    const holder = readHolder(file);
    const stale = holder ? !isAlive(holder) : isOld(file);
    if (!stale || attempt > 0) {
      release();
      const who = holder ? `pid ${holder.pid} on ${holder.hostname}, since ${holder.started}` : "its holder is unknown: the lock file is unreadable";
      throw new OperationalError(
        `another export into ${root} is running (${who}). Run exports into one path one at a time; if that run is gone, delete ${file}`
      );
    }
    onStale(
      `took over the lock of an export that is gone (${holder ? `pid ${holder.pid}, since ${holder.started}` : "unreadable lock"}): ${file}`
    );
    fs2.rmSync(file, { force: true });
  }
}
function readHolder(file) {
  try {
    const h = JSON.parse(fs2.readFileSync(file, "utf8"));
    if (typeof h.pid === "number" && typeof h.hostname === "string" && typeof h.token === "string")
      return { pid: h.pid, hostname: h.hostname, started: String(h.started), token: h.token };
  } catch {
  }
  return void 0;
}
function isAlive(h) {
  if (h.hostname !== os.hostname()) return true;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (err) {
    return code(err) === "EPERM";
  }
}
function isOld(file) {
  const st = stat(file);
  return !st || Date.now() - st.mtimeMs > 6e4;
}
function code(err) {
  return err.code ?? String(err);
}

// src/export/export.ts
async function runExport(config, ctx, client) {
  const { logger } = ctx;
  const started = Date.now();
  const lock = lockOutput(config.path, (m) => logger.warning(m));
  try {
    const thread = ExportThread.open(config);
    let discovery;
    try {
      discovery = await logger.group("Discovering kinds", async () => {
        const d = await discover(client);
        logger.info(`${d.mode} discovery: ${d.resources.length} listable kinds`);
        for (const f of d.failed) logger.warning(`API ${f.groupVersion} skipped: ${f.reason}`);
        return d;
      });
    } catch (err) {
      await thread.ready.catch(() => {
      });
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
    discardStaging(config.path);
    lock.release();
  }
}
async function exportInto(thread, discovery, config, ctx, client) {
  const { logger } = ctx;
  for (const entry of config.includeKinds) {
    if (!discovery.resources.some((rt) => kindMatches(entry, rt)))
      logger.warning(`include-kinds: the cluster serves no kind named ${JSON.stringify(entry)}`);
  }
  for (const kind of new Set(config.redactPaths.map((r) => r.kind))) {
    if (kind !== "*" && !discovery.resources.some((rt) => kindMatches(kind, rt)))
      logger.warning(
        `redact-paths: the cluster serves no kind named ${JSON.stringify(kind)}; its rules redact nothing`
      );
  }
  const kinds = discovery.resources.map((rt) => {
    const verdict = selectKind(rt, config);
    return verdict.export ? { rt, status: "exported", exported: 0, skippedObjects: {} } : { rt, status: "excluded", reason: verdict.reason, exported: 0, skippedObjects: {} };
  });
  await logger.group("Listing and writing objects", async () => {
    const todo = kinds.filter((k) => k.status === "exported");
    let total = 0;
    let nextReport = 5e3;
    const count = (kind, r) => {
      kind.exported += r.exported;
      for (const [why, n] of Object.entries(r.skipped))
        kind.skippedObjects[why] = (kind.skippedObjects[why] ?? 0) + n;
      total += r.listed;
      if (total >= nextReport) {
        logger.info(`${total} objects listed`);
        nextReport += 5e3;
      }
    };
    const worker = async () => {
      for (let k = todo.shift(); k; k = todo.shift()) {
        const kind = k;
        let previous;
        try {
          await listPaged(
            client,
            kind.rt,
            {
              pageSize: config.pageSize,
              namespaces: config.includeNamespaces,
              ...config.labelSelector ? { labelSelector: config.labelSelector } : {},
              ...ctx.signal ? { signal: ctx.signal } : {}
            },
            async (body) => {
              const { continueToken, done } = thread.page(kind.rt, body);
              const token = await continueToken;
              if (previous) count(kind, await previous);
              previous = done;
              return token;
            }
          );
          if (previous) count(kind, await previous);
          logger.info(`${resourceId(kind.rt)}: ${kind.exported} exported${skippedText(kind)}`);
        } catch (err) {
          const refused = credentialsRefused(
            err,
            `listing ${resourceId(kind.rt)}`,
            "the previous export is left as it was"
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
      ...incomplete.map((k) => resourceId(k.rt))
    ];
    throw new OperationalError(
      `strict mode: ${names.length} kinds or APIs could not be exported (${names.join(", ")}); the previous export is left as it was`
    );
  }
  const indexStatus = await thread.file(INDEX_FILE, indexYaml({ discovery, kinds }));
  const { changes, unseen } = await thread.finish();
  const { removed } = plan(unseen, kinds, discovery.failed, config);
  const limit = "share" in config.deletionLimit ? Math.floor(config.deletionLimit.share * thread.previousObjects) : config.deletionLimit.count;
  if (removed.length > limit) {
    throw new OperationalError(
      `refusing to remove ${removed.length} of ${thread.previousObjects} exported files (deletion-limit allows ${limit}); this looks like a wrong cluster or missing permissions. The previous export is left as it was; raise deletion-limit to accept it`
    );
  }
  changes.recordRemoved(removed.sort());
  await thread.commit(removed);
  changes.indexChanged = indexStatus !== "unchanged";
  changes.added.sort();
  changes.changed.sort();
  changes.risky.sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  logger.info(
    `export written to ${thread.root}: ${exportedCount({ kinds })} objects; ${changes.count.added} added, ${changes.count.changed} changed, ${changes.count.removed} removed`
  );
  for (const r of changes.risky) logger.warning(`risky change: ${r.file} (${r.change}): ${r.why}`);
  return { discovery, kinds, changes, path: config.path };
}
function skippedText(k) {
  const n = Object.values(k.skippedObjects).reduce((a, b) => a + b, 0);
  return n ? `, ${n} skipped` : "";
}
function plan(notWritten, kinds, failedApis, config) {
  const complete = new Set(kinds.filter((k) => k.status === "exported").map((k) => kindKey(k.rt)));
  const served = new Set(kinds.map((k) => kindKey(k.rt)));
  const failedGroups = new Set(
    failedApis.map((f) => groupDir(f.groupVersion.includes("/") ? f.groupVersion.split("/")[0] ?? "" : ""))
  );
  const removed = [];
  const kept = [];
  for (const rel of notWritten) {
    if (rel === INDEX_FILE) continue;
    if (!isExportFile(rel)) {
      kept.push(rel);
      continue;
    }
    const kind = kindOfFile(rel);
    if (kind === void 0) {
      kept.push(rel);
      continue;
    }
    const parts = rel.split("/");
    const ns = parts[0] === NAMESPACES_DIR ? unescapeName(parts[1] ?? "") : kind === "core/Namespace" ? unescapeName((parts[3] ?? "").replace(/\.yaml$/, "")) : void 0;
    const nsInScope = ns === void 0 || selectNamespace(ns, config);
    const group = kind.split("/")[0] ?? "";
    const gone = !served.has(kind) && !failedGroups.has(group);
    if (complete.has(kind) && nsInScope || gone) removed.push(rel);
    else kept.push(rel);
  }
  return { removed, kept };
}

// src/capabilities/export/report.ts
function exportResult(outcome) {
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
      "skipped-kinds": outcome.kinds.filter((k) => k.status === "skipped" || k.status === "failed").length,
      risky: c.risky.length
    },
    report: buildReport(outcome)
  };
}

// src/capabilities/export/run.ts
async function run(config, { logger, signal }) {
  if (config.fingerprintKey) logger.setSecret(config.fingerprintKey);
  checkOutputPath(config.path);
  return withCluster(
    config.cluster,
    logger,
    async (client) => exportResult(await runExport(config, { logger, ...signal ? { signal } : {} }, client))
  );
}
export {
  run
};
