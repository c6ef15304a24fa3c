import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  nodePath
} from "./chunk-VVID3JDB.js";

// src/nodes/cordon.ts
var CORDONED_BY_US = "kubekeep.dev/cordoned";
async function cordon(client, name) {
  const node = await client.get(nodePath(name));
  const ours = node.metadata.annotations?.[CORDONED_BY_US] === "true";
  if (node.spec?.unschedulable) return { node, cordonedByOthers: !ours };
  const patched = await client.mergePatch(nodePath(name), {
    metadata: { annotations: { [CORDONED_BY_US]: "true" }, resourceVersion: node.metadata.resourceVersion },
    spec: { unschedulable: true }
  });
  return { node: patched, cordonedByOthers: false };
}
async function uncordon(client, name, force = false) {
  const node = await client.get(nodePath(name));
  const ours = node.metadata.annotations?.[CORDONED_BY_US] === "true";
  if (!node.spec?.unschedulable) {
    if (ours)
      await client.mergePatch(nodePath(name), { metadata: { annotations: { [CORDONED_BY_US]: null } } });
    return "was-schedulable";
  }
  if (!ours && !force) return "left-cordoned";
  await client.mergePatch(nodePath(name), {
    metadata: { annotations: { [CORDONED_BY_US]: null } },
    spec: { unschedulable: null }
  });
  return "uncordoned";
}

export {
  cordon,
  uncordon
};
