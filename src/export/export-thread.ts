/**
 * Runs the CPU side of the export on a worker thread: parsing pages, cleaning,
 * redacting and writing YAML, and creating the files (mostly kernel time).
 * The main thread keeps only the talking to the API server, so the listing
 * never waits for the disk or the YAML, and a fresh export costs little more
 * than the LIST requests themselves. Pages go over as raw bytes (transferred,
 * not copied); each kind has at most two pages on the worker, so memory stays
 * flat however large the cluster.
 */
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { ConfigurationError, OperationalError } from "../core/errors.ts";
import type { ExportConfig } from "./config.ts";
import { ChangeSet, type ChangeSetData } from "./diff.ts";
import { listHead } from "./fetch.ts";
import type { ResourceType } from "./resource-type.ts";
import type { ObjectFileConfig } from "./object-file.ts";
import type { WriteStatus } from "./write.ts";

/** What the worker needs of the export's settings. */
export type ThreadStart = ObjectFileConfig & Pick<ExportConfig, "path" | "fingerprintKey">;

/** One listed page, once its objects are staged. */
export interface PageResult {
  listed: number;
  exported: number;
  /** Objects left out, by reason. */
  skipped: Record<string, number>;
}

export type ThreadOp =
  | { op: "begin"; config: ThreadStart }
  /** `head`: the continue token the main thread read from the page's first bytes (see listHead), checked by the worker. */
  | { op: "page"; rt: ResourceType; body: ArrayBuffer; head?: { continue: string | undefined } }
  | { op: "file"; rel: string; text: string }
  | { op: "finish" }
  | { op: "commit"; removals: string[] }
  | { op: "abort" };

export type ThreadRequest = ThreadOp & { id: number };

export type ThreadReply = { id: number } & (
  | {
      ok: true;
      phase?: "parsed" | "done";
      continue?: string | undefined;
      result?: PageResult;
      previousObjects?: number;
      status?: WriteStatus;
      unseen?: string[];
      changes?: ChangeSetData;
    }
  | { ok: false; name: string; message: string }
);

type Answer = ThreadReply & { ok: true };

/**
 * The worker's young generation, in MB. V8 sizes it from the machine's memory
 * (up to 128 MB) and grows it while scavenges find survivors; a page in hand
 * is exactly that. 48 MB keeps the peak flat at the same speed.
 */
const YOUNG_GENERATION_MB = 48;

export class ExportThread {
  readonly root: string;
  /** Object files in the previous tree (what the deletion limit is a share of); set once ready. */
  previousObjects = 0;
  /** Settles when the worker has scanned the previous tree (see open()). */
  ready: Promise<void> = Promise.resolve();
  private readonly worker: Worker;
  private nextId = 0;
  /** Handlers by request id; a page's request is answered twice (parsed, done). */
  private readonly handlers = new Map<number, (reply: ThreadReply) => void>();
  private crashed: Error | undefined;
  /** The first failed request: the run fails with it; the worker can still clean up. */
  private failed: Error | undefined;

