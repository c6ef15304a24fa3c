// The default upgrade script, run by bash against stand-ins for apt-get,
// apt-cache, apt-mark, dpkg-query, kubeadm and systemctl that record their
// calls: it must follow kubeadm's procedure in order, switch the repository
// to the target minor (or a mirror), refresh only that list, resume a
// half-done upgrade and name the step that failed. The real node runs it
// against real apt (test/real-node).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { DEFAULT_UPGRADE_SCRIPT } from "../../src/nodes/executors/script.ts";
import { atStep, failedStep } from "../../src/nodes/executors/executor.ts";
import { parseExecutor } from "../../src/nodes/config.ts";
import { fromRecord } from "../../src/config/inputs.ts";

const MADISON = "   kubeadm | 1.35.1-1.1 | https://pkgs.k8s.io/core:/stable:/v1.35/deb  Packages";
const PKGS_LIST =
  "deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.34/deb/ /\n";

interface Options {
  action?: "apply" | "node";
  madison?: string;
  /** Installed packages and versions, as dpkg-query reports them. */
  installed?: Record<string, string>;
  list?: string | undefined;
  /** A deb822 kubernetes.sources instead of a list. */
  sources822?: string;
  env?: Record<string, string>;
  /** A stand-in tool that fails (exit 100). */
  failing?: string;
}

function run(o: Options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-script-"));
  const bin = path.join(dir, "bin");
  const sources = path.join(dir, "sources");
  fs.mkdirSync(bin);
  fs.mkdirSync(sources);
  const list = "list" in o ? o.list : PKGS_LIST;
  if (list !== undefined) fs.writeFileSync(path.join(sources, "kubernetes.list"), list);
  if (o.sources822 !== undefined) fs.writeFileSync(path.join(sources, "kubernetes.sources"), o.sources822);
  const calls = path.join(dir, "calls");
  for (const tool of ["apt-get", "apt-mark", "kubeadm", "systemctl"]) {
    const fail = o.failing === tool ? "exit 100\n" : "";
    fs.writeFileSync(path.join(bin, tool), `#!/bin/sh\necho "${tool} $*" >> ${calls}\n${fail}`, {
      mode: 0o755,
    });
  }
  fs.writeFileSync(
    path.join(bin, "apt-cache"),
    `#!/bin/sh\necho "apt-cache $*" >> ${calls}\necho "${o.madison ?? MADISON}"\n`,
    { mode: 0o755 },
  );
  const installed = Object.entries(
    o.installed ?? { kubeadm: "1.34.4-1.1", kubelet: "1.34.4-1.1", kubectl: "1.34.4-1.1" },
  )
    .map(([p, v]) => `${p}) printf 'hold ok installed ${v}' ;;`)
    .join("\n");
  fs.writeFileSync(
    path.join(bin, "dpkg-query"),
    `#!/bin/sh\ncase "$3" in\n${installed}\n*) echo "dpkg-query: no packages found matching $3" >&2; exit 1 ;;\nesac\n`,
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
      KUBEKEEP_KUBEADM_ACTION: o.action ?? "apply",
      ...o.env,
    },
  });
  const listFile = path.join(sources, o.sources822 !== undefined ? "kubernetes.sources" : "kubernetes.list");
  const out = {
    status: res.status,
    stdout: res.stdout,
    stderr: res.stderr,
    calls: fs.existsSync(calls) ? fs.readFileSync(calls, "utf8").trim().split("\n") : [],
    list: fs.existsSync(listFile) ? fs.readFileSync(listFile, "utf8") : "",
    listPath: listFile,
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

const update = (list: string) =>
  `apt-get update -q -o Dir::Etc::sourcelist=${list} -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0`;
const KEEP_CONF =
  "-o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold";

test("the default script is valid bash", () => {
  assert.equal(spawnSync("bash", ["-n", "-c", DEFAULT_UPGRADE_SCRIPT]).status, 0);
});

test("first control-plane node: repository switched, only its list refreshed, kubeadm, upgrade apply, then kubelet", () => {
  const r = run();
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.list,
    "deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.35/deb/ /\n",
  );
  assert.deepEqual(r.calls, [
    update(r.listPath),
    "apt-cache madison kubeadm",
    "apt-mark unhold kubeadm",
    `apt-get install -y -q ${KEEP_CONF} kubeadm=1.35.1-1.1`,
    "apt-mark hold kubeadm",
    "kubeadm upgrade plan v1.35.1",
    "kubeadm upgrade apply -y v1.35.1",
    "apt-mark unhold kubelet kubectl",
    `apt-get install -y -q ${KEEP_CONF} kubelet=1.35.1-1.1 kubectl=1.35.1-1.1`,
    "apt-mark hold kubelet kubectl",
    "systemctl daemon-reload",
    "systemctl restart kubelet",
  ]);
  assert.match(r.stdout, /kubekeep: step: kubeadm upgrade apply v1\.35\.1\n/);
});

