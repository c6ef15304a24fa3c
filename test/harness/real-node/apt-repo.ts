/**
 * A local Kubernetes package repository for the real node: Debian packages
 * built with `dpkg-deb --build` from the harness's own binaries, named and
 * versioned as pkgs.k8s.io names them (kubeadm_1.35.4-1.1_amd64.deb), one
 * flat repository per minor laid out like pkgs.k8s.io's
 * (/core:/stable:/v1.35/deb/ with Packages, Packages.gz and Release), served
 * by a small HTTP server on a random 127.0.0.1 port. So the default upgrade
 * script's apt steps (repository switch, unhold, install, hold) run for real,
 * never reaching the internet.
 *
 * The repository is unsigned: the node's list says `[trusted=yes]`, the
 * choice an operator makes for a mirror they trust by other means (the
 * default script keeps the list's options when it switches the address).
 *
 * Built packages are cached by version and binary (~/.cache/kubekeep/debs),
 * so only the first run pays for the compression. A test can make the server
 * fail one package (HTTP 500) to break the upgrade at its package step.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { cacheRoot } from "../../../src/core/binaries/cache.ts";

export const PACKAGES = ["kubeadm", "kubelet", "kubectl"] as const;
export type PackageName = (typeof PACKAGES)[number];

/** One release's binaries, e.g. { version: "v1.35.4", binaries: { kubeadm: "/.../kubeadm", ... } }. */
export interface Release {
  version: string;
  binaries: Record<PackageName, string>;
}

/** pkgs.k8s.io's revision suffix for a release: 1.35.4 -> 1.35.4-1.1. */
export function debVersion(version: string): string {
  return `${version.replace(/^v/, "")}-1.1`;
}

export function minorOf(version: string): string {
  return version.replace(/^v/, "").split(".").slice(0, 2).join(".");
}

/** The repository path of a minor, as on pkgs.k8s.io. */
export function minorPath(minor: string): string {
  return `/core:/stable:/v${minor}/deb/`;
}

// Static Go binaries: their dependencies are what the kubelet runs on the
// host (mount, iptables, conntrack, ...), all of which kubelet's package on
// pkgs.k8s.io declares too; cri-tools is left out (kubeadm no longer calls crictl).
const CONTROL: Record<PackageName, { depends?: string; description: string }> = {
  kubeadm: { description: "Command-line utility for administering a Kubernetes cluster" },
  kubelet: {
    depends: "iptables (>= 1.4.21), iproute2, mount, util-linux, ethtool, conntrack",
    description: "Node agent for Kubernetes clusters",
  },
  kubectl: { description: "Command-line utility for interacting with a Kubernetes cluster" },
};

// What the packages on pkgs.k8s.io install next to the binary (harmless without systemd).
const EXTRA_FILES: Partial<Record<PackageName, Record<string, string>>> = {
  kubelet: {
    "usr/lib/systemd/system/kubelet.service": `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`,
  },
  kubeadm: {
    "usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf": `[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`,
  },
};

export function debFileName(name: PackageName, version: string): string {
  return `${name}_${debVersion(version)}_amd64.deb`;
}

/** Builds (or finds in the cache) one package: keyed by the version and the binary's identity. */
export function buildDeb(name: PackageName, release: Release): string {
  const bin = release.binaries[name];
  const st = fs.statSync(bin);
  const key = createHash("sha256")
    .update(
      `${bin}|${st.size}|${st.mtimeMs}|${JSON.stringify(CONTROL[name])}|${JSON.stringify(EXTRA_FILES[name])}`,
    )
    .digest("hex")
    .slice(0, 12);
  const dir = path.join(cacheRoot(), "debs", `${release.version}-${key}`);
  const out = path.join(dir, debFileName(name, release.version));
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(dir, { recursive: true });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `kubekeep-deb-${name}-`));
  try {
    fs.mkdirSync(path.join(root, "DEBIAN"));
    fs.mkdirSync(path.join(root, "usr", "bin"), { recursive: true });
    fs.copyFileSync(bin, path.join(root, "usr", "bin", name));
    fs.chmodSync(path.join(root, "usr", "bin", name), 0o755);
    for (const [file, text] of Object.entries(EXTRA_FILES[name] ?? {})) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    const c = CONTROL[name];
    const installedKb = Math.ceil(st.size / 1024) + 8;
    fs.writeFileSync(
      path.join(root, "DEBIAN", "control"),
      [
        `Package: ${name}`,
        `Version: ${debVersion(release.version)}`,
        "Architecture: amd64",
        "Maintainer: Kubernetes Authors <dev@kubernetes.io>",
        `Installed-Size: ${installedKb}`,
        ...(c.depends ? [`Depends: ${c.depends}`] : []),
        "Section: admin",
        "Priority: optional",
        "Homepage: https://kubernetes.io",
        `Description: ${c.description}`,
        " Built by kubekeep's test harness from the same release's Go module.",
        "",
      ].join("\n"),
    );
    const tmp = `${out}.tmp-${process.pid}`;
    // gzip -1: the binaries are large and the machine small; the packages are local only.
    execFileSync("dpkg-deb", ["--root-owner-group", "-Zgzip", "-z1", "--build", root, tmp], {
      stdio: "pipe",
    });
    fs.renameSync(tmp, out);
    return out;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function hashes(data: Buffer): { md5: string; sha1: string; sha256: string } {
  const h = (alg: string) => createHash(alg).update(data).digest("hex");
  return { md5: h("md5"), sha1: h("sha1"), sha256: h("sha256") };
}

function fileHashes(file: string): { md5: string; sha1: string; sha256: string } {
  const md5 = createHash("md5");
  const sha1 = createHash("sha1");
  const sha256 = createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0;) {
      const chunk = buf.subarray(0, n);
      md5.update(chunk);
      sha1.update(chunk);
      sha256.update(chunk);
    }
  } finally {
    fs.closeSync(fd);
  }
  return { md5: md5.digest("hex"), sha1: sha1.digest("hex"), sha256: sha256.digest("hex") };
}

