/**
 * The worker side of write-thread.ts: a TreeWriter driven by messages, one
 * reply per request, in order. Errors go back as replies so the main thread
 * can tell a user's mistake (ConfigurationError) from a failing disk.
 */
import { parentPort } from "node:worker_threads";
import { TreeWriter } from "./write.ts";
import type { WriterReply, WriterRequest } from "./write-thread.ts";

const port = parentPort;
if (!port) throw new Error("write-worker.ts runs as a worker thread of the export");

let writer: TreeWriter | undefined;

function handle(request: WriterRequest): WriterReply {
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
        statuses: request.files.map(([rel, text]) => (writer as TreeWriter).write(rel, text)),
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

port.on("message", (request: WriterRequest) => {
  let reply: WriterReply;
  try {
    reply = handle(request);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    reply = { ok: false, name: e.name, message: e.message };
  }
  port.postMessage(reply);
});
