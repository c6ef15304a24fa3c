import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ChangeSet,
  TreeWriter,
  riskOf,
  toYaml
} from "./chunks/chunk-3UK2K2PP.js";
import {
  cleanObject,
  kubernetesKeyOrder,
  newRedactor,
  redactCopies,
  redactExtra,
  redactHelmReleaseConfigMap,
  redactSecret,
  skipReason
} from "./chunks/chunk-EYYO7ZDU.js";
import {
  parseJson,
  selectNamespace
} from "./chunks/chunk-HSKZETVY.js";
import {
  groupVersion,
  objectFile,
  resourceId
} from "./chunks/chunk-LOEFVT66.js";
import "./chunks/chunk-YBANDQLS.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/export/export-worker.ts
import { isAscii } from "node:buffer";
import { parentPort } from "node:worker_threads";

// src/export/object-file.ts
function objectToFile(item, rt, config, redactor) {
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
  if (config.redactPaths.length || config.redactKeyPattern)
    redactExtra(clean, rt, config.redactPaths, config.redactKeyPattern, r);
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
    state = {
      writer: writer2,
      changes: new ChangeSet(),
      redactor: newRedactor(request.config.fingerprintKey),
      config: request.config
    };
    return reply({ id, ok: true, previousObjects: writer2.previousObjects });
  }
  if (!state) throw new Error(`the export's worker got '${request.op}' before 'begin'`);
  const { writer, changes, redactor, config } = state;
  switch (request.op) {
    case "page": {
      const { rt } = request;
      const bytes = Buffer.from(request.body);
      const page = parseJson(bytes.toString(isAscii(bytes) ? "latin1" : "utf8"));
      reply({ id, ok: true, phase: "parsed", continue: page.metadata?.continue || void 0 });
      const items = page.items ?? [];
      const result = { listed: items.length, exported: 0, skipped: {} };
      const apiVersion = groupVersion(rt);
      for (let item = items.shift(); item; item = items.shift()) {
        item.apiVersion = apiVersion;
        item.kind = rt.kind;
        const file = objectToFile(item, rt, config, redactor);
        if (!file) continue;
        if ("skip" in file) {
          result.skipped[file.skip] = (result.skipped[file.skip] ?? 0) + 1;
          continue;
        }
        result.exported++;
        changes.record(file.rel, writer.write(file.rel, file.text), file.risks);
      }
      return reply({ id, ok: true, phase: "done", result });
    }
    case "file":
      return reply({ id, ok: true, status: writer.write(request.rel, request.text) });
    case "finish":
      return reply({ id, ok: true, unseen: [...writer.unseen], changes });
    case "commit":
      writer.commit(request.removals);
      return reply({ id, ok: true });
    case "abort":
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
