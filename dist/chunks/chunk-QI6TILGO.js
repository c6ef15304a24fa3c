import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  nodePath
} from "./chunk-TY2O5Y2Q.js";
import {
  isApiError
} from "./chunk-GSHV4ADS.js";
import {
  sleep
} from "./chunk-UU4DZNBE.js";
import {
  OperationalError
} from "./chunk-YBANDQLS.js";

// src/nodes/cordon.ts
var CORDONED_BY_US = "kubekeep.dev/cordoned";
var ANNOTATION_PATH = `/metadata/annotations/${CORDONED_BY_US.replace(/~/g, "~0").replace(/\//g, "~1")}`;
var ATTEMPTS = 10;
async function decideAndPatch(client, name, what, decide, known) {
  let last;
  let guess = known;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(Math.min(1e3, 50 * 2 ** attempt) * (0.5 + Math.random()));
    const node = guess ?? await client.get(nodePath(name));
    const { ops, outcome } = decide(node);
    if (!ops?.length && guess) {
      guess = void 0;
      attempt--;
      continue;
    }
    guess = void 0;
    if (!ops?.length) return { node, outcome };
    try {
      const patched = await client.request("PATCH", nodePath(name), {
        body: ops,
        contentType: "application/json-patch+json"
      });
      return { node: patched, outcome };
    } catch (err) {
      if (!isApiError(err, 422) && !isApiError(err, 409)) throw err;
      last = err;
    }
  }
  throw new OperationalError(
    `could not ${what} node ${name}: its schedulability or the ${CORDONED_BY_US} annotation changed ${ATTEMPTS} times while we tried (last answer: ${last instanceof Error ? last.message : String(last)}); check what else cordons and uncordons this node`
  );
}
function annotate(node) {
  if (node.metadata.annotations) return [{ op: "add", path: ANNOTATION_PATH, value: "true" }];
  return [
    { op: "test", path: "/metadata/annotations", value: null },
    { op: "add", path: "/metadata/annotations", value: { [CORDONED_BY_US]: "true" } }
  ];
}
function unannotate() {
  return [
    { op: "test", path: ANNOTATION_PATH, value: "true" },
    { op: "remove", path: ANNOTATION_PATH }
  ];
}
var isOurs = (node) => node.metadata.annotations?.[CORDONED_BY_US] === "true";
async function cordon(client, name, known) {
  const { node, outcome } = await decideAndPatch(
    client,
    name,
    "cordon",
    (n) => {
      if (n.spec?.unschedulable) return { outcome: !isOurs(n) };
      return {
        outcome: false,
        ops: [
          // Still schedulable as we read it (absent, or false): else someone
          // else just cordoned it, and it is theirs.
          { op: "test", path: "/spec/unschedulable", value: n.spec?.unschedulable ?? null },
          { op: "add", path: "/spec/unschedulable", value: true },
          ...annotate(n)
        ]
      };
    },
    known
  );
  return { node, cordonedByOthers: outcome };
}
async function uncordon(client, name, force = false) {
  const { outcome } = await decideAndPatch(client, name, "uncordon", (n) => {
    const ours = isOurs(n);
    if (!n.spec?.unschedulable) return { outcome: "was-schedulable", ...ours ? { ops: unannotate() } : {} };
    if (!ours && !force) return { outcome: "left-cordoned" };
    return {
      outcome: "uncordoned",
      ops: [
        { op: "test", path: "/spec/unschedulable", value: true },
        { op: "remove", path: "/spec/unschedulable" },
        ...ours ? unannotate() : []
      ]
    };
  });
  return outcome;
}

export {
  cordon,
  uncordon
};
