/**
 * The inputs of `etcd drill`, declared once, and its typed config: the
 * snapshot store (shared with every etcd capability), what to compare with,
 * where the binaries come from, and the bounds on every phase.
 */
import fs from "node:fs";
import { clusterInputs, parseKubeconfigAccess, type ClusterConfig } from "../../cluster/config.ts";
import type { InputSource } from "../../config/inputs.ts";
import { input, readInputs } from "../../config/schema.ts";
import { badInput, ConfigurationError } from "../../core/errors.ts";
import { parseStorage, storageInputs, type StorageConfig } from "../../storage/config.ts";
import { parseTolerance, TOLERANCE_FORM, type Tolerance } from "../../etcd/drill/compare.ts";
import {
  DEFAULT_ETCD_RELEASE_URL,
  DEFAULT_KUBERNETES_RELEASE_URL,
  RELEASE_VERSION,
} from "../../core/binaries/releases.ts";

export const DEFAULT_IGNORED_KINDS = "events, leases";

export const drillInputs = {
  ...storageInputs,
  key: input.string({ description: "Object key of the snapshot to drill.", defaultText: "the newest" }),
  kubeconfig: {
    ...clusterInputs.kubeconfig,
    description:
      "Kubeconfig content (from a secret) or a path to one: the live cluster whose counts, identity (the kube-system namespace's UID) and version the restored snapshot is compared with.",
  },
  "kubeconfig-path": clusterInputs["kubeconfig-path"],
  context: clusterInputs.context,
  "compare-with": input.enum(["live", "export"] as const, {
    description:
      "What the restored counts are compared with: live (the cluster the kubeconfig reaches) or export (the kubekeep export tree at export-path, committed at about the snapshot's time).",
    default: "live",
  }),
  "export-path": input.string({
    description:
      "Root of a kubekeep export tree (the folder holding kubekeep-index.yaml), for compare-with: export.",
  }),
  tolerance: input.string({
    description: `How far a kind's restored count may be from the reference before the drill fails: ${TOLERANCE_FORM}. A count allows that many objects of difference per kind; a percentage allows that share of the reference count; with both, either suffices.`,
    default: "2,5%",
  }),
  "ignore-kinds": input.string({
    description:
      "Kinds whose counts are shown but never judged, comma separated (Kind, resource or resource.group): they churn on their own. `none` judges every kind.",
    default: DEFAULT_IGNORED_KINDS,
  }),
  "encryption-config": input.string({
    description:
      "The cluster's EncryptionConfiguration (content, masked, or a file path), given to the throwaway kube-apiserver so it can read Secrets (and other kinds) encrypted at rest. Without it those kinds are reported as not checked.",
    secret: true,
  }),
  "kubernetes-version": input.string({
    description: "Version of the throwaway kube-apiserver, e.g. v1.35.4.",
    defaultText: "the live cluster's /version",
  }),
  "etcd-version": input.string({
    description: "Version of the throwaway etcd and of etcdutl, e.g. v3.6.16.",
    defaultText: "the version the snapshot's metadata records",
  }),
  "binaries-dir": input.string({
    description:
      "A folder holding etcd, etcdutl and kube-apiserver to use as they are. Empty: fetch them from the release URLs, verify their published sha256 and cache them.",
  }),
  "kubernetes-release-url": input.string({
    description:
      "Where kube-apiserver is fetched from: <url>/<version>/bin/linux/<arch>/kube-apiserver and its .sha256 (a mirror in the same layout works).",
    default: DEFAULT_KUBERNETES_RELEASE_URL,
  }),
  "etcd-release-url": input.string({
    description:
      "Where etcd is fetched from: <url>/<version>/etcd-<version>-linux-<arch>.tar.gz, checked against <url>/<version>/SHA256SUMS.",
    default: DEFAULT_ETCD_RELEASE_URL,
  }),
  "allow-insecure-downloads": input.boolean({
    description:
      "Allow plain http:// release URLs (a mirror on a trusted network). Off: binaries are fetched over https only. Either way an https download that redirects to http is refused.",
    default: false,
  }),
  "cache-dir": input.string({
    description: "Where fetched, verified binaries are kept between runs.",
    defaultText: "$KUBEKEEP_CACHE/drill, else ~/.cache/kubekeep/drill",
  }),
  "etcd-prefix": input.string({
    description: "The key prefix the cluster's kube-apiserver stores objects under (--etcd-prefix).",
    default: "/registry",
  }),
  "service-cluster-ip-range": input.string({
    description:
      "--service-cluster-ip-range of the throwaway kube-apiserver; the cluster's own keeps it from logging about a different range.",
    default: "10.96.0.0/12",
  }),
  "download-timeout": input.duration({
    description: "How long each binary download may take.",
    default: "10m",
  }),
  "etcdutl-timeout": input.duration({
    description:
      "How long etcdutl snapshot restore may run before its process group is ended and the drill fails.",
    default: "30m",
  }),
  "start-timeout": input.duration({
    description: "How long the throwaway etcd and kube-apiserver each have to become healthy.",
    default: "5m",
  }),
  "list-timeout": input.duration({
    description: "How long listing every kind may take, on the restored apiserver and on the reference each.",
    default: "15m",
  }),
};

