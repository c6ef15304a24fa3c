// The default upgrade script, run by bash against stand-ins for apt-get,
// apt-cache, apt-mark, kubeadm and systemctl that record their calls: it
// must follow kubeadm's procedure in order and switch the repository minor.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { DEFAULT_UPGRADE_SCRIPT } from "../../src/nodes/executors/script.ts";

function run(
  action: "apply" | "node",
  madison = "   kubeadm | 1.35.1-1.1 | https://pkgs.k8s.io/core:/stable:/v1.35/deb  Packages",
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-script-"));
  const bin = path.join(dir, "bin");
  const sources = path.join(dir, "sources");
  fs.mkdirSync(bin);
  fs.mkdirSync(sources);
  fs.writeFileSync(
    path.join(sources, "kubernetes.list"),
    "deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.34/deb/ /\n",
  );
  const calls = path.join(dir, "calls");
  for (const tool of ["apt-get", "apt-mark", "kubeadm", "systemctl"]) {
    fs.writeFileSync(path.join(bin, tool), `#!/bin/sh\necho "${tool} $*" >> ${calls}\n`, { mode: 0o755 });
  }
  fs.writeFileSync(
    path.join(bin, "apt-cache"),
    `#!/bin/sh\necho "apt-cache $*" >> ${calls}\necho "${madison}"\n`,
    { mode: 0o755 },
  );
  const res = spawnSync("bash", ["-c", DEFAULT_UPGRADE_SCRIPT], {
    encoding: "utf8",
    env: {
      PATH: `${bin}:/usr/bin:/bin`,
      KUBEKEEP_APT_SOURCES_DIR: sources,
      KUBEKEEP_NODE: "node-1",
      KUBEKEEP_TARGET_VERSION: "v1.35.1",
      KUBEKEEP_TARGET_MINOR: "1.35",
      KUBEKEEP_KUBEADM_ACTION: action,
    },
  });
  const out = {
    status: res.status,
    stderr: res.stderr,
    calls: fs.existsSync(calls) ? fs.readFileSync(calls, "utf8").trim().split("\n") : [],
    list: fs.readFileSync(path.join(sources, "kubernetes.list"), "utf8"),
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

test("the default script is valid bash", () => {
  assert.equal(spawnSync("bash", ["-n", "-c", DEFAULT_UPGRADE_SCRIPT]).status, 0);
});

test("first control-plane node: repository switched, kubeadm, upgrade apply, then kubelet", () => {
  const r = run("apply");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.list, /pkgs\.k8s\.io\/core:\/stable:\/v1\.35\/deb\//);
  assert.deepEqual(r.calls, [
    "apt-get update -q",
    "apt-cache madison kubeadm",
    "apt-mark unhold kubeadm",
    "apt-get install -y -q kubeadm=1.35.1-1.1",
    "apt-mark hold kubeadm",
    "kubeadm upgrade plan v1.35.1",
    "kubeadm upgrade apply -y v1.35.1",
    "apt-mark unhold kubelet kubectl",
    "apt-get install -y -q kubelet=1.35.1-1.1 kubectl=1.35.1-1.1",
    "apt-mark hold kubelet kubectl",
    "systemctl daemon-reload",
    "systemctl restart kubelet",
  ]);
});

test("other nodes run `kubeadm upgrade node`", () => {
  const r = run("node");
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.calls.includes("kubeadm upgrade node"));
  assert.ok(!r.calls.some((c) => c.startsWith("kubeadm upgrade apply")));
});

test("a version missing from the repository stops before anything is installed", () => {
  const r = run("node", "");
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no kubeadm package for v1\.35\.1/);
  assert.ok(!r.calls.some((c) => c.startsWith("apt-get install")));
});
