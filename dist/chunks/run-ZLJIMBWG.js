import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  REPLACES_ANNOTATION,
  effectivePhase,
  listRecords,
  phaseAtLeast,
  readProgress,
  readRecord,
  recordName,
  writeProgress,
  writeRecord
} from "./chunk-ZRTG6M2W.js";
import {
  ListWatch,
  blockerSummary,
  checkDrainable,
  drainAll,
  terminationSignal
} from "./chunk-SWJI4SNF.js";
import "./chunk-MUG56ED2.js";
import {
  uncordon
} from "./chunk-B37LKZ3P.js";
import {
  SshExecutor,
  maskExecutor
} from "./chunk-PLBOBF2D.js";
import {
  checkNodeUpgradeSkew,
  compareVersions,
  minorOf,
  parseVersion
} from "./chunk-O6THQ6BJ.js";
import {
  atStep,
  upgradeEnv
} from "./chunk-VEWTP3ZG.js";
import {
  DEFAULT_KILL_GRACE_MS,
  describeEnd,
  lastLines,
  runShell
} from "./chunk-KKIOPECD.js";
import {
  MaintenanceLock
} from "./chunk-NQTA3VO3.js";
import {
  controlPlaneRestarting
} from "./chunk-IRAVS5XG.js";
import {
  MIRROR_ANNOTATION,
  isControlPlane,
  isNodeReady,
  isPodReady,
  kubeletVersion,
  nodePath,
  podKey
} from "./chunk-TY2O5Y2Q.js";
import {
  matchesLabels
} from "./chunk-FK3ILC2B.js";
import {
  withCluster
} from "./chunk-LYV2EUY2.js";
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

// src/nodes/gates.ts
var HEALTH_COMMAND_MAX_MS = 12e4;
async function checkGates(client, ctx, config, deadline = Date.now() + config.timeoutMs, signal) {
  const failing = [];
  const warnings = [];
  const node = await client.get(nodePath(ctx.node));
  const kubelet = kubeletVersion(node);
  if (!isNodeReady(node)) failing.push(`node ${ctx.node} is not Ready`);
  const have = parseVersion(kubelet);
  const want = parseVersion(ctx.target);
  if (!have || !want || compareVersions(have, want) !== 0) {
    failing.push(`node ${ctx.node} reports kubelet ${kubelet}, not ${ctx.target}`);
  }
  const pods = await client.get("/api/v1/namespaces/kube-system/pods", {
    fieldSelector: `spec.nodeName=${ctx.node}`
  });
  const notReady = pods.items.filter(
    (p) => MIRROR_ANNOTATION in (p.metadata.annotations ?? {}) && !isPodReady(p)
  );
  if (notReady.length) failing.push(`static pods not Ready: ${notReady.map(podKey).join(", ")}`);
  const before = new Set(ctx.notReadyBefore ?? []);
  const nodes = await client.get("/api/v1/nodes");
  const down = nodes.items.filter((n) => n.metadata.name !== ctx.node && !ctx.peers?.includes(n.metadata.name) && !isNodeReady(n)).map((n) => n.metadata.name);
  const preexisting = down.filter((n) => before.has(n));
  const fresh = down.filter((n) => !before.has(n));
  if (fresh.length) failing.push(`nodes not Ready (they were Ready before the drain): ${fresh.join(", ")}`);
  if (preexisting.length)
    warnings.push(`nodes already not Ready before the drain (not counted): ${preexisting.join(", ")}`);
  if (failing.length === 0 && config.healthCommand) {
    const timeoutMs = Math.max(500, Math.min(HEALTH_COMMAND_MAX_MS, deadline - Date.now()));
    const res = await runShell(config.healthCommand, {
      // The user's command: what it would see in a run: step, plus KUBEKEEP_NODE.
      inherit: "user",
      env: ctx.env,
      timeoutMs,
      ...signal ? { signal } : {}
    });
    if (res.code !== 0 || res.timedOut || res.aborted) {
      failing.push(`health command ${describeEnd(res, timeoutMs)}: ${lastLines(res.output, 3)}`);
    }
  }
  return { failing, warnings };
}
async function waitForGates(client, ctx, config, logger, signal) {
  const started = Date.now();
  const deadline = started + config.timeoutMs;
  let last = [];
  let lastLogged = "";
  const warned = /* @__PURE__ */ new Set();
  for (; ; ) {
    let check;
    try {
      check = await checkGates(client, ctx, config, deadline, signal);
    } catch (err) {
      if (signal?.aborted || !controlPlaneRestarting(err)) throw err;
      check = {
        failing: [`the API server is not answering normally yet (${errorMessage(err)})`],
        warnings: []
      };
    }
    for (const w of check.warnings) {
      if (!warned.has(w)) logger.warning(`${ctx.node}: ${w}`);
      warned.add(w);
    }
    last = check.failing;
    if (last.length === 0) {
      logger.info(`${ctx.node}: all gates pass after ${formatDuration(Date.now() - started)}`);
      return;
    }
    const text = last.join("; ");
    if (text !== lastLogged) logger.info(`${ctx.node}: waiting: ${text}`);
    lastLogged = text;
    if (Date.now() >= deadline || signal?.aborted) break;
    await sleep(Math.min(1e3, Math.max(0, deadline - Date.now())), signal);
  }
  throw new OperationalError(
    `node ${ctx.node} did not pass its gates within ${formatDuration(config.timeoutMs)}: ${last.join("; ")} (the node stays cordoned: check it, then re-run to resume from the gates)`
  );
}