/** The control stanza of a built package, for the Packages index. */
function controlOf(deb: string): string {
  return execFileSync("dpkg-deb", ["--field", deb], { encoding: "utf8" }).trimEnd();
}

/**
 * Writes one minor's flat repository into `dir`: amd64/*.deb (hard links to
 * the cache), Packages, Packages.gz and an unsigned Release with their hashes.
 */
export function writeRepository(dir: string, releases: Release[]): void {
  fs.mkdirSync(path.join(dir, "amd64"), { recursive: true });
  const stanzas: string[] = [];
  for (const release of releases) {
    for (const name of PACKAGES) {
      const deb = buildDeb(name, release);
      const rel = `amd64/${path.basename(deb)}`;
      const target = path.join(dir, rel);
      fs.rmSync(target, { force: true });
      try {
        fs.linkSync(deb, target);
      } catch {
        fs.copyFileSync(deb, target);
      }
      const h = fileHashes(deb);
      stanzas.push(
        [
          controlOf(deb),
          `Filename: ${rel}`,
          `Size: ${fs.statSync(deb).size}`,
          `MD5sum: ${h.md5}`,
          `SHA1: ${h.sha1}`,
          `SHA256: ${h.sha256}`,
        ].join("\n"),
      );
    }
  }
  const packages = Buffer.from(stanzas.join("\n\n") + "\n");
  const gz = zlib.gzipSync(packages);
  fs.writeFileSync(path.join(dir, "Packages"), packages);
  fs.writeFileSync(path.join(dir, "Packages.gz"), gz);
  const idx = [
    ["Packages", packages],
    ["Packages.gz", gz],
  ] as const;
  const section = (title: string, field: "md5" | "sha1" | "sha256") =>
    [`${title}:`, ...idx.map(([n, b]) => ` ${hashes(b)[field]} ${String(b.length).padStart(16)} ${n}`)].join(
      "\n",
    );
  fs.writeFileSync(
    path.join(dir, "Release"),
    [
      "Origin: kubekeep test harness",
      "Label: kubekeep test harness",
      "Architectures: amd64",
      `Date: ${new Date().toUTCString()}`,
      section("MD5Sum", "md5"),
      section("SHA1", "sha1"),
      section("SHA256", "sha256"),
      "",
    ].join("\n"),
  );
}

/** A file the server refuses (HTTP 500) until healed: the package step of an upgrade then fails. */
export type Failure = { package: PackageName; version: string };

export class AptRepository {
  readonly root: string;
  /** Every request the server answered: path and status, for the tests' assertions. */
  readonly requests: { path: string; status: number }[] = [];
  private readonly server: http.Server;
  private failures: Failure[] = [];

  private constructor(root: string) {
    this.root = root;
    this.server = http.createServer((req, res) => this.serve(req, res));
    // Keep-alive connections would hold close() back after a test.
    this.server.keepAliveTimeout = 1000;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Builds one repository per minor of `releases` and serves them on a random 127.0.0.1 port. */
  static async start(releases: Release[]): Promise<AptRepository> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-apt-repo-"));
    const byMinor = new Map<string, Release[]>();
    for (const r of releases)
      byMinor.set(minorOf(r.version), [...(byMinor.get(minorOf(r.version)) ?? []), r]);
    for (const [minor, rs] of byMinor) writeRepository(path.join(root, minorPath(minor)), rs);
    const repo = new AptRepository(root);
    await new Promise<void>((resolve, reject) => {
      repo.server.once("error", reject);
      repo.server.listen(0, "127.0.0.1", resolve);
    });
    return repo;
  }

  /** The `package-repository` input for this server. */
  get template(): string {
    return `${this.url}/core:/stable:/v{minor}/deb/`;
  }

  /** The sources.list line of a minor, trusted (the repository is unsigned). */
  listLine(minor: string): string {
    return `deb [trusted=yes] ${this.url}${minorPath(minor)} /`;
  }

  fail(f: Failure): void {
    this.failures.push(f);
  }

  heal(): void {
    this.failures = [];
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const end = (status: number, body = "") => {
      this.requests.push({ path: req.url ?? "", status });
      res.writeHead(status, { "content-type": "text/plain" }).end(body);
    };
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      return end(400);
    }
    const file = path.resolve(this.root, `.${rel}`);
    if (!file.startsWith(this.root + path.sep)) return end(403);
    const base = path.basename(file);
    if (this.failures.some((f) => base === debFileName(f.package, f.version)))
      return end(500, "injected failure (kubekeep test)\n");
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return end(404);
    }
    if (!st.isFile()) return end(404);
    this.requests.push({ path: req.url ?? "", status: 200 });
    res.writeHead(200, {
      "content-length": st.size,
      "last-modified": st.mtime.toUTCString(),
      "content-type": "application/octet-stream",
    });
    if (req.method === "HEAD") return void res.end();
    fs.createReadStream(file).pipe(res);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
