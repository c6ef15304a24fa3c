#!/usr/bin/env node
import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  CAPABILITIES,
  findCapability
} from "./chunks/chunk-HJT3XXP5.js";
import "./chunks/chunk-Z6IMBHE5.js";
import "./chunks/chunk-GCHSGVDY.js";
import "./chunks/chunk-6TVQ33HF.js";
import "./chunks/chunk-CXUEYRWT.js";
import "./chunks/chunk-FJCJHDIU.js";
import "./chunks/chunk-57RXQ36P.js";
import "./chunks/chunk-Z4XMIYZM.js";
import "./chunks/chunk-UU55OYSW.js";
import "./chunks/chunk-2EHX65YZ.js";
import "./chunks/chunk-ZIHTD5VS.js";
import {
  require_dist_cjs
} from "./chunks/chunk-7LUMXGTF.js";
import "./chunks/chunk-E57IVR3K.js";
import {
  CapabilityFailure,
  ConfigurationError,
  KubeClient,
  errorMessage,
  formatDuration,
  fromRecord,
  isApiError,
  toText,
  writeKubeconfig
} from "./chunks/chunk-BLKGA7O3.js";
import {
  __toESM
} from "./chunks/chunk-DY6RLOVI.js";

// src/core/logger.ts
var ConsoleLogger = class {
  secrets = /* @__PURE__ */ new Set();
  verbose;
  write;
  constructor(options = {}) {
    this.verbose = options.verbose ?? false;
    this.write = options.write ?? ((line) => process.stderr.write(line + "\n"));
  }
  info(message) {
    this.write(this.mask(message));
  }
  warning(message) {
    this.write(`warning: ${this.mask(message)}`);
  }
  error(message) {
    this.write(`error: ${this.mask(message)}`);
  }
  debug(message) {
    if (this.verbose) this.write(`debug: ${this.mask(message)}`);
  }
  async group(name, fn) {
    this.write(`== ${name}`);
    return fn();
  }
  setSecret(value) {
    if (value.length >= 4) this.secrets.add(value);
  }
  mask(message) {
    let out = message;
    for (const s of this.secrets) out = out.split(s).join("***");
    return out;
  }
};
var silentLogger = {
  info() {
  },
  warning() {
  },
  error() {
  },
  debug() {
  },
  group: (_name, fn) => fn(),
  setSecret() {
  }
};

// src/cli/args.ts
function parseArgs(argv) {
  const positionals = [];
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    let name;
    let value;
    if (eq > 0) {
      name = arg.slice(2, eq);
      value = arg.slice(eq + 1);
    } else {
      name = arg.slice(2);
      const next = argv[i + 1];
      if (next !== void 0 && !next.startsWith("--")) {
        value = next;
        i++;
      } else value = "true";
    }
    if (!/^[a-z][a-z0-9-]*$/.test(name))
      throw new ConfigurationError(
        `unknown flag ${JSON.stringify(arg)}: flags look like --name or --name=value`
      );
    flags[name] = name in flags ? `${flags[name]}
${value}` : value;
  }
  return { positionals, flags };
}

// src/cli/demo.ts
import fs5 from "node:fs";
import path4 from "node:path";

// src/sandbox/kwok-stages.ts
var NODE_ANNOTATION = "kwok.x-k8s.io/node";
var EXIT_AFTER_ANNOTATION = "kubekeep.dev/sandbox-exit-after";
var podReadyStatus = `
      {{ $now := Now }}
      conditions:
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: Initialized
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: Ready
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: ContainersReady
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: PodScheduled
      {{ range .spec.readinessGates }}
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: {{ .conditionType | Quote }}
      {{ end }}
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: true
        restartCount: 0
        started: true
        state:
          running:
            startedAt: {{ $now | Quote }}
      {{ end }}
      initContainerStatuses:
      {{ range .spec.initContainers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: true
        restartCount: 0
        state:
          terminated:
            exitCode: 0
            finishedAt: {{ $now | Quote }}
            reason: Completed
            startedAt: {{ $now | Quote }}
      {{ end }}
      {{ $hostIPs := NodeIPsWith .spec.nodeName }}
      {{ with $hostIPs }}
      hostIP: {{ index . 0 | Quote }}
      hostIPs:
      {{ range . }}
      - ip: {{ . | Quote }}
      {{ end }}
      {{ end }}
      {{ $podIPs := PodIPsWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
      {{ with $podIPs }}
      podIP: {{ index . 0 | Quote }}
      podIPs:
      {{ range . }}
      - ip: {{ . | Quote }}
      {{ end }}
      {{ end }}
      phase: Running
      startTime: {{ $now | Quote }}`;
