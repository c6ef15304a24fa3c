/**
 * After a restore (or a rollback): the checks a person would make, each with
 * a deadline, each reported: the API server answers, every node is Ready,
 * kube-system's pods run, and a watch from a revision the snapshot holds is
 * refused with 410 Gone: the restore bumped and compacted the revisions, so
 * clients that saw newer ones relist instead of silently resuming; and the
 * objects match the snapshot's, kind by kind (./objects.ts).
 */
import { isApiError, watchEvents, type KubeClient } from "../cluster/client.ts";
import { errorMessage } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { sleep } from "../core/sleep.ts";
import { formatDuration } from "../core/units.ts";
import type { List, Node, Pod } from "../nodes/types.ts";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const ready = (n: Node) =>
  n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

/** Polls `probe` until it returns ok or the deadline passes; the last answer either way. */
async function until(deadline: number, probe: () => Promise<Check>): Promise<Check> {
  for (;;) {
    let c: Check;
    try {
      c = await probe();
    } catch (err) {
      c = { name: "", ok: false, detail: errorMessage(err) };
    }
    if (c.ok || Date.now() >= deadline) return c;
    await sleep(2000);
  }
}

/** Waits for the API server to answer /readyz (its etcd check included). */
export async function waitForApi(client: KubeClient, timeoutMs: number): Promise<Check> {
  const started = Date.now();
  const c = await until(started + timeoutMs, async () => {
    const res = await client.open("GET", "/readyz", { timeoutMs: 10_000 });
    res.resume();
    return { name: "", ok: res.statusCode === 200, detail: `/readyz answered ${res.statusCode}` };
  });
  return {
    name: "API server answers",
    ok: c.ok,
    detail: c.ok
      ? `after ${formatDuration(Date.now() - started)}`
      : `not within ${formatDuration(timeoutMs)}: ${c.detail}`,
  };
}

/**
 * The revisions went forward: the cluster's resourceVersion is past the
 * snapshot's revision plus the bump (so past anything a client saw before),
 * and a watch from the snapshot's revision is refused with 410 Gone.
 */
export async function revisionsBumped(client: KubeClient, revision: number, bump: number): Promise<Check> {
  const name = `revisions bumped past ${revision} + ${bump}, a watch from ${revision} gets 410 Gone`;
  const list = await client.get<{ metadata?: { resourceVersion?: string } }>("/api/v1/namespaces", {
    limit: 1,
  });
  const rv = Number(list.metadata?.resourceVersion ?? NaN);
  if (!(rv > revision + bump))
    return {
      name,
      ok: false,
      detail: `the cluster's resourceVersion is ${list.metadata?.resourceVersion}: not bumped`,
    };
  const watch = await watchFromOldRevision(client, revision);
  return { name, ok: watch.ok, detail: `resourceVersion ${rv}; ${watch.detail}` };
}

/** A watch from `revision`: 410 Gone once the restore bumped and compacted. */
export async function watchFromOldRevision(client: KubeClient, revision: number): Promise<Check> {
  const name = `a watch from revision ${revision} is told it is too old (410 Gone)`;
  try {
    const res = await client.open("GET", "/api/v1/namespaces", {
      query: { watch: 1, resourceVersion: String(revision), timeoutSeconds: 5 },
      timeoutMs: 15_000,
    });
    for await (const ev of watchEvents<{ code?: number; message?: string }>(res)) {
      res.destroy();
      if (ev.type === "ERROR" && ev.object.code === 410)
        return { name, ok: true, detail: ev.object.message ?? "410 Gone" };
      return {
        name,
        ok: false,
        detail: `the watch resumed (first event ${ev.type}): revisions were not bumped`,
      };
    }
    return {
      name,
      ok: false,
      detail: "the watch resumed and ended without an event: revisions were not bumped",
    };
  } catch (err) {
    if (isApiError(err, 410)) return { name, ok: true, detail: "410 Gone" };
    return { name, ok: false, detail: errorMessage(err) };
  }
}

export async function nodesReady(client: KubeClient, deadline: number): Promise<Check> {
  const c = await until(deadline, async () => {
    const nodes = await client.get<List<Node>>("/api/v1/nodes");
    const not = nodes.items.filter((n) => !ready(n)).map((n) => n.metadata.name);
    return {
      name: "",
      ok: not.length === 0,
      detail: not.length ? `not Ready: ${not.join(", ")}` : `${nodes.items.length} Ready`,
    };
  });
  return { ...c, name: "nodes Ready" };
}

export async function kubeSystemRunning(client: KubeClient, deadline: number): Promise<Check> {
  const c = await until(deadline, async () => {
    const pods = await client.get<List<Pod>>("/api/v1/namespaces/kube-system/pods");
    const not = pods.items
      .filter((p) => p.status?.phase !== "Running" && p.status?.phase !== "Succeeded")
      .map((p) => `${p.metadata.name} (${p.status?.phase ?? "?"})`);
    return {
      name: "",
      ok: not.length === 0,
      detail: not.length ? `not Running: ${not.join(", ")}` : `${pods.items.length} Running`,
    };
  });
  return { ...c, name: "kube-system pods Running" };
}

/** Every check after the control plane is back; each waits until `timeoutMs` from now. */
export async function verifyCluster(
  client: KubeClient,
  options: {
    timeoutMs: number;
    snapshotRevision?: number;
    bumpRevision?: number;
    /** The objects compared with the snapshot's (./objects.ts), once the API answers. */
    objects?: () => Promise<Check>;
  },
  logger: Logger,
): Promise<Check[]> {
  const deadline = Date.now() + options.timeoutMs;
  const checks: Check[] = [];
  const api = await waitForApi(client, options.timeoutMs);
  checks.push(api);
  logger.info(`${api.ok ? "ok" : "FAILED"}: ${api.name}: ${api.detail}`);
  if (!api.ok) return checks;
  for (const probe of [
    () => nodesReady(client, deadline),
    () => kubeSystemRunning(client, deadline),
    ...(options.snapshotRevision !== undefined && options.bumpRevision !== undefined
      ? [() => revisionsBumped(client, options.snapshotRevision as number, options.bumpRevision as number)]
      : []),
    ...(options.objects ? [options.objects] : []),
  ]) {
    const c = await probe();
    checks.push(c);
    logger.info(`${c.ok ? "ok" : "FAILED"}: ${c.name}: ${c.detail}`);
  }
  return checks;
}
