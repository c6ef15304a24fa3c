/**
 * The real node's container images, made on this machine (there is no
 * registry): the control plane of both releases from the built binaries,
 * etcd, the pause and workload programs, and the pod executor's image (the
 * host's nsenter and the libraries it links). kubekeep-nodeimage writes each
 * group as one tarball, cached by a hash of what went into it; the import
 * into containerd is skipped when containerd (whose store lives in the cache)
 * already has that tarball.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../../../src/core/logger.ts";
import { formatDuration } from "../../../src/core/units.ts";
import { ETCD_VERSION, KUBERNETES_VERSION } from "../../../src/sandbox/binaries.ts";
import { ensureComponents, PREVIOUS_KUBERNETES_VERSION } from "../tools/binaries.ts";
import { containerdRoot, IMAGE_REPOSITORY, IMAGES, realNodeCache } from "./config.ts";
import { run } from "./run.ts";

const PATH_ENV = "PATH=/usr/local/bin:/usr/bin:/bin";

/** etcd's tag in kubeadm's form (`3.6.16-0`); kubeadm's config sets it as etcd's imageTag. */
export const ETCD_TAG = `${ETCD_VERSION.replace(/^v/, "")}-0`;

interface ImageSpec {
  ref: string;
  files: { src: string; dst: string }[];
  dirs?: string[];
  entrypoint?: string[];
  env: string[];
}

export interface ImageSet {
  /** A name for logs and the cache file: "base", "control-plane-v1.34.4". */
  name: string;
  tarball: string;
  refs: string[];
}

/** Control-plane image refs for a Kubernetes version, as kubeadm names them under IMAGE_REPOSITORY. */
export function controlPlaneImages(version: string): Record<string, string> {
  return Object.fromEntries(
    ["kube-apiserver", "kube-controller-manager", "kube-scheduler"].map((c) => [
      c,
      `${IMAGE_REPOSITORY}/${c}:${version}`,
    ]),
  );
}

export const ETCD_IMAGE = `${IMAGE_REPOSITORY}/etcd:${ETCD_TAG}`;

/** Every file the dynamically linked `binary` loads, as `ldd` lists them. */
async function sharedLibraries(binary: string): Promise<string[]> {
  const out = (await run("ldd", [binary])).stdout;
  const libs = new Set<string>();
  for (const line of out.split("\n")) {
    const m = /(\/\S+)\s+\(0x/.exec(line);
    if (m?.[1]) libs.add(m[1]);
  }
  return [...libs];
}

function binaryImage(ref: string, bins: Record<string, string>, entry?: string): ImageSpec {
  return {
    ref,
    files: Object.entries(bins).map(([name, src]) => ({ src, dst: `/usr/local/bin/${name}` })),
    dirs: ["/tmp", "/var/lib"],
    entrypoint: entry ? [`/usr/local/bin/${entry}`] : undefined,
    env: [PATH_ENV],
  };
}

async function imageSpecs(logger: Logger): Promise<Record<string, ImageSpec[]>> {
  const bins = await ensureComponents(["nodeimages", "etcd"], logger);
  const previous = await ensureComponents(["kubernetes-previous"], logger);
  const current = await ensureComponents(["kubernetes"], logger);
  const nsenter = "/usr/bin/nsenter";
  const libs = await sharedLibraries(nsenter);
  const controlPlane = (version: string, b: Record<string, string>): ImageSpec[] =>
    Object.entries(controlPlaneImages(version)).map(([c, ref]) => binaryImage(ref, { [c]: b[c] ?? "" }));
  return {
    base: [
      binaryImage(IMAGES.pause, { pause: bins["kubekeep-pause"] }, "pause"),
      binaryImage(IMAGES.workload, { "kubekeep-workload": bins["kubekeep-workload"] }, "kubekeep-workload"),
      binaryImage(ETCD_IMAGE, { etcd: bins.etcd, etcdctl: bins.etcdctl, etcdutl: bins.etcdutl }),
      {
        // The real nsenter sits behind a wrapper that stands in for --target 1 where PID 1 cannot be entered (see kubekeep-nsenter).
        ref: IMAGES.executor,
        files: [
          { src: bins["kubekeep-nsenter"], dst: "/usr/bin/nsenter" },
          { src: nsenter, dst: "/usr/lib/kubekeep/nsenter" },
          ...libs.map((l) => ({ src: l, dst: l })),
        ],
        dirs: ["/tmp"],
        entrypoint: ["/usr/bin/nsenter"],
        env: [PATH_ENV],
      },
    ],
    [`control-plane-${PREVIOUS_KUBERNETES_VERSION}`]: controlPlane(PREVIOUS_KUBERNETES_VERSION, previous),
    [`control-plane-${KUBERNETES_VERSION}`]: controlPlane(KUBERNETES_VERSION, current),
  };
}

/** A cache key from every input file's path, size and mtime, and the spec itself. */
function specKey(specs: ImageSpec[]): string {
  const h = createHash("sha256").update(JSON.stringify(specs));
  for (const s of specs) {
    for (const f of s.files) {
      const st = fs.statSync(f.src);
      h.update(`${f.src}:${st.size}:${st.mtimeMs}`);
    }
  }
  return h.digest("hex").slice(0, 12);
}

/** Writes (or finds in the cache) the image tarballs; returns them by set name. */
export async function ensureImageTarballs(logger: Logger): Promise<ImageSet[]> {
  const specs = await imageSpecs(logger);
  const { "kubekeep-nodeimage": tool } = await ensureComponents(["nodeimages"], logger);
  const dir = path.join(realNodeCache(), "images");
  fs.mkdirSync(dir, { recursive: true });
  const sets: ImageSet[] = [];
  for (const [name, list] of Object.entries(specs)) {
    const tarball = path.join(dir, `${name}-${specKey(list)}.tar`);
    if (!fs.existsSync(tarball)) {
      const started = Date.now();
      const specFile = `${tarball}.spec.json`;
      fs.writeFileSync(specFile, JSON.stringify({ images: list }, null, 2));
      await run(tool, ["-spec", specFile, "-out", tarball], { timeoutMs: 15 * 60_000 });
      fs.rmSync(specFile, { force: true });
      logger.info(`real node: wrote images ${name} in ${formatDuration(Date.now() - started)} (${tarball})`);
    }
    sets.push({ name, tarball, refs: list.map((s) => s.ref) });
  }
  return sets;
}

function importedMarker(set: ImageSet): string {
  return path.join(containerdRoot(), `imported-${path.basename(set.tarball, ".tar")}`);
}

/** Imports the sets containerd does not have yet (`ctr -n k8s.io images import`). */
export async function importImages(sets: ImageSet[], logger: Logger): Promise<void> {
  const listed = (await run("ctr", ["-n", "k8s.io", "images", "ls", "-q"])).stdout.split("\n");
  for (const set of sets) {
    if (fs.existsSync(importedMarker(set)) && set.refs.every((r) => listed.includes(r))) continue;
    const started = Date.now();
    await run("ctr", ["-n", "k8s.io", "images", "import", set.tarball], { timeoutMs: 10 * 60_000 });
    fs.writeFileSync(importedMarker(set), new Date().toISOString());
    logger.info(`real node: imported images ${set.name} in ${formatDuration(Date.now() - started)}`);
  }
}
