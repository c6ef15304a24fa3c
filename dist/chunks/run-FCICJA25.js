import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  blockerSummary,
  checkDrainable,
  drainAll,
  terminationSignal
} from "./chunk-DLYHBSU2.js";
import {
  waitForGates
} from "./chunk-KNTTGA2E.js";
import "./chunk-22GEO3ZJ.js";
import {
  uncordon
} from "./chunk-QI6TILGO.js";
import "./chunk-MUG56ED2.js";
import {
  effectivePhase,
  phaseAtLeast,
  readProgress,
  writeProgress
} from "./chunk-FM22E3NN.js";
import {
  MaintenanceLock
} from "./chunk-MA6IPA7Y.js";
import {
  ACCEPT_NEW_WARNING,
  maskExecutor
} from "./chunk-MMPS3OD7.js";
import {
  checkNodeUpgradeSkew,
  compareVersions,
  minorOf,
  parseVersion
} from "./chunk-2HG6AMBK.js";
import {
  SshExecutor,
  atStep,
  upgradeEnv
} from "./chunk-I54P7HKH.js";
import {
  DEFAULT_KILL_GRACE_MS,
  describeEnd,
  lastLines,
  runShell
} from "./chunk-2BN52FYM.js";
import {
  MIRROR_ANNOTATION,
  isControlPlane,
  isNodeReady,
  isPodReady,
  kubeletVersion,
  nodePath,
  podKey
} from "./chunk-TY2O5Y2Q.js";
import "./chunk-PCGCJCUD.js";
import "./chunk-FK3ILC2B.js";
import "./chunk-MEXL324I.js";
import {
  withCluster
} from "./chunk-AQEUWNRQ.js";
import "./chunk-OB3FCZHL.js";
import {
  isApiError,
  readText
} from "./chunk-GSHV4ADS.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-XIQOQISJ.js";
import {
  sleep
} from "./chunk-UU4DZNBE.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-KNDO3OP3.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  CapabilityFailure
} from "./chunk-HRVOOZEE.js";
import "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import {
  formatDuration
} from "./chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  OperationalError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/nodes/executors/command.ts
var CommandExecutor = class {
  kind = "command";
  command;
  timeoutMs;
  env;
  constructor(command, timeoutMs, env = {}) {
    this.command = command;
    this.timeoutMs = timeoutMs;
    this.env = env;
  }
  async upgrade(target, log, signal) {
    const res = await runShell(this.command, {
      // The user's command: what it would see in a run: step, plus the upgrade's variables.
      inherit: "user",
      env: { ...this.env, ...upgradeEnv(target) },
      timeoutMs: this.timeoutMs,
      onLine: (l) => log(`[${target.node}] ${l}`),
      ...signal ? { signal } : {}
    });
    if (res.code !== 0 || res.timedOut || res.aborted) {
      throw new OperationalError(
        `upgrade command for ${target.node}${atStep(res.output)} ${describeEnd(res, this.timeoutMs)}: ${lastLines(res.output, 5)} (check the command's output above; upgrade-timeout bounds it)`
      );
    }
  }
};

