import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  isApiError,
  watchEvents
} from "./chunk-GSHV4ADS.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-XIQOQISJ.js";
import {
  sleep
} from "./chunk-UU4DZNBE.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import {
  formatDuration
} from "./chunk-KIVRFQJF.js";
import {
  errorMessage
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/recovery/verify.ts
var ready = (n) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
async function until(deadline, probe) {
  for (; ; ) {
    let c;
    try {
      c = await probe();
    } catch (err) {
      c = { name: "", ok: false, detail: errorMessage(err) };
    }
    if (c.ok || Date.now() >= deadline) return c;
    await sleep(2e3);
  }
}
async function waitForApi(client, timeoutMs) {
  const started = Date.now();
  const c = await until(started + timeoutMs, async () => {
    const res = await client.open("GET", "/readyz", { timeoutMs: 1e4 });
    res.resume();
    return { name: "", ok: res.statusCode === 200, detail: `/readyz answered ${res.statusCode}` };
  });
  return {
    name: "API server answers",
    ok: c.ok,
    detail: c.ok ? `after ${formatDuration(Date.now() - started)}` : `not within ${formatDuration(timeoutMs)}: ${c.detail}`
  };
}
async function revisionsBumped(client, revision, bump) {
  const name = `revisions bumped past ${revision} + ${bump}, a watch from ${revision} gets 410 Gone`;
  const list = await client.get("/api/v1/namespaces", {
    limit: 1
  });
  const rv = Number(list.metadata?.resourceVersion ?? NaN);
  if (!(rv > revision + bump))
    return {
      name,
      ok: false,
      detail: `the cluster's resourceVersion is ${list.metadata?.resourceVersion}: not bumped`
    };
  const watch = await watchFromOldRevision(client, revision);
  return { name, ok: watch.ok, detail: `resourceVersion ${rv}; ${watch.detail}` };
}
async function watchFromOldRevision(client, revision) {
  const name = `a watch from revision ${revision} is told it is too old (410 Gone)`;
  try {
    const res = await client.open("GET", "/api/v1/namespaces", {
      query: { watch: 1, resourceVersion: String(revision), timeoutSeconds: 5 },
      timeoutMs: 15e3
    });
    for await (const ev of watchEvents(res)) {
      res.destroy();
      if (ev.type === "ERROR" && ev.object.code === 410)
        return { name, ok: true, detail: ev.object.message ?? "410 Gone" };
      return {
        name,
        ok: false,
        detail: `the watch resumed (first event ${ev.type}): revisions were not bumped`
      };
    }
    return {
      name,
      ok: false,
      detail: "the watch resumed and ended without an event: revisions were not bumped"
    };
  } catch (err) {
    if (isApiError(err, 410)) return { name, ok: true, detail: "410 Gone" };
    return { name, ok: false, detail: errorMessage(err) };
  }
}
async function nodesReady(client, deadline) {
  const c = await until(deadline, async () => {
    const nodes = await client.get("/api/v1/nodes");
    const not = nodes.items.filter((n) => !ready(n)).map((n) => n.metadata.name);
    return {
      name: "",
      ok: not.length === 0,
      detail: not.length ? `not Ready: ${not.join(", ")}` : `${nodes.items.length} Ready`
    };
  });
  return { ...c, name: "nodes Ready" };
}
async function kubeSystemRunning(client, deadline) {
  const c = await until(deadline, async () => {
    const pods = await client.get("/api/v1/namespaces/kube-system/pods");
    const not = pods.items.filter((p) => p.status?.phase !== "Running" && p.status?.phase !== "Succeeded").map((p) => `${p.metadata.name} (${p.status?.phase ?? "?"})`);
    return {
      name: "",
      ok: not.length === 0,
      detail: not.length ? `not Running: ${not.join(", ")}` : `${pods.items.length} Running`
    };
  });
  return { ...c, name: "kube-system pods Running" };
}
async function verifyCluster(client, options, logger) {
  const deadline = Date.now() + options.timeoutMs;
  const checks = [];
  const api = await waitForApi(client, options.timeoutMs);
  checks.push(api);
  logger.info(`${api.ok ? "ok" : "FAILED"}: ${api.name}: ${api.detail}`);
  if (!api.ok) return checks;
  for (const probe of [
    () => nodesReady(client, deadline),
    () => kubeSystemRunning(client, deadline),
    ...options.snapshotRevision !== void 0 && options.bumpRevision !== void 0 ? [() => revisionsBumped(client, options.snapshotRevision, options.bumpRevision)] : [],
    ...options.objects ? [options.objects] : []
  ]) {
    const c = await probe();
    checks.push(c);
    logger.info(`${c.ok ? "ok" : "FAILED"}: ${c.name}: ${c.detail}`);
  }
  return checks;
}
export {
  kubeSystemRunning,
  nodesReady,
  revisionsBumped,
  verifyCluster,
  waitForApi,
  watchFromOldRevision
};
