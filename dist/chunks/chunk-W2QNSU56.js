import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  groupAlive,
  killGroup,
  lastLines
} from "./chunk-2BN52FYM.js";
import {
  childEnv
} from "./chunk-EUSUB6M6.js";
import {
  pollUntil,
  sleep
} from "./chunk-UU4DZNBE.js";
import {
  require_node_http
} from "./chunk-IZKOCMEM.js";
import {
  formatDuration
} from "./chunk-KIVRFQJF.js";
import {
  OperationalError
} from "./chunk-YBANDQLS.js";
import {
  __toESM
} from "./chunk-DY6RLOVI.js";

// src/controlplane/supervisor.ts
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
var OUTPUT_TAIL_CHARS = 8e3;
function startProcess(options) {
  const log = options.logFile ? fs.openSync(options.logFile, "a") : void 0;
  let tailText = "";
  const child = spawn(options.command, options.args, {
    detached: true,
    stdio: log === void 0 ? ["ignore", "pipe", "pipe"] : ["ignore", log, log],
    env: childEnv(options.inherit ?? "user", options.env)
  });
  if (log !== void 0) fs.closeSync(log);
  const keep = (d) => {
    tailText = (tailText + d.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let done = false;
  const pid = child.pid ?? -1;
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
  if (child.pid === void 0)
    throw new OperationalError(`could not start ${options.name} (${options.command})`);
  if (options.keepAfterExit) child.unref();
  else {
    installExitHook();
    running.add(pid);
  }
  let lifetime;
  const stop = async (graceMs) => {
    clearTimeout(lifetime);
    await stopPid(pid, graceMs);
    await exited;
  };
  if (options.lifetimeMs !== void 0) {
    lifetime = setTimeout(() => void stop(), options.lifetimeMs);
    lifetime.unref();
  }
  return {
    name: options.name,
    pid,
    ...options.logFile ? { logFile: options.logFile } : {},
    exited,
    hasExited: () => done,
    output: (lines = 30) => options.logFile ? tail(options.logFile, lines) : tailText.trimEnd().split("\n").slice(-lines).join("\n"),
    stop
  };
}
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
var KILLED_GROUP_WAIT_MS = 5e3;
async function stopPid(pid, graceMs = 5e3) {
  killGroup(pid, "SIGTERM");
  const killAt = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < killAt) await sleep(50);
  if (groupAlive(pid)) {
    killGroup(pid, "SIGKILL");
    const giveUp = Date.now() + KILLED_GROUP_WAIT_MS;
    while (groupAlive(pid) && Date.now() < giveUp) await sleep(50);
  }
  running.delete(pid);
}
function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
async function waitUntil(proc, what, probe, timeoutMs, signal) {
  const lastOutput = () => proc.logFile ? `last log lines (${proc.logFile}):
${proc.output()}` : `its output ends with: ${lastLines(proc.output(8), 8)}`;
  await pollUntil(
    async () => {
      if (proc.hasExited())
        throw new OperationalError(`${proc.name} exited while waiting for ${what}; ${lastOutput()}`);
      return probe().catch(() => false);
    },
    {
      timeoutMs,
      intervalMs: 100,
      ...signal ? { signal } : {},
      timedOut: () => `${proc.name}: ${what} not reached within ${formatDuration(timeoutMs)}; ${lastOutput()}`,
      cancelled: () => `cancelled while waiting for ${proc.name}: ${what}`,
      fail: (message) => new OperationalError(message)
    }
  );
}

// src/core/pki.ts
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs2 from "node:fs";
import path from "node:path";
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
  execFileSync("openssl", args, {
    cwd,
    env: childEnv({ tool: ["OPENSSL_CONF"] }),
    stdio: ["ignore", "ignore", "pipe"]
  });
}
function leaf(dir, name, subject, usage) {
  const key = path.join(dir, `${name}.key`);
  const csr = path.join(dir, `${name}.csr`);
  const cert = path.join(dir, `${name}.crt`);
  const ext = path.join(dir, `${name}.ext`);
  const eku = { server: "serverAuth", client: "clientAuth", both: "serverAuth,clientAuth" }[usage];
  const lines = [
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature,keyEncipherment",
    `extendedKeyUsage=${eku}`
  ];
  if (usage !== "client") lines.push(`subjectAltName=${SERVER_SANS.join(",")}`);
  fs2.writeFileSync(ext, lines.join("\n") + "\n");
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
  fs2.rmSync(csr);
  fs2.rmSync(ext);
  fs2.chmodSync(key, 384);
  return { cert, key };
}
function createPki(dir, options = {}) {
  fs2.mkdirSync(dir, { recursive: true, mode: 448 });
  openssl(
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"].concat([
      "-keyout",
      "ca.key",
      "-out",
      "ca.crt",
      "-days",
      "3650",
      "-subj",
      options.caSubject ?? "/CN=kubekeep-sandbox-ca"
    ]).concat([
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign"
    ]),
    dir
  );
  const saKey = path.join(dir, "sa.key");
  const saPub = path.join(dir, "sa.pub");
  openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", saKey], dir);
  openssl(["pkey", "-in", saKey, "-pubout", "-out", saPub], dir);
  return {
    ca: { cert: path.join(dir, "ca.crt"), key: path.join(dir, "ca.key") },
    etcdServer: leaf(dir, "etcd-server", "/CN=etcd-server", "both"),
    etcdClient: leaf(dir, "etcd-client", "/CN=kube-apiserver-etcd-client", "client"),
    apiserver: leaf(dir, "apiserver", "/CN=kube-apiserver", "server"),
    admin: leaf(dir, "admin", "/O=system:masters/CN=kubernetes-admin", "client"),
    frontProxyClient: leaf(dir, "front-proxy-client", "/CN=front-proxy-client", "client"),
    serviceAccountKey: saKey,
    serviceAccountPub: saPub
  };
}