  private constructor(root: string) {
    this.root = path.resolve(root);
    this.worker = new Worker(workerFile(), {
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    this.worker.on("message", (reply: ThreadReply) => this.handlers.get(reply.id)?.(reply));
    const fail = (err: Error) => {
      this.crashed ??= err;
      this.failed ??= err;
      const handlers = [...this.handlers.values()];
      this.handlers.clear();
      for (const h of handlers) h({ id: -1, ok: false, name: err.name, message: err.message });
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) =>
      fail(new Error(`the export's worker thread stopped (exit code ${code})`)),
    );
  }

  /**
   * Starts the worker, which first finishes or discards an interrupted run
   * and scans the previous tree, and returns at once: pages may be handed
   * over before that is done (the worker takes requests in order), so the
   * first LIST requests overlap the worker's start. `ready` settles with the
   * scan; when it fails, so does every later request, with its error.
   */
  static open(config: ThreadStart): ExportThread {
    const thread = new ExportThread(config.path);
    thread.ready = thread.ask({ op: "begin", config: { ...config, path: thread.root } }).then((answer) => {
      thread.previousObjects = answer.previousObjects ?? 0;
    });
    // Callers that hand over pages at once learn of a failed start from those.
    thread.ready.catch(() => {});
    return thread;
  }

  /** open(), then waits until the worker is ready; on failure the worker is closed. */
  static async start(config: ThreadStart): Promise<ExportThread> {
    const thread = ExportThread.open(config);
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
  page(
    rt: ResourceType,
    body: Buffer,
  ): { continueToken: Promise<string | undefined>; done: Promise<PageResult> } {
    // Transfer the bytes instead of copying them; a Buffer sharing Node's pool is copied first.
    const own =
      body.byteOffset === 0 &&
      body.byteLength === body.buffer.byteLength &&
      body.buffer instanceof ArrayBuffer
        ? body.buffer
        : Uint8Array.prototype.slice.call(body).buffer;
    const id = this.nextId++;
    let parsed!: { resolve: (token: string | undefined) => void; reject: (err: Error) => void };
    let done!: (result: PageResult) => void;
    const continueToken = new Promise<string | undefined>(
      (resolve, reject) => (parsed = { resolve, reject }),
    );
    const finished = new Promise<PageResult>((resolve) => (done = resolve));
    const empty: PageResult = { listed: 0, exported: 0, skipped: {} };
    if (this.failed) {
      parsed.reject(this.failed);
      done(empty);
      return { continueToken, done: finished };
    }
    // Built-in kinds' lists carry their metadata before their items: the next
    // page is asked for at once, while the worker still has earlier pages to
    // handle, instead of once the worker has parsed this one (the worker then
    // only checks the token against the parsed page, and answers once).
    const head = listHead(body);
    // Not before the worker has started: a failed start fails this page with its error.
    if (head)
      this.ready.then(
        () => parsed.resolve(head.continue),
        (err: unknown) => parsed.reject(this.failed ?? (err as Error)),
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
      { id, op: "page", rt, body: own, ...(head ? { head } : {}) } satisfies ThreadRequest,
      [own],
    );
    return { continueToken, done: finished };
  }

  /** Stages one file (the index) and says how it compares with the previous tree. */
  async file(rel: string, text: string): Promise<WriteStatus> {
    return (await this.ask({ op: "file", rel, text })).status ?? "added";
  }

  /** Once every page is done: the changes, and the previous tree's files not written in this run. */
  async finish(): Promise<{ changes: ChangeSet; unseen: Set<string> }> {
    if (this.failed) throw this.failed;
    const answer = await this.ask({ op: "finish" });
    if (!answer.changes) throw new Error("the export's worker thread sent no changes");
    return { changes: ChangeSet.from(answer.changes), unseen: new Set(answer.unseen ?? []) };
  }

  /** Writes the journal and moves the staged files and removals into the tree. */
  async commit(removals: string[]): Promise<void> {
    await this.ask({ op: "commit", removals });
  }

  /** Drops the staging folder (the previous tree stays as it was); safe after a failure. */
  async abort(): Promise<void> {
    if (!this.crashed) await this.ask({ op: "abort" }, true).catch(() => {});
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }

  /**
   * The error a failed reply stands for: after a failed start every request
   * behind it fails too ("'page' before 'begin'"), and the start's error is
   * the one to tell.
   */
  private failure(reply: { name: string; message: string }): Error {
    return this.failed ?? toError(reply);
  }

  private ask(request: ThreadOp, evenAfterFailure = false): Promise<Answer> {
    if (this.crashed) return Promise.reject(this.crashed);
    if (this.failed && !evenAfterFailure) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      this.handlers.set(id, (reply) => {
        this.handlers.delete(id);
        if (reply.ok) return resolve(reply);
        const err = this.failure(reply);
        // Set before any later reply is handled: the requests queued behind a
        // failed start fail with its error (see open()).
        if (request.op === "begin") this.failed ??= err;
        reject(err);
      });
      this.worker.postMessage({ ...request, id } satisfies ThreadRequest);
    });
  }
}

function toError(reply: { name: string; message: string }): Error {
  if (reply.name === "ConfigurationError") return new ConfigurationError(reply.message);
  if (reply.name === "OperationalError") return new OperationalError(reply.message);
  return new Error(reply.message);
}

/**
 * The worker's script. From source it is the sibling export-worker.ts; in the
 * bundles esbuild emits it as dist/export-worker.js, and the code asking for
 * it sits in dist/ itself, in dist/actions/ or in dist/chunks/.
 */
function workerFile(): URL {
  for (const candidate of ["./export-worker.ts", "./export-worker.js", "../export-worker.js"]) {
    const url = new URL(candidate, import.meta.url);
    if (fs.existsSync(url)) return url;
  }
  throw new Error(`the export's worker script (export-worker.js) is missing next to ${import.meta.url}`);
}