// src/nodes/replace/node-watch.ts
var NodeWatch = class {
  watch;
  constructor(client) {
    this.watch = new ListWatch(client, {
      path: "/api/v1/nodes",
      key: (n) => n.metadata.name,
      what: "node list or watch answer"
    });
  }
  async start() {
    await this.watch.start();
  }
  stop() {
    return this.watch.stop();
  }
  get(name) {
    return this.watch.get(name);
  }
  nodes() {
    return this.watch.items();
  }
  /** `check()`'s first answer that is not undefined, asked on every change; undefined at the deadline. */
  until(check, deadline, signal) {
    return this.watch.until(check, deadline, signal);
  }
};

// src/nodes/replace/replace.ts
var LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
var LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
var PROVIDER_ID = /^[A-Za-z0-9:/._@=+-]{0,512}$/;
var kubeletOf = (n) => n.status?.nodeInfo?.kubeletVersion ?? "";
var providerIdOf = (n) => n.spec?.providerID ?? "";
function replaceEnv(node, target, from, step, selector) {
  const providerID = providerIdOf(node);
  if (!PROVIDER_ID.test(providerID))
    throw new OperationalError(
      `node ${node.metadata.name}: its spec.providerID ${JSON.stringify(providerID.slice(0, 100))} has characters a cloud provider ID does not (letters, digits and :/._@=+- only); not passing it to replace-command`
    );
  const labels = Object.entries(node.metadata.labels ?? {});
  const bad = labels.filter(([k, v]) => !LABEL_KEY.test(k) || !LABEL_VALUE.test(v));
  if (bad.length)
    throw new OperationalError(
      `node ${node.metadata.name}: labels not of the API's form: ${bad.map(([k]) => JSON.stringify(k.slice(0, 80))).join(", ")}; not passing them to replace-command`
    );
  return {
    KUBEKEEP_NODE: node.metadata.name,
    KUBEKEEP_PROVIDER_ID: providerID,
    KUBEKEEP_NODE_LABELS: labels.map(([k, v]) => `${k}=${v}`).join(","),
    KUBEKEEP_REPLACE_SELECTOR: selector.text,
    KUBEKEEP_REPLACE_STEP: step,
    KUBEKEEP_TARGET_VERSION: target,
    KUBEKEEP_FROM_VERSION: from
  };
}
var SYSTEM_TAINT = /^(node\.kubernetes\.io\/|node\.cloudprovider\.kubernetes\.io\/uninitialized:)/;
var hardTaints = (n) => (n.spec?.taints ?? []).filter((t) => t.effect === "NoSchedule" || t.effect === "NoExecute").map((t) => `${t.key}:${t.effect}`);
function poolTaints(n) {
  return hardTaints(n).filter((t) => !SYSTEM_TAINT.test(t));
}
function keptOff(n, pool) {
  const out = hardTaints(n).filter((t) => pool ? !pool.includes(t) : SYSTEM_TAINT.test(t));
  if (n.spec?.unschedulable && !out.some((t) => t.startsWith("node.kubernetes.io/unschedulable:")))
    out.push("cordoned");
  return out;
}
function atVersion(n, target) {
  const v = parseVersion(kubeletOf(n));
  const t = parseVersion(target);
  return !!v && !!t && compareVersions(v, t) === 0;
}
function describePool(nodes, selector) {
  const pool = nodes.filter((n) => matchesLabels(selector, n.metadata.labels));
  if (!pool.length) return "the pool has no node now";
  return `the pool now: ${pool.map(
    (n) => `${n.metadata.name} (${kubeletOf(n) || "no kubelet version"}, ${isNodeReady(n) ? "Ready" : "NotReady"}${n.spec?.unschedulable ? ", cordoned" : ""})`
  ).join(", ")}`;
}
function pickReplacement(nodes, record, selector) {
  const before = /* @__PURE__ */ new Set([...record.pool, record.uid]);
  const candidates = nodes.filter((n) => {
    const claim = n.metadata.annotations?.[REPLACES_ANNOTATION];
    return matchesLabels(selector, n.metadata.labels) && !before.has(n.metadata.uid ?? "") && !n.metadata.deletionTimestamp && (claim === void 0 || claim === record.node);
  });
  const ours = (n) => n.metadata.annotations?.[REPLACES_ANNOTATION] === record.node ? 0 : 1;
  candidates.sort(
    (a, b) => ours(a) - ours(b) || (a.metadata.creationTimestamp ?? "").localeCompare(b.metadata.creationTimestamp ?? "") || a.metadata.name.localeCompare(b.metadata.name)
  );
  return candidates[0];
}
var Replacement = class _Replacement {
  record;
  ctx;
  constructor(ctx, record) {
    this.ctx = ctx;
    this.record = record;
  }
  /** Resumes from a record read back (see record.ts). */
  static resume(ctx, record) {
    return new _Replacement(ctx, record);
  }
  /**
   * Starts `old`'s replacement: records it (with the pool as it is, so the
   * replacement can be told from the nodes already there) before anything
   * the command does can make the old Node go away.
   */
  static async begin(ctx, old, from, carried = {}) {
    const pool = ctx.watch.nodes().filter((n) => matchesLabels(ctx.config.selector, n.metadata.labels)).map((n) => n.metadata.uid ?? "").filter(Boolean);
    const providerID = providerIdOf(old);
    const r = new _Replacement(ctx, {
      node: old.metadata.name,
      target: ctx.target,
      state: "replacing",
      from,
      uid: old.metadata.uid ?? "",
      ...providerID ? { providerID } : {},
      selector: ctx.config.selector.text,
      pool,
      taints: poolTaints(old),
      by: ctx.by,
      at: "",
      ...carried
    });
    await r.save({});
    return r;
  }
  get node() {
    return this.record.node;
  }
  async save(update) {
    const { at: _at, ...rest } = { ...this.record, ...update, by: this.ctx.by };
    this.record = await writeRecord(this.ctx.client, this.ctx.config.namespace, rest);
  }
  /** The old node, while the Node object with its UID is there. */
  old() {
    const n = this.ctx.watch.get(this.node);
    return n && n.metadata.uid === this.record.uid ? n : void 0;
  }
  /** "still there, cordoned" / "gone": the old node's state, for a message. */
  oldState() {
    const n = this.old();
    if (!n) return `${this.node} is gone`;
    return `${this.node} is still there${n.spec?.unschedulable ? ", cordoned" : ""}`;
  }
  /**
   * Runs replace-command's `step` for the old node. A failure records it and
   * throws what happened, with the old node's state.
   */
  async command(step, old, log) {
    const { config, target, signal } = this.ctx;
    const env = replaceEnv(old, target, this.record.from, step, config.selector);
    const started = Date.now();
    const res = await runShell(config.command, {
      // The user's command: what it would see in a run: step, plus the node's variables.
      inherit: "user",
      env,
      timeoutMs: config.commandTimeoutMs,
      onLine: (l) => log(`[${this.node}] ${l}`),
      ...signal ? { signal } : {}
    });
    if (res.code === 0 && !res.timedOut && !res.aborted) {
      this.ctx.logger.info(
        `${this.node}: replace-command (${step}) finished in ${formatDuration(Date.now() - started)}`
      );
      await this.save(step === "remove" ? { removed: true } : { commanded: true });
      return;
    }
    const what = `replace-command (${step}) for ${this.node} ${describeEnd(res, config.commandTimeoutMs)}: ${lastLines(res.output, 5)}`;
    if (res.aborted) throw new OperationalError(what);
    const gone = !this.ctx.watch.get(this.node);
    const state = gone ? `${this.node} is gone (the command removed it before failing): a re-run waits for its replacement` : step === "remove" ? `${this.node} is still there, cordoned and drained, and its replacement ${this.record.replacement ?? ""} is Ready: fix the cause and re-run (the remove step runs again)` : `${this.node} is still there${step === "replace" ? ", cordoned and drained" : " (not drained yet)"}, and nothing replaced it: fix the cause and re-run (the command runs again)`;
    await this.fail(`${what}; ${state}`);
  }
  /** Records the failure and throws it. */
  async fail(message) {
    await this.save({ state: "failed", detail: message.slice(0, 1e3) });
    throw new OperationalError(message);
  }
  deadline() {
    return Date.now() + this.ctx.config.timeoutMs;
  }
  /** Waits for the old Node object to leave (deleted, or replaced by another object of the same name). */
  async waitForLeave() {
    if (!this.old()) return;
    const started = Date.now();
    const left = await this.ctx.watch.until(
      () => this.old() ? void 0 : true,
      this.deadline(),
      this.ctx.signal
    );
    if (left) {
      this.ctx.logger.info(
        `${this.node}: the Node object left ${formatDuration(Date.now() - started)} after the command`
      );
      return;
    }
    if (this.ctx.signal?.aborted)
      throw new OperationalError(`waiting for ${this.node} to leave was cancelled`);
    await this.fail(
      `node ${this.node} never left: its Node object was still there ${formatDuration(this.ctx.config.timeoutMs)} (replace-timeout) after replace-command${this.record.replacement ? ` (its replacement ${this.record.replacement} joined)` : ""}; the provider did not remove it, or nothing deleted its Node. It stays cordoned and drained. Check its instance; a re-run does not run the command again but waits for the node to leave (delete the ConfigMap ${this.ctx.config.namespace}/${recordName(this.node)} to start over)`
    );
  }
  /**
   * Waits for the replacement: a new node matching the selector, claimed for
   * this node (so no other rotation takes it), at the target kubelet version,
   * Ready. Returns its name.
   */
  async waitForReplacement() {
    const { watch, config, target, signal, logger } = this.ctx;
    const deadline = this.deadline();
    const started = Date.now();
    let claimed;
    while (!claimed) {
      const candidate = await watch.until(
        () => pickReplacement(watch.nodes(), this.record, config.selector),
        deadline,
        signal
      );
      if (!candidate) {
        if (signal?.aborted)
          throw new OperationalError(`waiting for ${this.node}'s replacement was cancelled`);
        return this.fail(
          `no replacement for ${this.node} joined within ${formatDuration(config.timeoutMs)} (replace-timeout): no new node matching replace-selector ${JSON.stringify(config.selector.text)}; ${describePool(watch.nodes(), config.selector)}; ${this.oldState()}. Check the provider (did it launch an instance, did its kubelet join?); a re-run waits for the replacement again`
        );
      }
      claimed = await this.claim(candidate);
    }
    if (this.record.replacement !== claimed) {
      logger.info(
        `${this.node}: replacement ${claimed} joined ${formatDuration(Date.now() - started)} into the wait`
      );
      await this.save({ replacement: claimed });
    }
    const ready = await watch.until(
      () => {
        const n2 = watch.get(claimed);
        if (!n2) return "gone";
        if (!kubeletOf(n2)) return void 0;
        if (!atVersion(n2, target)) return "wrong-version";
        return isNodeReady(n2) && !keptOff(n2, this.record.taints).length ? "ready" : void 0;
      },
      deadline,
      signal
    );
    const n = watch.get(claimed);
    if (ready === "ready") {
      logger.info(`${this.node}: replacement ${claimed} is Ready at ${target} and takes pods`);
      return claimed;
    }
    if (signal?.aborted) throw new OperationalError(`waiting for ${claimed} to become Ready was cancelled`);
    if (ready === "gone")
      return this.fail(
        `the replacement ${claimed} of ${this.node} left again before it became Ready; ${this.oldState()}; a re-run waits for another replacement`
      );
    if (ready === "wrong-version" && n)
      return this.fail(
        `the replacement ${claimed} of ${this.node} joined at kubelet ${kubeletOf(n)}, not ${target}: the provider launched it from a template or image of another version. It was left as it is (${isNodeReady(n) ? "Ready" : "NotReady"}, not cordoned, annotated ${REPLACES_ANNOTATION}=${this.node}); ${this.oldState()}. Fix the pool's template, remove ${claimed}, and re-run: the run then waits for another replacement`
      );
    const off = n ? keptOff(n, this.record.taints) : [];
    return this.fail(
      `the replacement ${claimed} of ${this.node} joined but was not Ready for pods at ${target} within ${formatDuration(config.timeoutMs)} (replace-timeout): it reports ${n ? `kubelet ${kubeletOf(n) || "unknown"}, ${isNodeReady(n) ? "Ready" : "NotReady"}${off.length ? `, pods kept off by ${off.join(", ")}` : ""}` : "nothing"}; ${this.oldState()}. Check its kubelet${off.length ? " and what should lift those taints" : ""}; a re-run waits for it again`
    );
  }
  /** Marks `n` as this node's replacement; undefined when another rotation got to it first. */
  async claim(n) {
    if (n.metadata.annotations?.[REPLACES_ANNOTATION] === this.node) return n.metadata.name;
    try {
      await this.ctx.client.mergePatch(nodePath(n.metadata.name), {
        // The resourceVersion makes it a compare-and-swap: two rotations never claim one node.
        metadata: {
          resourceVersion: n.metadata.resourceVersion,
          annotations: { [REPLACES_ANNOTATION]: this.node }
        }
      });
      return n.metadata.name;
    } catch (err) {
      if (isApiError(err, 409) || isApiError(err, 404)) {
        await new Promise((r) => setTimeout(r, 200));
        return void 0;
      }
      throw err;
    }
  }
};