// src/nodes/executors/pod-wrapper.sh
var pod_wrapper_default = `# shellcheck shell=sh
# The upgrade pod's command (nodes/executors/pod.ts): runs KUBEKEEP_SCRIPT
# inside the host's namespaces, in one of two ways; either way the node
# enforces upgrade-timeout itself on every process the script started.
#
# With systemd (PID 1, /run/systemd/system): the script runs as a transient
# unit and the wrapper waits for it, its output piped back to the pod's log;
# systemd stops the unit at RuntimeMaxSec (SIGTERM to its cgroup, SIGKILL
# after TimeoutStopSec). A systemd-run binary on a host without systemd is
# not enough, so the check is on the runtime directory.
#
# Without systemd the script must not live in the pod: the kubelet kills a
# container's whole cgroup when it stops it (a container hash change across
# kubelet versions, the pod deleted), and the upgrade restarts the kubelet.
# So the wrapper starts it in its own session, moved to the root cgroup of
# every hierarchy (cgroup v1 and v2), under coreutils' timeout (which ends
# its whole process group, SIGTERM then SIGKILL after -k), with its output
# and exit status in RUN_DIR/<run id>/ on the host. The pod only follows that
# log and exits with the script's status after a marker line. A pod started
# with KUBEKEEP_RUN_MODE=attach (kubekeep replacing a pod that died) never
# starts the script: it follows the run, or reports it finished; a start
# that finds the same run still alive (a re-run after the runner died)
# attaches to it instead of starting a second upgrade.
#
# Capitalised words between at signs stand for values pod.ts fills in. Kubernetes
# expands $(NAME) and $$ in a command: pod.ts escapes the whole text.
set -eu
export PATH="\${PATH:+$PATH:}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
limit="\${KUBEKEEP_TIMEOUT_SECONDS:-1800}"
grace=@KILL_GRACE_SECONDS@
id="\${KUBEKEEP_RUN_ID:-manual}"
mode="\${KUBEKEEP_RUN_MODE:-start}"
# systemd's own test (sd_booted). KUBEKEEP_SYSTEMD_RUNTIME_DIR, _RUN_DIR and
# _CGROUP_ROOT exist for the unit tests, which must not move processes on the test machine.
if [ -d "\${KUBEKEEP_SYSTEMD_RUNTIME_DIR:-/run/systemd/system}" ] && command -v systemd-run >/dev/null 2>&1; then
  if [ "$mode" = attach ]; then
    echo "kubekeep: the pod following upgrade run $id was replaced; a systemd unit cannot be re-attached: check journalctl -u 'kubekeep-upgrade-*' on the node" >&2
    echo "@EXIT_MARKER@ $id exit 255"
    exit 255
  fi
  unit="kubekeep-upgrade-$(date +%s)"
  envs=""
  for v in $(env | sed -n 's/^\\(KUBEKEEP_[A-Z_]*\\)=.*/\\1/p'); do [ "$v" = KUBEKEEP_SCRIPT ] || envs="$envs -E $v"; done
  # $envs is split on purpose: one "-E NAME" pair per variable (names only, no spaces).
  # shellcheck disable=SC2086
  exec systemd-run --unit="$unit" --collect --wait --pipe --quiet \\
    --property=RuntimeMaxSec="\${limit}s" --property=TimeoutStopSec="\${grace}s" \\
    $envs /bin/bash -c "$KUBEKEEP_SCRIPT"
fi
dir="\${KUBEKEEP_RUN_DIR:-@RUN_DIR@}/$id"
# Running: no exit status yet, and the recorded pid is still the run's (same start time, not a zombie).
alive() {
  [ ! -f "$dir/exit" ] && [ -f "$dir/pid" ] && [ -f "$dir/start" ] || return 1
  stat=$(cat "/proc/$(cat "$dir/pid")/stat" 2>/dev/null) || return 1
  [ "$(echo "$stat" | cut -d' ' -f3)" != Z ] && [ "$(echo "$stat" | cut -d' ' -f22)" = "$(cat "$dir/start")" ]
}
if alive; then
  echo "kubekeep: attaching to upgrade run $id, already running on this node (pid $(cat "$dir/pid")); not starting another"
elif [ "$mode" = attach ]; then
  if [ ! -f "$dir/exit" ]; then
    echo "kubekeep: upgrade run $id is not running on this node and left no exit status (was the node rebooted?); see $dir/log" >&2
    echo "@EXIT_MARKER@ $id exit 255"
    exit 255
  fi
else
  # A finished (or dead) earlier run of the same id keeps its files beside the new one.
  [ ! -e "$dir" ] || mv "$dir" "$dir.$(date +%s)"
  mkdir -p "$dir"
  printf '%s\\n' "$KUBEKEEP_SCRIPT" > "$dir/script"
  : > "$dir/log"
  # The inner script's $ expand in the new shell, from its arguments: single quotes on purpose.
  # shellcheck disable=SC2016
  setsid sh -c '
    d="$1"
    for f in "$4"/cgroup.procs "$4"/*/cgroup.procs; do
      [ -f "$f" ] || continue
      msg=$( { echo $$ > "$f"; } 2>&1 ) || echo "kubekeep: could not leave the pod cgroup of $f: $msg" >> "$d/log"
    done
    cut -d" " -f22 /proc/$$/stat > "$d/start"
    echo $$ > "$d/pid"
    rc=0
    timeout -k "$2" "$3" bash "$d/script" >> "$d/log" 2>&1 < /dev/null || rc=$?
    echo "$rc" > "$d/exit.tmp" && mv "$d/exit.tmp" "$d/exit"
  ' kubekeep-upgrade "$dir" "\${grace}s" "\${limit}s" "\${KUBEKEEP_CGROUP_ROOT:-/sys/fs/cgroup}" < /dev/null > /dev/null 2>&1 &
  echo "kubekeep: started upgrade run $id detached from the pod; output in $dir/log"
fi
# Follow the log until the exit status is there (written after the log is closed).
off=0
waited=0
while :; do
  fin=0
  [ ! -f "$dir/exit" ] || fin=1
  size=$(stat -c %s "$dir/log" 2>/dev/null || echo 0)
  if [ "$size" -gt "$off" ]; then
    tail -c +"$((off + 1))" "$dir/log" | head -c "$((size - off))"
    off=$size
  fi
  if [ "$fin" = 1 ]; then
    rc=$(cat "$dir/exit")
    echo "@EXIT_MARKER@ $id exit $rc"
    exit "$rc"
  fi
  if ! alive; then
    waited=$((waited + 1))
    # Time for a new run to write its pid, or a finished one its status.
    if [ "$waited" -gt 15 ]; then
      echo "kubekeep: upgrade run $id ended without an exit status; see $dir/log" >&2
      echo "@EXIT_MARKER@ $id exit 255"
      exit 255
    fi
  fi
  sleep 1
done
`;

