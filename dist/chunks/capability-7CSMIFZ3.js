import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  DEFAULT_ETCD_RELEASE_URL,
  DEFAULT_KUBERNETES_RELEASE_URL,
  RELEASE_VERSION
} from "./chunk-W7XTOQI4.js";
import "./chunk-7EMZUJSM.js";
import {
  TOLERANCE_FORM,
  parseTolerance
} from "./chunk-24ZJOIQM.js";
import {
  parseStorage,
  storageInputs
} from "./chunk-MINQNAAS.js";
import "./chunk-VGEDGZPT.js";
import {
  clusterInputs,
  parseKubeconfigAccess
} from "./chunk-422FMMWY.js";
import "./chunk-TL42P4WJ.js";
import "./chunk-OD4EXP6E.js";
import "./chunk-UU4DZNBE.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import {
  defineCapability
} from "./chunk-HRVOOZEE.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  badInput
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/etcd-drill/config.ts
import fs from "node:fs";
var DEFAULT_IGNORED_KINDS = "events, leases";
var drillInputs = {
  ...storageInputs,
  key: input.string({ description: "Object key of the snapshot to drill.", defaultText: "the newest" }),
  kubeconfig: {
    ...clusterInputs.kubeconfig,
    description: "Kubeconfig content (from a secret) or a path to one: the live cluster whose counts, identity (the kube-system namespace's UID) and version the restored snapshot is compared with."
  },
  "kubeconfig-path": clusterInputs["kubeconfig-path"],
  context: clusterInputs.context,
  "compare-with": input.enum(["live", "export"], {
    description: "What the restored counts are compared with: live (the cluster the kubeconfig reaches) or export (the kubekeep export tree at export-path, committed at about the snapshot's time).",
    default: "live"
  }),
  "export-path": input.string({
    description: "Root of a kubekeep export tree (the folder holding kubekeep-index.yaml), for compare-with: export."
  }),
  tolerance: input.string({
    description: `How far a kind's restored count may be from the reference before the drill fails: ${TOLERANCE_FORM}. A count allows that many objects of difference per kind; a percentage allows that share of the reference count; with both, either suffices.`,
    default: "2,5%"
  }),
  "ignore-kinds": input.string({
    description: "Kinds whose counts are shown but never judged, comma separated (Kind, resource or resource.group): they churn on their own. `none` judges every kind.",
    default: DEFAULT_IGNORED_KINDS
  }),
  "encryption-config": input.string({
    description: "The cluster's EncryptionConfiguration (content, masked, or a file path), given to the throwaway kube-apiserver so it can read Secrets (and other kinds) encrypted at rest. Without it those kinds are reported as not checked.",
    secret: true
  }),
  "kubernetes-version": input.string({
    description: "Version of the throwaway kube-apiserver, e.g. v1.35.4.",
    defaultText: "the live cluster's /version"
  }),
  "etcd-version": input.string({
    description: "Version of the throwaway etcd and of etcdutl, e.g. v3.6.16.",
    defaultText: "the version the snapshot's metadata records"
  }),
  "binaries-dir": input.string({
    description: "A folder holding etcd, etcdutl and kube-apiserver to use as they are. Empty: fetch them from the release URLs, verify their published sha256 and cache them."
  }),
  "kubernetes-release-url": input.string({
    description: "Where kube-apiserver is fetched from: <url>/<version>/bin/linux/<arch>/kube-apiserver and its .sha256 (a mirror in the same layout works).",
    default: DEFAULT_KUBERNETES_RELEASE_URL
  }),
  "etcd-release-url": input.string({
    description: "Where etcd is fetched from: <url>/<version>/etcd-<version>-linux-<arch>.tar.gz, checked against <url>/<version>/SHA256SUMS.",
    default: DEFAULT_ETCD_RELEASE_URL
  }),
  "allow-insecure-downloads": input.boolean({
    description: "Allow plain http:// release URLs (a mirror on a trusted network). Off: binaries are fetched over https only. Either way an https download that redirects to http is refused.",
    default: false
  }),
  "cache-dir": input.string({
    description: "Where fetched, verified binaries are kept between runs.",
    defaultText: "$KUBEKEEP_CACHE/drill, else ~/.cache/kubekeep/drill"
  }),
  "etcd-prefix": input.string({
    description: "The key prefix the cluster's kube-apiserver stores objects under (--etcd-prefix).",
    default: "/registry"
  }),
  "service-cluster-ip-range": input.string({
    description: "--service-cluster-ip-range of the throwaway kube-apiserver; the cluster's own keeps it from logging about a different range.",
    default: "10.96.0.0/12"
  }),
  "download-timeout": input.duration({
    description: "How long each binary download may take.",
    default: "10m"
  }),
  "etcdutl-timeout": input.duration({
    description: "How long etcdutl snapshot restore may run before its process group is ended and the drill fails.",
    default: "30m"
  }),
  "start-timeout": input.duration({
    description: "How long the throwaway etcd and kube-apiserver each have to become healthy.",
    default: "5m"
  }),
  "list-timeout": input.duration({
    description: "How long listing every kind may take, on the restored apiserver and on the reference each.",
    default: "15m"
  })
};
function version(name, v) {
  if (v === void 0) return void 0;
  if (!RELEASE_VERSION.test(v)) throw badInput(name, v, "a release version such as v1.35.4");
  return v.startsWith("v") ? v : `v${v}`;
}
function url(name, v, allowHttp) {
  if (!/^https?:\/\/\S+$/.test(v) || !URL.canParse(v)) throw badInput(name, v, "an https URL");
  if (v.startsWith("http:") && !allowHttp)
    throw new ConfigurationError(
      `input '${name}': ${JSON.stringify(v)} is plain http, and binaries fetched over it could be altered on the way; use an https URL, or set allow-insecure-downloads: true for a mirror on a trusted network`
    );
  return v.replace(/\/+$/, "");
}
function parseDrillConfig(src) {
  const v = readInputs(drillInputs, src);
  const compareWith = v["compare-with"];
  const exportPath = v["export-path"];
  if (compareWith === "export" && !exportPath)
    throw new ConfigurationError("input 'export-path' is required with compare-with: export");
  if (exportPath && !fs.existsSync(exportPath))
    throw new ConfigurationError(`input 'export-path': ${JSON.stringify(exportPath)} does not exist`);
  let encryptionConfig = v["encryption-config"];
  if (encryptionConfig !== void 0) {
    if (!encryptionConfig.includes("\n") && fs.existsSync(encryptionConfig))
      encryptionConfig = fs.readFileSync(encryptionConfig, "utf8");
    if (!/kind:\s*EncryptionConfiguration/.test(encryptionConfig))
      throw new ConfigurationError(
        "input 'encryption-config': expected an EncryptionConfiguration (YAML content with kind: EncryptionConfiguration, or the path of a file holding one); got neither (value not shown: it is secret)"
      );
  }
  const ignore = v["ignore-kinds"].split(/[,\n]/).map((s) => s.trim()).filter((s) => s && !s.startsWith("#"));
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
    ...v.key ? { key: v.key } : {},
    cluster: parseKubeconfigAccess(src),
    compareWith,
    ...exportPath ? { exportPath } : {},
    tolerance: parseTolerance(v.tolerance),
    ignoreKinds: ignore.length === 1 && ignore[0] === "none" ? [] : ignore,
    ...encryptionConfig ? { encryptionConfig } : {},
    ...kubernetesVersion ? { kubernetesVersion } : {},
    ...etcdVersion ? { etcdVersion } : {},
    ...binariesDir ? { binariesDir } : {},
    kubernetesReleaseUrl: url("kubernetes-release-url", v["kubernetes-release-url"], allowHttp),
    etcdReleaseUrl: url("etcd-release-url", v["etcd-release-url"], allowHttp),
    allowInsecureDownloads: allowHttp,
    ...cacheDir ? { cacheDir } : {},
    etcdPrefix: v["etcd-prefix"],
    serviceClusterIpRange: range,
    downloadTimeoutMs: v["download-timeout"],
    etcdutlTimeoutMs: v["etcdutl-timeout"],
    startTimeoutMs: v["start-timeout"],
    listTimeoutMs: v["list-timeout"]
  };
}

// src/capabilities/etcd-drill/capability.ts
var etcdDrill = defineCapability({
  name: "etcd-drill",
  summary: "prove a stored etcd snapshot restores: restore it into throwaway etcd + kube-apiserver and compare counts",
  description: "Prove a stored etcd snapshot restores: download and verify it, restore it with etcdutl into a throwaway etcd, start a throwaway kube-apiserver of the cluster's version on it, list every kind and compare per-kind counts (and the cluster's identity) with the live cluster or an export tree. Fails when the snapshot does not restore or the counts differ beyond the tolerance.",
  inputs: drillInputs,
  outputs: {
    key: "Object key drilled",
    passed: "true when the drill passed",
    "restore-seconds": "Seconds etcdutl snapshot restore took",
    "first-list-seconds": "Seconds from the throwaway etcd's start to the first list the restored kube-apiserver answered",
    objects: "Objects the restored kube-apiserver listed",
    differences: "Kinds whose counts differ beyond the tolerance",
    hashkv: "match or mismatch when the snapshot's metadata records a HashKV, empty otherwise"
  },
  parse: parseDrillConfig,
  run: async (config, ctx) => (await import("./run-Q5W52JPG.js")).run(config, ctx)
});
export {
  etcdDrill
};
