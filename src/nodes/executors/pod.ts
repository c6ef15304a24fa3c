/**
 * The `pod` executor: a privileged pod pinned to the node (nodeName, every
 * taint tolerated) that enters the host's namespaces and starts the script
 * detached from the pod (a transient systemd unit, or without systemd a
 * process group outside the pod's cgroups), so neither the kubelet restarting
 * nor the pod being killed can stop the upgrade half-way. kubekeep polls the
 * pod through the API until it ends; a pod that died without the script's
 * exit status is replaced by one that re-attaches to the same run.
 */
import { isApiError, readText, type KubeClient } from "../../cluster/client.ts";
import { OperationalError } from "../../core/errors.ts";
import { formatDuration } from "../../core/units.ts";
import type { Pod } from "../types.ts";
import { atStep, upgradeEnv, type Executor, type UpgradeTarget } from "./executor.ts";
import { sleep } from "../../core/sleep.ts";
import { DEFAULT_KILL_GRACE_MS } from "../../core/process.ts";
import podWrapperTemplate from "./pod-wrapper.sh.ts";

export interface PodExecutorConfig {
  namespace: string;
  image: string;
  script: string;
  timeoutMs: number;
  /** The default script's settings (KUBEKEEP_PACKAGE_REPOSITORY, ...). */
  env?: Record<string, string>;
  /** Poll interval in milliseconds. */
  pollMs?: number;
}

/** How many times a pod that died under a running script is replaced by one that re-attaches. */
export const MAX_REATTACH = 5;

/**
 * The run's id on the node: the target version, so a re-run of the same
 * upgrade (the runner died) finds a script still running and attaches to it.
 */
