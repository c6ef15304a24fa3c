/**
 * Knows which pods are on a node, live: a list, then a watch from its
 * resourceVersion (re-listed when the watch ends or every few seconds as a
 * safety net). A drain waits on it until each evicted pod's UID is gone, so a
 * replacement with the same name (StatefulSets) does not count as the old pod.
 */
import type { KubeClient } from "../cluster/client.ts";
import { readText, toApiError, watchEvents } from "../cluster/client.ts";
import type { List, Pod } from "./types.ts";
import { sleep } from "../core/sleep.ts";

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

  /** Resolves when `done()` holds, or false at the deadline (or when `signal` aborts). */
  async waitFor(done: () => boolean, deadline: number, signal?: AbortSignal): Promise<boolean> {
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0 || signal?.aborted) return false;
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

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  private async relist(): Promise<Pod[]> {
    const list = await this.client.get<List<Pod>>("/api/v1/pods", {
      fieldSelector: `spec.nodeName=${this.node}`,
      labelSelector: this.labelSelector,
    });
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
      } catch {
        // fall through to a re-list
      }
      if (signal.aborted) return;
      try {
        await this.relist();
      } catch {
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
        // End the watch now and then so a quiet node is re-listed (safety net).
        timeoutSeconds: 10,
      },
      signal,
      timeoutMs: 30_000,
    });
    if (res.statusCode !== 200) throw toApiError(res.statusCode ?? 0, await readText(res), "GET", path);
    for await (const event of watchEvents<Pod>(res)) {
      if (event.type === "ERROR") throw new Error("watch expired");
      const uid = event.object.metadata.uid;
      if (event.object.metadata.resourceVersion) this.resourceVersion = event.object.metadata.resourceVersion;
      if (!uid || event.type === "BOOKMARK") continue;
      if (event.type === "DELETED") this.present.delete(uid);
      else this.present.set(uid, event.object);
      this.notify();
    }
  }
}
