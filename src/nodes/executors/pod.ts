/**
 * The `pod` executor: a privileged pod pinned to the node (nodeName, every
 * taint tolerated) that enters the host's namespaces and starts the script as
 * a transient systemd unit, so a kubelet or runtime restart during the
 * upgrade cannot kill it. kubekeep polls the pod through the API until it
 * succeeds or fails, then deletes it.
 */
import { isApiError, readText, type KubeClient } from "../../cluster/client.ts";
import { OperationalError } from "../../core/errors.ts";
import { formatDuration } from "../../core/units.ts";
import type { Pod } from "../types.ts";
import { upgradeEnv, type Executor, type UpgradeTarget } from "./executor.ts";
import { sleep } from "../../core/sleep.ts";
import { DEFAULT_KILL_GRACE_MS } from "../../core/process.ts";

export interface PodExecutorConfig {
  namespace: string;
  image: string;
  script: string;
  timeoutMs: number;
  /** Poll interval in milliseconds. */
  pollMs?: number;
}

export const EXECUTOR_LABEL = "kubekeep.dev/executor";

/**
 * Inside the host's namespaces: run the script as a transient unit and wait
 * for it (its output piped back to the pod's log); without systemd, detach
 * it into its own session. Either way the node enforces upgrade-timeout
 * itself, on every process the script started: systemd stops the unit at
 * RuntimeMaxSec (SIGTERM to its cgroup, SIGKILL after TimeoutStopSec), and
 * coreutils' timeout ends its process group (SIGTERM, SIGKILL after -k).
 */
export const POD_WRAPPER = `set -eu
unit="kubekeep-upgrade-$(date +%s)"
limit="\${KUBEKEEP_TIMEOUT_SECONDS:-1800}"
envs=""
for v in $(env | sed -n 's/^\\(KUBEKEEP_[A-Z_]*\\)=.*/\\1/p'); do [ "$v" = KUBEKEEP_SCRIPT ] || envs="$envs -E $v"; done
if command -v systemd-run >/dev/null 2>&1; then
  exec systemd-run --unit="$unit" --collect --wait --pipe --quiet \\
    --property=RuntimeMaxSec="\${limit}s" --property=TimeoutStopSec=${Math.ceil(DEFAULT_KILL_GRACE_MS / 1000)}s \\
    $envs /bin/bash -c "$KUBEKEEP_SCRIPT"
fi
exec setsid timeout -k ${Math.ceil(DEFAULT_KILL_GRACE_MS / 1000)}s "\${limit}s" /bin/bash -c "$KUBEKEEP_SCRIPT"`;

export function executorPod(target: UpgradeTarget, config: PodExecutorConfig): Record<string, unknown> {
  const limit = Math.max(1, Math.ceil(config.timeoutMs / 1000));
  const env = {
    ...upgradeEnv(target),
    KUBEKEEP_SCRIPT: config.script,
    KUBEKEEP_TIMEOUT_SECONDS: String(limit),
  };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `kubekeep-upgrade-${target.node}-`.slice(0, 58),
      namespace: config.namespace,
      labels: {
        "app.kubernetes.io/managed-by": "kubekeep",
        [EXECUTOR_LABEL]: "upgrade",
        "kubekeep.dev/node": target.node.slice(0, 63),
      },
    },
    spec: {
      nodeName: target.node,
      restartPolicy: "Never",
      // The kubelet's own bound on the pod, a little after the script's.
      activeDeadlineSeconds: limit + 60,
      hostPID: true,
      hostNetwork: true,
      hostIPC: true,
      priorityClassName: "system-node-critical",
      tolerations: [{ operator: "Exists" }],
      terminationGracePeriodSeconds: 5,
      containers: [
        {
          name: "upgrade",
          image: config.image,
          securityContext: { privileged: true },
          command: [
            "nsenter",
            "--target",
            "1",
            "--mount",
            "--uts",
            "--ipc",
            "--net",
            "--pid",
            "--",
            "/bin/sh",
            "-c",
            POD_WRAPPER,
          ],
          env: Object.entries(env).map(([name, value]) => ({ name, value })),
        },
      ],
    },
  };
}

interface ExecutorPod extends Pod {
  status?: Pod["status"] & {
    containerStatuses?: {
      state?: { terminated?: { exitCode?: number; reason?: string; message?: string } };
    }[];
  };
}

export class PodExecutor implements Executor {
  readonly kind = "pod";
  private readonly client: KubeClient;
  private readonly config: PodExecutorConfig;

  constructor(client: KubeClient, config: PodExecutorConfig) {
    this.client = client;
    this.config = config;
  }

  async upgrade(target: UpgradeTarget, log: (line: string) => void, signal?: AbortSignal): Promise<void> {
    const ns = this.config.namespace;
    const created = await this.client.post<Pod>(
      `/api/v1/namespaces/${ns}/pods`,
      executorPod(target, this.config),
    );
    const name = created.metadata.name;
    const path = `/api/v1/namespaces/${ns}/pods/${name}`;
    log(`[${target.node}] upgrade pod ${ns}/${name} started`);
    const deadline = Date.now() + this.config.timeoutMs;
    let phase = "";
    let pod: ExecutorPod = created;
    try {
      while (phase !== "Succeeded" && phase !== "Failed") {
        if (Date.now() > deadline) {
          throw new OperationalError(
            `upgrade pod ${ns}/${name} on ${target.node} did not finish within ${formatDuration(this.config.timeoutMs)} (phase ${phase || "unknown"}); the node ends the script at the same deadline: check the node (journalctl -u 'kubekeep-upgrade-*') before re-running`,
          );
        }
        if (signal?.aborted) throw new OperationalError(`upgrade of ${target.node} cancelled`);
        await sleep(this.config.pollMs ?? 2000, signal);
        try {
          pod = await this.client.get<ExecutorPod>(path);
        } catch (err) {
          if (isApiError(err, 404))
            throw new OperationalError(`upgrade pod ${ns}/${name} disappeared before it finished`);
          // The API server may be restarting (control-plane upgrade): keep polling.
          log(`[${target.node}] polling ${name}: ${String(err)}`);
          continue;
        }
        const next = pod.status?.phase ?? "";
        if (next !== phase) log(`[${target.node}] upgrade pod ${name}: ${next}`);
        phase = next;
      }
      const logs = await this.logs(path);
      for (const l of logs.split("\n").filter(Boolean)) log(`[${target.node}] ${l}`);
      if (phase === "Failed") {
        const term = pod.status?.containerStatuses?.[0]?.state?.terminated;
        throw new OperationalError(
          `upgrade pod ${ns}/${name} on ${target.node} failed (exit code ${term?.exitCode ?? "?"}${term?.reason ? `, ${term.reason}` : ""})${logs ? `: ${logs.trim().split("\n").slice(-3).join(" / ")}` : ""}`,
        );
      }
    } finally {
      await this.client.delete(path).catch(() => {});
    }
  }

  private async logs(path: string): Promise<string> {
    try {
      const res = await this.client.open("GET", `${path}/log`, {
        query: { tailLines: 200 },
        timeoutMs: 10_000,
      });
      const text = await readText(res);
      return res.statusCode === 200 ? text : "";
    } catch {
      return "";
    }
  }
}
