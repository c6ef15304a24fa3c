/**
 * The cluster's Node objects, live, while a node is replaced (a list and a
 * watch, see cluster/list-watch.ts): the replace executor waits on it for the
 * old node to leave and its replacement to join, so each is seen the moment
 * it happens (the rotation time it reports is the provider's, not a poll
 * interval's).
 */
import type { KubeClient } from "../../cluster/client.ts";
import { ListWatch } from "../../cluster/list-watch.ts";
import type { Node } from "../types.ts";

export class NodeWatch {
  private readonly watch: ListWatch<Node>;

  constructor(client: KubeClient) {
    this.watch = new ListWatch<Node>(client, {
      path: "/api/v1/nodes",
      key: (n) => n.metadata.name,
      what: "node list or watch answer",
    });
  }

  async start(): Promise<void> {
    await this.watch.start();
  }

  stop(): Promise<void> {
    return this.watch.stop();
  }

  get(name: string): Node | undefined {
    return this.watch.get(name);
  }

  nodes(): Node[] {
    return this.watch.items();
  }

  /** `check()`'s first answer that is not undefined, asked on every change; undefined at the deadline. */
  until<T>(check: () => T | undefined, deadline: number, signal?: AbortSignal): Promise<T | undefined> {
    return this.watch.until(check, deadline, signal);
  }
}
