/**
 * Knows which pods are on a node, live: a list, then a watch from its
 * resourceVersion (re-listed when the watch ends or every few seconds as a
 * safety net). A drain waits on it until each evicted pod's UID is gone, so a
 * replacement with the same name (StatefulSets) does not count as the old pod.
 */
import type { KubeClient } from "../cluster/client.ts";
import { readText, toApiError, watchEvents } from "../cluster/client.ts";
import type { List, Pod } from "./types.ts";
import { errorMessage, OperationalError } from "../core/errors.ts";
import { sleep } from "../core/sleep.ts";
import { seconds } from "../core/stall.ts";

/**
 * The server ends each watch after this many seconds, so a quiet node is
 * re-listed now and then (a safety net), and so that a live API server is
 * heard from at least this often: a watch may rightly stay silent while no
 * pod changes, but not past its own end. Silence longer than this plus the
 * stall timeout means the API server is gone.
 */
const WATCH_SECONDS = 10;

export class NodePodTracker {
  private readonly client: KubeClient;
  private readonly node: string;
  /** Only pods with these labels (a drain's pod-selector), as the API server filters them. */
  private readonly labelSelector: string | undefined;
  private readonly present = new Map<string, Pod>();
  private readonly listeners = new Set<() => void>();
  private readonly abort = new AbortController();
  private resourceVersion = "";
  private loop: Promise<void> | undefined;
  /** When the API server was last heard from (a list, a watch event, a watch's end). */
  private heard = Date.now();
  private lastError: unknown;

  constructor(client: KubeClient, node: string, labelSelector?: string) {
    this.client = client;
    this.node = node;
    this.labelSelector = labelSelector;
  }

  /** Lists the node's pods and starts watching; returns the listed pods. */
  async start(): Promise<Pod[]> {
    const pods = await this.relist();
    this.loop = this.watchLoop();
    return pods;
  }

  stop(): Promise<void> {
    this.abort.abort();
    return this.loop ?? Promise.resolve();
  }

  pods(): Pod[] {
    return [...this.present.values()];
  }

  has(uid: string): boolean {
    return this.present.has(uid);
  }

  /** The pod with this UID as last seen, if it is still there. */
  get(uid: string): Pod | undefined {
    return this.present.get(uid);
  }

  /**
   * Resolves when `done()` holds, or false at the deadline (or when `signal`
   * aborts). Throws when the API server has not been heard from for longer
   * than a watch lasts plus the stall timeout: what the tracker knows is
   * then stale, and waiting on it until the drain's whole budget is spent
   * would only hide that the API server is gone.
   */
  async waitFor(done: () => boolean, deadline: number, signal?: AbortSignal): Promise<boolean> {
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0 || signal?.aborted) return false;
      this.checkFresh();
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.listeners.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 1000));
        this.listeners.add(wake);
        signal?.addEventListener("abort", wake, { once: true });
      });
    }
    return true;
  }

  private checkFresh(): void {
    const quiet = Date.now() - this.heard;
    if (quiet <= WATCH_SECONDS * 1000 + this.client.stallTimeoutMs) return;
    throw new OperationalError(
      `lost touch with the Kubernetes API at ${this.client.server}: no pod list or watch answer about node ${this.node} for ${seconds(quiet)} (stall-timeout ${seconds(this.client.stallTimeoutMs)})` +
        (this.lastError ? `; last error: ${errorMessage(this.lastError)}` : ""),
    );
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  private async relist(signal?: AbortSignal): Promise<Pod[]> {
    const list = await this.client.request<List<Pod>>("GET", "/api/v1/pods", {
      query: {
        fieldSelector: `spec.nodeName=${this.node}`,
        ...(this.labelSelector ? { labelSelector: this.labelSelector } : {}),
      },
      ...(signal ? { signal } : {}),
    });
    this.heard = Date.now();
    this.present.clear();
    for (const p of list.items) if (p.metadata.uid) this.present.set(p.metadata.uid, p);
    this.resourceVersion = list.metadata?.resourceVersion ?? "";
    this.notify();
    return list.items;
  }

  private async watchLoop(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        await this.watchOnce(signal);
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
    const path = "/api/v1/pods";
    const res = await this.client.open("GET", path, {
      query: {
        watch: 1,
        fieldSelector: `spec.nodeName=${this.node}`,
        labelSelector: this.labelSelector,
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: WATCH_SECONDS,
      },
      signal,
      // Quiet is normal on a watch (no pod changed) until the server ends it.
      timeoutMs: WATCH_SECONDS * 1000 + this.client.stallTimeoutMs,
    });
    this.heard = Date.now();
    if (res.statusCode !== 200) throw toApiError(res.statusCode ?? 0, await readText(res), "GET", path);
    for await (const event of watchEvents<Pod>(res)) {
      this.heard = Date.now();
      if (event.type === "ERROR") throw new Error("watch expired");
      const uid = event.object.metadata.uid;
      if (event.object.metadata.resourceVersion) this.resourceVersion = event.object.metadata.resourceVersion;
      if (!uid || event.type === "BOOKMARK") continue;
      if (event.type === "DELETED") this.present.delete(uid);
      else this.present.set(uid, event.object);
      this.notify();
    }
    this.heard = Date.now();
  }
}
