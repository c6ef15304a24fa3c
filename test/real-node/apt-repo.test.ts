// The local package repository on its own, before any node: real apt, with a
// private state and cache directory (nothing of the host's apt configuration
// is read or changed besides dpkg's status, read-only), sees both minors'
// packages under pkgs.k8s.io's names and revisions, downloads them intact,
// and an injected failure makes the download fail.
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { KUBERNETES_VERSION } from "../../src/sandbox/binaries.ts";
import { ensureComponents, PREVIOUS_KUBERNETES_VERSION } from "../harness/tools/binaries.ts";
import { AptRepository, debFileName, type Release } from "../harness/real-node/apt-repo.ts";

const logger = new ConsoleLogger({ write: (l) => process.stderr.write(l + "\n") });
let repo: AptRepository;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-apt-test-"));
const list = path.join(work, "sources.list");

/**
 * apt with every directory of its own: the host's lists, cache and sources
 * stay untouched. Asynchronous: the repository's server runs in this process.
 */
function apt(tool: string, ...args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    execFile(
      tool,
      [
        "-o",
        `Dir::State=${path.join(work, "state")}`,
        "-o",
        `Dir::State::status=/var/lib/dpkg/status`,
        "-o",
        `Dir::Cache=${path.join(work, "cache")}`,
        "-o",
        `Dir::Etc::sourcelist=${list}`,
        "-o",
        "Dir::Etc::sourceparts=-",
        "-o",
        "APT::Sandbox::User=root",
        ...args,
      ],
      { encoding: "utf8", cwd: work, timeout: 120_000 },
      (err, stdout, stderr) =>
        resolve({ status: err ? (typeof err.code === "number" ? err.code : -1) : 0, out: stdout + stderr }),
    );
  });
}

export async function releases(): Promise<Release[]> {
  const b = await ensureComponents(["kubernetes-previous", "kubernetes-node", "kubernetes"], logger);
  const prev = await ensureComponents(["kubernetes-previous"], logger);
  return [
    {
      version: PREVIOUS_KUBERNETES_VERSION,
      binaries: { kubeadm: prev.kubeadm, kubelet: prev.kubelet, kubectl: prev.kubectl },
    },
    { version: KUBERNETES_VERSION, binaries: { kubeadm: b.kubeadm, kubelet: b.kubelet, kubectl: b.kubectl } },
  ];
}

before(async () => {
  repo = await AptRepository.start(await releases());
  fs.mkdirSync(path.join(work, "state", "lists", "partial"), { recursive: true });
  fs.mkdirSync(path.join(work, "cache", "archives", "partial"), { recursive: true });
  fs.writeFileSync(list, `${repo.listLine("1.34")}\n${repo.listLine("1.35")}\n`);
});

after(async () => {
  await repo?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test("apt reads both minors' repositories, laid out and versioned like pkgs.k8s.io", async () => {
  const up = await apt("apt-get", "update");
  assert.equal(up.status, 0, up.out);
  assert.match(up.out, new RegExp(`Get:\\d+ ${repo.url}/core:/stable:/v1\\.35/deb  Release`));
  const madison = await apt("apt-cache", "madison", "kubeadm");
  assert.equal(madison.status, 0, madison.out);
  assert.match(
    madison.out,
    /kubeadm \| 1\.35\.4-1\.1 \| http:\/\/127\.0\.0\.1:\d+\/core:\/stable:\/v1\.35\/deb  Packages/,
  );
  assert.match(
    madison.out,
    /kubeadm \| 1\.34\.4-1\.1 \| http:\/\/127\.0\.0\.1:\d+\/core:\/stable:\/v1\.34\/deb  Packages/,
  );
  const kubelet = await apt("apt-cache", "show", "kubelet=1.35.4-1.1");
  assert.match(
    kubelet.out,
    /Depends: iptables \(>= 1\.4\.21\), iproute2, mount, util-linux, ethtool, conntrack/,
  );
});

test("apt downloads a package intact (hashes checked), and the binary inside reports its release", async () => {
  const dl = await apt("apt-get", "download", "kubeadm=1.35.4-1.1");
  assert.equal(dl.status, 0, dl.out);
  const deb = path.join(work, debFileName("kubeadm", KUBERNETES_VERSION));
  const x = path.join(work, "x");
  spawnSync("dpkg-deb", ["-x", deb, x]);
  const v = spawnSync(path.join(x, "usr", "bin", "kubeadm"), ["version", "-o", "short"], {
    encoding: "utf8",
  });
  assert.equal(v.stdout.trim(), KUBERNETES_VERSION);
});

test("an injected failure: the server answers 500 for that package and apt fails", async () => {
  repo.fail({ package: "kubelet", version: KUBERNETES_VERSION });
  const dl = await apt("apt-get", "download", "kubelet=1.35.4-1.1");
  assert.notEqual(dl.status, 0);
  assert.match(dl.out, /500/);
  assert.ok(
    repo.requests.some(
      (r) => r.status === 500 && r.path.endsWith(debFileName("kubelet", KUBERNETES_VERSION)),
    ),
  );
  repo.heal();
  assert.equal((await apt("apt-get", "download", "kubelet=1.35.4-1.1")).status, 0);
});
