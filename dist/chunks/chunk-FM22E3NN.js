import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  nodePath
} from "./chunk-TY2O5Y2Q.js";

// src/nodes/progress.ts
var PROGRESS_ANNOTATION = "kubekeep.dev/upgrade";
var PHASES = ["draining", "drained", "upgrading", "upgraded", "verified", "done"];
function readProgress(node) {
  const raw = node.metadata.annotations?.[PROGRESS_ANNOTATION];
  if (!raw) return void 0;
  try {
    const p = JSON.parse(raw);
    return typeof p.target === "string" && typeof p.phase === "string" ? p : void 0;
  } catch {
    return void 0;
  }
}
function effectivePhase(p) {
  if (!p) return void 0;
  return p.phase === "failed" || p.phase === "cancelled" ? p.reached : p.phase;
}
function phaseAtLeast(p, reached) {
  const i = PHASES.indexOf(effectivePhase(p));
  return i >= 0 && i >= PHASES.indexOf(reached);
}
async function writeProgress(client, node, update) {
  const progress = { ...update, at: (/* @__PURE__ */ new Date()).toISOString() };
  await client.mergePatch(nodePath(node), {
    metadata: { annotations: { [PROGRESS_ANNOTATION]: JSON.stringify(progress) } }
  });
  return progress;
}

export {
  readProgress,
  effectivePhase,
  phaseAtLeast,
  writeProgress
};
