// The floor for bench/drain: the least any drain of a node over the
// Eviction API has to do, run as its own process (bundled like the CLI, so
// it pays the same start-up). Cordons the node, lists its pods, starts a
// watch from the list's resourceVersion, fires every eviction at once (on
// the same keep-alive client kubekeep uses) and waits until the last listed
// pod is gone. No filters, no disruption-budget handling, no deadlines, no
// report: nothing a real drain must do beyond the API calls themselves.
//
//   node evict-floor.js KUBECONFIG NODE
import { KubeClient, readText, toApiError, watchEvents, isApiError } from "../../src/cluster/client.ts";

interface Pod {
  metadata: { name: string; namespace: string; uid: string; resourceVersion?: string };
}

const [kubeconfig, node] = process.argv.slice(2);
if (!kubeconfig || !node) throw new Error("usage: evict-floor KUBECONFIG NODE");
const client = await KubeClient.fromFile(kubeconfig);
await client.mergePatch(`/api/v1/nodes/${node}`, { spec: { unschedulable: true } });
const list = await client.get<{ items: Pod[]; metadata: { resourceVersion: string } }>("/api/v1/pods", {
  fieldSelector: `spec.nodeName=${node}`,
});
const left = new Set(list.items.map((p) => p.metadata.uid));
const abort = new AbortController();
/** Watches from `rv` until every listed pod is gone, resuming where a watch the server ended stopped. */
async function watchUntilGone(rv: string): Promise<void> {
  while (left.size) {
    const watch = await client.open("GET", "/api/v1/pods", {
      query: {
        watch: 1,
        fieldSelector: `spec.nodeName=${node}`,
        resourceVersion: rv,
        allowWatchBookmarks: true,
      },
      signal: abort.signal,
      timeoutMs: 600_000,
    });
    if (watch.statusCode !== 200)
      throw toApiError(watch.statusCode ?? 0, await readText(watch), "GET", "watch");
    for await (const event of watchEvents<Pod>(watch)) {
      if (event.type === "ERROR") throw new Error("watch ended with an error (resourceVersion too old?)");
      rv = event.object.metadata.resourceVersion ?? rv;
      if (event.type === "DELETED") left.delete(event.object.metadata.uid);
      if (left.size === 0) return;
    }
  }
}
const gone = watchUntilGone(list.metadata.resourceVersion);
gone.catch(() => {}); // awaited below
await Promise.all(
  list.items.map((p) =>
    client
      .post(`/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}/eviction`, {
        apiVersion: "policy/v1",
        kind: "Eviction",
        metadata: { name: p.metadata.name, namespace: p.metadata.namespace },
      })
      .catch((err: unknown) => {
        if (!isApiError(err, 404)) throw err;
      }),
  ),
);
await gone;
abort.abort();
client.close();
process.stdout.write(`${list.items.length}\n`);
