/**
 * Knows which pods are on a node, live (a list and a watch, see
 * cluster/list-watch.ts). A drain waits on it until each evicted pod's UID is
 * gone, so a replacement with the same name (StatefulSets) does not count as
 * the old pod.
 */
import type { KubeClient } from "../cluster/client.ts";
import { ListWatch } from "../cluster/list-watch.ts";
import type { Pod } from "./types.ts";

export class NodePodTracker {
  private readonly watch: ListWatch<Pod>;
  private readonly client: KubeClient;
  private readonly selectors: { fieldSelector: string; labelSelector?: string };

  /** `labelSelector`: only pods with these labels (a drain's pod-selector), as the API server filters them. */
  constructor(client: KubeClient, node: string, labelSelector?: string) {
    this.client = client;
    this.selectors = { fieldSelector: `spec.nodeName=${node}`, ...(labelSelector ? { labelSelector } : {}) };
    this.watch = new ListWatch<Pod>(client, {
      path: "/api/v1/pods",
      ...this.selectors,
      key: (p) => p.metadata.uid,
      what: `pod list or watch answer about node ${node}`,
    });
  }

  /** Lists the node's pods and starts watching; returns the listed pods. */
  start(): Promise<Pod[]> {
    return this.watch.start();
  }

  stop(): Promise<void> {
    return this.watch.stop();
  }

  pods(): Pod[] {
    return this.watch.items();
  }

  has(uid: string): boolean {
    return this.watch.get(uid) !== undefined;
  }

  /**
   * The node's pods as the cluster has them now: a list without a
   * resourceVersion, which the API server answers with a consistent read
   * (never from a cache that may lag), unlike the watch, whose events may
   * still be on their way.
   */
  async listNow(): Promise<Pod[]> {
    return (await this.client.get<{ items: Pod[] }>("/api/v1/pods", this.selectors)).items;
  }

  /** True when the pod with this UID, known to exist at `existedAt`, is gone (see ListWatch.gone). */
  gone(uid: string, existedAt = 0): boolean {
    return this.watch.gone(uid, existedAt);
  }

  /** The pod with this UID as last seen, if it is still there. */
  get(uid: string): Pod | undefined {
    return this.watch.get(uid);
  }

  /**
   * Resolves true when `done()` holds, false at the deadline (or when
   * `signal` aborts); throws when the API server has gone quiet (see
   * ListWatch.until).
   */
  async waitFor(done: () => boolean, deadline: number, signal?: AbortSignal): Promise<boolean> {
    return (await this.watch.until(() => (done() ? true : undefined), deadline, signal)) ?? false;
  }
}
