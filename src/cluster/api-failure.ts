/**
 * Turns a failed API request into an OperationalError that says what failed
 * and what to check (credentials, RBAC, the API server's health, the
 * network), so front ends print a message, not a stack trace. Anything that
 * is neither an API answer nor a network failure is a bug and passes through.
 */
import { UserFacingError, OperationalError } from "../core/errors.ts";
import { isApiError } from "./client.ts";
import { RBAC_HINT } from "../core/failure.ts";

function hint(code: number, method: string, path: string): string {
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

const isNetworkFailure = (err: unknown): err is Error =>
  err instanceof Error &&
  (typeof (err as NodeJS.ErrnoException).code === "string" || /no answer from/.test(err.message));

/**
 * A 401 is about the credentials, never the object or kind at hand: every
 * later request fails the same way, so treating it as one object's (or one
 * kind's) failure would pass off a partial run as a finished one, or spend a
 * request per object learning the same thing. `doing` says what was under
 * way ("listing apps/v1 Deployment"), `left` what state that leaves.
 */
export function credentialsRefused(err: unknown, doing: string, left: string): OperationalError | undefined {
  if (!isApiError(err, 401)) return undefined;
  return new OperationalError(
    `the API server stopped accepting the credentials (401 Unauthorized) while ${doing}; ${left}. Check that they have not expired (a kubeconfig's token; with eks-cluster-name, kubekeep renews them)`,
  );
}

/** `doing` says what was under way, e.g. "drain of w-1". */
export function apiFailure(err: unknown, doing: string): unknown {
  if (err instanceof UserFacingError) return err;
  if (isApiError(err)) {
    return new OperationalError(
      `${doing}: ${err.method} ${err.path} answered ${err.code} ${err.reason}` +
        `${err.serverMessage ? ` (${err.serverMessage})` : ""}; ${hint(err.code, err.method, err.path)}`,
    );
  }
  if (isNetworkFailure(err)) {
    return new OperationalError(
      `${doing}: ${err.message}; check that the API server is up and reachable from here, then re-run`,
    );
  }
  return err;
}

/**
 * An error a restarting control plane gives (a node upgrade restarts the
 * static pods): unreachable, 5xx, 429, and 401/403 from an API server up
 * before its authenticator and RBAC caches filled (kubeadm's admin.conf user
 * is not system:masters, so it meets that). 404 and other client errors are
 * real answers.
 */
export function controlPlaneRestarting(err: unknown): boolean {
  if (isApiError(err)) return err.code >= 500 || err.code === 429 || err.code === 401 || err.code === 403;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && ["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT"].includes(code)) return true;
  // A frozen API server ("sent nothing") is not a restart: it fails as it is.
  return err instanceof OperationalError && /cannot reach/i.test(err.message);
}
