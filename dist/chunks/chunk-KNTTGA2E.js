import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  compareVersions,
  parseVersion
} from "./chunk-2HG6AMBK.js";
import {
  describeEnd,
  lastLines,
  runShell
} from "./chunk-2BN52FYM.js";
import {
  MIRROR_ANNOTATION,
  isNodeReady,
  isPodReady,
  kubeletVersion,
  nodePath,
  podKey
} from "./chunk-TY2O5Y2Q.js";
import {
  controlPlaneRestarting
} from "./chunk-MEXL324I.js";
import {
  sleep
} from "./chunk-UU4DZNBE.js";
import {
  formatDuration
} from "./chunk-KIVRFQJF.js";
import {
  OperationalError,
  errorMessage
} from "./chunk-YBANDQLS.js";

// src/nodes/gates.ts
var HEALTH_COMMAND_MAX_MS = 12e4;
async function checkGates(client, ctx, config, deadline = Date.now() + config.timeoutMs, signal) {
  const failing = [];
  const warnings = [];
  const node = await client.get(nodePath(ctx.node));
  const kubelet = kubeletVersion(node);
  if (!isNodeReady(node)) failing.push(`node ${ctx.node} is not Ready`);
  const have = parseVersion(kubelet);
  const want = parseVersion(ctx.target);
  if (!have || !want || compareVersions(have, want) !== 0) {
    failing.push(`node ${ctx.node} reports kubelet ${kubelet}, not ${ctx.target}`);
  }
  const pods = await client.get("/api/v1/namespaces/kube-system/pods", {
    fieldSelector: `spec.nodeName=${ctx.node}`
  });
  const notReady = pods.items.filter(
    (p) => MIRROR_ANNOTATION in (p.metadata.annotations ?? {}) && !isPodReady(p)
  );
  if (notReady.length) failing.push(`static pods not Ready: ${notReady.map(podKey).join(", ")}`);
  const before = new Set(ctx.notReadyBefore ?? []);
  const nodes = await client.get("/api/v1/nodes");
  const down = nodes.items.filter((n) => n.metadata.name !== ctx.node && !ctx.peers?.includes(n.metadata.name) && !isNodeReady(n)).map((n) => n.metadata.name);
  const preexisting = down.filter((n) => before.has(n));
  const fresh = down.filter((n) => !before.has(n));
  if (fresh.length) failing.push(`nodes not Ready (they were Ready before the drain): ${fresh.join(", ")}`);
  if (preexisting.length)
    warnings.push(`nodes already not Ready before the drain (not counted): ${preexisting.join(", ")}`);
  if (failing.length === 0 && config.healthCommand) {
    const timeoutMs = Math.max(500, Math.min(HEALTH_COMMAND_MAX_MS, deadline - Date.now()));
    const res = await runShell(config.healthCommand, {
      // The user's command: what it would see in a run: step, plus KUBEKEEP_NODE.
      inherit: "user",
      env: ctx.env,
      timeoutMs,
      ...signal ? { signal } : {}
    });
    if (res.code !== 0 || res.timedOut || res.aborted) {
      failing.push(`health command ${describeEnd(res, timeoutMs)}: ${lastLines(res.output, 3)}`);
    }
  }
  return { failing, warnings };
}
async function waitForGates(client, ctx, config, logger, signal) {
  const started = Date.now();
  const deadline = started + config.timeoutMs;
  let last = [];
  let lastLogged = "";
  const warned = /* @__PURE__ */ new Set();
  for (; ; ) {
    let check;
    try {
      check = await checkGates(client, ctx, config, deadline, signal);
    } catch (err) {
      if (signal?.aborted || !controlPlaneRestarting(err)) throw err;
      check = {
        failing: [`the API server is not answering normally yet (${errorMessage(err)})`],
        warnings: []
      };
    }
    for (const w of check.warnings) {
      if (!warned.has(w)) logger.warning(`${ctx.node}: ${w}`);
      warned.add(w);
    }
    last = check.failing;
    if (last.length === 0) {
      logger.info(`${ctx.node}: all gates pass after ${formatDuration(Date.now() - started)}`);
      return;
    }
    const text = last.join("; ");
    if (text !== lastLogged) logger.info(`${ctx.node}: waiting: ${text}`);
    lastLogged = text;
    if (Date.now() >= deadline || signal?.aborted) break;
    await sleep(Math.min(1e3, Math.max(0, deadline - Date.now())), signal);
  }
  throw new OperationalError(
    `node ${ctx.node} did not pass its gates within ${formatDuration(config.timeoutMs)}: ${last.join("; ")} (the node stays cordoned: check it, then re-run to resume from the gates)`
  );
}

export {
  waitForGates
};