// src/controlplane/apiserver.ts
import fs4 from "node:fs";
import path2 from "node:path";

// src/controlplane/probe.ts
var import_node_http = __toESM(require_node_http(), 1);
import fs3 from "node:fs";
import https from "node:https";
function httpOk(url, tls) {
  const options = { timeout: 2e3 };
  if (tls) {
    options.ca = fs3.readFileSync(tls.ca);
    if (tls.cert) options.cert = fs3.readFileSync(tls.cert);
    if (tls.key) options.key = fs3.readFileSync(tls.key);
  }
  return new Promise((resolve) => {
    const get = url.startsWith("https:") ? https.get : import_node_http.default.get;
    const req = get(url, options, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
  });
}

// src/controlplane/apiserver.ts
async function startApiserver(start, o) {
  const { pki } = o;
  const url = `https://127.0.0.1:${o.port}`;
  const certDir = path2.join(o.dir, "apiserver-certs");
  fs4.mkdirSync(certDir, { recursive: true });
  const proc = start("kube-apiserver", o.binary, [
    `--etcd-servers=${o.etcdEndpoint}`,
    ...o.etcdTls ? [
      `--etcd-cafile=${pki.ca.cert}`,
      `--etcd-certfile=${pki.etcdClient.cert}`,
      `--etcd-keyfile=${pki.etcdClient.key}`
    ] : [],
    "--bind-address=127.0.0.1",
    "--advertise-address=127.0.0.1",
    `--secure-port=${o.port}`,
    `--cert-dir=${certDir}`,
    `--tls-cert-file=${pki.apiserver.cert}`,
    `--tls-private-key-file=${pki.apiserver.key}`,
    `--client-ca-file=${pki.ca.cert}`,
    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
    `--service-account-key-file=${pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    `--service-cluster-ip-range=${o.serviceClusterIpRange}`,
    `--authorization-mode=${o.authorizationMode}`,
    "--allow-privileged=true",
    "--profiling=false",
    ...o.encryptionConfigFile ? [`--encryption-provider-config=${o.encryptionConfigFile}`] : [],
    ...o.extraArgs ?? []
  ]);
  const tls = { ca: pki.ca.cert, cert: pki.admin.cert, key: pki.admin.key };
  try {
    await waitUntil(proc, o.readyz, () => httpOk(`${url}${o.readyz}`, tls), o.timeoutMs, o.signal);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return { process: proc, url };
}

// src/controlplane/etcd.ts
var etcdPeerUrl = (peerPort) => `http://127.0.0.1:${peerPort}`;
async function startEtcd(start, o) {
  const endpoint = `${o.pki ? "https" : "http"}://127.0.0.1:${o.clientPort}`;
  const peer = etcdPeerUrl(o.peerPort);
  const tlsArgs = o.pki ? [
    `--cert-file=${o.pki.etcdServer.cert}`,
    `--key-file=${o.pki.etcdServer.key}`,
    `--trusted-ca-file=${o.pki.ca.cert}`,
    "--client-cert-auth=true"
  ] : [];
  const proc = start("etcd", o.binary, [
    `--name=${o.name}`,
    `--data-dir=${o.dataDir}`,
    `--listen-client-urls=${endpoint}`,
    `--advertise-client-urls=${endpoint}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=${o.name}=${peer}`,
    ...tlsArgs,
    // A disposable member: durability is not worth the fsync cost.
    "--unsafe-no-fsync=true",
    "--log-level=warn",
    ...o.extraArgs ?? []
  ]);
  const tls = o.pki ? { ca: o.pki.ca.cert, cert: o.pki.etcdClient.cert, key: o.pki.etcdClient.key } : void 0;
  try {
    await waitUntil(proc, "/health", () => httpOk(`${endpoint}/health`, tls), o.timeoutMs, o.signal);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return { process: proc, endpoint };
}

// src/core/ports.ts
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

export {
  createPki,
  startProcess,
  isAlive,
  stopPid,
  waitUntil,
  startApiserver,
  etcdPeerUrl,
  startEtcd,
  freePorts
};
