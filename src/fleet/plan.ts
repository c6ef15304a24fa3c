/**
 * From the inventory to a GitHub Actions matrix: the clusters a label
 * selector picks, in wave order then by name (so the same inventory always
 * gives the same matrix), each as one `include` entry holding every
 * parameter a job needs, split into pages of at most 256 entries (GitHub
 * refuses a matrix of more jobs).
 */
import { ConfigurationError } from "../core/errors.ts";
import { matchesLabels, type LabelSelectorText } from "../cluster/label-selector.ts";
import { DEFAULT_ETCD_SECRETS, ETCD_KINDS, type FleetCluster, type Inventory } from "./inventory.ts";

/** GitHub's limit on the jobs one matrix may generate. */
export const GITHUB_MATRIX_LIMIT = 256;
/** Pages fleet-plan publishes as outputs (matrix, matrix-2, ...). */
export const MAX_PAGES = 4;

/**
 * One matrix entry. Every field is always present (empty when it does not
 * apply), so `${{ matrix.x }}` never depends on which clusters a page holds.
 */
export interface MatrixEntry {
  name: string;
  kind: string;
  labels: Record<string, string>;
  wave: string;
  "kubeconfig-secret": string;
  "eks-cluster": string;
  "eks-region": string;
  "eks-role-arn": string;
  "eks-server": string;
  "eks-certificate-authority": string;
  /**
   * The names of the secrets holding the cluster's etcd client certificate
   * (`secrets[matrix.etcd-ca-secret]` reads one): the inventory's, or
   * ETCD_CA, ETCD_CLIENT_CERT, ETCD_CLIENT_KEY; empty for a managed cluster.
   */
  "etcd-ca-secret": string;
  "etcd-cert-secret": string;
  "etcd-key-secret": string;
  snapshots: boolean;
  "s3-bucket": string;
  "s3-prefix": string;
  "s3-endpoint": string;
  "s3-region": string;
  "cluster-name": string;
  export: boolean;
  "export-path": string;
  "export-branch": string;
  /** A concurrency group of this cluster's own, so two workflows never work on one cluster at once. */
  "concurrency-group": string;
}

export interface PlanOptions {
  selector?: LabelSelectorText;
  waveLabel: string;
  /** Wave values in the order they run; empty: no order (by name). */
  waveOrder: string[];
  pageSize: number;
}

export interface Plan {
  entries: MatrixEntry[];
  pages: MatrixEntry[][];
  /** The waves present, in order. */
  waves: string[];
}

export function entryOf(c: FleetCluster, waveLabel: string): MatrixEntry {
  const etcd = ETCD_KINDS.includes(c.kind) ? (c.access.etcdSecrets ?? DEFAULT_ETCD_SECRETS) : undefined;
  return {
    name: c.name,
    kind: c.kind,
    labels: c.labels,
    wave: c.labels[waveLabel] ?? "",
    "kubeconfig-secret": c.access.kubeconfigSecret ?? "",
    "eks-cluster": c.access.eks?.clusterName ?? "",
    "eks-region": c.access.eks?.region ?? "",
    "eks-role-arn": c.access.eks?.roleArn ?? "",
    "eks-server": c.access.eks?.server ?? "",
    "eks-certificate-authority": c.access.eks?.certificateAuthority ?? "",
    "etcd-ca-secret": etcd?.ca ?? "",
    "etcd-cert-secret": etcd?.cert ?? "",
    "etcd-key-secret": etcd?.key ?? "",
    snapshots: c.snapshots !== undefined,
    "s3-bucket": c.snapshots?.bucket ?? "",
    "s3-prefix": c.snapshots?.prefix ?? "",
    "s3-endpoint": c.snapshots?.endpoint ?? "",
    "s3-region": c.snapshots?.region ?? "",
    "cluster-name": c.snapshots?.clusterName ?? "",
    export: c.export !== undefined,
    "export-path": c.export?.path ?? "",
    "export-branch": c.export?.branch ?? "",
    "concurrency-group": `kubekeep-cluster-${c.name}`,
  };
}

/** The clusters a selector picks, sorted by wave (in `waveOrder`) then name. */
export function selectClusters(inv: Inventory, opts: Omit<PlanOptions, "pageSize">): FleetCluster[] {
  const picked = inv.clusters.filter((c) => matchesLabels(opts.selector, c.labels));
  const rank = (c: FleetCluster): number => {
    if (opts.waveOrder.length === 0) return 0;
    const wave = c.labels[opts.waveLabel];
    const i = wave === undefined ? -1 : opts.waveOrder.indexOf(wave);
    if (i < 0)
      throw new ConfigurationError(
        `input 'wave-order': cluster '${c.name}' (${inv.file}) has ${wave === undefined ? `no label '${opts.waveLabel}'` : `${opts.waveLabel}=${wave}`}, which is not in the wave order ${opts.waveOrder.join(", ")}; add it to wave-order or narrow the selector`,
      );
    return i;
  };
  const ranked = picked.map((c) => ({ c, r: rank(c) }));
  ranked.sort((a, b) => a.r - b.r || (a.c.name < b.c.name ? -1 : a.c.name > b.c.name ? 1 : 0));
  return ranked.map((x) => x.c);
}

export function planFleet(inv: Inventory, opts: PlanOptions): Plan {
  const clusters = selectClusters(inv, opts);
  const entries = clusters.map((c) => entryOf(c, opts.waveLabel));
  const pages: MatrixEntry[][] = [];
  for (let i = 0; i < entries.length; i += opts.pageSize) pages.push(entries.slice(i, i + opts.pageSize));
  if (pages.length > MAX_PAGES)
    throw new ConfigurationError(
      `${inv.file}: the selector picks ${entries.length} clusters, more than ${MAX_PAGES} pages of ${opts.pageSize} (the outputs matrix to matrix-${MAX_PAGES}); narrow the selector and plan the fleet in parts`,
    );
  const waves: string[] = [];
  for (const e of entries) if (e.wave !== "" && !waves.includes(e.wave)) waves.push(e.wave);
  return { entries, pages, waves };
}

/** A matrix GitHub accepts for `strategy.matrix: ${{ fromJSON(...) }}`. */
export function matrixJson(page: MatrixEntry[] | undefined): string {
  return JSON.stringify({ include: page ?? [] });
}