export interface DrillConfig {
  storage: StorageConfig;
  key?: string;
  cluster: ClusterConfig;
  compareWith: "live" | "export";
  exportPath?: string;
  tolerance: Tolerance;
  ignoreKinds: string[];
  /** EncryptionConfiguration YAML (a secret). */
  encryptionConfig?: string;
  kubernetesVersion?: string;
  etcdVersion?: string;
  binariesDir?: string;
  kubernetesReleaseUrl: string;
  etcdReleaseUrl: string;
  /** http:// release URLs are accepted (never a redirect from https to http). */
  allowInsecureDownloads: boolean;
  cacheDir?: string;
  etcdPrefix: string;
  serviceClusterIpRange: string;
  downloadTimeoutMs: number;
  etcdutlTimeoutMs: number;
  startTimeoutMs: number;
  listTimeoutMs: number;
}

function version(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!RELEASE_VERSION.test(v)) throw badInput(name, v, "a release version such as v1.35.4");
  return v.startsWith("v") ? v : `v${v}`;
}

function url(name: string, v: string, allowHttp: boolean): string {
  if (!/^https?:\/\/\S+$/.test(v) || !URL.canParse(v)) throw badInput(name, v, "an https URL");
  if (v.startsWith("http:") && !allowHttp)
    throw new ConfigurationError(
      `input '${name}': ${JSON.stringify(v)} is plain http, and binaries fetched over it could be altered on the way; use an https URL, or set allow-insecure-downloads: true for a mirror on a trusted network`,
    );
  return v.replace(/\/+$/, "");
}

export function parseDrillConfig(src: InputSource): DrillConfig {
  const v = readInputs(drillInputs, src);
  const compareWith = v["compare-with"];
  const exportPath = v["export-path"];
  if (compareWith === "export" && !exportPath)
    throw new ConfigurationError("input 'export-path' is required with compare-with: export");
  if (exportPath && !fs.existsSync(exportPath))
    throw new ConfigurationError(`input 'export-path': ${JSON.stringify(exportPath)} does not exist`);
  let encryptionConfig = v["encryption-config"];
  if (encryptionConfig !== undefined) {
    if (!encryptionConfig.includes("\n") && fs.existsSync(encryptionConfig))
      encryptionConfig = fs.readFileSync(encryptionConfig, "utf8");
    if (!/kind:\s*EncryptionConfiguration/.test(encryptionConfig))
      throw new ConfigurationError(
        "input 'encryption-config': expected an EncryptionConfiguration (YAML content with kind: EncryptionConfiguration, or the path of a file holding one); got neither (value not shown: it is secret)",
      );
  }
  const ignore = v["ignore-kinds"]
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith("#"));
  const binariesDir = v["binaries-dir"];
  const kubernetesVersion = version("kubernetes-version", v["kubernetes-version"]);
  const etcdVersion = version("etcd-version", v["etcd-version"]);
  const cacheDir = v["cache-dir"];
  const allowHttp = v["allow-insecure-downloads"];
  const range = v["service-cluster-ip-range"];
  if (!/^[0-9a-fA-F.:]+\/\d{1,3}$/.test(range))
    throw badInput("service-cluster-ip-range", range, "a CIDR such as 10.96.0.0/12");
  return {
    storage: parseStorage(src),
    ...(v.key ? { key: v.key } : {}),
    cluster: parseKubeconfigAccess(src),
    compareWith,
    ...(exportPath ? { exportPath } : {}),
    tolerance: parseTolerance(v.tolerance),
    ignoreKinds: ignore.length === 1 && ignore[0] === "none" ? [] : ignore,
    ...(encryptionConfig ? { encryptionConfig } : {}),
    ...(kubernetesVersion ? { kubernetesVersion } : {}),
    ...(etcdVersion ? { etcdVersion } : {}),
    ...(binariesDir ? { binariesDir } : {}),
    kubernetesReleaseUrl: url("kubernetes-release-url", v["kubernetes-release-url"], allowHttp),
    etcdReleaseUrl: url("etcd-release-url", v["etcd-release-url"], allowHttp),
    allowInsecureDownloads: allowHttp,
    ...(cacheDir ? { cacheDir } : {}),
    etcdPrefix: v["etcd-prefix"],
    serviceClusterIpRange: range,
    downloadTimeoutMs: v["download-timeout"],
    etcdutlTimeoutMs: v["etcdutl-timeout"],
    startTimeoutMs: v["start-timeout"],
    listTimeoutMs: v["list-timeout"],
  };
}
