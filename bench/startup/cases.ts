/**
 * What bench/startup measures, shared with test/integration/startup-budget.test.ts:
 * one case per action entry in dist/actions/ and a few CLI commands, each run
 * as its own `node` process with bench/startup/probe.mjs preloaded, with inputs
 * that let it reach its first log line and then fail fast (every peer is a
 * closed 127.0.0.1 port), and the budgets in budgets.json.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");
const probe = path.join(import.meta.dirname, "probe.mjs");
/** Node 24 from the `node` devDependency, the runtime the actions declare. */
export const nodeBin = path.join(root, "node_modules", ".bin", "node");

export interface Budget {
  /** JS bytes read from dist/ before the first line. */
  bytes: number;
  /** Median user+sys CPU before the first line. */
  cpuMs: number;
  /** npm packages whose code must not be loaded at all during the run. */
  forbid?: string[];
}

export interface Budgets {
  default: Budget;
  cases: Record<string, Partial<Budget>>;
}

export function loadBudgets(): Budgets {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "budgets.json"), "utf8")) as Budgets;
}

export function budgetOf(budgets: Budgets, name: string): Budget {
  return { ...budgets.default, ...budgets.cases[name] };
}

export interface Case {
  name: string;
  /** The build the case runs (dist/ unless a test built elsewhere): its files are what "bytes" counts. */
  dist: string;
  argv: string[];
  env: Record<string, string>;
}

