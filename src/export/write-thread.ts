/**
 * Runs the export's TreeWriter on a worker thread. Creating tens of thousands
 * of small files is mostly kernel time; on the main thread it would stall
 * the listing, cleaning and YAML that could run meanwhile. The main thread
 * sends one batch of files per listed page and gets their statuses back in
 * order; a few batches in flight at most keep memory flat.
 */
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { ConfigurationError } from "../core/errors.ts";
import type { WriteStatus } from "./write.ts";

/** What the main thread asks of the worker. */
export type WriterRequest =
  | { op: "begin"; root: string }
  | { op: "write"; files: [rel: string, text: string][] }
  | { op: "finish" }
  | { op: "commit"; removals: string[] }
  | { op: "abort" };

/** The worker's answer to each request, in order. */
export type WriterReply =
  | { ok: true; previousObjects?: number; statuses?: WriteStatus[]; unseen?: string[] }
  | { ok: false; name: string; message: string };

/** At most this many batches wait for the worker; the listing pauses beyond it. */
const MAX_IN_FLIGHT = 4;

export class TreeWriterThread {
  readonly root: string;
  /** Object files in the previous tree (what the deletion limit is a share of). */
  previousObjects = 0;
  private readonly worker: Worker;
  private readonly waiting: { resolve: (r: WriterReply) => void; reject: (e: Error) => void }[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** The worker died: nothing more can be asked of it. */
  private crashed: Error | undefined;
  /** A batch failed (a full disk, say): the run must fail; the worker can still clean up. */
  private failed: Error | undefined;

  private constructor(root: string) {
    this.root = path.resolve(root);
    this.worker = new Worker(workerFile());
    this.worker.on("message", (reply: WriterReply) => this.waiting.shift()?.resolve(reply));
    const fail = (err: Error) => {
      this.crashed ??= err;
      for (const w of this.waiting.splice(0)) w.reject(err);
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`the export's file writer stopped (exit code ${code})`)));
  }

  /** Starts the worker, which finishes or discards an interrupted run and scans the previous tree. */
  static async start(root: string): Promise<TreeWriterThread> {
    const writer = new TreeWriterThread(root);
    try {
      const reply = await writer.ask({ op: "begin", root: writer.root });
      writer.previousObjects = reply.previousObjects ?? 0;
      return writer;
    } catch (err) {
      await writer.close();
      throw err;
    }
  }

  /**
   * Queues a batch of files; `onWritten` gets their statuses once the worker
   * has staged them. Resolves when there is room for another batch.
   */
  async write(
    files: [rel: string, text: string][],
    onWritten: (statuses: WriteStatus[]) => void,
  ): Promise<void> {
    this.throwIfFailed();
    const done: Promise<void> = this.ask({ op: "write", files })
      .then((r) => onWritten(r.statuses ?? []))
      .catch((err: unknown) => {
        this.failed ??= err instanceof Error ? err : new Error(String(err));
      })
      .finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
    while (this.inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.inFlight);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failed) throw this.failed;
  }

  /** Waits for every queued batch; returns the previous tree's files not written in this run. */
  async finish(): Promise<Set<string>> {
    await Promise.all(this.inFlight);
    this.throwIfFailed();
    const reply = await this.ask({ op: "finish" });
    return new Set(reply.unseen ?? []);
  }

  /** Writes the journal and moves the staged files and removals into the tree. */
  async commit(removals: string[]): Promise<void> {
    await this.ask({ op: "commit", removals });
  }

  /** Drops the staging folder (the previous tree stays as it was); safe after a failure. */
  async abort(): Promise<void> {
    await Promise.all(this.inFlight);
    if (!this.crashed) await this.ask({ op: "abort" }).catch(() => {});
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }

  private ask(request: WriterRequest): Promise<WriterReply & { ok: true }> {
    if (this.crashed) return Promise.reject(this.crashed);
    return new Promise<WriterReply>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(request);
    }).then((reply) => {
      if (reply.ok) return reply;
      throw reply.name === "ConfigurationError"
        ? new ConfigurationError(reply.message)
        : new Error(reply.message);
    });
  }
}

/**
 * The worker's script. From source it is the sibling write-worker.ts; in the
 * bundles esbuild emits it as dist/export-writer.js, and the code asking for
 * it sits in dist/ itself, in dist/actions/ or in dist/chunks/.
 */
function workerFile(): URL {
  for (const candidate of ["./write-worker.ts", "./export-writer.js", "../export-writer.js"]) {
    const url = new URL(candidate, import.meta.url);
    if (fs.existsSync(url)) return url;
  }
  throw new Error(`the export's file writer (export-writer.js) is missing next to ${import.meta.url}`);
}
