import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  createPki,
  freePorts,
  startApiserver,
  startEtcd,
  startProcess,
  stopPid,
  waitUntil
} from "./chunk-W2QNSU56.js";
import {
  cacheRoot,
  lockDir
} from "./chunk-7EMZUJSM.js";
import {
  CreateBucket$,
  S3Client,
  _ep2,
  _mw2,
  command
} from "./chunk-T2XPR4E7.js";
import {
  isNodeReady
} from "./chunk-TY2O5Y2Q.js";
import {
  KubeClient,
  isApiError
} from "./chunk-GSHV4ADS.js";
import {
  writeKubeconfig
} from "./chunk-6TJFEJRL.js";
import {
  pollUntil,
  sleep
} from "./chunk-UU4DZNBE.js";
import {
  silentLogger
} from "./chunk-3NY4DX7F.js";
import {
  formatDuration
} from "./chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  OperationalError
} from "./chunk-YBANDQLS.js";

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
function podDeleteStage(name, annotation, delayExpression) {
  return `---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: ${name}
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
      operator: '${annotation}'
  delay:
    durationMilliseconds: 0
    durationFrom:
      expressionFrom: '${delayExpression}'
  next:
    delete: true
`;
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
${podDeleteStage("pod-exit-on-sigterm", "Exists", `.metadata.annotations["${EXIT_AFTER_ANNOTATION}"]`)}${podDeleteStage("pod-delete-after-grace", "DoesNotExist", '(.metadata.deletionGracePeriodSeconds | tostring) + "s"')}`;
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
async function waitForNodesReady(client, names, timeoutMs = 6e4) {
  let missing = names;
  await pollUntil(
    async () => {
      const list = await client.get("/api/v1/nodes");
      const ready = new Set(list.items.filter(isNodeReady).map((n) => n.metadata.name));
      missing = names.filter((n) => !ready.has(n));
      return missing.length === 0;
    },
    { timeoutMs, timedOut: () => `nodes not Ready after ${timeoutMs / 1e3}s: ${missing.join(", ")}` }
  );
}

// node_modules/@aws-sdk/client-s3/dist-es/commands/CreateBucketCommand.js
var CreateBucketCommand = class extends command(_ep2, _mw2, "CreateBucket", CreateBucket$) {
};

// src/sandbox/sandbox.ts
import { randomBytes } from "node:crypto";
import fs3 from "node:fs";
import os from "node:os";
import path3 from "node:path";

// src/sandbox/binaries.ts
import fs2 from "node:fs";
import path2 from "node:path";
import { fileURLToPath } from "node:url";

// src/core/binaries/go-build.ts
import { createHash } from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
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
  const dir = component.moduleDir;
  const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
  for (const f of files) {
    const full = path.join(dir, f);
    if (fs.statSync(full).isFile()) h.update(f).update(fs.readFileSync(full));
  }
  h.update(component.ldflags).update(JSON.stringify(component.commands));
  return h.digest("hex").slice(0, 12);
}
function componentDir(component) {
  return path.join(cacheRoot(), "bin", `${component.name}-${component.version}-${moduleHash(component)}`);
}
function logDir() {
  return path.join(cacheRoot(), "logs");
}
function isComplete(dir, component) {
  return Object.values(component.commands).every((bin) => fs.existsSync(path.join(dir, bin)));
}
async function ensureGoComponents(components, logger) {
  const out = {};
  const missing = components.filter((c) => !isComplete(componentDir(c), c));
  if (missing.length > 0) {
    const total = missing.reduce((sum, c) => sum + c.coldBuildSeconds, 0);
    logger.info(
      `kubekeep: building ${missing.map((c) => c.name).join(", ")} from Go modules (first run only; about ${formatDuration(total * 1e3)} on 2 cores with empty Go caches, less when Go's caches are warm); go's own output goes to ${logDir()}`
    );
  }
  for (const component of components) {
    const dir = componentDir(component);
    if (!isComplete(dir, component)) {
      const index = missing.indexOf(component);
      const after = missing.slice(index + 1).reduce((sum, c) => sum + c.coldBuildSeconds, 0);
      await build(component, dir, logger, { index: index + 1, count: missing.length, afterSeconds: after });
    }
    for (const bin of Object.values(component.commands)) out[bin] = path.join(dir, bin);
  }
  return out;
}
var BUILD_DEADLINE_MS = 60 * 6e4;
var progressEveryMs = () => Number(process.env.KUBEKEEP_BUILD_PROGRESS_MS) || 2e4;
async function build(component, dir, logger, at) {
  const release = await lockDir(dir + ".lock", logger);
  try {
    if (isComplete(dir, component)) return;
    const go = findGo();
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    fs.mkdirSync(logDir(), { recursive: true });
    const logFile = path.join(logDir(), `${path.basename(dir)}.log`);
    const log = fs.openSync(logFile, "w");
    const cwd = component.moduleDir;
    const started = Date.now();
    const progress = new BuildProgress(component, at, started);
    logger.info(
      `kubekeep: [${at.index}/${at.count}] building ${component.name} ${component.version} (usually ${formatDuration(component.coldBuildSeconds * 1e3)} on 2 cores; full go log: ${logFile})`
    );
    const timer = setInterval(() => logger.info(progress.line()), progressEveryMs());
    try {
      progress.phase = "downloading modules";
      await runGo(go, ["mod", "download"], cwd, log, logFile);
      progress.phase = "listing packages";
      const listed = await runGo(
        go,
        [
          "list",
          "-trimpath",
          "-deps",
          "-f",
          "{{if .Stale}}{{.ImportPath}}{{end}}",
          ...Object.keys(component.commands)
        ],
        cwd,
        log,
        logFile,
        { capture: true }
      );
      progress.packages = new Set(listed.split("\n").filter(Boolean)).size;
      for (const [pkg, bin] of Object.entries(component.commands)) {
        progress.phase = `compiling ${bin}`;
        await runGo(
          go,
          [
            "build",
            "-v",
            "-trimpath",
            "-ldflags",
            `-s -w ${component.ldflags}`,
            "-o",
            path.join(tmp, bin),
            pkg
          ],
          cwd,
          log,
          logFile,
          // `go build -v` names each package as it compiles it (cached ones are not named).
          { onStderrLine: (line) => /^[\w.-]+(\/[\w.~-]+)*$/.test(line) ? progress.compiled++ : 0 }
        );
      }
    } finally {
      clearInterval(timer);
      fs.closeSync(log);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
    logger.info(
      `kubekeep: [${at.index}/${at.count}] built ${component.name} in ${formatDuration(Date.now() - started)}`
    );
  } finally {
    release();
  }
}
var BuildProgress = class {
  phase = "starting";
  packages = 0;
  compiled = 0;
  component;
  at;
  started;
  constructor(component, at, started) {
    this.component = component;
    this.at = at;
    this.started = started;
  }
  line() {
    const elapsed = Date.now() - this.started;
    const fraction = this.packages > 0 ? Math.min(this.compiled / this.packages, 0.99) : 0;
    const left = fraction >= 0.2 ? elapsed * (1 - fraction) / fraction : Math.max(this.component.coldBuildSeconds * 1e3 - elapsed, 5e3);
    const how = this.packages > 0 ? `, ${this.compiled} of ~${this.packages} packages compiled` : "";
    const rest = this.at.afterSeconds > 0 ? `, then ~${formatDuration(this.at.afterSeconds * 1e3)} for the rest` : "";
    return `kubekeep: [${this.at.index}/${this.at.count}] ${this.component.name}: ${this.phase}${how}; ${formatDuration(elapsed)} so far, about ${formatDuration(left)} left${rest}`;
  }
};
function runGo(go, args, cwd, log, logFile, options = {}) {
  fs.writeSync(log, `$ go ${args.join(" ")}
`);
  return new Promise((resolve, reject) => {
    const child = spawn(go, args, {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CGO_ENABLED: process.env.CGO_ENABLED ?? "0" }
    });
    let stdout = "";
    let partial = "";
    child.stdout.on("data", (d) => {
      if (options.capture) stdout += d.toString();
      else fs.writeSync(log, d);
    });
    child.stderr.on("data", (d) => {
      fs.writeSync(log, d);
      const lines = (partial + d.toString()).split("\n");
      partial = lines.pop() ?? "";
      for (const l of lines) options.onStderrLine?.(l);
    });
    const deadline = setTimeout(() => child.kill("SIGKILL"), BUILD_DEADLINE_MS);
    child.on("error", (err) => {
      clearTimeout(deadline);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(deadline);
      if (code === 0) return resolve(stdout);
      const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
      const why = signal ? `was stopped (${signal}${signal === "SIGKILL" ? `, past the ${formatDuration(BUILD_DEADLINE_MS)} deadline` : ""})` : `failed (exit ${code})`;
      reject(
        new OperationalError(
          `go ${args.join(" ")} in ${cwd} ${why}; check the network to the Go module proxy (${process.env.GOPROXY ?? "proxy.golang.org"}) and the full log ${logFile}:
${tail}`
        )
      );
    });
  });
}

// src/sandbox/binaries.ts
var KUBERNETES_VERSION = "v1.35.4";
var ETCD_VERSION = "v3.6.16";
var KWOK_VERSION = "v0.8.0";
var VERSITYGW_VERSION = "v1.8.0";
function goRoot() {
  for (const rel of ["./go/", "../src/sandbox/go/", "../../src/sandbox/go/"]) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (fs2.existsSync(path2.join(dir, "kubernetes", "go.mod"))) return dir;
  }
  throw new Error(
    "cannot find the sandbox's Go wrapper modules (src/sandbox/go) next to the kubekeep installation"
  );
}
var RECIPES = {
  kubernetes: {
    version: KUBERNETES_VERSION,
    commands: {
      "k8s.io/kubernetes/cmd/kube-apiserver": "kube-apiserver",
      "k8s.io/kubernetes/cmd/kube-controller-manager": "kube-controller-manager",
      "k8s.io/kubernetes/cmd/kube-scheduler": "kube-scheduler",
      "k8s.io/kubernetes/cmd/kubectl": "kubectl"
    },
    ldflags: kubeVersionFlags(KUBERNETES_VERSION),
    coldBuildSeconds: 240
  },
  etcd: {
    version: ETCD_VERSION,
    commands: { "./cmd/etcd": "etcd", "./cmd/etcdutl": "etcdutl", "./cmd/etcdctl": "etcdctl" },
    ldflags: "",
    coldBuildSeconds: 25
  },
  kwok: {
    version: KWOK_VERSION,
    commands: { "sigs.k8s.io/kwok/cmd/kwok": "kwok" },
    ldflags: `-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION}`,
    coldBuildSeconds: 60
  },
  versitygw: {
    version: VERSITYGW_VERSION,
    commands: { "github.com/versity/versitygw/cmd/versitygw": "versitygw" },
    ldflags: "",
    coldBuildSeconds: 40
  }
};
var SANDBOX_COMPONENTS = [
  "kubernetes",
  "etcd",
  "kwok",
  "versitygw"
];
function sandboxComponent(name) {
  return { name, moduleDir: path2.join(goRoot(), name), ...RECIPES[name] };
}
async function ensureBinaries(logger) {
  return ensureComponents(SANDBOX_COMPONENTS, logger);
}
async function ensureComponents(names, logger) {
  return await ensureGoComponents(names.map(sandboxComponent), logger);
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
    if (options.removeDir) fs3.rmSync(this.info.dir, { recursive: true, force: true });
  }
};
var STATE_FILE = "sandbox.json";
async function startSandbox(options = {}) {
  const logger = options.logger ?? silentLogger;
  const bins = await ensureBinaries(logger);
  const dir = options.dir ?? fs3.mkdtempSync(path3.join(os.tmpdir(), "kubekeep-sandbox-"));
  fs3.mkdirSync(dir, { recursive: true });
  const logs = path3.join(dir, "logs");
  fs3.mkdirSync(logs, { recursive: true });
  const pki = createPki(path3.join(dir, "pki"));
  const keep = options.keepAfterExit ?? false;
  const processes = [];
  const start = (name, command2, args) => {
    const p = startProcess({
      name,
      command: command2,
      args,
      logFile: path3.join(logs, `${name}.log`),
      keepAfterExit: keep
    });
    processes.push(p);
    return p;
  };
  try {
    const [etcdClientPort, etcdPeerPort, apiPort, kwokPort, s3Port] = await freePorts(5);
    const etcd = await sandboxEtcd(start, bins, dir, pki, etcdClientPort, etcdPeerPort);
    let encryptionConfigFile;
    if (options.encryptionConfig) {
      encryptionConfigFile = path3.join(dir, "encryption-config.yaml");
      fs3.writeFileSync(encryptionConfigFile, options.encryptionConfig, { mode: 384 });
    }
    const { url: server } = await startApiserver(start, {
      binary: bins["kube-apiserver"],
      port: apiPort,
      dir,
      pki,
      etcdEndpoint: etcd.endpoint,
      etcdTls: true,
      serviceClusterIpRange: "10.0.0.0/16",
      authorizationMode: "Node,RBAC",
      ...encryptionConfigFile ? { encryptionConfigFile } : {},
      extraArgs: [...apiserverArgs(pki), ...options.apiserverExtraArgs ?? []],
      readyz: "/readyz",
      timeoutMs: 9e4
    });
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
      // kubeadm clusters run the bootstrap-token controllers too (off by default).
      "--controllers=*,bootstrapsigner,tokencleaner",
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
    fs3.writeFileSync(kwokConfigFile, kwokConfig() + (kwokExtra ? `---
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
    fs3.writeFileSync(path3.join(dir, STATE_FILE), JSON.stringify(info, null, 2), { mode: 384 });
    logger.info(`sandbox cluster ${KUBERNETES_VERSION} ready at ${server} (kubeconfig ${kubeconfig})`);
    return new Sandbox(info, pki, processes);
  } catch (err) {
    await stopAll(processes);
    throw err;
  }
}
async function sandboxEtcd(start, bins, dir, pki, clientPort, peerPort) {
  const dataDir = path3.join(dir, "etcd");
  const { endpoint } = await startEtcd(start, {
    binary: bins.etcd,
    name: "sandbox",
    dataDir,
    clientPort,
    peerPort,
    pki,
    extraArgs: ["--snapshot-count=10000"],
    timeoutMs: 3e4
  });
  return {
    endpoint,
    caFile: pki.ca.cert,
    certFile: pki.etcdClient.cert,
    keyFile: pki.etcdClient.key,
    dataDir
  };
}
function apiserverArgs(pki) {
  return [
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
    `--kubelet-client-certificate=${pki.admin.cert}`,
    `--kubelet-client-key=${pki.admin.key}`,
    "--kubelet-preferred-address-types=InternalIP"
  ];
}
async function startS3(start, bins, dir, port) {
  const dataDir = path3.join(dir, "s3", "data");
  const metaDir = path3.join(dir, "s3", "meta");
  const versionsDir = path3.join(dir, "s3", "versions");
  fs3.mkdirSync(dataDir, { recursive: true });
  fs3.mkdirSync(metaDir, { recursive: true });
  fs3.mkdirSync(versionsDir, { recursive: true });
  const accessKeyId = "sandbox" + randomBytes(4).toString("hex");
  const secretAccessKey = randomBytes(20).toString("hex");
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
    // Versioning for the buckets that ask for it (a bucket created with
    // Object Lock is versioned, as on AWS); the sandbox's own bucket is not.
    "--versioning-dir",
    versionsDir,
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
  const client = new S3Client({
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
        await client.send(new CreateBucketCommand({ Bucket: s3.bucket }));
        return true;
      },
      3e4
    );
  } finally {
    client.destroy();
  }
  return s3;
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
  return JSON.parse(fs3.readFileSync(path3.join(dir, STATE_FILE), "utf8"));
}
async function stopSandboxAt(dir) {
  const info = readSandboxInfo(dir);
  await stopAll(Object.entries(info.pids).map(([name, pid]) => ({ name, pid })));
}
async function stopAll(procs) {
  await Promise.all(procs.filter((p) => p.name !== "etcd").map((p) => stopPid(p.pid)));
  await Promise.all(procs.filter((p) => p.name === "etcd").map((p) => stopPid(p.pid)));
}

export {
  EXIT_AFTER_ANNOTATION,
  addNodes,
  STATE_FILE,
  startSandbox,
  readSandboxInfo,
  stopSandboxAt
};
