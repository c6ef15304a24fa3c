import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  isApiError
} from "./chunk-GSHV4ADS.js";
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
function credentialsRefused(err, doing, left) {
  if (!isApiError(err, 401)) return void 0;
  return new OperationalError(
    `the API server stopped accepting the credentials (401 Unauthorized) while ${doing}; ${left}. Check that they have not expired (a kubeconfig's token; with eks-cluster-name, kubekeep renews them)`
  );
}
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

export {
  credentialsRefused,
  apiFailure,
  controlPlaneRestarting
};
