import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ChangeSet,
  TreeCache,
  TreeWriter,
  codeDigest,
  riskOf,
  settingsFingerprint,
  toYaml
} from "./chunks/chunk-PT3V7PHT.js";
import {
  cleanObject,
  kubernetesKeyOrder,
  mayHoldPrivateKey,
  newRedactor,
  redactCopies,
  redactDefaults,
  redactHelmReleaseConfigMap,
  redactPaths,
  redactSecret,
  redactWalk,
  skipReason,
  walkRules
} from "./chunks/chunk-X67MU2B3.js";
import {
  parseJson,
  selectNamespace
} from "./chunks/chunk-4CTNR5KV.js";
import {
  groupVersion,
  resourceId
} from "./chunks/chunk-EQFEXDCI.js";
import {
  objectFile
} from "./chunks/chunk-YRWW7SUK.js";
import {
  OperationalError
} from "./chunks/chunk-YBANDQLS.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/export/export-worker.ts
import { isAscii } from "node:buffer";
import { fileURLToPath } from "node:url";
import { parentPort } from "node:worker_threads";

// src/export/object-file.ts
function objectToFile(item, rt, config, redactor, page = { mayHoldPrivateKey: true }) {
  const meta = item.metadata ?? {};
  const name = meta.name ?? "";
  const ns = meta.namespace;
  const id = resourceId(rt);
  const nsOfObject = rt.namespaced ? ns : id === "namespaces" ? name : void 0;
  if (nsOfObject !== void 0 && !selectNamespace(nsOfObject, config)) return void 0;
  const skip = skipReason(item, rt, config);
  if (skip) return { skip };
  const clean = cleanObject(item, rt);
  const r = redactor.forObject(clean, rt);
  if (id === "secrets") redactSecret(clean, r);
  else if (id === "configmaps") redactHelmReleaseConfigMap(clean, r);
  const defaults = config.redactDefaults !== false;
  if (defaults) redactDefaults(clean, rt, r);
  redactWalk(
    clean,
    {
      ...defaults ? walkRules(rt, page.mayHoldPrivateKey) : { secretKeys: false, privateKeys: false },
      keyPattern: config.redactKeyPattern
    },
    r
  );
  if (config.redactPaths.length) redactPaths(clean, rt, config.redactPaths, r);
  redactCopies(clean, rt, r);
  return { rel: objectFile(rt, name, ns), text: toYaml(clean, kubernetesKeyOrder), risks: riskOf(clean) };
}

// src/export/export-worker.ts
var port = parentPort;
if (!port) throw new Error("export-worker.ts runs as a worker thread of the export");
var state;
function reply(r) {
  port?.postMessage(r);
}
function handle(request) {
  const { id } = request;
  if (request.op === "begin") {
    const writer2 = new TreeWriter(request.config.path);
    writer2.begin();
    const { fingerprintKey, ...settings } = request.config;
    state = {
      writer: writer2,
      changes: new ChangeSet(),
      redactor: newRedactor(fingerprintKey),
      config: request.config,
      cache: new TreeCache(
        writer2.root,
        settingsFingerprint(settings, fingerprintKey, codeDigest(fileURLToPath(import.meta.url)))
      )
    };
    return reply({ id, ok: true, previousObjects: writer2.previousObjects });
  }
  if (!state) throw new Error(`the export's worker got '${request.op}' before 'begin'`);
  const { writer, changes, redactor, config, cache } = state;
  switch (request.op) {
    case "page": {
      const { rt } = request;
      const bytes = Buffer.from(request.body);
      const page = parseJson(bytes.toString(isAscii(bytes) ? "latin1" : "utf8"));
      const token = page.metadata?.continue || void 0;
      if (!request.head) reply({ id, ok: true, phase: "parsed", continue: token });
      else if (request.head.continue !== token)
        throw new OperationalError(
          `the API server's list of ${rt.resource} is inconsistent: its metadata gives two different continue tokens`
        );
      const items = page.items ?? [];
      const result = { listed: items.length, exported: 0, skipped: {} };
      const apiVersion = groupVersion(rt);
      const hints = { mayHoldPrivateKey: config.redactDefaults !== false && mayHoldPrivateKey(bytes) };
      for (let item = items.shift(); item; item = items.shift()) {
        item.apiVersion = apiVersion;
        item.kind = rt.kind;
        const meta = item.metadata;
        const uid = typeof meta?.uid === "string" ? meta.uid : "";
        const rv = typeof meta?.resourceVersion === "string" ? meta.resourceVersion : "";
        const hit = uid && rv ? cache.lookup(apiVersion, rt.kind, uid, rv) : void 0;
        if (hit && typeof meta?.name === "string") {
          const rel = objectFile(
            rt,
            meta.name,
            typeof meta.namespace === "string" ? meta.namespace : void 0
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
port.on("message", (request) => {
  try {
    handle(request);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    reply({ id: request.id, ok: false, name: e.name, message: e.message });
  }
});
