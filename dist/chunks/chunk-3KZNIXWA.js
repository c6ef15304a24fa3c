import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  sleep
} from "./chunk-UU4DZNBE.js";
import {
  isApiError
} from "./chunk-UEOO7UL3.js";
import {
  nodePath
} from "./chunk-TY2O5Y2Q.js";
import {
  RBAC_HINT
} from "./chunk-KNDO3OP3.js";
import {
  OperationalError,
  UserFacingError
} from "./chunk-YBANDQLS.js";

// src/cluster/api-failure.ts
function hint(code, method, path) {
  if (code === 401)
    return "the API server refused the credentials: check the kubeconfig's user (an expired token?)";
  if (code === 403)
    return `the kubeconfig's user may not ${method} ${path}: check its RBAC rules (${RBAC_HINT})`;
  if (code === 429)
    return "the API server is shedding load: re-run later, or check its API priority and fairness settings";
  if (code >= 500)
    return "the API server failed: check its health (kubectl get --raw /readyz?verbose) and its logs, then re-run";
  return "check the object and the API server's message above";
}
var isNetworkFailure = (err) => err instanceof Error && (typeof err.code === "string" || /no answer from/.test(err.message));
function apiFailure(err, doing) {
  if (err instanceof UserFacingError) return err;
  if (isApiError(err)) {
    return new OperationalError(
      `${doing}: ${err.method} ${err.path} answered ${err.code} ${err.reason}${err.serverMessage ? ` (${err.serverMessage})` : ""}; ${hint(err.code, err.method, err.path)}`
    );
  }
  if (isNetworkFailure(err)) {
    return new OperationalError(
      `${doing}: ${err.message}; check that the API server is up and reachable from here, then re-run`
    );
  }
  return err;
}
function controlPlaneRestarting(err) {
  if (isApiError(err)) return err.code >= 500 || err.code === 429 || err.code === 401 || err.code === 403;
  const code = err?.code;
  if (code && ["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT"].includes(code)) return true;
  return err instanceof OperationalError && /cannot reach/i.test(err.message);
}

// src/nodes/cordon.ts
var CORDONED_BY_US = "kubekeep.dev/cordoned";
var ANNOTATION_PATH = `/metadata/annotations/${CORDONED_BY_US.replace(/~/g, "~0").replace(/\//g, "~1")}`;
var ATTEMPTS = 10;
async function decideAndPatch(client, name, what, decide) {
  let last;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(Math.min(1e3, 50 * 2 ** attempt) * (0.5 + Math.random()));
    const node = await client.get(nodePath(name));
    const { ops, outcome } = decide(node);
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
async function cordon(client, name) {
  const { node, outcome } = await decideAndPatch(client, name, "cordon", (n) => {
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
  });
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
  apiFailure,
  controlPlaneRestarting,
  cordon,
  uncordon
};
