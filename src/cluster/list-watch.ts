/**
 * A live view of a collection: a list, then a watch from its
 * resourceVersion. The server ends each watch after a few seconds (so a
 * silent API server is noticed); the next one resumes from the last
 * resourceVersion seen, as client-go's reflector does, and only a watch that
 * failed (its resourceVersion compacted away, an error) is followed by a
 * fresh list: re-listing a thousand-pod node every few seconds loaded the
 * API server a drain waits on. Waiters are
 * woken on every change, so what they wait for is seen when it happens, not
 * at the next poll. The drain waits on a node's pods with it, the replace
 * executor on the cluster's Nodes.
 */
import type { KubeClient } from "./client.ts";
import { readText, toApiError, watchEvents } from "./client.ts";
import { errorMessage, OperationalError } from "../core/errors.ts";
import { sleep } from "../core/sleep.ts";
import { seconds } from "../core/stall.ts";

/**
 * The server ends each watch after this many seconds, so a live API server is
 * heard from at least this often: a watch may rightly stay silent while
 * nothing changes, but not past its own end. Silence longer than this plus
 * the stall timeout means the API server is gone.
 */
const WATCH_SECONDS = 10;

interface Listed {
  metadata: { name: string; uid?: string; resourceVersion?: string };
}

export interface ListWatchOptions<T extends Listed> {
  /** Collection path, e.g. /api/v1/pods. */
  path: string;
  fieldSelector?: string;
  labelSelector?: string;
  /** The key objects are kept by (e.g. the UID, or the name). */
  key: (o: T) => string | undefined;
  /** What was not heard, for the lost-touch message: "pod list or watch answer about node w-1". */
  what: string;
}

export class ListWatch<T extends Listed> {
  private readonly client: KubeClient;
  private readonly options: ListWatchOptions<T>;
  private readonly present = new Map<string, T>();
  /** Every key ever present: an absent key never seen is unknown, not gone. */
  private readonly seen = new Set<string>();
  /** When the last list that completed was sent (0: none yet). */
  private listSentAt = 0;
  private readonly wakers = new Set<() => void>();
  private readonly abort = new AbortController();
  private resourceVersion = "";
  private loop: Promise<void> | undefined;
  /** When the API server was last heard from (a list, a watch event, a watch's end). */
  private heard = Date.now();
  private lastError: unknown;

  constructor(client: KubeClient, options: ListWatchOptions<T>) {
    this.client = client;
    this.options = options;
  }

  /** Lists and starts watching; returns what was listed. */
  async start(): Promise<T[]> {
    const items = await this.relist();
    this.loop = this.watchLoop();
    return items;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  items(): T[] {
    return [...this.present.values()];
  }

  get(key: string): T | undefined {
    return this.present.get(key);
  }

  /**
   * True when the object with `key`, known to exist at time `existedAt`
   * (from a read of its own), is known to be gone: absent now, and either
   * seen here before (so it left in an event or a later list) or missing
   * from a list sent after `existedAt`. An object this view has never heard
   * of is not gone: its events may simply not have arrived yet.
   */
  gone(key: string, existedAt: number): boolean {
    if (this.present.has(key)) return false;
    return this.seen.has(key) || this.listSentAt > existedAt;
  }

  /**
   * `check()`'s first answer that is not undefined, asked again on every
   * change; undefined at the deadline or when `signal` aborts. Throws when
   * the API server has not been heard from for longer than a watch lasts
   * plus the stall timeout: what is known is then stale, and waiting on it
   * until the whole budget is spent would only hide that the server is gone.
   */
  async until<R>(check: () => R | undefined, deadline: number, signal?: AbortSignal): Promise<R | undefined> {
    for (;;) {
      const answer = check();
      if (answer !== undefined) return answer;
      const left = deadline - Date.now();
      if (left <= 0 || signal?.aborted) return undefined;
      this.checkFresh();
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.wakers.delete(wake);
          signal?.removeEventListener("abort", wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 1000));
        this.wakers.add(wake);
        signal?.addEventListener("abort", wake, { once: true });
      });
    }
  }

  private checkFresh(): void {
    const quiet = Date.now() - this.heard;
    if (quiet <= WATCH_SECONDS * 1000 + this.client.stallTimeoutMs) return;
    throw new OperationalError(
      `lost touch with the Kubernetes API at ${this.client.server}: no ${this.options.what} for ${seconds(quiet)} (stall-timeout ${seconds(this.client.stallTimeoutMs)})` +
        (this.lastError ? `; last error: ${errorMessage(this.lastError)}` : ""),
    );
  }

  private changed(): void {
    for (const wake of [...this.wakers]) wake();
  }

  private selectors(): Record<string, string> {
    const { fieldSelector, labelSelector } = this.options;
    return { ...(fieldSelector ? { fieldSelector } : {}), ...(labelSelector ? { labelSelector } : {}) };
  }

  private async relist(signal?: AbortSignal): Promise<T[]> {
    const sent = Date.now();
    const list = await this.client.request<{ metadata?: { resourceVersion?: string }; items: T[] }>(
      "GET",
      this.options.path,
      { query: this.selectors(), ...(signal ? { signal } : {}) },
    );
    this.heard = Date.now();
    this.present.clear();
    for (const o of list.items) {
      const k = this.options.key(o);
      if (k) {
        this.present.set(k, o);
        this.seen.add(k);
      }
    }
    this.listSentAt = sent;
    this.resourceVersion = list.metadata?.resourceVersion ?? "";
    this.changed();
    return list.items;
  }

  private async watchLoop(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const opened = Date.now();
      try {
        await this.watchOnce(signal);
        // Ended by the server on time: go on from where it stopped. One that ends at
        // once (a proxy closing it) is followed by a list, which paces the loop.
        if (Date.now() - opened >= 1000) continue;
      } catch (err) {
        // fall through to a re-list
        this.lastError = err;
      }
      if (signal.aborted) return;
      try {
        await this.relist(signal);
      } catch (err) {
        this.lastError = err;
        await sleep(500, signal);
      }
    }
  }

  private async watchOnce(signal: AbortSignal): Promise<void> {
    const { path } = this.options;
    const res = await this.client.open("GET", path, {
      query: {
        watch: 1,
        ...this.selectors(),
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: WATCH_SECONDS,
      },
      signal,
      // Quiet is normal on a watch (nothing changed) until the server ends it.
      timeoutMs: WATCH_SECONDS * 1000 + this.client.stallTimeoutMs,
    });
    this.heard = Date.now();
    if (res.statusCode !== 200) throw toApiError(res.statusCode ?? 0, await readText(res), "GET", path);
    for await (const event of watchEvents<T>(res)) {
      this.heard = Date.now();
      if (event.type === "ERROR") throw new Error("watch expired");
      const rv = event.object.metadata.resourceVersion;
      if (rv) this.resourceVersion = rv;
      const k = this.options.key(event.object);
      if (!k || event.type === "BOOKMARK") continue;
      if (event.type === "DELETED") this.present.delete(k);
      else {
        this.present.set(k, event.object);
        this.seen.add(k);
      }
      this.changed();
    }
    this.heard = Date.now();
  }
}