// src/nodes/executors/pod.ts
var MAX_REATTACH = 5;
function runId(target) {
  return `upgrade-${target.version}`.replace(/[^A-Za-z0-9._-]/g, "_");
}
function exitFromLog(log) {
  const m = new RegExp(`^${EXIT_MARKER} \\S+ exit (\\d+)$`, "m").exec(
    log.split("\n").filter((l) => l.startsWith(EXIT_MARKER)).pop() ?? ""
  );
  return m ? Number(m[1]) : void 0;
}
var EXECUTOR_LABEL = "kubekeep.dev/executor";
var RUN_DIR = "/var/lib/kubekeep/upgrade";
var EXIT_MARKER = "kubekeep-run:";
var POD_WRAPPER = fillIn(pod_wrapper_default, {
  KILL_GRACE_SECONDS: String(Math.ceil(DEFAULT_KILL_GRACE_MS / 1e3)),
  EXIT_MARKER,
  RUN_DIR
});
function fillIn(template, values) {
  const text = template.replace(/@([A-Z_]+)@/g, (m, name) => values[name] ?? m);
  const left = /@[A-Z_]+@/.exec(text);
  if (left) throw new Error(`pod-wrapper.sh: no value for ${left[0]}`);
  return text;
}
function escapeForKubernetes(text) {
  return text.replaceAll("$", () => "$$");
}
function executorPod(target, config, mode = "start") {
  const limit = Math.max(1, Math.ceil(config.timeoutMs / 1e3));
  const env = {
    ...config.env,
    ...upgradeEnv(target),
    KUBEKEEP_SCRIPT: config.script,
    KUBEKEEP_TIMEOUT_SECONDS: String(limit),
    KUBEKEEP_RUN_ID: runId(target),
    KUBEKEEP_RUN_MODE: mode
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
        "kubekeep.dev/node": target.node.slice(0, 63)
      }
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
            escapeForKubernetes(POD_WRAPPER)
          ],
          env: Object.entries(env).map(([name, value]) => ({ name, value: escapeForKubernetes(value) }))
        }
      ]
    }
  };
}
function scriptExit(phase, containerExit, logs) {
  const marked = exitFromLog(logs);
  if (marked !== void 0) return marked;
  if (phase === "Succeeded") return 0;
  if (containerExit === void 0 || containerExit === 137 || containerExit === 143) return void 0;
  return containerExit;
}
var PodExecutor = class {
  kind = "pod";
  client;
  config;
  constructor(client, config) {
    this.client = client;
    this.config = config;
  }
  async upgrade(target, log, signal) {
    const deadline = Date.now() + this.config.timeoutMs;
    let mode = "start";
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.follow(target, mode, deadline, log, signal);
      if (outcome.exitCode === 0) return;
      if (outcome.exitCode !== void 0) {
        throw new OperationalError(
          `upgrade pod ${outcome.pod} on ${target.node} failed${atStep(outcome.logs)} (exit code ${outcome.exitCode}${outcome.reason ? `, ${outcome.reason}` : ""}${outcome.exitCode === 124 || outcome.exitCode === 137 ? "; ended at upgrade-timeout?" : ""})${outcome.tail ? `: ${outcome.tail}` : ""}`
        );
      }
      if (attempt >= MAX_REATTACH)
        throw new OperationalError(
          `upgrade pod on ${target.node} died ${attempt + 1} times before the script finished (last: ${outcome.pod}, ${outcome.why}); the script may still be running on the node: see ${RUN_DIR}/${runId(target)}/log there before re-running`
        );
      log(
        `[${target.node}] upgrade pod ${outcome.pod} ended without the script's status (${outcome.why}); re-attaching to run ${runId(target)}`
      );
      mode = "attach";
    }
  }
  /** One pod, from its creation to its end: the script's exit status when it printed one. */
  async follow(target, mode, deadline, log, signal) {
    const ns = this.config.namespace;
    const created = await this.client.post(
      `/api/v1/namespaces/${ns}/pods`,
      executorPod(target, this.config, mode)
    );
    const name = created.metadata.name;
    const path = `/api/v1/namespaces/${ns}/pods/${name}`;
    log(`[${target.node}] upgrade pod ${ns}/${name} started${mode === "attach" ? " (re-attaching)" : ""}`);
    let phase = "";
    let pod = created;
    try {
      while (phase !== "Succeeded" && phase !== "Failed") {
        if (Date.now() > deadline) {
          throw new OperationalError(
            `upgrade pod ${ns}/${name} on ${target.node} did not finish within ${formatDuration(this.config.timeoutMs)} (phase ${phase || "unknown"}); the node ends the script at the same deadline: check the node (${RUN_DIR}/${runId(target)}/log, or journalctl -u 'kubekeep-upgrade-*' with systemd) before re-running`
          );
        }
        if (signal?.aborted) throw new OperationalError(`upgrade of ${target.node} cancelled`);
        await sleep(this.config.pollMs ?? 2e3, signal);
        try {
          pod = await this.client.get(path);
        } catch (err) {
          if (isApiError(err, 404))
            return { pod: `${ns}/${name}`, why: "the pod disappeared", tail: "", logs: "" };
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
      const tail = logs.trim().split("\n").filter((l) => !l.startsWith(EXIT_MARKER)).slice(-3).join(" / ");
      return {
        pod: `${ns}/${name}`,
        ...exitCode !== void 0 ? { exitCode } : {},
        ...term?.reason && exitCode === term.exitCode ? { reason: term.reason } : {},
        logs,
        why: `phase ${phase}, container exit code ${term?.exitCode ?? "?"}${term?.reason ? ` (${term.reason})` : ""}`,
        tail
      };
    } finally {
      await this.client.delete(path).catch(() => {
      });
    }
  }
  async logs(path) {
    try {
      const res = await this.client.open("GET", `${path}/log`, {
        query: { tailLines: 200 },
        timeoutMs: 1e4
      });
      const text = await readText(res);
      return res.statusCode === 200 ? text : "";
    } catch {
      return "";
    }
  }
};

// src/nodes/executors/factory.ts
function makeExecutor(config, client) {
  switch (config.kind) {
    case "command":
      return new CommandExecutor(config.command, config.timeoutMs, config.env);
    case "ssh":
      return new SshExecutor(config);
    case "pod":
      return new PodExecutor(client, config);
    case "replace":
    // not an in-place upgrade: nodes/replace/ does it
    case "none":
      return void 0;
  }
}

// src/nodes/upgrade/preflight.ts
async function controlPlaneVersions(client) {
  const reported = (await client.serverVersion()).gitVersion;
  const v = parseVersion(reported);
  if (!v)
    throw new OperationalError(
      `the API server reports version ${JSON.stringify(reported)}, not a version like v1.35.1: check that the kubeconfig points at a Kubernetes API server`
    );
  const seen = [{ version: v, from: "the API server's /version" }];
  const pods = await client.get("/api/v1/namespaces/kube-system/pods", {
    labelSelector: "component=kube-apiserver"
  });
  for (const p of pods.items) {
    const image = p.spec?.containers?.[0]?.image ?? "";
    const tag = parseVersion(image.slice(image.lastIndexOf(":") + 1));
    if (tag) seen.push({ version: tag, from: `kube-apiserver on ${p.spec?.nodeName ?? p.metadata.name}` });
  }
  seen.sort((a, b) => compareVersions(a.version, b.version));
  const oldest = seen[0];
  const newest = seen[seen.length - 1];
  return { oldest: oldest.version, newest: newest.version, oldestFrom: oldest.from, newestFrom: newest.from };
}
var FAILURE_OVERRIDE_ANNOTATION = "kubekeep.dev/upgrade-failure-overridden";
function unresolvedFailures(nodes, target, batch) {
  const out = [];
  for (const n of nodes) {
    if (batch.includes(n.metadata.name)) continue;
    const p = readProgress(n);
    if (p?.target !== target || p.phase !== "failed") continue;
    let override;
    try {
      override = JSON.parse(n.metadata.annotations?.[FAILURE_OVERRIDE_ANNOTATION] ?? "null");
    } catch {
      override = void 0;
    }
    if (override?.target === target && override.failedAt === p.at) continue;
    out.push({ node: n.metadata.name, progress: p });
  }
  return out;
}
async function overrideFailures(client, failed, by) {
  for (const f of failed) {
    const override = {
      target: f.progress.target,
      failedAt: f.progress.at,
      by,
      at: (/* @__PURE__ */ new Date()).toISOString()
    };
    await client.mergePatch(`/api/v1/nodes/${encodeURIComponent(f.node)}`, {
      metadata: { annotations: { [FAILURE_OVERRIDE_ANNOTATION]: JSON.stringify(override) } }
    });
  }
}
async function readiness(client, all, targets, batch) {
  const down = all.filter((n) => !isNodeReady(n)).map((n) => n.metadata.name);
  const staticPodsNotReady = [];
  for (const t of targets) {
    const pods = await client.get("/api/v1/namespaces/kube-system/pods", {
      fieldSelector: `spec.nodeName=${t}`
    });
    for (const p of pods.items)
      if (MIRROR_ANNOTATION in (p.metadata.annotations ?? {}) && !isPodReady(p))
        staticPodsNotReady.push(podKey(p));
  }
  return {
    othersNotReady: down.filter((n) => !batch.includes(n)),
    targetsNotReady: down.filter((n) => targets.includes(n)),
    staticPodsNotReady
  };
}
function skewNode(n) {
  return { name: n.metadata.name, controlPlane: isControlPlane(n), kubeletVersion: kubeletVersion(n) };
}
function skewProblems(nodes, all, target, controlPlane, actionFor) {
  const allNodes = all.map(skewNode);
  return nodes.flatMap(
    (n) => checkNodeUpgradeSkew({ node: skewNode(n), target, kubeadmAction: actionFor(n), controlPlane, allNodes })
  );
}
async function checkBeforeDrain(run2, all, toDrain, skew) {
  const { target, logger } = run2;
  const problems = [];
  const failed = unresolvedFailures(all, target, run2.batch);
  if (failed.length && run2.ignoreEarlierFailures) {
    for (const f of failed)
      logger.warning(
        `${f.node} failed its upgrade to ${target} (${f.progress.detail ?? "no detail"}); going on past it as ignore-earlier-failures asks (recorded on ${f.node})`
      );
    await overrideFailures(run2.client, failed, run2.holder);
  } else if (failed.length) {
    problems.push(
      `${failed.map(
        (f) => `node ${f.node} failed its upgrade to ${target} at ${f.progress.at}${f.progress.detail ? ` (${f.progress.detail})` : ""}`
      ).join(
        "; "
      )}: a rollout stops at its first failure. Fix that node and re-run its upgrade (a success resolves it), or set ignore-earlier-failures: true to go on past it`
    );
  }
  problems.push(...skew);
  const ready = await readiness(run2.client, all, toDrain, run2.batch);
  for (const t of ready.targetsNotReady)
    problems.push(
      `node ${t} is not Ready: an upgrade could not be verified; bring its kubelet back first (kubectl describe node ${t})`
    );
  if (ready.staticPodsNotReady.length)
    problems.push(
      `static pods not Ready before the upgrade: ${ready.staticPodsNotReady.join(", ")}; the gates would wait for them afterwards: fix them first`
    );
  if (ready.othersNotReady.length && run2.allNodesReady)
    problems.push(
      `nodes not Ready: ${ready.othersNotReady.join(", ")}; require-all-nodes-ready asks for every node Ready before a drain: fix them, or set require-all-nodes-ready: false to go on (nodes already NotReady then do not fail the gates)`
    );
  else if (ready.othersNotReady.length)
    logger.warning(
      `nodes already not Ready before the drain: ${ready.othersNotReady.join(", ")}; they will not count against this upgrade's gates`
    );
  return { problems, othersNotReady: ready.othersNotReady };
}

// src/nodes/upgrade/phases.ts
function notReadyBefore(p) {
  const v = p.notReadyBefore;
  return Array.isArray(v) ? v.filter((x) => typeof x === "string") : void 0;
}
function atTarget(n, target) {
  const v = parseVersion(kubeletVersion(n));
  const t = parseVersion(target);
  return !!v && !!t && compareVersions(v, t) >= 0;
}
var NodeUpgrade = class {
  client;
  config;
  logger;
  signal;
  rows = /* @__PURE__ */ new Map();
  /** Nodes with work left for this target. */
  active = [];
  controlPlane;
  /** executor replace: the rotation, and the active nodes whose Node object is already gone. */
  rotation;
  gone = /* @__PURE__ */ new Set();
  /** `rotation`: executor replace's, from rotationFor(). */
  constructor(client, config, logger, signal, rotation) {
    this.client = client;
    this.config = config;
    this.logger = logger;
    this.signal = signal;
    this.rotation = rotation;
  }
  get holder() {
    return this.config.lock?.holder ?? "kubekeep";
  }
  async node(name) {
    return this.client.get(nodePath(name));
  }
  async allNodes() {
    return (await this.client.get("/api/v1/nodes")).items;
  }
  row(name) {
    return this.rows.get(name);
  }
  /** Writes the node's progress, carrying the drain's figures and the readiness baseline along. */
  async record(node, update) {
    const row = this.rows.get(node);
    const full = {
      target: this.config.target,
      by: this.holder,
      ...row?.evicted !== void 0 ? { evicted: row.evicted } : {},
      ...row?.drainMs !== void 0 ? { drainSeconds: Math.round(row.drainMs / 100) / 10 } : {},
      ...row?.notReadyBefore ? { notReadyBefore: row.notReadyBefore } : {},
      ...update
    };
    await writeProgress(this.client, node, full);
  }
  /** Records a node's failure in `step`: in its report line, and on the node, which then blocks the rollout. */
  async recordFailure(row, text, step, message, reached) {
    row.result = text;
    await this.record(row.node, {
      phase: "failed",
      ...reached ? { reached } : {},
      from: row.before,
      detail: `${step}: ${message}`.slice(0, 500)
    });
  }
  /**
   * The one way a phase runs on the active nodes, side by side: each must
   * have passed `phase.needs`; `prepare` returns the node's work, or nothing
   * when there is none left; a failure of the work is recorded on the node
   * (a cancellation is left to cancel()), a success as `phase.done`. Fails
   * with every node's error once all have finished.
   */
  async eachNode(phase, prepare) {
    const errors = [];
    await Promise.all(
      this.active.map(async (name) => {
        const p = await this.requirePhase(name, phase.needs, phase.step);
        const row = this.row(name);
        const work = await prepare(row, p);
        if (!work) return;
        try {
          await work();
        } catch (err) {
          errors.push(errorMessage(err));
          if (this.signal?.aborted) return;
          await this.recordFailure(row, phase.failedText, phase.step, errorMessage(err), phase.needs);
          return;
        }
        row.result = phase.doneText;
        await this.record(name, { phase: phase.done, from: row.before });
      })
    );
    if (errors.length) throw new OperationalError(errors.join("\n"));
  }
  /** Sorts the nodes into finished (skipped) and active, from their progress annotations. */
  async load() {
    this.controlPlane = await controlPlaneVersions(this.client);
    const all = new Map((await this.allNodes()).map((n) => [n.metadata.name, n]));
    const missing = this.config.nodes.filter((n) => !all.has(n));
    if (missing.length && this.rotation) {
      const gone = await this.rotation.gone(missing, [...all.keys()]);
      for (const r of gone.replaced) {
        this.rows.set(r.node, {
          node: r.node,
          role: "worker",
          before: "",
          after: "",
          replacement: r.replacement,
          result: `already replaced by ${r.replacement} (skipped)`
        });
        this.logger.info(`${r.node}: already replaced by ${r.replacement} for ${r.target}; skipping`);
      }
      for (const r of gone.resumed) {
        this.rows.set(r.node, {
          node: r.node,
          role: "worker",
          before: r.from,
          after: "",
          result: "",
          ...r.evicted !== void 0 ? { evicted: r.evicted } : {},
          ...r.drainSeconds !== void 0 ? { drainMs: r.drainSeconds * 1e3 } : {},
          ...r.notReadyBefore ? { notReadyBefore: r.notReadyBefore } : {}
        });
        this.active.push(r.node);
        this.gone.add(r.node);
        this.logger.info(
          `${r.node}: its Node is gone; resuming its replacement${r.replacement ? ` (${r.replacement})` : ""}: ${r.detail ?? r.state}`
        );
      }
    } else if (missing.length)
      throw new ConfigurationError(
        `input 'node': no such node ${missing.map((m) => JSON.stringify(m)).join(", ")}; the cluster has: ${[...all.keys()].join(", ")}`
      );
    for (const name of this.config.nodes) {
      if (!all.has(name)) continue;
      const n = all.get(name);
      const p = readProgress(n);
      const ours = p?.target === this.config.target ? p : void 0;
      const row = {
        node: name,
        role: isControlPlane(n) ? "control-plane" : "worker",
        before: ours?.from ?? kubeletVersion(n),
        after: kubeletVersion(n),
        result: "",
        // A resumed node's drain happened in an earlier step or run: its figures were recorded.
        ...ours?.evicted !== void 0 ? { evicted: ours.evicted } : {},
        ...ours?.drainSeconds !== void 0 ? { drainMs: ours.drainSeconds * 1e3 } : {},
        ...ours && notReadyBefore(ours) ? { notReadyBefore: notReadyBefore(ours) } : {}
      };
      this.rows.set(name, row);
      if (ours?.phase === "done") {
        row.result = "already done (skipped)";
        this.logger.info(
          `${name}: already upgraded to ${this.config.target} by ${ours.by ?? "kubekeep"}; skipping`
        );
      } else if (!ours && atTarget(n, this.config.target)) {
        row.result = "already at target (skipped)";
        this.logger.info(
          `${name}: kubelet ${kubeletVersion(n)} is already at ${this.config.target}; skipping`
        );
        if (this.config.step !== "cancel")
          await this.record(name, { phase: "done", from: kubeletVersion(n) });
      } else {
        this.active.push(name);
        if (ours)
          this.logger.info(
            `${name}: resuming: last recorded phase ${ours.phase}${ours.detail ? ` (${ours.detail})` : ""}`
          );
      }
    }
  }
  /** Active nodes still to drain: a node resumed past its drain and still cordoned keeps its phase. */
  async nodesToDrain(quiet = false) {
    const toDrain = [];
    for (const name of this.present()) {
      const n = await this.node(name);
      const p = readProgress(n);
      if (p?.target === this.config.target && phaseAtLeast(p, "drained") && n.spec?.unschedulable) {
        if (!quiet) {
          this.logger.info(`${name}: already drained (phase ${effectivePhase(p)}); resuming from there`);
          this.row(name).result = "already drained";
        }
        continue;
      }
      toDrain.push(name);
    }
    return toDrain;
  }
  /** Active nodes whose Node object is there (a replaced one's may be gone). */
  present() {
    return this.active.filter((n) => !this.gone.has(n));
  }
  /** Active nodes the executor will run on (not upgraded to the target yet). */
  async nodesToUpgrade() {
    const out = [];
    for (const name of this.present()) {
      const n = await this.node(name);
      const p = readProgress(n);
      if (p?.target === this.config.target && phaseAtLeast(p, "upgraded") && atTarget(n, this.config.target))
        continue;
      out.push(n);
    }
    return out;
  }
  /** The skew policy's objections to upgrading `nodes` now. */
  skew(nodes, all) {
    const cp = this.controlPlane;
    return skewProblems(nodes, all, this.config.target, cp, (n) => this.actionFor(n));
  }
  /** The checks before the first cordon (preflight.ts): refuses while nothing has been changed. */
  async check() {
    if (!this.active.length) return;
    const all = await this.allNodes();
    const skew = this.skew(await this.nodesToUpgrade(), all);
    const toDrain = await this.nodesToDrain(true);
    const { problems, othersNotReady } = await checkBeforeDrain(
      {
        client: this.client,
        logger: this.logger,
        target: this.config.target,
        batch: this.config.nodes,
        holder: this.holder,
        ignoreEarlierFailures: this.config.ignoreEarlierFailures,
        allNodesReady: this.config.gates.allNodesReady
      },
      all,
      toDrain,
      skew
    );
    if (this.rotation) problems.push(...await this.replaceProblems(all));
    if (problems.length) {
      for (const name of this.active) this.row(name).result = "refused (nothing changed)";
      throw new OperationalError(
        `refusing to upgrade ${this.active.join(", ")} to ${this.config.target} (nothing was changed):
- ${problems.join("\n- ")}`
      );
    }
    for (const name of toDrain) this.row(name).notReadyBefore = othersNotReady;
  }
  /**
   * executor replace, before the first cordon: an unfinished replacement in
   * the pool stops the rollout (its old node may be gone, its failure on no
   * Node); control-plane nodes are not replaced.
   */
  async replaceProblems(all) {
    const problems = [];
    const open = await this.rotation.unfinished(this.config.nodes);
    const text = open.map((r) => `node ${r.node}'s replacement (${r.state}${r.detail ? `: ${r.detail.slice(0, 200)}` : ""})`).join("; ");
    if (open.length && this.config.ignoreEarlierFailures)
      this.logger.warning(`${text}: going on past it as ignore-earlier-failures asks`);
    else if (open.length)
      problems.push(
        `${text} is unfinished for ${this.config.target}: a rollout stops at its first failure. Re-run that node (its job) to finish it, or set ignore-earlier-failures: true to go on past it`
      );
    const cp = all.filter((n) => this.present().includes(n.metadata.name) && isControlPlane(n));
    if (cp.length)
      problems.push(
        `${cp.map((n) => n.metadata.name).join(", ")}: control-plane nodes are not replaced by executor replace (a control plane is replaced by its own controller, or upgraded in place with executor ssh, pod or command)`
      );
    return problems;
  }
  /** replace-surge, before the drain: each node's replacement up and Ready. */
  async surge() {
    const rotation = this.rotation;
    for (const name of await this.nodesToDrain(true)) {
      const row = this.row(name);
      const started = Date.now();
      row.replacement = await rotation.surge(await this.node(name), row.before, (l) => this.logger.info(l));
      this.logger.info(
        `${name}: replacement ${row.replacement} Ready in ${formatDuration(Date.now() - started)}, before the drain`
      );
    }
  }
  async drain() {
    if (!this.active.length) return;
    const toDrain = await this.nodesToDrain();
    if (!toDrain.length) return;
    await checkDrainable(this.client, toDrain, this.config.allowLastControlPlane);
    for (const name of toDrain) {
      const n = await this.node(name);
      const p = readProgress(n);
      await this.record(name, {
        phase: "draining",
        from: p?.target === this.config.target && p.from ? p.from : kubeletVersion(n)
      });
    }
    const outcomes = await drainAll(this.client, toDrain, this.config.drain, this.logger, this.signal);
    const failed = [];
    for (const o of outcomes) {
      const row = this.row(o.node);
      row.evicted = o.result?.evicted.length ?? 0;
      row.drainMs = o.result?.durationMs ?? 0;
      row.blockers = blockerSummary(o.result);
      if (o.error && this.signal?.aborted) {
        failed.push(o.error);
        row.result = "drain cancelled";
      } else if (o.error) {
        failed.push(o.error);
        await this.recordFailure(row, "drain FAILED", "drain", o.error);
      } else {
        row.result = "drained";
        await this.record(o.node, { phase: "drained", from: row.before });
      }
    }
    if (failed.length) throw new OperationalError(failed.join("\n"));
  }
  async requirePhase(name, needed, step) {
    const p = readProgress(await this.node(name));
    if (p?.target !== this.config.target || !phaseAtLeast(p, needed)) {
      throw new ConfigurationError(
        `node ${name}: cannot run the ${step} step: it has not passed "${needed}" for ${this.config.target} (recorded: ${p ? `${p.phase} for ${p.target}` : "nothing"}); run the steps in order`
      );
    }
    return p;
  }
  /** executor replace: the command, the old node leaving, the replacement Ready at the target. */
  async replace(rotation) {
    const errors = [];
    await Promise.all(
      this.active.map(async (name) => {
        const row = this.row(name);
        const present = !this.gone.has(name);
        if (present) {
          await this.requirePhase(name, "drained", "upgrade");
          await this.record(name, { phase: "upgrading", from: row.before, detail: "replace" });
        }
        const started = Date.now();
        try {
          row.replacement = await rotation.replace(
            name,
            row.before,
            {
              ...row.evicted !== void 0 ? { evicted: row.evicted } : {},
              ...row.drainMs !== void 0 ? { drainSeconds: Math.round(row.drainMs / 100) / 10 } : {},
              ...row.notReadyBefore ? { notReadyBefore: row.notReadyBefore } : {}
            },
            (l) => this.logger.info(l)
          );
          row.replaceMs = Date.now() - started;
          row.result = `replaced by ${row.replacement}`;
          this.logger.info(`${name}: replaced by ${row.replacement} in ${formatDuration(row.replaceMs)}`);
        } catch (err) {
          errors.push(errorMessage(err));
          if (this.signal?.aborted) return;
          row.result = "replace FAILED";
          if (rotation.has(name))
            await this.recordFailure(row, "replace FAILED", "replace", errorMessage(err), "drained").catch(
              () => {
              }
            );
        }
      })
    );
    if (errors.length) throw new OperationalError(errors.join("\n"));
  }
  async upgrade() {
    if (this.rotation) return this.replace(this.rotation);
    const executor = makeExecutor(this.config.executor, this.client);
    if (!executor)
      throw new ConfigurationError("input 'executor': the upgrade step needs one of command, ssh, pod");
    maskExecutor(this.config.executor, this.logger);
    if (this.config.executor.kind === "ssh" && this.config.executor.hostKeyPolicy === "accept-new")
      this.logger.warning(ACCEPT_NEW_WARNING);
    const skew = this.skew(await this.nodesToUpgrade(), await this.allNodes());
    if (skew.length)
      throw new OperationalError(
        `refusing to run the upgrade of ${this.active.join(", ")} to ${this.config.target}:
- ${skew.join("\n- ")}`
      );
    const phase = {
      step: "upgrade",
      needs: "drained",
      done: "upgraded",
      doneText: "upgraded",
      failedText: "upgrade FAILED"
    };
    await this.eachNode(phase, async (row, p) => {
      const n = await this.node(row.node);
      if (phaseAtLeast(p, "upgraded") && atTarget(n, this.config.target)) {
        this.logger.info(
          `${row.node}: already upgraded (phase ${effectivePhase(p)}); not running the executor again`
        );
        return void 0;
      }
      const target = this.targetFor(n, p);
      this.logger.info(
        `${row.node}: upgrading ${target.fromVersion} -> ${target.version} with the ${executor.kind} executor (kubeadm upgrade ${target.kubeadmAction})`
      );
      await this.record(row.node, { phase: "upgrading", from: row.before });
      return async () => {
        const started = Date.now();
        await executor.upgrade(target, (l) => this.logger.info(l), this.signal);
        this.logger.info(`${row.node}: executor finished in ${formatDuration(Date.now() - started)}`);
      };
    });
  }
  /** kubeadm's action on `n`: `apply` on a control-plane node while no API server runs the target yet. */
  actionFor(n) {
    if (this.config.kubeadm !== "auto") return this.config.kubeadm;
    const v = parseVersion(this.config.target);
    const newest = this.controlPlane?.newest;
    return isControlPlane(n) && v && newest && compareVersions(newest, v) < 0 ? "apply" : "node";
  }
  targetFor(n, p) {
    const v = parseVersion(this.config.target);
    const cp = isControlPlane(n);
    const action = this.actionFor(n);
    const ip = n.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
    return {
      node: n.metadata.name,
      role: cp ? "control-plane" : "worker",
      kubeadmAction: action,
      version: this.config.target,
      minor: v ? minorOf(v) : "",
      fromVersion: p.from ?? kubeletVersion(n),
      ...ip ? { internalIp: ip } : {}
    };
  }
  async verify() {
    const rotation = this.rotation;
    if (rotation) {
      for (const name of this.active) {
        const row = this.row(name);
        try {
          await rotation.verify(
            name,
            this.config.gates,
            this.active.filter((a) => a !== name).map((a) => rotation.replacementName(a) ?? a),
            row.notReadyBefore ?? []
          );
        } catch (err) {
          if (!this.signal?.aborted) row.result = "gates FAILED";
          throw err;
        }
        row.result = `replaced by ${rotation.replacementName(name) ?? ""}, verified`;
      }
      return;
    }
    const phase = {
      step: "verify",
      needs: "upgraded",
      done: "verified",
      doneText: "verified",
      failedText: "gates FAILED"
    };
    await this.eachNode(
      phase,
      (row) => Promise.resolve(async () => {
        await waitForGates(
          this.client,
          {
            node: row.node,
            target: this.config.target,
            env: { KUBEKEEP_NODE: row.node, KUBEKEEP_TARGET_VERSION: this.config.target },
            notReadyBefore: row.notReadyBefore ?? [],
            peers: this.active.filter((a) => a !== row.node)
          },
          this.config.gates,
          this.logger,
          this.signal
        );
      })
    );
  }
  async uncordon() {
    if (this.rotation) {
      for (const name of this.active) {
        const row = this.row(name);
        row.replacement = await this.rotation.finish(name);
        row.result = `replaced by ${row.replacement}`;
      }
      return;
    }
    for (const name of this.active) {
      await this.requirePhase(name, "verified", "uncordon");
      const row = this.row(name);
      const outcome = await uncordon(this.client, name);
      if (outcome === "left-cordoned")
        this.logger.info(`${name}: left cordoned (it was cordoned before kubekeep drained it)`);
      else this.logger.info(`${name}: uncordoned`);
      row.result = outcome === "left-cordoned" ? "upgraded (left cordoned as found)" : "upgraded";
      await this.record(name, { phase: "done", from: row.before });
    }
  }
  /** After a cancelled job: record where it stopped; uncordon only nodes whose upgrade never started. */
  async cancel() {
    for (const name of this.active.filter((a) => this.gone.has(a))) {
      this.row(name).result = "cancelled while waiting for its replacement; a re-run waits for it again";
      await this.rotation?.cancelled(name, this.row(name).result);
    }
    for (const name of this.present()) {
      if (this.rotation && !this.rotation.has(name)) {
        this.row(name).result = `cancelled after the node left; ${this.rotation.resumeNote(name) ?? "a re-run waits for its replacement"}`;
        await this.rotation.cancelled(name, this.row(name).result);
        continue;
      }
      const p = readProgress(await this.node(name));
      const row = this.row(name);
      if (p?.target !== this.config.target) {
        const note2 = this.rotation?.resumeNote(name);
        if (note2) {
          row.result = `cancelled before the drain; ${note2}`;
          await this.rotation.cancelled(name, row.result);
        }
        continue;
      }
      const reached = effectivePhase(p);
      const upgradeStarted = p.phase === "upgrading" || phaseAtLeast(p, "upgrading") || /^(upgrade|verify):/.test(p.detail ?? "");
      const note = this.rotation?.resumeNote(name);
      if (!upgradeStarted) {
        const outcome = await uncordon(this.client, name);
        row.result = `cancelled before the upgrade; ${outcome === "uncordoned" ? "uncordoned" : "left as found"}${note ? `; ${note}` : ""}`;
      } else if (note) {
        row.result = `cancelled during the replacement; left cordoned and drained; ${note}`;
      } else {
        row.result = `cancelled during ${p.phase}; left cordoned: check the node, then re-run to resume`;
      }
      if (note) await this.rotation.cancelled(name, row.result);
      this.logger.warning(`${name}: ${row.result}`);
      await this.record(name, {
        phase: "cancelled",
        ...reached ? { reached } : {},
        from: row.before,
        detail: row.result
      });
    }
  }
  async refreshVersions() {
    for (const row of this.rows.values()) {
      const replaced = this.rotation?.replacementVersion(row.node);
      if (replaced !== void 0 || this.rotation && !this.rotation.has(row.node))
        row.after = replaced ?? "";
      else row.after = kubeletVersion(await this.node(row.node));
    }
  }
};
async function rotationFor(client, config, logger, signal) {
  if (config.executor.kind !== "replace") return void 0;
  const { Rotation } = await import("./rotation-MWTFE7UH.js");
  const holder = config.lock?.holder ?? "kubekeep";
  return new Rotation(client, config.executor, config.target, holder, logger, signal);
}

// src/capabilities/upgrade-node/report.ts
function upgradeResult(config, job) {
  const rows = [...job.rows.values()];
  const report = newReport(
    `Upgrade to ${config.target}: ${config.step === "all" ? "node" : `${config.step} step`}`
  );
  report.facts.push(["Nodes", config.nodes.join(", ")], ["Step", config.step]);
  report.tables.push({
    header: [
      "node",
      "role",
      "kubelet before",
      "kubelet after",
      "pods evicted",
      "drain time",
      "blockers",
      "result"
    ],
    rows: rows.map((r) => [
      r.node,
      r.role,
      r.before,
      r.after,
      r.evicted === void 0 ? "" : String(r.evicted),
      r.drainMs === void 0 ? "" : formatDuration(r.drainMs),
      r.blockers ?? "",
      r.result
    ])
  });
  return {
    // Exactly the outputs actions/upgrade-node/action.yml declares (a test holds them together).
    outputs: {
      skipped: rows.filter((r) => !job.active.includes(r.node)).map((r) => r.node).join(","),
      evicted: rows.reduce((n, r) => n + (r.evicted ?? 0), 0),
      summary: JSON.stringify(rows)
    },
    report
  };
}

// src/capabilities/upgrade-node/run.ts
var RESTART_WAIT_MS = 6e4;
function run(config, { logger, signal: parent }) {
  return withCluster(config.cluster, logger, async (client) => {
    const { signal, dispose } = terminationSignal(parent);
    const lock = config.lock ? new MaintenanceLock(client, config.lock) : void 0;
    const stop = lock ? AbortSignal.any([signal, lock.lost]) : signal;
    const job = new NodeUpgrade(
      client,
      config,
      logger,
      stop,
      await rotationFor(client, config, logger, stop)
    );
    try {
      await job.rotation?.start();
      await job.load();
      const steps = config.step === "all" ? ["drain", "upgrade", "verify", "uncordon"] : [config.step];
      if (config.step === "cancel") {
        await job.cancel();
        await lock?.release(RESTART_WAIT_MS);
        await job.refreshVersions();
        return upgradeResult(config, job);
      }
      if (!job.active.length) {
        logger.info("nothing to do: every node is already at the target");
        return upgradeResult(config, job);
      }
      await lock?.acquire(logger, signal);
      try {
        if (steps.includes("drain")) await logger.group("checks before the drain", () => job.check());
        if (steps.includes("drain") && config.executor.kind === "replace" && config.executor.surge)
          await logger.group(`start the replacements of ${job.active.join(", ")}`, () => job.surge());
        for (const step of steps) {
          await logger.group(
            `${step} ${job.active.join(", ")}`,
            () => job[step]()
          );
        }
      } catch (err) {
        if (stop.aborted)
          await job.cancel().catch((e) => logger.warning(`recording the cancellation: ${errorMessage(e)}`));
        await lock?.release(RESTART_WAIT_MS).catch(
          (e) => logger.warning(`could not release the maintenance lock: ${errorMessage(e)}`)
        );
        await job.refreshVersions().catch(() => {
        });
        const lost = lock?.lost.aborted ? `${errorMessage(lock.lost.reason)}
` : "";
        throw new CapabilityFailure(lost + errorMessage(err), upgradeResult(config, job));
      }
      if (steps.includes("uncordon")) await lock?.release(RESTART_WAIT_MS);
      else lock?.stopRenewing();
      await job.refreshVersions();
      return upgradeResult(config, job);
    } finally {
      lock?.stopRenewing();
      await job.rotation?.stop();
      dispose();
    }
  });
}
export {
  run
};
