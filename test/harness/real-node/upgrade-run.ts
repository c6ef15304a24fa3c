/**
 * What the real-node upgrade proofs share: the kubekeep CLI run without
 * blocking this process (the package repository's server lives here), an SSH
 * server on 127.0.0.1 running commands as root on the host, a watch on the
 * disruption budget that survives the API server's restart, and the versions
 * the control-plane components report themselves.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import YAML from "yaml";
import type { KubeClient } from "../../../src/cluster/client.ts";
import type { Logger } from "../../../src/core/logger.ts";
import { KUBERNETES_VERSION } from "../../../src/sandbox/binaries.ts";
import { PREVIOUS_KUBERNETES_VERSION } from "../tools/binaries.ts";
import type { List, Pod } from "../../../src/nodes/types.ts";
import type { Release } from "./apt-repo.ts";
import { ADMIN_KUBECONFIG, NODE_NAME } from "./config.ts";
import { nodeBinaries } from "./kubelet.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export interface CliRun {
  status: number;
  output: string;
  ms: number;
}

/** `kubekeep <args>` from the sources, asynchronously, its output echoed as it comes (prefixed). */
export function runKubekeep(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 30 * 60_000,
): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "src", "cli", "main.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const take = (d: Buffer) => {
      output += d.toString();
      for (const l of d.toString().split("\n").filter(Boolean)) process.stderr.write(`  | ${l}\n`);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ status: code ?? -1, output, ms: Date.now() - started });
    });
  });
}

export { startSshd, type Sshd } from "../sshd.ts";

export interface BudgetWatch {
  /** Lowest number of available (Ready, not terminating) pods seen. */
  lowestAvailable: number;
  /** Lowest status.disruptionsAllowed seen, and whether currentHealthy ever fell below desiredHealthy. */
  lowestAllowed: number;
  violated: string[];
  samples: number;
  stop(): Promise<void>;
}

/**
 * Samples the budget and its pods every 250 ms until stopped, through the
 * control plane's restart (errors are skipped: the API server is down for a
 * while during `kubeadm upgrade apply`). A violation is a moment with fewer
 * healthy pods than the budget desires, by its own status or by counting.
 */
export function watchBudget(
  client: KubeClient,
  ns: string,
  name: string,
  selector: string,
  minAvailable: number,
): BudgetWatch {
  let stopped = false;
  const w: BudgetWatch = {
    lowestAvailable: Number.MAX_SAFE_INTEGER,
    lowestAllowed: Number.MAX_SAFE_INTEGER,
    violated: [],
    samples: 0,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
  const loop = (async () => {
    while (!stopped) {
      try {
        const pdb = await client.get<{
          status?: { currentHealthy?: number; desiredHealthy?: number; disruptionsAllowed?: number };
        }>(`/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/${name}`);
        const pods = await client.get<List<Pod>>(`/api/v1/namespaces/${ns}/pods`, {
          labelSelector: selector,
        });
        const available = pods.items.filter(
          (p) =>
            !p.metadata.deletionTimestamp &&
            (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True"),
        ).length;
        const s = pdb.status ?? {};
        w.samples++;
        w.lowestAvailable = Math.min(w.lowestAvailable, available);
        w.lowestAllowed = Math.min(w.lowestAllowed, s.disruptionsAllowed ?? 0);
        if (available < minAvailable) w.violated.push(`${new Date().toISOString()}: ${available} available`);
        if ((s.currentHealthy ?? 0) < (s.desiredHealthy ?? 0))
          w.violated.push(
            `${new Date().toISOString()}: budget healthy ${s.currentHealthy} < desired ${s.desiredHealthy}`,
          );
      } catch {
        // The API server restarting: nothing to sample.
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return w;
}

/**
 * The version a component reports about itself on its secure port
 * (kube-controller-manager 10257, kube-scheduler 10259, the kubelet 10250):
 * `kubernetes_build_info` in its /metrics (they serve no /version), asked
 * with the admin's client certificate. Their serving certificates are
 * self-signed, so the peer is not verified: the harness's own addresses only.
 */
export async function componentVersion(host: string, port: number): Promise<string> {
  const cfg = YAML.parse(fs.readFileSync(ADMIN_KUBECONFIG, "utf8")) as {
    users: { user: { "client-certificate-data": string; "client-key-data": string } }[];
  };
  const user = cfg.users[0]?.user;
  if (!user) throw new Error(`no user in ${ADMIN_KUBECONFIG}`);
  const body = await new Promise<string>((resolve, reject) => {
    const req = https.get(
      {
        host,
        port,
        path: "/metrics",
        cert: Buffer.from(user["client-certificate-data"], "base64"),
        key: Buffer.from(user["client-key-data"], "base64"),
        rejectUnauthorized: false,
        timeout: 10_000,
      },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () =>
          res.statusCode === 200
            ? resolve(text)
            : reject(new Error(`${host}:${port}/metrics: ${res.statusCode} ${text.slice(0, 200)}`)),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${host}:${port}/metrics timed out`)));
    req.on("error", reject);
  });
  const m = /^kubernetes_build_info\{[^}]*git_version="([^"]+)"/m.exec(body);
  if (!m) throw new Error(`${host}:${port}/metrics has no kubernetes_build_info`);
  return m[1] as string;
}

/** Both releases' kubelet, kubeadm and kubectl, for the package repository. */
export async function nodeReleases(logger: Logger): Promise<Release[]> {
  const out: Release[] = [];
  for (const version of [PREVIOUS_KUBERNETES_VERSION, KUBERNETES_VERSION]) {
    const b = await nodeBinaries(version, logger);
    out.push({ version, binaries: { kubeadm: b.kubeadm, kubelet: b.kubelet, kubectl: b.kubectl } });
  }
  return out;
}

/** kubeadm's flags this machine needs (test/harness/real-node: no CoreDNS, no kube-proxy, our own etcd image). */
export const REAL_NODE_KUBEADM_FLAGS = [
  "--ignore-preflight-errors=CoreDNSUnsupportedPlugins,CoreDNSMigration,SystemVerification",
  "--etcd-upgrade=false",
  "--skip-phases=addon/coredns,addon/kube-proxy",
].join(" ");

/** The upgrade-node flags every real-node proof uses, the executor's aside. */
export function upgradeFlags(packageRepository: string): string[] {
  return [
    "upgrade-node",
    NODE_NAME,
    "--kubeconfig-path",
    ADMIN_KUBECONFIG,
    "--target-version",
    KUBERNETES_VERSION,
    "--package-repository",
    packageRepository,
    // One argument: its value starts with "--".
    `--kubeadm-upgrade-flags=${REAL_NODE_KUBEADM_FLAGS}`,
    // A single control-plane node, a bare pod and an emptyDir pod among the workloads.
    "--allow-draining-last-control-plane",
    "--force",
    "--delete-emptydir-data",
    "--timeout",
    "5m",
    "--upgrade-timeout",
    "20m",
    "--gate-timeout",
    "10m",
    "--lock-holder",
    "real-node-test",
  ];
}