// src/nodes/replace/rotation.ts
var Rotation = class {
  ctx;
  reps = /* @__PURE__ */ new Map();
  constructor(client, config, target, by, logger, signal) {
    this.ctx = {
      client,
      config,
      target,
      by,
      logger,
      watch: new NodeWatch(client),
      ...signal ? { signal } : {}
    };
  }
  start() {
    return this.ctx.watch.start();
  }
  stop() {
    return this.ctx.watch.stop();
  }
  /** The records of nodes the cluster does not have; a name with none is not a node of this rollout. */
  async gone(names, cluster) {
    const out = { replaced: [], resumed: [] };
    const unknown = [];
    const ns = this.ctx.config.namespace;
    for (const name of names) {
      const r = await readRecord(this.ctx.client, ns, name);
      if (r?.state === "done" && r.replacement)
        out.replaced.push({ node: name, replacement: r.replacement, target: r.target });
      else if (r && r.target !== this.ctx.target)
        throw new OperationalError(
          `node ${name} is gone, and its replacement for ${r.target} (not ${this.ctx.target}) is unfinished (${r.detail ?? r.state}): finish it by re-running with target-version ${r.target}, or delete ConfigMap ${ns}/${recordName(name)} if that replacement is no longer wanted`
        );
      else if (r) out.resumed.push(r);
      else unknown.push(name);
    }
    if (unknown.length)
      throw new ConfigurationError(
        `input 'node': no such node ${unknown.map((m) => JSON.stringify(m)).join(", ")}, and no record of its replacement (ConfigMap ${ns}/${recordName(unknown[0])}); the cluster has: ${cluster.join(", ")}`
      );
    return out;
  }
  /**
   * Replacements in this pool to this target that other runs left unfinished
   * (failed, or killed): the rollout stops there even when the old node is
   * gone and its failure is on no Node.
   */
  async unfinished(except) {
    return (await listRecords(this.ctx.client, this.ctx.config.namespace)).filter(
      (r) => r.target === this.ctx.target && r.selector === this.ctx.config.selector.text && r.state !== "done" && !except.includes(r.node)
    );
  }
  /** The replacement of `name`: the one under way, its record, or a new one for `old`. */
  async replacementOf(name, old, from, carried) {
    const known = this.reps.get(name);
    if (known) return known;
    const record = await readRecord(this.ctx.client, this.ctx.config.namespace, name);
    let rep;
    if (record && record.target === this.ctx.target && (record.state !== "done" || !old)) {
      rep = Replacement.resume(this.ctx, record);
      this.ctx.logger.info(
        `${name}: resuming its replacement (${record.commanded ? "replace-command done" : "replace-command not done"}${record.replacement ? `, replacement ${record.replacement}` : ""})`
      );
    } else if (old) {
      rep = await Replacement.begin(this.ctx, old, from, carried);
    } else {
      throw new OperationalError(`node ${name} is gone and nothing records its replacement`);
    }
    this.reps.set(name, rep);
    return rep;
  }
  /**
   * replace-surge, before the drain: the command's add step (unless it ran),
   * then the wait for the replacement Ready at the target.
   */
  async surge(old, from, log) {
    const rep = await this.replacementOf(old.metadata.name, old, from, {});
    if (!rep.record.commanded) await rep.command("add", old, log);
    return rep.waitForReplacement();
  }
  /**
   * The replacement after the drain: the command (its replace step, or with
   * surge its remove step) unless it already succeeded, the old node's
   * leaving, the replacement Ready at the target. Returns the replacement.
   */
  async replace(name, from, carried, log) {
    const old = this.ctx.watch.get(name);
    const rep = await this.replacementOf(name, old, from, carried);
    await rep.save({ state: "replacing", ...carried });
    const present = rep.old();
    if (this.ctx.config.surge) {
      if (!rep.record.commanded)
        throw new OperationalError(
          `node ${name}: replace-surge: its replacement was never started (no add step)`
        );
      if (present && !rep.record.removed) await rep.command("remove", present, log);
      await rep.waitForLeave();
      return rep.waitForReplacement();
    }
    if (present && !rep.record.commanded) await rep.command("replace", present, log);
    await rep.waitForLeave();
    return rep.waitForReplacement();
  }
  /** The gates, on the replacement. A failure is recorded and thrown. */
  async verify(name, gates, peers, notReadyBefore2) {
    const rep = this.reps.get(name);
    const replacement = rep?.record.replacement;
    if (!rep || !replacement) throw new OperationalError(`node ${name}: no replacement to verify`);
    try {
      await waitForGates(
        this.ctx.client,
        {
          node: replacement,
          target: this.ctx.target,
          env: {
            KUBEKEEP_NODE: replacement,
            KUBEKEEP_REPLACED_NODE: name,
            KUBEKEEP_TARGET_VERSION: this.ctx.target
          },
          notReadyBefore: notReadyBefore2.filter((n) => n !== name),
          peers
        },
        gates,
        this.ctx.logger,
        this.ctx.signal
      );
    } catch (err) {
      if (!this.ctx.signal?.aborted)
        await rep.save({
          state: "failed",
          detail: `verify ${replacement}: ${err.message}`.slice(0, 1e3)
        });
      throw err;
    }
  }
  /**
   * Done: the replacement carries the progress (so a later run skips it and
   * upgrade-plan counts it at the target), the record says by whom it was
   * replaced (so a re-run of the old name skips it).
   */
  async finish(name) {
    const rep = this.reps.get(name);
    const replacement = rep?.record.replacement;
    if (!rep || !replacement) throw new OperationalError(`node ${name}: no replacement to record`);
    const r = rep.record;
    await writeProgress(this.ctx.client, replacement, {
      target: this.ctx.target,
      phase: "done",
      from: r.from,
      by: this.ctx.by,
      detail: `replaced ${name}`,
      ...r.evicted !== void 0 ? { evicted: r.evicted } : {},
      ...r.drainSeconds !== void 0 ? { drainSeconds: r.drainSeconds } : {}
    });
    await rep.save({ state: "done", detail: `replaced by ${replacement}` });
    return replacement;
  }
  /**
   * For a cancelled run, from `name`'s record: what a re-run does next.
   * Undefined when its replacement never started (nothing recorded).
   */
  resumeNote(name) {
    const r = this.reps.get(name)?.record;
    if (!r) return void 0;
    const step = this.ctx.config.surge ? "add" : "replace";
    if (!r.commanded) return `replace-command (${step}) did not finish: a re-run runs it again`;
    const joined = r.replacement ? `its replacement ${r.replacement} joined` : "no replacement has joined yet";
    if (this.ctx.config.surge && !r.removed)
      return `replace-command (add) ran and ${joined}: a re-run waits for it, drains, and runs the remove step`;
    return `replace-command ran and ${joined}: a re-run does not run it again but waits for the node to leave and its replacement`;
  }
  /** A stopped run: the record keeps where it was (the old node's annotation is the caller's). */
  async cancelled(name, detail) {
    const rep = this.reps.get(name);
    if (rep) await rep.save({ detail: detail.slice(0, 1e3) });
  }
  replacementName(name) {
    return this.reps.get(name)?.record.replacement;
  }
  /** The kubelet version of `name`'s replacement, when it has one. */
  replacementVersion(name) {
    const r = this.replacementName(name);
    const n = r ? this.ctx.watch.get(r) : void 0;
    return n ? kubeletOf(n) : void 0;
  }
  /** Whether a Node with this name (whatever its UID) is in the cluster now. */
  has(name) {
    return !!this.ctx.watch.get(name);
  }
};

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
  constructor(client, config, logger, signal) {
    this.client = client;
    this.config = config;
    this.logger = logger;
    this.signal = signal;
    if (config.executor.kind === "replace")
      this.rotation = new Rotation(client, config.executor, config.target, this.holder, logger, signal);
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
      this.logger.warning(
        "ssh-host-key-policy: accept-new: a node's host key that ssh-known-hosts does not list is accepted unchecked, so whatever answers at the node's address gets the upgrade's root session; pass the nodes' keys as ssh-known-hosts and drop accept-new"
      );
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
    const ip = n.status?.addresses?.find(
      (a) => a.type === "InternalIP"
    )?.address;
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
    const job = new NodeUpgrade(client, config, logger, stop);
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
