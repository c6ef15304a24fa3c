import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  TreeWriter
} from "./chunks/chunk-YN7EY3ZU.js";
import "./chunks/chunk-AADN3Z4Y.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/export/write-worker.ts
import { parentPort } from "node:worker_threads";
var port = parentPort;
if (!port) throw new Error("write-worker.ts runs as a worker thread of the export");
var writer;
function handle(request) {
  if (request.op === "begin") {
    writer = new TreeWriter(request.root);
    writer.begin();
    return { ok: true, previousObjects: writer.previousObjects };
  }
  if (!writer) throw new Error(`the export's file writer got '${request.op}' before 'begin'`);
  switch (request.op) {
    case "write":
      return {
        ok: true,
        statuses: request.files.map(([rel, text]) => writer.write(rel, text))
      };
    case "finish":
      return { ok: true, unseen: [...writer.unseen] };
    case "commit":
      writer.commit(request.removals);
      return { ok: true };
    case "abort":
      writer.abort();
      return { ok: true };
  }
}
port.on("message", (request) => {
  let reply;
  try {
    reply = handle(request);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    reply = { ok: false, name: e.name, message: e.message };
  }
  port.postMessage(reply);
});