/** A port on 127.0.0.1 with nothing listening: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The cases, with a scratch directory holding their kubeconfig (remove it when done). */
export async function makeCases(
  distDir = path.join(root, "dist"),
): Promise<{ cases: Case[]; scratch: string }> {
  const dist = fs.realpathSync(distDir);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-startup-"));
  const port = await closedPort();
  const kubeconfig = path.join(scratch, "kubeconfig");
  fs.writeFileSync(
    kubeconfig,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters: [{name: c, cluster: {server: 'https://127.0.0.1:" +
        port +
        "', insecure-skip-tls-verify: true}}]",
      "users: [{name: u, user: {token: bench}}]",
      "contexts: [{name: c, context: {cluster: c, user: u}}]",
      "current-context: c",
      "",
    ].join("\n"),
  );
  // The exec-plugin user: a credential command (never reached: the port is closed first... or
  // run: it prints a token), the case where client-node is needed.
  const execKubeconfig = path.join(scratch, "kubeconfig-exec");
  fs.writeFileSync(
    execKubeconfig,
    fs
      .readFileSync(kubeconfig, "utf8")
      .replace(
        "{token: bench}",
        `{exec: {apiVersion: client.authentication.k8s.io/v1, command: ${JSON.stringify(process.execPath)}, args: ['-e', 'console.log(JSON.stringify({apiVersion:"client.authentication.k8s.io/v1",kind:"ExecCredential",status:{token:"bench"}}))'], interactiveMode: Never}}`,
      ),
  );
  // The files the runner provides: upgrade-node's post step reads its state file.
  for (const f of ["output", "state", "summary"]) fs.writeFileSync(path.join(scratch, f), "");
  // etcd-snapshot's mTLS material: a throwaway self-signed pair is enough to get to the connection.
  const etcdKey = path.join(scratch, "etcd.key");
  const etcdCert = path.join(scratch, "etcd.crt");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=bench",
      "-keyout",
      etcdKey,
      "-out",
      etcdCert,
    ],
    { stdio: "ignore" },
  );
  // The fleet capabilities' inventory: one cluster whose bucket is on the closed port.
  const inventory = path.join(scratch, "fleet.yaml");
  fs.writeFileSync(
    inventory,
    [
      "version: 1",
      "clusters:",
      "  - name: bench",
      "    kind: kubeadm",
      "    access: { kubeconfig-secret: KUBECONFIG_BENCH }",
      `    snapshots: { bucket: bench, endpoint: "http://127.0.0.1:${port}", region: us-east-1 }`,
      "",
    ].join("\n"),
  );
  const base = {
    RUNNER_TEMP: scratch,
    GITHUB_OUTPUT: path.join(scratch, "output"),
    GITHUB_STATE: path.join(scratch, "state"),
    GITHUB_STEP_SUMMARY: path.join(scratch, "summary"),
    AWS_ACCESS_KEY_ID: "bench",
    AWS_SECRET_ACCESS_KEY: "bench",
    "INPUT_STALL-TIMEOUT": "5s",
  };
  const cluster = { INPUT_KUBECONFIG: kubeconfig };
  const s3 = {
    "INPUT_S3-BUCKET": "bench",
    "INPUT_S3-ENDPOINT": `http://127.0.0.1:${port}`,
    "INPUT_S3-REGION": "us-east-1",
    "INPUT_S3-FORCE-PATH-STYLE": "true",
    "INPUT_CLUSTER-NAME": "bench",
  };
  const perAction: Record<string, Record<string, string>> = {
    "cluster-info": cluster,
    drain: { ...cluster, INPUT_NODE: "n1", "INPUT_IGNORE-DAEMONSETS": "true", INPUT_LOCK: "false" },
    "etcd-list": s3,
    "etcd-prune": { ...s3, "INPUT_KEEP-LAST": "3" },
    "etcd-verify": s3,
    "etcd-restore": {
      ...s3,
      INPUT_OUTPUT: path.join(scratch, "restore.db"),
      "INPUT_DATA-DIR": path.join(scratch, "data"),
    },
    "etcd-drill": {
      ...s3,
      "INPUT_COMPARE-WITH": "export",
      "INPUT_EXPORT-PATH": scratch,
      "INPUT_KUBERNETES-VERSION": "v1.35.4",
    },
    "etcd-snapshot": {
      ...s3,
      "INPUT_ETCD-ENDPOINT": `https://127.0.0.1:${port}`,
      "INPUT_ETCD-CA": etcdCert,
      "INPUT_ETCD-CERT": etcdCert,
      "INPUT_ETCD-KEY": etcdKey,
    },
    export: { ...cluster, INPUT_PATH: path.join(scratch, "export") },
    "fleet-plan": { INPUT_INVENTORY: inventory },
    "fleet-report": {
      INPUT_INVENTORY: inventory,
      "INPUT_REPORT-FILE": path.join(scratch, "fleet-report.json"),
    },
    uncordon: { ...cluster, INPUT_NODE: "n1", INPUT_FORCE: "false" },
    "upgrade-node": {
      ...cluster,
      INPUT_NODE: "n1",
      "INPUT_TARGET-VERSION": "v1.31.0",
      INPUT_EXECUTOR: "command",
      "INPUT_UPGRADE-COMMAND": "true",
      "INPUT_IGNORE-DAEMONSETS": "true",
      INPUT_LOCK: "false",
    },
    "upgrade-plan": { ...cluster, "INPUT_TARGET-VERSION": "v1.31.0", "INPUT_MAX-UNAVAILABLE": "1" },
  };
  const cases: Case[] = [{ name: "node -e 0 (floor)", dist, argv: ["-e", "0"], env: {} }];
  for (const file of fs.readdirSync(path.join(dist, "actions")).sort()) {
    const name = file.replace(/\.js$/, "");
    cases.push({
      name: `action ${name}`,
      dist,
      argv: [path.join(dist, "actions", file)],
      env: { ...base, ...(perAction[name] ?? {}) },
    });
  }
  cases.push({
    name: "action cluster-info (exec plugin)",
    dist,
    argv: [path.join(dist, "actions", "cluster-info.js")],
    env: { ...base, INPUT_KUBECONFIG: execKubeconfig },
  });
  cases.push(
    {
      // The post step after a main step that finished on its own (post-if: failure or cancelled).
      name: "action upgrade-node (post)",
      dist,
      argv: [path.join(dist, "actions", "upgrade-node.js")],
      env: { ...base, ...perAction["upgrade-node"], STATE_post: "true", "STATE_main-finished": "true" },
    },
    {
      // The root action, which dispatches on `command`.
      name: "action (root) etcd-list",
      dist,
      argv: [path.join(dist, "main.js")],
      env: { ...base, ...perAction["etcd-list"], INPUT_COMMAND: "etcd-list" },
    },
  );
  const cli = path.join(dist, "cli.js");
  cases.push(
    { name: "cli --help", dist, argv: [cli, "--help"], env: {} },
    { name: "cli etcd-snapshot --help", dist, argv: [cli, "etcd-snapshot", "--help"], env: {} },
    {
      name: "cli cluster-info",
      dist,
      argv: [cli, "cluster-info", "--kubeconfig", kubeconfig, "--stall-timeout", "5s"],
      env: {},
    },
    {
      name: "cli etcd-list",
      dist,
      argv: [
        cli,
        "etcd-list",
        "--s3-bucket",
        "bench",
        "--s3-endpoint",
        `http://127.0.0.1:${port}`,
        "--s3-region",
        "us-east-1",
        "--s3-force-path-style",
        "--cluster-name",
        "bench",
      ],
      env: { AWS_ACCESS_KEY_ID: "bench", AWS_SECRET_ACCESS_KEY: "bench" },
    },
  );
  return { cases, scratch };
}

