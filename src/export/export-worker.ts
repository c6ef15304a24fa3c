/**
 * The export's worker thread (see export-thread.ts): parses each listed page,
 * turns its objects into files (clean, redact, YAML) and stages them with a
 * TreeWriter, while the main thread only talks to the API server. It answers
 * a page twice: with the continue token as soon as the page is parsed, so the
 * next page is fetched meanwhile, and with the page's counts when its files
 * are staged. Errors go back as replies so the main thread can tell a user's
 * mistake (ConfigurationError) from a failing disk.
 */
import { isAscii } from "node:buffer";
import { fileURLToPath } from "node:url";
import { parentPort } from "node:worker_threads";
import { OperationalError } from "../core/errors.ts";
import { ChangeSet } from "./diff.ts";
import { groupVersion } from "./resource-type.ts";
import { parseJson, type JsonObject } from "./json.ts";
import { objectFile } from "./layout.ts";
import { objectToFile } from "./object-file.ts";
import { newRedactor } from "./redact.ts";
import type { Redactor } from "./redactor.ts";
import { mayHoldPrivateKey } from "./redact-defaults.ts";
import { codeDigest, settingsFingerprint, TreeCache } from "./tree-cache.ts";
import { TreeWriter } from "./write.ts";
import type { PageResult, ThreadReply, ThreadRequest, ThreadStart } from "./export-thread.ts";

const port = parentPort;
if (!port) throw new Error("export-worker.ts runs as a worker thread of the export");

let state:
  | { writer: TreeWriter; changes: ChangeSet; redactor: Redactor; config: ThreadStart; cache: TreeCache }
  | undefined;

function reply(r: ThreadReply): void {
  port?.postMessage(r);
}

function handle(request: ThreadRequest): void {
  const { id } = request;
  if (request.op === "begin") {
    const writer = new TreeWriter(request.config.path);
    writer.begin();
    const { fingerprintKey, ...settings } = request.config;
    state = {
      writer,
      changes: new ChangeSet(),
      redactor: newRedactor(fingerprintKey),
      config: request.config,
      cache: new TreeCache(
        writer.root,
        settingsFingerprint(settings, fingerprintKey, codeDigest(fileURLToPath(import.meta.url))),
      ),
    };
    return reply({ id, ok: true, previousObjects: writer.previousObjects });
  }
  if (!state) throw new Error(`the export's worker got '${request.op}' before 'begin'`);
  const { writer, changes, redactor, config, cache } = state;
  switch (request.op) {
    case "page": {
      const { rt } = request;
      const bytes = Buffer.from(request.body);
      // Most pages are ASCII: decoding them as latin1 gives V8 a one-byte string at once.
      const page = parseJson(bytes.toString(isAscii(bytes) ? "latin1" : "utf8")) as {
        items?: JsonObject[];
        metadata?: { continue?: string };
      };
      const token = page.metadata?.continue || undefined;
      if (!request.head) reply({ id, ok: true, phase: "parsed", continue: token });
      // The page's metadata must say what its first bytes said (two metadata
      // fields, say): else the main thread asked for the wrong next page.
      else if (request.head.continue !== token)
        throw new OperationalError(
          `the API server's list of ${rt.resource} is inconsistent: its metadata gives two different continue tokens`,
        );
      const items = page.items ?? [];
      const result: PageResult = { listed: items.length, exported: 0, skipped: {} };
      const apiVersion = groupVersion(rt);
      // One byte search per page spares the walk over every string of its objects.
      const hints = { mayHoldPrivateKey: config.redactDefaults !== false && mayHoldPrivateKey(bytes) };
      // Each object leaves the page as it is handled, so it is garbage at once: survivors
      // of a scavenge are what makes V8 grow its young generation.
      for (let item = items.shift(); item; item = items.shift()) {
        // List items of built-in kinds come without apiVersion and kind.
        item.apiVersion = apiVersion;
        item.kind = rt.kind;
        // The same object as last time, whose file is untouched since: nothing to make or compare.
        // Its file is the one its name and namespace give, and must be the very file recorded.
        const meta = item.metadata as
          { uid?: unknown; resourceVersion?: unknown; name?: unknown; namespace?: unknown } | undefined;
        const uid = typeof meta?.uid === "string" ? meta.uid : "";
        const rv = typeof meta?.resourceVersion === "string" ? meta.resourceVersion : "";
        const hit = uid && rv ? cache.lookup(apiVersion, rt.kind, uid, rv) : undefined;
        if (hit && typeof meta?.name === "string") {
          const rel = objectFile(
            rt,
            meta.name,
            typeof meta.namespace === "string" ? meta.namespace : undefined,
          );
          if (writer.keep(rel, hit)) {
            result.exported++;
            changes.record(rel, "unchanged", []);
            cache.recordHit();
            continue;
          }
        }
        const file = objectToFile(item, rt, config, redactor, hints);
        if (!file) continue;
        if ("skip" in file) {
          result.skipped[file.skip] = (result.skipped[file.skip] ?? 0) + 1;
          continue;
        }
        result.exported++;
        const written = writer.writeFile(file.rel, file.text);
        changes.record(file.rel, written.status, file.risks);
        if (written.identity && uid && rv) cache.record(apiVersion, rt.kind, uid, rv, written.identity);
      }
      return reply({ id, ok: true, phase: "done", result });
    }
    case "file":
      return reply({ id, ok: true, status: writer.write(request.rel, request.text) });
    case "finish":
      cache.forgetPrevious();
      return reply({ id, ok: true, unseen: [...writer.unseen], changes });
    case "commit":
      writer.commit(request.removals);
      cache.save();
      return reply({ id, ok: true });
    case "abort":
      cache.discard();
      writer.abort();
      return reply({ id, ok: true });
  }
}

port.on("message", (request: ThreadRequest) => {
  try {
    handle(request);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    reply({ id: request.id, ok: false, name: e.name, message: e.message });
  }
});
