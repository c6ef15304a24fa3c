import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  matchesLabels
} from "./chunk-FK3ILC2B.js";
import {
  ConfigurationError
} from "./chunk-YBANDQLS.js";

// src/fleet/plan.ts
var GITHUB_MATRIX_LIMIT = 256;
var MAX_PAGES = 4;
function entryOf(c, waveLabel) {
  return {
    name: c.name,
    kind: c.kind,
    labels: c.labels,
    wave: c.labels[waveLabel] ?? "",
    "kubeconfig-secret": c.access.kubeconfigSecret ?? "",
    "eks-cluster": c.access.eks?.clusterName ?? "",
    "eks-region": c.access.eks?.region ?? "",
    "eks-role-arn": c.access.eks?.roleArn ?? "",
    snapshots: c.snapshots !== void 0,
    "s3-bucket": c.snapshots?.bucket ?? "",
    "s3-prefix": c.snapshots?.prefix ?? "",
    "s3-endpoint": c.snapshots?.endpoint ?? "",
    "s3-region": c.snapshots?.region ?? "",
    "cluster-name": c.snapshots?.clusterName ?? "",
    export: c.export !== void 0,
    "export-path": c.export?.path ?? "",
    "export-branch": c.export?.branch ?? "",
    "concurrency-group": `kubekeep-cluster-${c.name}`
  };
}
function selectClusters(inv, opts) {
  const picked = inv.clusters.filter((c) => matchesLabels(opts.selector, c.labels));
  const rank = (c) => {
    if (opts.waveOrder.length === 0) return 0;
    const wave = c.labels[opts.waveLabel];
    const i = wave === void 0 ? -1 : opts.waveOrder.indexOf(wave);
    if (i < 0)
      throw new ConfigurationError(
        `input 'wave-order': cluster '${c.name}' (${inv.file}) has ${wave === void 0 ? `no label '${opts.waveLabel}'` : `${opts.waveLabel}=${wave}`}, which is not in the wave order ${opts.waveOrder.join(", ")}; add it to wave-order or narrow the selector`
      );
    return i;
  };
  const ranked = picked.map((c) => ({ c, r: rank(c) }));
  ranked.sort((a, b) => a.r - b.r || (a.c.name < b.c.name ? -1 : a.c.name > b.c.name ? 1 : 0));
  return ranked.map((x) => x.c);
}
function planFleet(inv, opts) {
  const clusters = selectClusters(inv, opts);
  const entries = clusters.map((c) => entryOf(c, opts.waveLabel));
  const pages = [];
  for (let i = 0; i < entries.length; i += opts.pageSize) pages.push(entries.slice(i, i + opts.pageSize));
  if (pages.length > MAX_PAGES)
    throw new ConfigurationError(
      `${inv.file}: the selector picks ${entries.length} clusters, more than ${MAX_PAGES} pages of ${opts.pageSize} (the outputs matrix to matrix-${MAX_PAGES}); narrow the selector and plan the fleet in parts`
    );
  const waves = [];
  for (const e of entries) if (e.wave !== "" && !waves.includes(e.wave)) waves.push(e.wave);
  return { entries, pages, waves };
}
function matrixJson(page) {
  return JSON.stringify({ include: page ?? [] });
}

export {
  GITHUB_MATRIX_LIMIT,
  MAX_PAGES,
  selectClusters,
  planFleet,
  matrixJson
};
