/**
 * A cluster's recorded versions judged against the Kubernetes version skew
 * policy (https://kubernetes.io/releases/version-skew-policy/): a kubelet is
 * never newer than kube-apiserver and at most three minors older. And, with
 * no calendar (kubekeep has no release dates and does not guess them): a
 * minor three or more behind the newest minor seen anywhere in the fleet is
 * outside upstream's support, because upstream maintains only the three
 * newest minors and that newer one exists. Pure.
 */
import { compareVersions, KUBELET_MAX_MINOR_LAG, parseVersion, type Version } from "../nodes/version.ts";
import { UNKNOWN_KUBELET, type VersionRecord } from "./version-record.ts";

/** Minors upstream Kubernetes maintains at once (the newest and the two before it). */
export const UPSTREAM_SUPPORTED_MINORS = 3;

export interface VersionsFact {
  /** When the record was written (ISO 8601) and its age at the report's time. */
  time: string;
  ageSeconds: number;
  apiServer: string;
  nodes: number;
  /** Oldest and newest kubelet; absent without a node reporting a readable version. */
  kubeletMin?: string;
  kubeletMax?: string;
  /** Nodes per kubelet version, as recorded. */
  kubelets: Record<string, number>;
  /** Each skew-policy rule a kubelet version breaks: the cluster fails. */
  skew: string[];
  /** Versions outside upstream's support (set by fleetSupportNotes): reported, not failed. */
  unsupported: string[];
}

const nodes = (n: number) => `${n} node${n === 1 ? "" : "s"}`;

/** The rules of the skew policy the kubelets break against the API server, one message each. */
export function skewViolations(apiServerText: string, kubelets: Record<string, number>): string[] {
  const api = parseVersion(apiServerText);
  if (!api) return [];
  const out: string[] = [];
  for (const [text, count] of Object.entries(kubelets)) {
    const k = text === UNKNOWN_KUBELET ? undefined : parseVersion(text);
    if (!k) continue;
    const on = `kubelet ${k.text} (${nodes(count)})`;
    if (k.major !== api.major)
      out.push(
        `${on} is of another major version than kube-apiserver ${api.text}: the skew policy forbids it`,
      );
    else if (k.minor > api.minor)
      out.push(
        `${on} is newer than kube-apiserver ${api.text}: the skew policy never allows a kubelet newer than the API server`,
      );
    else if (api.minor - k.minor > KUBELET_MAX_MINOR_LAG)
      out.push(
        `${on} is ${api.minor - k.minor} minors older than kube-apiserver ${api.text}: the skew policy allows at most ${KUBELET_MAX_MINOR_LAG}`,
      );
  }
  return out;
}

export function versionsFact(r: VersionRecord, now: Date): VersionsFact {
  const parsed = Object.keys(r.kubelets)
    .map((t) => (t === UNKNOWN_KUBELET ? undefined : parseVersion(t)))
    .filter((v): v is Version => v !== undefined)
    .sort(compareVersions);
  return {
    time: r.at,
    ageSeconds: Math.round((now.getTime() - Date.parse(r.at)) / 1000),
    apiServer: r.apiServer,
    nodes: r.nodes,
    ...(parsed.length ? { kubeletMin: parsed[0]?.text, kubeletMax: parsed.at(-1)?.text } : {}),
    kubelets: r.kubelets,
    skew: skewViolations(r.apiServer, r.kubelets),
    unsupported: [],
  };
}

/**
 * Fills `unsupported` for every fact from the newest minor any of them
 * shows: a minor UPSTREAM_SUPPORTED_MINORS or more behind it is out of
 * upstream support. The newest may itself be past its support; this only
 * says what is certainly out. Managed offerings (EKS extended support, ...)
 * keep minors longer: the message says "upstream".
 */
export function fleetSupportNotes(facts: VersionsFact[]): void {
  let newest: Version | undefined;
  for (const f of facts)
    for (const t of [f.apiServer, f.kubeletMax]) {
      const v = t === undefined ? undefined : parseVersion(t);
      if (v && (!newest || compareVersions(v, newest) > 0)) newest = v;
    }
  if (!newest) return;
  const oldestSupported = newest.minor - (UPSTREAM_SUPPORTED_MINORS - 1);
  for (const f of facts) {
    for (const [what, t] of [
      ["kube-apiserver", f.apiServer],
      ["oldest kubelet", f.kubeletMin],
    ] as const) {
      const v = t === undefined ? undefined : parseVersion(t);
      if (v && v.major === newest.major && v.minor < oldestSupported)
        f.unsupported.push(
          `${what} ${v.text} is out of upstream support: ${newest.major}.${newest.minor} exists (seen in this fleet) and upstream maintains only the ${UPSTREAM_SUPPORTED_MINORS} newest minors`,
        );
    }
  }
}