export interface Measurement {
  /** User+sys CPU and wall time (since process start) at the first line written. */
  cpuMs: number;
  wallMs: number;
  /** JS bytes loaded from dist/ before the first line, and in the whole run. */
  bytes: number;
  bytesAtExit: number;
  /** npm packages (from esbuild's `// node_modules/<pkg>/` markers) loaded during the run. */
  packages: string[];
  firstLine: string | null;
  exitCode: number | null;
}

interface ProbeRecord {
  cpuMs: number;
  wallMs: number;
  firstLine: string | null;
  files: { file: string; bytes: number }[];
}

const packagesCache = new Map<string, string[]>();
/** The npm packages esbuild bundled into a dist file, from its path comments (the innermost node_modules/ of each). */
function packagesIn(file: string): string[] {
  let found = packagesCache.get(file);
  if (!found) {
    const set = new Set<string>();
    for (const m of fs
      .readFileSync(file, "utf8")
      .matchAll(/^\/\/ (?:\S*\/)?node_modules\/((?:@[^/\n]+\/)?[^/\n]+)\//gm))
      set.add(m[1] as string);
    found = [...set].sort();
    packagesCache.set(file, found);
  }
  return found;
}

const inDist = (dist: string) => (f: { file: string }) =>
  f.file.startsWith(dist + path.sep) && f.file.endsWith(".js");
const sum = (files: { bytes: number }[]) => files.reduce((n, f) => n + f.bytes, 0);

/** Runs one case to its end (bounded: killed after `timeoutMs`). */
export async function measure(c: Case, timeoutMs = 60_000): Promise<Measurement> {
  const out = path.join(
    os.tmpdir(),
    `kubekeep-probe-${process.pid}-${Math.random().toString(36).slice(2)}.json`,
  );
  const child = spawn(nodeBin, ["--import", probe, ...c.argv], {
    // A clean environment: only what the case needs, so a runner's own INPUT_* cannot leak in.
    env: { PATH: process.env.PATH ?? "", HOME: os.homedir(), KK_PROBE_OUT: out, ...c.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.resume();
  child.stderr.resume();
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  clearTimeout(timer);
  const text = fs.readFileSync(out, "utf8");
  fs.rmSync(out, { force: true });
  const [first, atExit] = text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ProbeRecord);
  if (!first) throw new Error(`${c.name}: the probe recorded nothing`);
  const last = atExit ?? first;
  return {
    cpuMs: first.cpuMs,
    wallMs: first.wallMs,
    bytes: sum(first.files.filter(inDist(c.dist))),
    bytesAtExit: sum(last.files.filter(inDist(c.dist))),
    packages: [...new Set(last.files.filter(inDist(c.dist)).flatMap((f) => packagesIn(f.file)))].sort(),
    firstLine: first.firstLine,
    exitCode,
  };
}