var nodeStatus = (withInfo) => `
      {{ $now := Now }}
      {{ $lastTransitionTime := or .metadata.creationTimestamp $now }}
      conditions:
      {{ range NodeConditions }}
      - lastHeartbeatTime: {{ $now | Quote }}
        lastTransitionTime: {{ $lastTransitionTime | Quote }}
        message: {{ .message | Quote }}
        reason: {{ .reason | Quote }}
        status: {{ .status | Quote }}
        type: {{ .type | Quote }}
      {{ end }}
      addresses:
      {{ with .status.addresses }}
      {{ YAML . 1 }}
      {{ else }}
      {{ with NodeIP }}
      - address: {{ . | Quote }}
        type: InternalIP
      {{ end }}
      {{ with NodeName }}
      - address: {{ . | Quote }}
        type: Hostname
      {{ end }}
      {{ end }}
      {{ with NodePort }}
      daemonEndpoints:
        kubeletEndpoint:
          Port: {{ . }}
      {{ end }}${withInfo ? `
      allocatable:
      {{ with .status.allocatable }}
      {{ YAML . 1 }}
      {{ else }}
        cpu: "32"
        memory: 256Gi
        pods: "110"
      {{ end }}
      capacity:
      {{ with .status.capacity }}
      {{ YAML . 1 }}
      {{ else }}
        cpu: "32"
        memory: 256Gi
        pods: "110"
      {{ end }}
      {{ $nodeInfo := .status.nodeInfo }}
      nodeInfo:
        architecture: {{ or $nodeInfo.architecture "amd64" }}
        bootID: {{ or $nodeInfo.bootID \`""\` }}
        containerRuntimeVersion: {{ or $nodeInfo.containerRuntimeVersion "kwok" }}
        kernelVersion: {{ or $nodeInfo.kernelVersion "kwok" }}
        kubeProxyVersion: {{ or $nodeInfo.kubeProxyVersion "" | Quote }}
        kubeletVersion: {{ or $nodeInfo.kubeletVersion "kwok" }}
        machineID: {{ or $nodeInfo.machineID \`""\` }}
        operatingSystem: {{ or $nodeInfo.operatingSystem "linux" }}
        osImage: {{ or $nodeInfo.osImage \`""\` }}
        systemUUID: {{ or $nodeInfo.systemUUID \`""\` }}
      phase: Running` : ""}`;
function indentBlock(text) {
  return text.replace(/^\n/, "");
}
function kwokConfig() {
  return `apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokConfiguration
options:
  enableCRDs: []
  # Set explicitly: a config file's options are not defaulted the way flags are.
  podPlayStageParallelism: 16
  nodePlayStageParallelism: 4
  nodeLeaseDurationSeconds: 40
  nodeLeaseParallelism: 4
  podsOnNodeSyncParallelism: 4
  # The kubelet API's logs/exec/port-forward endpoints (PortForward configs need them).
  enableDebuggingHandlers: true
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: node-initialize
spec:
  resourceRef:
    apiGroup: v1
    kind: Node
  selector:
    matchExpressions:
    - key: '.status.conditions.[] | select( .type == "Ready" ) | .status'
      operator: 'NotIn'
      values: ['True']
  next:
    statusTemplate: |
${indentBlock(nodeStatus(true))}
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: node-heartbeat
spec:
  resourceRef:
    apiGroup: v1
    kind: Node
  selector:
    matchExpressions:
    - key: '.status.phase'
      operator: 'In'
      values: ['Running']
    - key: '.status.conditions.[] | select( .type == "Ready" ) | .status'
      operator: 'In'
      values: ['True']
  delay:
    durationMilliseconds: 20000
    jitterDurationMilliseconds: 25000
  next:
    statusTemplate: |
${indentBlock(nodeStatus(false))}
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-ready
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.status.phase'
      operator: 'In'
      values: ['Pending']
    - key: '.status.conditions.[] | select( .type == "Ready" ) | .status'
      operator: 'NotIn'
      values: ['True']
  next:
    statusTemplate: |
${indentBlock(podReadyStatus)}
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-complete
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.status.phase'
      operator: 'In'
      values: ['Running']
    - key: '.metadata.ownerReferences.[].kind'
      operator: 'In'
      values: ['Job']
  next:
    statusTemplate: |
      {{ $now := Now }}
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: false
        restartCount: 0
        started: false
        state:
          terminated:
            exitCode: 0
            finishedAt: {{ $now | Quote }}
            reason: Completed
            startedAt: {{ $now | Quote }}
      {{ end }}
      phase: Succeeded
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-exit-on-sigterm
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'Exists'
    - key: '.metadata.finalizers'
      operator: 'DoesNotExist'
    - key: '.metadata.annotations["${EXIT_AFTER_ANNOTATION}"]'
      operator: 'Exists'
  delay:
    durationMilliseconds: 0
    durationFrom:
      expressionFrom: '.metadata.annotations["${EXIT_AFTER_ANNOTATION}"]'
  next:
    delete: true
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-delete-after-grace
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'Exists'
    - key: '.metadata.finalizers'
      operator: 'DoesNotExist'
    - key: '.metadata.annotations["${EXIT_AFTER_ANNOTATION}"]'
      operator: 'DoesNotExist'
  delay:
    durationMilliseconds: 0
    durationFrom:
      expressionFrom: '(.metadata.deletionGracePeriodSeconds | tostring) + "s"'
  next:
    delete: true
`;
}

// src/sandbox/process.ts
import { spawn } from "node:child_process";
import fs from "node:fs";
var running = /* @__PURE__ */ new Set();
var exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const pid of running) killGroup(pid, "SIGKILL");
  });
}
function startProcess(options) {
  const log = fs.openSync(options.logFile, "a");
  const child = spawn(options.command, options.args, {
    detached: true,
    stdio: ["ignore", log, log],
    env: { ...process.env, ...options.env }
  });
  fs.closeSync(log);
  if (child.pid === void 0) throw new Error(`could not start ${options.name} (${options.command})`);
  const pid = child.pid;
  let done = false;
  const exited = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      done = true;
      running.delete(pid);
      resolve(code ?? (signal ? 128 : null));
    });
    child.on("error", () => {
      done = true;
      running.delete(pid);
      resolve(null);
    });
  });
  if (options.keepAfterExit) child.unref();
  else {
    installExitHook();
    running.add(pid);
  }
  return { name: options.name, pid, logFile: options.logFile, exited, hasExited: () => done };
}
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
    }
  }
}
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
async function stopPid(pid, graceMs = 5e3) {
  killGroup(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (isAlive(pid)) killGroup(pid, "SIGKILL");
  running.delete(pid);
}
function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
async function waitUntil(proc, what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (; ; ) {
    if (proc.hasExited()) {
      throw new Error(
        `${proc.name} exited while waiting for ${what}; last log lines (${proc.logFile}):
${tail(proc.logFile)}`
      );
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${proc.name}: ${what} not reached in ${timeoutMs / 1e3}s; last log lines (${proc.logFile}):
${tail(proc.logFile)}`
      );
    }
    await sleep(100);
  }
}

// src/sandbox/nodes.ts
function nodeManifest(spec) {
  const role = spec.role ?? "worker";
  const labels = {
    "kubernetes.io/hostname": spec.name,
    "kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    type: "kwok",
    ...role === "control-plane" ? { "node-role.kubernetes.io/control-plane": "" } : {},
    ...spec.labels
  };
  const taints = role === "control-plane" && spec.taintControlPlane !== false ? [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] : [];
  const resources = { cpu: spec.cpu ?? "32", memory: spec.memory ?? "256Gi", pods: String(spec.pods ?? 110) };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: spec.name,
      labels,
      annotations: { [NODE_ANNOTATION]: "fake", "node.alpha.kubernetes.io/ttl": "0" }
    },
    spec: { taints },
    status: {
      allocatable: resources,
      capacity: resources,
      nodeInfo: {
        kubeletVersion: spec.kubeletVersion ?? "v1.35.4",
        kubeProxyVersion: "",
        architecture: "amd64",
        operatingSystem: "linux",
        osImage: "kwok simulated node",
        containerRuntimeVersion: "kwok",
        kernelVersion: "kwok"
      }
    }
  };
}
async function addNodes(client, specs, timeoutMs = 6e4) {
  for (const spec of specs) {
    try {
      await client.post("/api/v1/nodes", nodeManifest(spec));
    } catch (err) {
      if (!isApiError(err, 409)) throw err;
    }
  }
  await waitForNodesReady(
    client,
    specs.map((s) => s.name),
    timeoutMs
  );
}
function isReady(node) {
  return node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}