test("other nodes run `kubeadm upgrade node`", () => {
  const r = run({ action: "node" });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.calls.includes("kubeadm upgrade node"));
  assert.ok(
    !r.calls.some((c) => c.startsWith("kubeadm upgrade apply") || c.startsWith("kubeadm upgrade plan")),
  );
});

test("package-repository: a mirror's address replaces the line, its trust options are kept", () => {
  const r = run({
    list: "deb [trusted=yes] http://mirror.example/k8s/v1.34/ /\n",
    env: { KUBEKEEP_PACKAGE_REPOSITORY: "http://127.0.0.1:8080/core:/stable:/v{minor}/deb/" },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.list, "deb [trusted=yes] http://127.0.0.1:8080/core:/stable:/v1.35/deb/ /\n");
});

test("a deb822 kubernetes.sources gets its URIs switched, its Signed-By kept", () => {
  const r = run({
    list: undefined,
    sources822:
      "Types: deb\nURIs: https://pkgs.k8s.io/core:/stable:/v1.34/deb/\nSuites: /\nSigned-By: /etc/apt/keyrings/kubernetes-apt-keyring.gpg\n",
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.list,
    "Types: deb\nURIs: https://pkgs.k8s.io/core:/stable:/v1.35/deb/\nSuites: /\nSigned-By: /etc/apt/keyrings/kubernetes-apt-keyring.gpg\n",
  );
  assert.equal(r.calls[0], update(r.listPath));
});

test("a node without a Kubernetes list gets pkgs.k8s.io's with its keyring", () => {
  const r = run({ list: undefined });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.list,
    "deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.35/deb/ /\n",
  );
});

test("kubeadm-upgrade-flags: apply and node get them all, plan only the preflight ones", () => {
  const env = { KUBEKEEP_KUBEADM_FLAGS: "--ignore-preflight-errors=CoreDNSMigration --etcd-upgrade=false" };
  const r = run({ env });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(
    r.calls.includes("kubeadm upgrade plan v1.35.1 --ignore-preflight-errors=CoreDNSMigration"),
    r.calls.join("\n"),
  );
  assert.ok(
    r.calls.includes(
      "kubeadm upgrade apply -y v1.35.1 --ignore-preflight-errors=CoreDNSMigration --etcd-upgrade=false",
    ),
  );
  const n = run({ action: "node", env });
  assert.ok(
    n.calls.includes("kubeadm upgrade node --ignore-preflight-errors=CoreDNSMigration --etcd-upgrade=false"),
  );
});

test("a re-run after kubeadm was upgraded does not install it again; kubelet already there is skipped too", () => {
  const r = run({ installed: { kubeadm: "1.35.1-1.1", kubelet: "1.34.4-1.1", kubectl: "1.34.4-1.1" } });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!r.calls.some((c) => c.includes("kubeadm=")), r.calls.join("\n"));
  assert.ok(r.calls.includes("apt-mark hold kubeadm"));
  assert.ok(r.calls.includes("kubeadm upgrade apply -y v1.35.1"));
  const done = run({ installed: { kubeadm: "1.35.1-1.1", kubelet: "1.35.1-1.1", kubectl: "1.35.1-1.1" } });
  assert.equal(done.status, 0, done.stderr);
  assert.ok(!done.calls.some((c) => c.startsWith("apt-get install")), done.calls.join("\n"));
  assert.ok(done.calls.includes("systemctl restart kubelet"));
});