export function runId(target: UpgradeTarget): string {
  return `upgrade-${target.version}`.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** The script's exit status from the wrapper's last line, if the pod lived to print it. */
export function exitFromLog(log: string): number | undefined {
  const m = new RegExp(`^${EXIT_MARKER} \\S+ exit (\\d+)$`, "m").exec(
    log
      .split("\n")
      .filter((l) => l.startsWith(EXIT_MARKER))
      .pop() ?? "",
  );
  return m ? Number(m[1]) : undefined;
}

export const EXECUTOR_LABEL = "kubekeep.dev/executor";

/** Where the detached script keeps its files on a host without systemd: <dir>/<run id>/{script,log,pid,start,exit}. */
export const RUN_DIR = "/var/lib/kubekeep/upgrade";
/** The wrapper's last line: the script's exit status, as the pod saw it on the node. */
export const EXIT_MARKER = "kubekeep-run:";

/**
 * The pod's command: the shell in pod-wrapper.sh (how it runs the script on
 * the node, with or without systemd, is explained there), its `@VALUE@`
 * placeholders filled in.
 */
export const POD_WRAPPER = fillIn(podWrapperTemplate, {
  KILL_GRACE_SECONDS: String(Math.ceil(DEFAULT_KILL_GRACE_MS / 1000)),
  EXIT_MARKER,
  RUN_DIR,
});

function fillIn(template: string, values: Record<string, string>): string {
  const text = template.replace(/@([A-Z_]+)@/g, (m, name: string) => values[name] ?? m);
  const left = /@[A-Z_]+@/.exec(text);
  if (left) throw new Error(`pod-wrapper.sh: no value for ${left[0]}`);
  return text;
}

/**
 * Kubernetes expands `$(NAME)` in a container's command and env values (the
 * names of its env) and turns `$$` into `$`, so a shell's `$$` or a script's
 * `$(KUBEKEEP_NODE)` would reach the node changed. Doubling every `$` makes
 * that expansion give back the text as written.
 */
export function escapeForKubernetes(text: string): string {
  return text.replaceAll("$", () => "$$");
}

export function executorPod(
  target: UpgradeTarget,
  config: PodExecutorConfig,
  mode: "start" | "attach" = "start",
): Record<string, unknown> {
  const limit = Math.max(1, Math.ceil(config.timeoutMs / 1000));
  const env = {
    ...config.env,
    ...upgradeEnv(target),
    KUBEKEEP_SCRIPT: config.script,
    KUBEKEEP_TIMEOUT_SECONDS: String(limit),
    KUBEKEEP_RUN_ID: runId(target),
    KUBEKEEP_RUN_MODE: mode,
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
      // The script's environment is KUBEKEEP_* alone, not the services of the namespace.
      enableServiceLinks: false,
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
            "--cgroup",
            "--",
            "/bin/sh",
            "-c",
            escapeForKubernetes(POD_WRAPPER),
          ],
          env: Object.entries(env).map(([name, value]) => ({ name, value: escapeForKubernetes(value) })),
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

/**
 * The script's status from an ended pod: the wrapper's marker when it printed
 * one (the detached run); else the container's own status (the systemd path,
 * where the wrapper waits for the unit), unless the container was killed
 * (SIGKILL/SIGTERM: 137/143, or no status at all): the pod died, not the script.
 */
export function scriptExit(
  phase: string,
  containerExit: number | undefined,
  logs: string,
): number | undefined {
  const marked = exitFromLog(logs);
  if (marked !== undefined) return marked;
  if (phase === "Succeeded") return 0;
  if (containerExit === undefined || containerExit === 137 || containerExit === 143) return undefined;
  return containerExit;
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
    const deadline = Date.now() + this.config.timeoutMs;
    let mode: "start" | "attach" = "start";
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.follow(target, mode, deadline, log, signal);
      if (outcome.exitCode === 0) return;
      if (outcome.exitCode !== undefined) {
        throw new OperationalError(
          `upgrade pod ${outcome.pod} on ${target.node} failed${atStep(outcome.logs)} (exit code ${outcome.exitCode}${outcome.reason ? `, ${outcome.reason}` : ""}${outcome.exitCode === 124 || outcome.exitCode === 137 ? "; ended at upgrade-timeout?" : ""})${outcome.tail ? `: ${outcome.tail}` : ""}`,
        );
      }
      // The pod ended without the script's status: it was killed or replaced, not the script.
      if (attempt >= MAX_REATTACH)
        throw new OperationalError(
          `upgrade pod on ${target.node} died ${attempt + 1} times before the script finished (last: ${outcome.pod}, ${outcome.why}); the script may still be running on the node: see ${RUN_DIR}/${runId(target)}/log there before re-running`,
        );
      log(
        `[${target.node}] upgrade pod ${outcome.pod} ended without the script's status (${outcome.why}); re-attaching to run ${runId(target)}`,
      );
      mode = "attach";
    }
  }

  /** One pod, from its creation to its end: the script's exit status when it printed one. */
  private async follow(
    target: UpgradeTarget,
    mode: "start" | "attach",
    deadline: number,
    log: (line: string) => void,
    signal?: AbortSignal,
  ): Promise<{ pod: string; exitCode?: number; reason?: string; why: string; tail: string; logs: string }> {
    const ns = this.config.namespace;
    const created = await this.client.post<Pod>(
      `/api/v1/namespaces/${ns}/pods`,
      executorPod(target, this.config, mode),
    );
    const name = created.metadata.name;
    const path = `/api/v1/namespaces/${ns}/pods/${name}`;
    log(`[${target.node}] upgrade pod ${ns}/${name} started${mode === "attach" ? " (re-attaching)" : ""}`);
    let phase = "";
    let pod: ExecutorPod = created;
    try {
      while (phase !== "Succeeded" && phase !== "Failed") {
        if (Date.now() > deadline) {
          throw new OperationalError(
            `upgrade pod ${ns}/${name} on ${target.node} did not finish within ${formatDuration(this.config.timeoutMs)} (phase ${phase || "unknown"}); the node ends the script at the same deadline: check the node (${RUN_DIR}/${runId(target)}/log, or journalctl -u 'kubekeep-upgrade-*' with systemd) before re-running`,
          );
        }
        if (signal?.aborted) throw new OperationalError(`upgrade of ${target.node} cancelled`);
        await sleep(this.config.pollMs ?? 2000, signal);
        try {
          pod = await this.client.get<ExecutorPod>(path);
        } catch (err) {
          if (isApiError(err, 404))
            return { pod: `${ns}/${name}`, why: "the pod disappeared", tail: "", logs: "" };
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
      const term = pod.status?.containerStatuses?.[0]?.state?.terminated;
      const exitCode = scriptExit(phase, term?.exitCode, logs);
      const tail = logs
        .trim()
        .split("\n")
        .filter((l) => !l.startsWith(EXIT_MARKER))
        .slice(-3)
        .join(" / ");
      return {
        pod: `${ns}/${name}`,
        ...(exitCode !== undefined ? { exitCode } : {}),
        ...(term?.reason && exitCode === term.exitCode ? { reason: term.reason } : {}),
        logs,
        why: `phase ${phase}, container exit code ${term?.exitCode ?? "?"}${term?.reason ? ` (${term.reason})` : ""}`,
        tail,
      };
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