async function waitForNodesReady(client, names, timeoutMs = 6e4) {
  const deadline = Date.now() + timeoutMs;
  for (; ; ) {
    const list = await client.get("/api/v1/nodes");
    const ready = new Set(list.items.filter(isReady).map((n) => n.metadata.name));
    const missing = names.filter((n) => !ready.has(n));
    if (missing.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`nodes not Ready after ${timeoutMs / 1e3}s: ${missing.join(", ")}`);
    await sleep(200);
  }
}

// src/sandbox/sandbox.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);
import { randomBytes as randomBytes2 } from "node:crypto";
import fs4 from "node:fs";
import https from "node:https";
import os2 from "node:os";
import path3 from "node:path";

// src/sandbox/binaries.ts
import { createHash } from "node:crypto";
import { execFileSync, spawn as spawn2 } from "node:child_process";
import fs2 from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
var KUBERNETES_VERSION = "v1.35.4";
var ETCD_VERSION = "v3.6.16";
var KWOK_VERSION = "v0.8.0";
var VERSITYGW_VERSION = "v1.8.0";
function kubeVersionFlags(version) {
  const [major, minor] = version.replace(/^v/, "").split(".");
  return ["k8s.io/component-base/version", "k8s.io/client-go/pkg/version"].flatMap((pkg) => [
    `-X ${pkg}.gitMajor=${major}`,
    `-X ${pkg}.gitMinor=${minor}`,
    `-X ${pkg}.gitVersion=${version}`,
    `-X ${pkg}.gitTreeState=clean`,
    `-X ${pkg}.buildDate=1970-01-01T00:00:00Z`
  ]).join(" ");
}
var COMPONENTS = {
  kubernetes: {
    module: "kubernetes",
    version: KUBERNETES_VERSION,
    commands: {
      "k8s.io/kubernetes/cmd/kube-apiserver": "kube-apiserver",
      "k8s.io/kubernetes/cmd/kube-controller-manager": "kube-controller-manager",
      "k8s.io/kubernetes/cmd/kube-scheduler": "kube-scheduler",
      "k8s.io/kubernetes/cmd/kubectl": "kubectl"
    },
    ldflags: kubeVersionFlags(KUBERNETES_VERSION)
  },
  etcd: {
    module: "etcd",
    version: ETCD_VERSION,
    commands: { "./cmd/etcd": "etcd", "./cmd/etcdutl": "etcdutl", "./cmd/etcdctl": "etcdctl" },
    ldflags: ""
  },
  kwok: {
    module: "kwok",
    version: KWOK_VERSION,
    commands: { "sigs.k8s.io/kwok/cmd/kwok": "kwok" },
    ldflags: `-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION}`
  },
  versitygw: {
    module: "versitygw",
    version: VERSITYGW_VERSION,
    commands: { "github.com/versity/versitygw/cmd/versitygw": "versitygw" },
    ldflags: ""
  }
};
function goRoot() {
  for (const rel of ["./go/", "../src/sandbox/go/", "../../src/sandbox/go/"]) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (fs2.existsSync(path.join(dir, "kubernetes", "go.mod"))) return dir;
  }
  throw new Error(
    "cannot find the sandbox's Go wrapper modules (src/sandbox/go) next to the kubekeep installation"
  );
}
function cacheRoot() {
  return process.env.KUBEKEEP_CACHE ?? path.join(os.homedir(), ".cache", "kubekeep");
}
function findGo() {
  const candidates = [process.env.GO, "go", "/usr/local/go/bin/go"].filter((c) => !!c);
  for (const c of candidates) {
    try {
      execFileSync(c, ["version"], { stdio: "ignore" });
      return c;
    } catch {
    }
  }
  throw new ConfigurationError(
    "Go (1.25 or newer) is needed to build the sandbox cluster's components and was not found on PATH or at /usr/local/go/bin/go; install Go or set GO=/path/to/go"
  );
}
function moduleHash(component) {
  const h = createHash("sha256");
  const dir = path.join(goRoot(), component.module);
  const files = fs2.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
  for (const f of files) {
    const full = path.join(dir, f);
    if (fs2.statSync(full).isFile()) h.update(f).update(fs2.readFileSync(full));
  }
  h.update(component.ldflags).update(JSON.stringify(component.commands));
  return h.digest("hex").slice(0, 12);
}
function componentDir(name, component) {
  return path.join(cacheRoot(), "bin", `${name}-${component.version}-${moduleHash(component)}`);
}
async function ensureBinaries(logger) {
  const out = {};
  for (const [name, component] of Object.entries(COMPONENTS)) {
    const dir = componentDir(name, component);
    if (!isComplete(dir, component)) await build(name, component, dir, logger);
    for (const bin of Object.values(component.commands)) out[bin] = path.join(dir, bin);
  }
  return out;
}
function isComplete(dir, component) {
  return Object.values(component.commands).every((bin) => fs2.existsSync(path.join(dir, bin)));
}
async function build(name, component, dir, logger) {
  const release = await lock(dir + ".lock", logger);
  try {
    if (isComplete(dir, component)) return;
    const go = findGo();
    const tmp = `${dir}.tmp-${process.pid}`;
    fs2.rmSync(tmp, { recursive: true, force: true });
    fs2.mkdirSync(tmp, { recursive: true });
    logger.info(`building ${name} ${component.version} from Go modules (cached afterwards in ${dir})`);
    const started = Date.now();
    for (const [pkg, bin] of Object.entries(component.commands)) {
      await run(
        go,
        ["build", "-trimpath", "-ldflags", `-s -w ${component.ldflags}`, "-o", path.join(tmp, bin), pkg],
        path.join(goRoot(), component.module)
      );
    }
    fs2.rmSync(dir, { recursive: true, force: true });
    fs2.renameSync(tmp, dir);
    logger.info(`built ${name} in ${formatDuration(Date.now() - started)}`);
  } finally {
    release();
  }
}
function run(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn2(cmd, args, {
      cwd,
      stdio: ["ignore", "inherit", "pipe"],
      env: { ...process.env, CGO_ENABLED: process.env.CGO_ENABLED ?? "0" }
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d.toString();
      process.stderr.write(d);
    });
    child.on("error", reject);
    child.on(
      "exit",
      (code) => code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} failed (exit ${code}):
${stderr.slice(-4e3)}`))
    );
  });
}
async function lock(lockDir, logger) {
  fs2.mkdirSync(path.dirname(lockDir), { recursive: true });
  let warned = false;
  for (; ; ) {
    try {
      fs2.mkdirSync(lockDir);
      fs2.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
      return () => fs2.rmSync(lockDir, { recursive: true, force: true });
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      const owner = Number(fs2.readFileSync(path.join(lockDir, "pid"), { encoding: "utf8", flag: "a+" }) || 0);
      if (owner && !alive(owner)) {
        fs2.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!warned) logger.info(`waiting for another build (pid ${owner || "?"}) holding ${lockDir}`);
      warned = true;
      await new Promise((r) => setTimeout(r, 2e3));
    }
  }
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// src/sandbox/pki.ts
import { execFileSync as execFileSync2 } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs3 from "node:fs";
import path2 from "node:path";
var SERVER_SANS = [
  "IP:127.0.0.1",
  "DNS:localhost",
  "IP:10.0.0.1",
  "DNS:kubernetes",
  "DNS:kubernetes.default",
  "DNS:kubernetes.default.svc",
  "DNS:kubernetes.default.svc.cluster.local"
];
function openssl(args, cwd) {
  execFileSync2("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}
function leaf(dir, name, subject, usage2) {
  const key = path2.join(dir, `${name}.key`);
  const csr = path2.join(dir, `${name}.csr`);
  const cert = path2.join(dir, `${name}.crt`);
  const ext = path2.join(dir, `${name}.ext`);
  const eku = { server: "serverAuth", client: "clientAuth", both: "serverAuth,clientAuth" }[usage2];
  const lines = [
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature,keyEncipherment",
    `extendedKeyUsage=${eku}`
  ];
  if (usage2 !== "client") lines.push(`subjectAltName=${SERVER_SANS.join(",")}`);
  fs3.writeFileSync(ext, lines.join("\n") + "\n");
  openssl(
    ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"].concat([
      "-keyout",
      key,
      "-out",
      csr,
      "-subj",
      subject
    ]),
    dir
  );
  openssl(
    ["x509", "-req", "-in", csr, "-CA", "ca.crt", "-CAkey", "ca.key", "-days", "3650", "-sha256"].concat([
      "-set_serial",
      "0x" + randomBytes(8).toString("hex"),
      "-extfile",
      ext,
      "-out",
      cert
    ]),
    dir
  );
  fs3.rmSync(csr);
  fs3.rmSync(ext);
  fs3.chmodSync(key, 384);
  return { cert, key };
}
function createPki(dir) {
  fs3.mkdirSync(dir, { recursive: true, mode: 448 });
  openssl(
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"].concat(["-keyout", "ca.key", "-out", "ca.crt", "-days", "3650", "-subj", "/CN=kubekeep-sandbox-ca"]).concat([
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign"
    ]),
    dir
  );
  const saKey = path2.join(dir, "sa.key");
  const saPub = path2.join(dir, "sa.pub");
  openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", saKey], dir);
  openssl(["pkey", "-in", saKey, "-pubout", "-out", saPub], dir);
  return {
    ca: { cert: path2.join(dir, "ca.crt"), key: path2.join(dir, "ca.key") },
    etcdServer: leaf(dir, "etcd-server", "/CN=etcd-server", "both"),
    etcdClient: leaf(dir, "etcd-client", "/CN=kube-apiserver-etcd-client", "client"),
    apiserver: leaf(dir, "apiserver", "/CN=kube-apiserver", "server"),
    admin: leaf(dir, "admin", "/O=system:masters/CN=kubernetes-admin", "client"),
    frontProxyClient: leaf(dir, "front-proxy-client", "/CN=front-proxy-client", "client"),
    serviceAccountKey: saKey,
    serviceAccountPub: saPub
  };
}

// src/sandbox/ports.ts
import net from "node:net";
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not allocate a port"));
      });
    });
  });
}
async function freePorts(n) {
  const ports = /* @__PURE__ */ new Set();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

// src/sandbox/sandbox.ts
var Sandbox = class {
  info;
  pki;
  processes;
  constructor(info, pki, processes) {
    this.info = info;
    this.pki = pki;
    this.processes = processes;
  }
  get kubeconfig() {
    return this.info.kubeconfig;
  }
  client() {
    return KubeClient.fromFile(this.info.kubeconfig);
  }
  /** Stops every server, newest first; keeps the folder (logs) unless asked. */
  async stop(options = {}) {
    await stopAll(this.processes.map((p) => ({ name: p.name, pid: p.pid })));
    if (options.removeDir) fs4.rmSync(this.info.dir, { recursive: true, force: true });
  }
};
var STATE_FILE = "sandbox.json";
async function startSandbox(options = {}) {
  const logger = options.logger ?? silentLogger;
  const bins = await ensureBinaries(logger);
  const dir = options.dir ?? fs4.mkdtempSync(path3.join(os2.tmpdir(), "kubekeep-sandbox-"));
  fs4.mkdirSync(dir, { recursive: true });
  const logs = path3.join(dir, "logs");
  fs4.mkdirSync(logs, { recursive: true });
  const pki = createPki(path3.join(dir, "pki"));
  const keep = options.keepAfterExit ?? false;
  const processes = [];
  const start = (name, command, args) => {
    const p = startProcess({
      name,
      command,
      args,
      logFile: path3.join(logs, `${name}.log`),
      keepAfterExit: keep
    });
    processes.push(p);
    return p;
  };
  try {
    const [etcdClientPort, etcdPeerPort, apiPort, kwokPort, s3Port] = await freePorts(5);
    const etcd = await startEtcd(start, bins, dir, pki, etcdClientPort, etcdPeerPort);
    const server = `https://127.0.0.1:${apiPort}`;
    const apiserver = start(
      "kube-apiserver",
      bins["kube-apiserver"],
      apiserverArgs(dir, pki, etcd.endpoint, apiPort)
    );
    await waitUntil(apiserver, "/readyz", () => httpsOk(`${server}/readyz`, pki), 9e4);
    const kubeconfig = path3.join(dir, "kubeconfig");
    writeKubeconfig(kubeconfig, {
      name: "kubekeep-sandbox",
      server,
      caFile: pki.ca.cert,
      certFile: pki.admin.cert,
      keyFile: pki.admin.key
    });
    const kcm = start("kube-controller-manager", bins["kube-controller-manager"], [
      `--kubeconfig=${kubeconfig}`,
      "--secure-port=0",
      "--leader-elect=true",
      `--service-account-private-key-file=${pki.serviceAccountKey}`,
      `--root-ca-file=${pki.ca.cert}`,
      "--controllers=*",
      "--kube-api-qps=200",
      "--kube-api-burst=400",
      "--concurrent-deployment-syncs=10",
      "--concurrent-replicaset-syncs=10",
      "--concurrent-gc-syncs=50"
    ]);
    const scheduler = start("kube-scheduler", bins["kube-scheduler"], [
      `--kubeconfig=${kubeconfig}`,
      "--secure-port=0",
      "--leader-elect=true",
      "--kube-api-qps=200",
      "--kube-api-burst=400"
    ]);
    const kwokConfigFile = path3.join(dir, "kwok.yaml");
    const kwokExtra = typeof options.kwokExtraConfig === "function" ? options.kwokExtraConfig({ etcd }) : options.kwokExtraConfig;
    fs4.writeFileSync(kwokConfigFile, kwokConfig() + (kwokExtra ? `---
${kwokExtra}` : ""));
    const kwok = start("kwok", bins.kwok, [
      `--kubeconfig=${kubeconfig}`,
      `--config=${kwokConfigFile}`,
      "--manage-all-nodes=false",
      "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
      // Nodes report 127.0.0.1 so the API server reaches kwok's kubelet API
      // (logs, exec, port-forward) on --node-port, as it would a real kubelet.
      "--node-ip=127.0.0.1",
      "--node-lease-duration-seconds=40",
      `--server-address=127.0.0.1:${kwokPort}`,
      `--node-port=${kwokPort}`,
      `--tls-cert-file=${pki.apiserver.cert}`,
      `--tls-private-key-file=${pki.apiserver.key}`
    ]);
    let s3;
    if (options.s3 ?? true) s3 = await startS3(start, bins, dir, s3Port);
    const client = await KubeClient.fromFile(kubeconfig);
    try {
      await waitUntil(kcm, "leader lease", () => leaseHeld(client, "kube-controller-manager"), 6e4);
      await waitUntil(scheduler, "leader lease", () => leaseHeld(client, "kube-scheduler"), 6e4);
      await waitUntil(
        kcm,
        "default ServiceAccount",
        () => exists(client, "/api/v1/namespaces/default/serviceaccounts/default"),
        6e4
      );
      await sleep(200);
      if (kwok.hasExited()) await waitUntil(kwok, "start", () => Promise.resolve(false), 0);
    } finally {
      client.close();
    }
    const info = {
      dir,
      kubeconfig,
      server,
      kubernetesVersion: KUBERNETES_VERSION,
      etcd,
      ...s3 ? { s3 } : {},
      kubectl: bins.kubectl,
      etcdutl: bins.etcdutl,
      pids: Object.fromEntries(processes.map((p) => [p.name, p.pid]))
    };
    fs4.writeFileSync(path3.join(dir, STATE_FILE), JSON.stringify(info, null, 2), { mode: 384 });
    logger.info(`sandbox cluster ${KUBERNETES_VERSION} ready at ${server} (kubeconfig ${kubeconfig})`);
    return new Sandbox(info, pki, processes);
  } catch (err) {
    await stopAll(processes);
    throw err;
  }
}
async function startEtcd(start, bins, dir, pki, clientPort, peerPort) {
  const endpoint = `https://127.0.0.1:${clientPort}`;
  const peer = `http://127.0.0.1:${peerPort}`;
  const dataDir = path3.join(dir, "etcd");
  const etcd = start("etcd", bins.etcd, [
    "--name=sandbox",
    `--data-dir=${dataDir}`,
    `--listen-client-urls=${endpoint}`,
    `--advertise-client-urls=${endpoint}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=sandbox=${peer}`,
    `--cert-file=${pki.etcdServer.cert}`,
    `--key-file=${pki.etcdServer.key}`,
    `--trusted-ca-file=${pki.ca.cert}`,
    "--client-cert-auth=true",
    // A disposable cluster: durability is not worth the fsync cost in tests.
    "--unsafe-no-fsync=true",
    "--snapshot-count=10000",
    "--log-level=warn"
  ]);
  const tls = { ca: pki.ca.cert, cert: pki.etcdClient.cert, key: pki.etcdClient.key };
  await waitUntil(etcd, "/health", () => httpsOk(`${endpoint}/health`, void 0, tls), 3e4);
  return {
    endpoint,
    caFile: pki.ca.cert,
    certFile: pki.etcdClient.cert,
    keyFile: pki.etcdClient.key,
    dataDir
  };
}
function apiserverArgs(dir, pki, etcd, port) {
  return [
    `--etcd-servers=${etcd}`,
    `--etcd-cafile=${pki.ca.cert}`,
    `--etcd-certfile=${pki.etcdClient.cert}`,
    `--etcd-keyfile=${pki.etcdClient.key}`,
    "--bind-address=127.0.0.1",
    "--advertise-address=127.0.0.1",
    `--secure-port=${port}`,
    `--cert-dir=${path3.join(dir, "apiserver-certs")}`,
    `--tls-cert-file=${pki.apiserver.cert}`,
    `--tls-private-key-file=${pki.apiserver.key}`,
    `--client-ca-file=${pki.ca.cert}`,
    `--service-account-issuer=https://kubernetes.default.svc.cluster.local`,
    `--service-account-key-file=${pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    "--service-cluster-ip-range=10.0.0.0/16",
    "--authorization-mode=Node,RBAC",
    "--allow-privileged=true",
    // The aggregation layer, so aggregated APIs (and broken ones) behave as in a real cluster.
    `--proxy-client-cert-file=${pki.frontProxyClient.cert}`,
    `--proxy-client-key-file=${pki.frontProxyClient.key}`,
    `--requestheader-client-ca-file=${pki.ca.cert}`,
    "--requestheader-allowed-names=front-proxy-client",
    "--requestheader-username-headers=X-Remote-User",
    "--requestheader-group-headers=X-Remote-Group",
    "--requestheader-extra-headers-prefix=X-Remote-Extra-",
    "--max-requests-inflight=1000",
    "--max-mutating-requests-inflight=500",
    "--profiling=false",
    `--kubelet-client-certificate=${pki.admin.cert}`,
    `--kubelet-client-key=${pki.admin.key}`,
    "--kubelet-preferred-address-types=InternalIP"
  ];
}
async function startS3(start, bins, dir, port) {
  const dataDir = path3.join(dir, "s3", "data");
  const metaDir = path3.join(dir, "s3", "meta");
  fs4.mkdirSync(dataDir, { recursive: true });
  fs4.mkdirSync(metaDir, { recursive: true });
  const accessKeyId = "sandbox" + randomBytes2(4).toString("hex");
  const secretAccessKey = randomBytes2(20).toString("hex");
  const region = "us-east-1";
  const proc = start("s3", bins.versitygw, [
    "--access",
    accessKeyId,
    "--secret",
    secretAccessKey,
    "--region",
    region,
    "--port",
    `127.0.0.1:${port}`,
    "--quiet",
    "posix",
    // Metadata in a side folder: works on filesystems without user xattrs.
    "--sidecar",
    metaDir,
    dataDir
  ]);
  const s3 = {
    endpoint: `http://127.0.0.1:${port}`,
    region,
    bucket: "kubekeep-sandbox",
    accessKeyId,
    secretAccessKey,
    forcePathStyle: true
  };
  const client = new import_client_s3.S3Client({
    endpoint: s3.endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey }
  });
  try {
    await waitUntil(
      proc,
      "bucket creation",
      async () => {
        await client.send(new import_client_s3.CreateBucketCommand({ Bucket: s3.bucket }));
        return true;
      },
      3e4
    );
  } finally {
    client.destroy();
  }
  return s3;
}
function httpsOk(url, pki, files) {
  const f = files ?? (pki ? { ca: pki.ca.cert, cert: pki.admin.cert, key: pki.admin.key } : void 0);
  return new Promise((resolve) => {
    const req = https.get(
      url,
      f ? {
        ca: fs4.readFileSync(f.ca),
        cert: fs4.readFileSync(f.cert),
        key: fs4.readFileSync(f.key),
        timeout: 2e3
      } : { timeout: 2e3 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      }
    );
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
  });
}
async function leaseHeld(client, name) {
  const lease = await client.get(
    `/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${name}`
  );
  return !!lease.spec?.holderIdentity;
}
async function exists(client, p) {
  try {
    await client.get(p);
    return true;
  } catch (err) {
    if (isApiError(err, 404)) return false;
    throw err;
  }
}
function readSandboxInfo(dir) {
  return JSON.parse(fs4.readFileSync(path3.join(dir, STATE_FILE), "utf8"));
}
async function stopSandboxAt(dir) {
  const info = readSandboxInfo(dir);
  await stopAll(Object.entries(info.pids).map(([name, pid]) => ({ name, pid })));
}
async function stopAll(procs) {
  await Promise.all(procs.filter((p) => p.name !== "etcd").map((p) => stopPid(p.pid)));
  await Promise.all(procs.filter((p) => p.name === "etcd").map((p) => stopPid(p.pid)));
}