test("kubectl from elsewhere (a cloud SDK) is left alone; no kubectl is not added", () => {
  const sdk = run({ installed: { kubeadm: "1.34.4-1.1", kubelet: "1.34.4-1.1", kubectl: "1:528.0.0-0" } });
  assert.equal(sdk.status, 0, sdk.stderr);
  assert.ok(
    sdk.calls.includes(`apt-get install -y -q ${KEEP_CONF} kubelet=1.35.1-1.1`),
    sdk.calls.join("\n"),
  );
  assert.match(sdk.stdout, /kubectl 1:528\.0\.0-0 did not come from the Kubernetes repository; left alone/);
  const none = run({ installed: { kubeadm: "1.34.4-1.1", kubelet: "1.34.4-1.1" } });
  assert.equal(none.status, 0, none.stderr);
  assert.ok(none.calls.includes("apt-mark hold kubelet"));
});

test("a version missing from the repository stops before anything is installed, naming the step", () => {
  const r = run({ madison: "" });
  assert.equal(r.status, 1);
  assert.match(
    r.stderr,
    /no kubeadm package for v1\.35\.1 in https:\/\/pkgs\.k8s\.io\/core:\/stable:\/v1\.35\/deb\//,
  );
  assert.match(
    r.stderr,
    /kubekeep: step FAILED: packages: find the kubeadm revision of v1\.35\.1 \(exit code 1\)/,
  );
  assert.ok(!r.calls.some((c) => c.startsWith("apt-get install")));
});

test("a failed install is named as the last line, and nothing after it runs", () => {
  const r = run({ failing: "apt-get" });
  assert.equal(r.status, 100);
  assert.match(
    r.stderr.trim().split("\n").pop() ?? "",
    /^kubekeep: step FAILED: repository: apt-get update of the Kubernetes list only \(exit code 100\)/,
  );
  assert.ok(!r.calls.some((c) => c.startsWith("kubeadm")));
  // The executors lead their error with it (the progress annotation keeps only the start).
  assert.equal(failedStep(r.stdout + r.stderr), "repository: apt-get update of the Kubernetes list only");
  assert.equal(atStep("no such line"), "");
});

test("package-repository and kubeadm-upgrade-flags are checked, naming the input, the value and the form", () => {
  const parse = (inputs: Record<string, string>) => parseExecutor(fromRecord({ executor: "pod", ...inputs }));
  const ok = parse({
    "package-repository": "http://127.0.0.1:8080/core:/stable:/v{minor}/deb/",
    "kubeadm-upgrade-flags":
      " --ignore-preflight-errors=CoreDNSMigration,CoreDNSUnsupportedPlugins  --etcd-upgrade=false ",
  });
  assert.equal(ok.kind, "pod");
  assert.deepEqual(ok.kind === "pod" ? ok.env : {}, {
    KUBEKEEP_PACKAGE_REPOSITORY: "http://127.0.0.1:8080/core:/stable:/v{minor}/deb/",
    KUBEKEEP_KUBEADM_FLAGS:
      "--ignore-preflight-errors=CoreDNSMigration,CoreDNSUnsupportedPlugins --etcd-upgrade=false",
  });
  const def = parse({});
  assert.deepEqual(def.kind === "pod" ? def.env : {}, {
    KUBEKEEP_PACKAGE_REPOSITORY: "https://pkgs.k8s.io/core:/stable:/v{minor}/deb/",
  });
  assert.throws(
    () => parse({ "package-repository": "http://mirror.example/v1.35/" }),
    /input 'package-repository'.*http:\/\/mirror\.example\/v1\.35\/.*\{minor\}/,
  );
  assert.throws(() => parse({ "package-repository": "http://m/v{minor}/ $(reboot)" }), /package-repository/);
  assert.throws(
    () => parse({ "kubeadm-upgrade-flags": "--etcd-upgrade=false; reboot" }),
    /input 'kubeadm-upgrade-flags'.*--etcd-upgrade=false;.*--flag or --flag=value/,
  );
});
