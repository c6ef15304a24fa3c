/**
 * Knows the cluster's Node objects, live, while a node is replaced: a list,
 * then a watch from its resourceVersion, re-listed whenever the watch ends.
 * The replace executor waits on it for the old node to leave and its
 * replacement to join, so each is seen the moment it happens (the rotation
 * time it reports is the provider's, not a poll interval's).
 */
import type { KubeClient } from "../../cluster/client.ts";
import { readText, toApiError, watchEvents } from "../../cluster/client.ts";
import { errorMessage, OperationalError } from "../../core/errors.ts";
import { sleep } from "../../core/sleep.ts";
import { seconds } from "../../core/stall.ts";
import type { List, Node } from "../types.ts";

/** The server ends each watch after this long, so a quiet cluster is still heard from. */
const WATCH_SECONDS = 10;

export class NodeWatch {
  private readonly client: KubeClient;
  private readonly byName = new Map<string, Node>();
  private readonly wakers = new Set<() => void>();
  private readonly abort = new AbortController();
  private resourceVersion = "";
  private loop: Promise<void> | undefined;
  private heard = Date.now();
  private lastError: unknown;

  constructor(client: KubeClient) {
    this.client = client;
  }

  async start(): Promise<void> {
    await this.relist();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  get(name: string): Node | undefined {
    return this.byName.get(name);
  }

  nodes(): Node[] {
    return [...this.byName.values()];
  }

  /**
   * Returns `check()`'s first answer that is not undefined, re-asking on
   * every change; undefined at the deadline or when `signal` aborts. Throws
   * when the API server has been silent for longer than a watch lasts plus
   * the stall timeout (what is known is then stale).
   */
  async until<T>(check: () => T | undefined, deadline: number, signal?: AbortSignal): Promise<T | undefined> {
    for (;;) {
      const answer = check();
      if (answer !== undefined) return answer;
      const left = deadline - Date.now();
      if (left <= 0 || signal?.aborted) return undefined;
      const quiet = Date.now() - this.heard;
      if (quiet > WATCH_SECONDS * 1000 + this.client.stallTimeoutMs)
        throw new OperationalError(
          `lost touch with the Kubernetes API at ${this.client.server}: no node list or watch answer for ${seconds(quiet)}` +
            (this.lastError ? `; last error: ${errorMessage(this.lastError)}` : ""),
        );
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

  private changed(): void {
    for (const wake of [...this.wakers]) wake();
  }

  private async relist(signal?: AbortSignal): Promise<void> {
    const list = await this.client.request<List<Node>>("GET", "/api/v1/nodes", signal ? { signal } : {});
    this.heard = Date.now();
    this.byName.clear();
    for (const n of list.items) this.byName.set(n.metadata.name, n);
    this.resourceVersion = list.metadata?.resourceVersion ?? "";
    this.changed();
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        await this.watch(signal);
      } catch (err) {
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

  private async watch(signal: AbortSignal): Promise<void> {
    const path = "/api/v1/nodes";
    const res = await this.client.open("GET", path, {
      query: {
        watch: 1,
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: WATCH_SECONDS,
      },
      signal,
      timeoutMs: WATCH_SECONDS * 1000 + this.client.stallTimeoutMs,
    });
    this.heard = Date.now();
    if (res.statusCode !== 200) throw toApiError(res.statusCode ?? 0, await readText(res), "GET", path);
    for await (const event of watchEvents<Node>(res)) {
      this.heard = Date.now();
      if (event.type === "ERROR") throw new Error("watch expired");
      const rv = event.object.metadata.resourceVersion;
      if (rv) this.resourceVersion = rv;
      if (event.type === "BOOKMARK") continue;
      if (event.type === "DELETED") this.byName.delete(event.object.metadata.name);
      else this.byName.set(event.object.metadata.name, event.object);
      this.changed();
    }
    this.heard = Date.now();
  }
}