// src/cluster/resources.ts
function groupVersionPath(apiVersion) {
  return apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}
var ResourceMapper = class {
  cache = /* @__PURE__ */ new Map();
  client;
  constructor(client) {
    this.client = client;
  }
  /** Forgets what discovery said (after CRDs are created). */
  reset() {
    this.cache.clear();
  }
  async resourceFor(apiVersion, kind) {
    let list = this.cache.get(apiVersion);
    if (!list) {
      list = this.client.get(groupVersionPath(apiVersion)).then((r) => r.resources.filter((x) => !x.name.includes("/")));
      this.cache.set(apiVersion, list);
      list.catch(() => this.cache.delete(apiVersion));
    }
    const found = (await list).find((r) => r.kind === kind);
    if (!found) throw new ConfigurationError(`the API server does not serve kind ${kind} in ${apiVersion}`);
    return found;
  }
  /** The collection path (no name) for a kind, in `namespace` when it is namespaced. */
  async collectionPath(apiVersion, kind, namespace) {
    const r = await this.resourceFor(apiVersion, kind);
    const ns = r.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? "default")}` : "";
    return `${groupVersionPath(apiVersion)}${ns}/${r.name}`;
  }
  async objectPath(obj) {
    const base = await this.collectionPath(obj.apiVersion, obj.kind, obj.metadata.namespace);
    return `${base}/${encodeURIComponent(obj.metadata.name)}`;
  }
};
async function applyAll(client, objects, fieldManager = "kubekeep", mapper = new ResourceMapper(client)) {
  const out = [];
  for (const obj of objects) {
    if (obj.kind === "CustomResourceDefinition") mapper.reset();
    out.push(await client.apply(await mapper.objectPath(obj), obj, fieldManager));
  }
  return out;
}

// src/sandbox/seed.ts
var CRD = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.kubekeep.dev" },
  spec: {
    group: "kubekeep.dev",
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
              status: { type: "object", "x-kubernetes-preserve-unknown-fields": true }
            }
          }
        },
        subresources: { status: {} }
      }
    ]
  }
};
function podTemplate(app, opts, extra = {}) {
  return {
    metadata: {
      labels: { app, ...opts.labels },
      ...opts.exitAfter ? { annotations: { [EXIT_AFTER_ANNOTATION]: opts.exitAfter } } : {}
    },
    spec: {
      terminationGracePeriodSeconds: opts.gracePeriodSeconds ?? 1,
      containers: [
        {
          name: "app",
          image: "registry.example/app:1.0",
          resources: { requests: { cpu: "10m", memory: "16Mi" } }
        }
      ],
      ...extra
    }
  };
}
function seedManifests(opts) {
  const ns = opts.namespace;
  const objects = [{ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }];
  for (let i = 0; i < (opts.deployments ?? 0); i++) {
    const app = `web-${i}`;
    objects.push({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: app, namespace: ns },
      spec: {
        replicas: opts.replicas ?? 2,
        selector: { matchLabels: { app } },
        template: podTemplate(app, opts)
      }
    });
    objects.push({
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: app, namespace: ns },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app } } }
    });
  }
  for (let i = 0; i < (opts.daemonSets ?? 0); i++) {
    const app = `agent-${i}`;
    objects.push({
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: app, namespace: ns },
      spec: {
        selector: { matchLabels: { app } },
        template: podTemplate(app, opts, { tolerations: [{ operator: "Exists" }] })
      }
    });
  }
  for (let i = 0; i < (opts.statefulSets ?? 0); i++) {
    const app = `db-${i}`;
    objects.push({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: app, namespace: ns },
      spec: { clusterIP: "None", selector: { app }, ports: [{ port: 5432 }] }
    });
    objects.push({
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: app, namespace: ns },
      spec: {
        serviceName: app,
        replicas: opts.replicas ?? 2,
        selector: { matchLabels: { app } },
        template: podTemplate(app, opts)
      }
    });
  }
  for (let i = 0; i < (opts.secrets ?? 0); i++) {
    objects.push({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: `creds-${i}`, namespace: ns },
      type: "Opaque",
      stringData: { username: `user-${i}`, password: `s3cr3t-value-${i}-${ns}` }
    });
  }
  if (opts.customResources) {
    objects.push(CRD);
    for (let i = 0; i < opts.customResources; i++) {
      objects.push({
        apiVersion: "kubekeep.dev/v1",
        kind: "Widget",
        metadata: { name: `widget-${i}`, namespace: ns },
        spec: { size: i, color: i % 2 ? "blue" : "green" }
      });
    }
  }
  return objects;
}
async function seed(client, opts) {
  const [namespace, ...rest] = seedManifests(opts);
  const applied = await applyAll(client, [namespace]);
  await waitForServiceAccount(client, opts.namespace);
  const crdIndex = rest.findIndex((o) => o.kind === "CustomResourceDefinition");
  if (crdIndex >= 0) {
    applied.push(...await applyAll(client, rest.slice(0, crdIndex + 1)));
    await waitForCrd(client, "widgets.kubekeep.dev");
    applied.push(...await applyAll(client, rest.slice(crdIndex + 1)));
  } else {
    applied.push(...await applyAll(client, rest));
  }
  return applied;
}
async function waitForServiceAccount(client, namespace, timeoutMs = 3e4) {
  const deadline = Date.now() + timeoutMs;
  for (; ; ) {
    try {
      await client.get(`/api/v1/namespaces/${namespace}/serviceaccounts/default`);
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(100);
    }
  }
}
async function waitForCrd(client, name) {
  const deadline = Date.now() + 3e4;
  for (; ; ) {
    const crd = await client.get(
      `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`
    );
    if (crd.status?.conditions?.some((c) => c.type === "Established" && c.status === "True")) return;
    if (Date.now() > deadline) throw new Error(`CRD ${name} not Established after 30s`);
    await sleep(100);
  }
}
async function waitForRunningPods(client, namespace, count, timeoutMs = 12e4) {
  const deadline = Date.now() + timeoutMs;
  for (; ; ) {
    const pods = await client.get(`/api/v1/namespaces/${namespace}/pods`);
    const running2 = pods.items.filter((p) => p.status?.phase === "Running").length;
    if (running2 >= count) return;
    if (Date.now() > deadline) {
      throw new Error(`only ${running2} of ${count} pods Running in ${namespace} after ${timeoutMs / 1e3}s`);
    }
    await sleep(250);
  }
}

// src/cli/demo.ts
var DEMO_TARGET = "v1.35.4";
var DEMO_STEPS = [
  { capability: "cluster-info", inputs: (c) => ({ "kubeconfig-path": c.kubeconfig }) },
  {
    capability: "export",
    inputs: (c) => ({
      "kubeconfig-path": c.kubeconfig,
      path: path4.join(c.out, "export"),
      "fingerprint-key": "demo-fingerprint-key-not-secret"
    })
  },
  {
    capability: "etcd-snapshot",
    inputs: (c) => ({
      "etcd-endpoint": c.etcd?.endpoint ?? "",
      "etcd-ca": c.etcd?.caFile ?? "",
      "etcd-cert": c.etcd?.certFile ?? "",
      "etcd-key": c.etcd?.keyFile ?? "",
      "s3-bucket": c.s3.bucket,
      "s3-endpoint": c.s3.endpoint,
      "cluster-name": "demo",
      "keep-last": "3"
    })
  },
  {
    capability: "upgrade-plan",
    inputs: (c) => ({
      "kubeconfig-path": c.kubeconfig,
      "target-version": DEMO_TARGET,
      "max-unavailable": "2"
    })
  }
];
async function rollingUpgrade(ctx, plan, kubectl, run2) {
  if (!plan) return 0;
  const batches = (key) => JSON.parse(String(plan.outputs[key] ?? '{"include":[]}')).include;
  process.env.KUBEKEEP_DEMO_KUBECTL = kubectl;
  process.env.KUBEKEEP_DEMO_KUBECONFIG = ctx.kubeconfig;
  const command = [
    '"$KUBEKEEP_DEMO_KUBECTL" --kubeconfig "$KUBEKEEP_DEMO_KUBECONFIG" patch node "$KUBEKEEP_NODE"',
    "--subresource=status --type=merge",
    '-p "{\\"status\\":{\\"nodeInfo\\":{\\"kubeletVersion\\":\\"$KUBEKEEP_TARGET_VERSION\\"}}}"'
  ].join(" ");
  let upgraded = 0;
  for (const batch of [...batches("control-plane-matrix"), ...batches("worker-matrix")]) {
    await run2("upgrade-node", {
      "kubeconfig-path": ctx.kubeconfig,
      node: batch.node,
      "target-version": DEMO_TARGET,
      "kubeadm-action": batch.kubeadm,
      executor: "command",
      "upgrade-command": command,
      timeout: "2m",
      "gate-timeout": "1m"
    });
    upgraded += batch.node.split(",").length;
  }
  return upgraded;
}
async function runDemo(flags, logger) {
  const started = Date.now();
  const root = path4.resolve(flags.dir ?? path4.join(".kubekeep", "demo"));
  fs5.rmSync(root, { recursive: true, force: true });
  fs5.mkdirSync(root, { recursive: true });
  logger.info("starting the sandbox cluster (the first run builds its components from Go modules)");
  const sb = await startSandbox({ dir: path4.join(root, "sandbox"), logger });
  try {
    const client = await sb.client();
    try {
      await addNodes(client, [
        ...[1, 2, 3].map((i) => ({
          name: `control-plane-${i}`,
          role: "control-plane",
          kubeletVersion: "v1.34.2"
        })),
        ...[1, 2, 3, 4, 5].map((i) => ({ name: `worker-${i}`, kubeletVersion: "v1.34.2" }))
      ]);
      await seed(client, {
        namespace: "shop",
        deployments: 3,
        replicas: 3,
        daemonSets: 1,
        statefulSets: 1,
        secrets: 2,
        customResources: 3
      });
      await waitForRunningPods(client, "shop", 3 * 3 + 8 + 3);
    } finally {
      client.close();
    }
    const s3 = sb.info.s3;
    const ctx = {
      kubeconfig: sb.kubeconfig,
      out: root,
      s3: { endpoint: s3?.endpoint ?? "", bucket: s3?.bucket ?? "", region: s3?.region ?? "" },
      etcd: sb.info.etcd
    };
    if (s3) {
      process.env.AWS_ACCESS_KEY_ID = s3.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = s3.secretAccessKey;
      process.env.AWS_REGION = s3.region;
    }
    const results = /* @__PURE__ */ new Map();
    const run2 = async (name, inputs) => {
      const cap = CAPABILITIES.find((c) => c.name === name);
      if (!cap) throw new Error(`demo: no capability ${name}`);
      const result = await logger.group(
        `kubekeep ${name}`,
        () => cap.run(cap.parse(fromRecord(inputs)), { logger })
      );
      process.stdout.write(toText(result.report) + "\n\n");
      return result;
    };
    for (const step of DEMO_STEPS) results.set(step.capability, await run2(step.capability, step.inputs(ctx)));
    const upgraded = await rollingUpgrade(ctx, results.get("upgrade-plan"), sb.info.kubectl, run2);
    const out = (cap, key) => String(results.get(cap)?.outputs[key] ?? "");
    process.stdout.write(
      [
        `demo finished in ${formatDuration(Date.now() - started)}:`,
        `  export:        ${out("export", "path")} (${out("export", "objects")} objects)`,
        `  etcd snapshot: ${out("etcd-snapshot", "uri")} (revision ${out("etcd-snapshot", "revision")}; the sandbox S3 keeps it under ${path4.join(root, "sandbox", "s3", "data")})`,
        `  upgrade:       ${upgraded} nodes upgraded to ${DEMO_TARGET}, control plane first`,
        `  server logs:   ${path4.join(root, "sandbox", "logs")}`
      ].join("\n") + "\n"
    );
    return 0;
  } finally {
    await sb.stop();
  }
}

// src/cli/sandbox.ts
import fs6 from "node:fs";
import path5 from "node:path";
function defaultSandboxDir() {
  return process.env.KUBEKEEP_SANDBOX_DIR ?? path5.resolve(".kubekeep", "sandbox");
}
function runningSandbox(dir) {
  if (!fs6.existsSync(path5.join(dir, STATE_FILE))) return void 0;
  const info = readSandboxInfo(dir);
  return Object.values(info.pids).every(isAlive) ? info : void 0;
}
function describe(info) {
  const lines = [
    `Kubernetes ${info.kubernetesVersion} at ${info.server}`,
    `  export KUBECONFIG=${info.kubeconfig}`,
    `  etcd:  ${info.etcd.endpoint} (mTLS: --cacert ${info.etcd.caFile} --cert ${info.etcd.certFile} --key ${info.etcd.keyFile})`
  ];
  if (info.s3)
    lines.push(
      `  S3:    ${info.s3.endpoint} bucket ${info.s3.bucket} (credentials in ${path5.join(info.dir, STATE_FILE)})`
    );
  lines.push(`  logs:  ${path5.join(info.dir, "logs")}`);
  return lines.join("\n");
}
async function sandboxCommand(sub, flags, logger) {
  const dir = path5.resolve(flags.dir ?? defaultSandboxDir());
  switch (sub) {
    case "up": {
      const running2 = runningSandbox(dir);
      if (running2) {
        process.stdout.write(`sandbox already running
${describe(running2)}
`);
        return;
      }
      if (fs6.existsSync(path5.join(dir, STATE_FILE))) await stopSandboxAt(dir).catch(() => {
      });
      fs6.rmSync(dir, { recursive: true, force: true });
      const sb = await startSandbox({ dir, logger, keepAfterExit: true });
      const client = await sb.client();
      try {
        const workers = Number(flags.workers ?? 3);
        await addNodes(client, [
          { name: "control-plane-1", role: "control-plane" },
          ...Array.from({ length: workers }, (_, i) => ({ name: `worker-${i + 1}` }))
        ]);
      } finally {
        client.close();
      }
      process.stdout.write(`sandbox up
${describe(sb.info)}
stop it with: kubekeep sandbox down
`);
      return;
    }
    case "down": {
      if (!fs6.existsSync(path5.join(dir, STATE_FILE))) {
        process.stdout.write(`no sandbox in ${dir}
`);
        return;
      }
      await stopSandboxAt(dir);
      fs6.rmSync(dir, { recursive: true, force: true });
      process.stdout.write(`sandbox in ${dir} stopped and removed
`);
      return;
    }
    case "status": {
      const running2 = runningSandbox(dir);
      process.stdout.write(
        running2 ? `sandbox running
${describe(running2)}
` : `no sandbox running in ${dir}
`
      );
      return;
    }
    default:
      throw new ConfigurationError(
        `kubekeep sandbox: expected up, down or status, got ${JSON.stringify(sub ?? "")}`
      );
  }
}

// src/cli/main.ts
function usage() {
  const width = Math.max(...CAPABILITIES.map((c) => c.name.length), "sandbox".length);
  return [
    "usage: kubekeep <command> [--input value ...]",
    "",
    "Flags are the action's input names (see actions/<command>/action.yml).",
    "",
    ...CAPABILITIES.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${"sandbox".padEnd(width)}  up | down | status: a local cluster and S3 server to try kubekeep on`,
    `  ${"demo".padEnd(width)}  start a sandbox and run every capability against it`
  ].join("\n");
}
async function main(argv) {
  const { positionals, flags } = parseArgs(argv);
  const logger = new ConsoleLogger({ verbose: flags.verbose === "true" });
  const [first, ...rest] = positionals;
  const command = first === "etcd" && rest[0] ? `etcd-${rest.shift()}` : first;
  if (!command || command === "help" || flags.help === "true") {
    process.stdout.write(usage() + "\n");
    return command || flags.help ? 0 : 2;
  }
  if (command === "sandbox") {
    await sandboxCommand(rest[0], flags, logger);
    return 0;
  }
  if (command === "demo") return runDemo(flags, logger);
  const cap = findCapability(command);
  if (!cap) throw new ConfigurationError(`unknown command ${JSON.stringify(command)}

${usage()}`);
  const result = await cap.run(cap.parse(fromRecord(flags)), { logger });
  process.stdout.write(toText(result.report) + "\n\n");
  for (const [k, v] of Object.entries(result.outputs)) process.stdout.write(`${k}=${String(v)}
`);
  return 0;
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof CapabilityFailure) process.stdout.write(toText(err.result.report) + "\n\n");
    process.stderr.write(
      `kubekeep: ${err instanceof ConfigurationError ? err.message : err instanceof Error ? err.stack ?? errorMessage(err) : String(err)}
`
    );
    process.exit(1);
  }
);
