import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  effectivePhase,
  phaseAtLeast,
  readProgress,
  writeProgress
} from "./chunk-GDKZTHF5.js";
import {
  blockerSummary,
  checkDrainable,
  drainAll,
  terminationSignal
} from "./chunk-DPA7LFDV.js";
import "./chunk-SRWS6SDL.js";
import {
  uncordon
} from "./chunk-R5UM4QQZ.js";
import {
  MaintenanceLock,
  compareVersions,
  drainInputs,
  executorInputs,
  gateInputs,
  lockInputs,
  maskExecutor,
  minorOf,
  nodeInput,
  parseAllowLastControlPlane,
  parseDrainOptions,
  parseExecutor,
  parseGates,
  parseLock,
  parseNodes,
  parseTarget,
  parseVersion,
  targetInput
} from "./chunk-CBA3F5TI.js";
import {
  sleep
} from "./chunk-6FTAWW3A.js";
import {
  MIRROR_ANNOTATION,
  isControlPlane,
  isNodeReady,
  isPodReady,
  nodePath,
  podKey
} from "./chunk-VVID3JDB.js";
import {
  clusterInputs,
  connect,
  parseClusterConfig
} from "./chunk-HI2IWMTQ.js";
import {
  isApiError,
  readText
} from "./chunk-BSE24TIN.js";
import {
  CapabilityFailure,
  defineCapability,
  input,
  readInputs
} from "./chunk-OWYMNPRP.js";
import {
  newReport
} from "./chunk-CUX76FH3.js";
import {
  formatDuration
} from "./chunk-T4ZVIX6G.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/nodes/executors/command.ts
import { spawn } from "node:child_process";

// src/nodes/executors/executor.ts
function upgradeEnv(t) {
  return {
    KUBEKEEP_NODE: t.node,
    KUBEKEEP_NODE_ROLE: t.role,
    KUBEKEEP_KUBEADM_ACTION: t.kubeadmAction,
    KUBEKEEP_TARGET_VERSION: t.version,
    KUBEKEEP_TARGET_MINOR: t.minor,
    KUBEKEEP_FROM_VERSION: t.fromVersion
  };
}
function shellQuote(value) {
  return `'${value.replace(/'/g, `'"'"'`)}'`;
}
function envPrelude(env) {
  return Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(v)}`).join("\n");
}

// src/nodes/executors/command.ts
function runShell(command, options) {
  return runProcess("sh", ["-c", command], options);
}
function runProcess(file, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: { ...process.env, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
      detached: true
    });
    let output = "";
    let partial = "";
    const onData = (chunk) => {
      const text = chunk.toString("utf8");
      output = (output + text).slice(-64 * 1024);
      partial += text;
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      for (const l of lines) options.onLine?.(l);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      } catch {
      }
    };
    const timer = setTimeout(() => {
      output += `
(killed after ${formatDuration(options.timeoutMs)})`;
      kill();
    }, options.timeoutMs);
    options.signal?.addEventListener("abort", kill, { once: true });
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (partial) options.onLine?.(partial);
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
    child.stdin.on("error", () => {
    });
    child.stdin.end(options.input ?? "");
  });
}
var CommandExecutor = class {
  kind = "command";
  command;
  timeoutMs;
  constructor(command, timeoutMs) {
    this.command = command;
    this.timeoutMs = timeoutMs;
  }
  async upgrade(target, log, signal) {
    const res = await runShell(this.command, {
      env: upgradeEnv(target),
      timeoutMs: this.timeoutMs,
      onLine: (l) => log(`[${target.node}] ${l}`),
      ...signal ? { signal } : {}
    });
    if (res.code !== 0) {
      throw new ConfigurationError(
        `upgrade command for ${target.node} exited ${res.code}: ${res.output.trim().split("\n").slice(-5).join(" / ")}`
      );
    }
  }
};

// src/nodes/executors/pod.ts
var EXECUTOR_LABEL = "kubekeep.dev/executor";
var POD_WRAPPER = `set -eu
unit="kubekeep-upgrade-$(date +%s)"
envs=""
for v in $(env | sed -n 's/^\\(KUBEKEEP_[A-Z_]*\\)=.*/\\1/p'); do [ "$v" = KUBEKEEP_SCRIPT ] || envs="$envs -E $v"; done
if command -v systemd-run >/dev/null 2>&1; then
  exec systemd-run --unit="$unit" --collect --wait --pipe --quiet $envs /bin/bash -c "$KUBEKEEP_SCRIPT"
fi
exec setsid /bin/bash -c "$KUBEKEEP_SCRIPT"`;
function executorPod(target, config) {
  const env = { ...upgradeEnv(target), KUBEKEEP_SCRIPT: config.script };
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
      nodeName: target.node,
      restartPolicy: "Never",
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
            POD_WRAPPER
          ],
          env: Object.entries(env).map(([name, value]) => ({ name, value }))
        }
      ]
    }
  };
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
    const ns = this.config.namespace;
    const created = await this.client.post(
      `/api/v1/namespaces/${ns}/pods`,
      executorPod(target, this.config)
    );
    const name = created.metadata.name;
    const path2 = `/api/v1/namespaces/${ns}/pods/${name}`;
    log(`[${target.node}] upgrade pod ${ns}/${name} started`);
    const deadline = Date.now() + this.config.timeoutMs;
    let phase = "";
    let pod = created;
    try {
      while (phase !== "Succeeded" && phase !== "Failed") {
        if (Date.now() > deadline) {
          throw new ConfigurationError(
            `upgrade pod ${ns}/${name} on ${target.node} did not finish within ${formatDuration(this.config.timeoutMs)} (phase ${phase || "unknown"})`
          );
        }
        if (signal?.aborted) throw new ConfigurationError(`upgrade of ${target.node} cancelled`);
        await sleep(this.config.pollMs ?? 2e3, signal);
        try {
          pod = await this.client.get(path2);
        } catch (err) {
          if (isApiError(err, 404))
            throw new ConfigurationError(`upgrade pod ${ns}/${name} disappeared before it finished`);
          log(`[${target.node}] polling ${name}: ${String(err)}`);
          continue;
        }
        const next = pod.status?.phase ?? "";
        if (next !== phase) log(`[${target.node}] upgrade pod ${name}: ${next}`);
        phase = next;
      }
      const logs = await this.logs(path2);
      for (const l of logs.split("\n").filter(Boolean)) log(`[${target.node}] ${l}`);
      if (phase === "Failed") {
        const term = pod.status?.containerStatuses?.[0]?.state?.terminated;
        throw new ConfigurationError(
          `upgrade pod ${ns}/${name} on ${target.node} failed (exit code ${term?.exitCode ?? "?"}${term?.reason ? `, ${term.reason}` : ""})${logs ? `: ${logs.trim().split("\n").slice(-3).join(" / ")}` : ""}`
        );
      }
    } finally {
      await this.client.delete(path2).catch(() => {
      });
    }
  }
  async logs(path2) {
    try {
      const res = await this.client.open("GET", `${path2}/log`, {
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

// src/nodes/executors/ssh.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
function sshHost(template, target) {
  if (template.includes("{internal-ip}") && !target.internalIp) {
    throw new ConfigurationError(`input 'ssh-host': node ${target.node} reports no InternalIP address`);
  }
  return template.replaceAll("{node}", target.node).replaceAll("{internal-ip}", target.internalIp ?? "");
}
var SshExecutor = class {
  kind = "ssh";
  config;
  constructor(config) {
    this.config = config;
  }
  async upgrade(target, log, signal) {
    const c = this.config;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-ssh-"));
    try {
      const keyFile = path.join(dir, "id");
      fs.writeFileSync(keyFile, c.key.endsWith("\n") ? c.key : c.key + "\n", { mode: 384 });
      const knownHosts = path.join(dir, "known_hosts");
      fs.writeFileSync(knownHosts, c.knownHosts ?? "", { mode: 384 });
      const host = sshHost(c.host, target);
      const args = [
        "-F",
        "/dev/null",
        "-i",
        keyFile,
        "-p",
        String(c.port),
        "-o",
        "BatchMode=yes",
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        `StrictHostKeyChecking=${c.knownHosts ? "yes" : "accept-new"}`,
        "-o",
        `UserKnownHostsFile=${knownHosts}`,
        "-o",
        "ConnectTimeout=20",
        "-o",
        "ServerAliveInterval=15",
        "-l",
        c.user,
        "--",
        host,
        c.sudo ? "sudo -n bash -s" : "bash -s"
      ];
      const input2 = `${envPrelude(upgradeEnv(target))}
${c.script}
`;
      const res = await runProcess("ssh", args, {
        input: input2,
        timeoutMs: c.timeoutMs,
        onLine: (l) => log(`[${target.node}] ${l}`),
        ...signal ? { signal } : {}
      });
      if (res.code !== 0) {
        throw new ConfigurationError(
          `upgrade over ssh on ${c.user}@${host}:${c.port} (${target.node}) exited ${res.code}: ${res.output.trim().split("\n").slice(-5).join(" / ")}`
        );
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
};

// src/nodes/gates.ts
async function checkGates(client, ctx, config) {
  const failing = [];
  const node = await client.get(nodePath(ctx.node));
  const kubelet = node.status?.nodeInfo?.kubeletVersion ?? "unknown";
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
  if (config.allNodesReady) {
    const nodes = await client.get("/api/v1/nodes");
    const down = nodes.items.filter((n) => !isNodeReady(n)).map((n) => n.metadata.name);
    if (down.length) failing.push(`nodes not Ready: ${down.join(", ")}`);
  }
  if (failing.length === 0 && config.healthCommand) {
    const res = await runShell(config.healthCommand, { env: ctx.env, timeoutMs: 12e4 });
    if (res.code !== 0) {
      failing.push(
        `health command exited ${res.code}: ${res.output.trim().split("\n").slice(-3).join(" / ")}`
      );
    }
  }
  return failing;
}
async function waitForGates(client, ctx, config, logger, signal) {
  const started = Date.now();
  let last = [];
  let lastLogged = "";
  for (; ; ) {
    last = await checkGates(client, ctx, config);
    if (last.length === 0) {
      logger.info(`${ctx.node}: all gates pass after ${formatDuration(Date.now() - started)}`);
      return;
    }
    const text = last.join("; ");
    if (text !== lastLogged) logger.info(`${ctx.node}: waiting: ${text}`);
    lastLogged = text;
    if (Date.now() - started > config.timeoutMs || signal?.aborted) break;
    await sleep(1e3, signal);
  }
  throw new ConfigurationError(
    `node ${ctx.node} did not pass its gates within ${formatDuration(config.timeoutMs)}: ${last.join("; ")}`
  );
}

// src/nodes/upgrade-capability.ts
var STEPS = ["all", "drain", "upgrade", "verify", "uncordon", "cancel"];
var upgradeNodeInputs = {
  ...clusterInputs,
  ...nodeInput,
  ...targetInput,
  ...executorInputs,
  "kubeadm-action": input.enum(["auto", "apply", "node"], {
    description: "auto: `apply` on a control-plane node while the API server is older than the target, else `node`; or force apply / node.",
    default: "auto"
  }),
  ...drainInputs,
  ...gateInputs,
  ...lockInputs,
  step: input.enum(STEPS, {
    description: "Which step to run: all, drain, upgrade, verify, uncordon, or cancel (record a cancelled run and release the lock). The upgrade-node action runs each as a step of its own.",
    default: "all"
  })
};
function parseUpgradeNodeConfig(src) {
  const v = readInputs(upgradeNodeInputs, src);
  const step = v.step;
  const nodes = parseNodes(src);
  return {
    cluster: parseClusterConfig(src),
    nodes,
    target: parseTarget(src),
    step,
    drain: parseDrainOptions(src),
    lock: parseLock(src, nodes),
    // Checked from the drain on, so a bad executor setting fails before any node is touched.
    executor: step === "all" || step === "drain" || step === "upgrade" ? parseExecutor(src) : { kind: "none" },
    gates: parseGates(src),
    kubeadm: v["kubeadm-action"],
    allowLastControlPlane: parseAllowLastControlPlane(src)
  };
}
function makeExecutor(config, client) {
  switch (config.kind) {
    case "command":
      return new CommandExecutor(config.command, config.timeoutMs);
    case "ssh":
      return new SshExecutor(config);
    case "pod":
      return new PodExecutor(client, config);
    case "none":
      return void 0;
  }
}
var kubeletOf = (n) => n.status?.nodeInfo?.kubeletVersion ?? "unknown";
function atTarget(n, target) {
  const v = parseVersion(kubeletOf(n));
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
  apiserverVersion = "";
  constructor(client, config, logger, signal) {
    this.client = client;
    this.config = config;
    this.logger = logger;
    this.signal = signal;
  }
  get holder() {
    return this.config.lock?.holder ?? "kubekeep";
  }
  async node(name) {
    return this.client.get(nodePath(name));
  }
  async record(node, update) {
    await writeProgress(this.client, node, { target: this.config.target, by: this.holder, ...update });
  }
  /** Sorts the nodes into finished (skipped) and active, from their progress annotations. */
  async load() {
    this.apiserverVersion = (await this.client.serverVersion()).gitVersion;
    for (const name of this.config.nodes) {
      const n = await this.node(name);
      const p = readProgress(n);
      const ours = p?.target === this.config.target ? p : void 0;
      const row = {
        node: name,
        role: isControlPlane(n) ? "control-plane" : "worker",
        before: ours?.from ?? kubeletOf(n),
        after: kubeletOf(n),
        result: ""
      };
      this.rows.set(name, row);
      if (ours?.phase === "done") {
        row.result = "already done (skipped)";
        this.logger.info(
          `${name}: already upgraded to ${this.config.target} by ${ours.by ?? "kubekeep"}; skipping`
        );
      } else if (!ours && atTarget(n, this.config.target)) {
        row.result = "already at target (skipped)";
        this.logger.info(`${name}: kubelet ${kubeletOf(n)} is already at ${this.config.target}; skipping`);
        if (this.config.step !== "cancel") await this.record(name, { phase: "done", from: kubeletOf(n) });
      } else {
        this.active.push(name);
        if (ours)
          this.logger.info(
            `${name}: resuming: last recorded phase ${ours.phase}${ours.detail ? ` (${ours.detail})` : ""}`
          );
      }
    }
  }
  async drain() {
    if (!this.active.length) return;
    const toDrain = [];
    for (const name of this.active) {
      const n = await this.node(name);
      const p = readProgress(n);
      if (p?.target === this.config.target && phaseAtLeast(p, "drained") && n.spec?.unschedulable) {
        this.logger.info(`${name}: already drained (phase ${effectivePhase(p)}); resuming from there`);
        this.rows.get(name).result = "already drained";
        continue;
      }
      toDrain.push(name);
    }
    if (!toDrain.length) return;
    await checkDrainable(this.client, toDrain, this.config.allowLastControlPlane);
    for (const name of toDrain) {
      const n = await this.node(name);
      const p = readProgress(n);
      await this.record(name, {
        phase: "draining",
        from: p?.target === this.config.target && p.from ? p.from : kubeletOf(n)
      });
    }
    const outcomes = await drainAll(this.client, toDrain, this.config.drain, this.logger, this.signal);
    const failed = [];
    for (const o of outcomes) {
      const row = this.rows.get(o.node);
      row.evicted = o.result?.evicted.length ?? 0;
      row.drainMs = o.result?.durationMs ?? 0;
      row.blockers = blockerSummary(o.result);
      const from = row.before;
      if (o.error) {
        failed.push(o.error);
        row.result = "drain FAILED";
        await this.record(o.node, { phase: "failed", from, detail: `drain: ${o.error}`.slice(0, 500) });
      } else {
        row.result = "drained";
        await this.record(o.node, {
          phase: "drained",
          from,
          evicted: row.evicted,
          drainSeconds: Math.round(row.drainMs / 100) / 10
        });
      }
    }
    if (failed.length) throw new ConfigurationError(failed.join("\n"));
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
  async upgrade() {
    const executor = makeExecutor(this.config.executor, this.client);
    if (!executor)
      throw new ConfigurationError("input 'executor': the upgrade step needs one of command, ssh, pod");
    maskExecutor(this.config.executor, this.logger);
    const errors = [];
    await Promise.all(
      this.active.map(async (name) => {
        const p = await this.requirePhase(name, "drained", "upgrade");
        const n = await this.node(name);
        const row = this.rows.get(name);
        if (phaseAtLeast(p, "upgraded") && atTarget(n, this.config.target)) {
          this.logger.info(
            `${name}: already upgraded (phase ${effectivePhase(p)}); not running the executor again`
          );
          return;
        }
        const target = this.targetFor(n, p);
        this.logger.info(
          `${name}: upgrading ${target.fromVersion} -> ${target.version} with the ${executor.kind} executor (kubeadm upgrade ${target.kubeadmAction})`
        );
        await this.record(name, { phase: "upgrading", from: row.before });
        const started = Date.now();
        try {
          await executor.upgrade(target, (l) => this.logger.info(l), this.signal);
        } catch (err) {
          row.result = "upgrade FAILED";
          errors.push(errorMessage(err));
          await this.record(name, {
            phase: "failed",
            reached: "drained",
            from: row.before,
            detail: `upgrade: ${errorMessage(err)}`.slice(0, 500)
          });
          return;
        }
        this.logger.info(`${name}: executor finished in ${formatDuration(Date.now() - started)}`);
        row.result = "upgraded";
        await this.record(name, { phase: "upgraded", from: row.before });
      })
    );
    if (errors.length) throw new ConfigurationError(errors.join("\n"));
  }
  targetFor(n, p) {
    const v = parseVersion(this.config.target);
    const api = parseVersion(this.apiserverVersion);
    const cp = isControlPlane(n);
    let action = "node";
    if (this.config.kubeadm !== "auto") action = this.config.kubeadm;
    else if (cp && v && api && compareVersions(api, v) < 0) action = "apply";
    const ip = n.status?.addresses?.find(
      (a) => a.type === "InternalIP"
    )?.address;
    return {
      node: n.metadata.name,
      role: cp ? "control-plane" : "worker",
      kubeadmAction: action,
      version: this.config.target,
      minor: v ? minorOf(v) : "",
      fromVersion: p.from ?? kubeletOf(n),
      ...ip ? { internalIp: ip } : {}
    };
  }
  async verify() {
    const errors = [];
    await Promise.all(
      this.active.map(async (name) => {
        await this.requirePhase(name, "upgraded", "verify");
        const row = this.rows.get(name);
        try {
          await waitForGates(
            this.client,
            {
              node: name,
              target: this.config.target,
              env: { KUBEKEEP_NODE: name, KUBEKEEP_TARGET_VERSION: this.config.target }
            },
            this.config.gates,
            this.logger,
            this.signal
          );
        } catch (err) {
          row.result = "gates FAILED";
          errors.push(errorMessage(err));
          await this.record(name, {
            phase: "failed",
            reached: "upgraded",
            from: row.before,
            detail: `verify: ${errorMessage(err)}`.slice(0, 500)
          });
          return;
        }
        row.result = "verified";
        await this.record(name, { phase: "verified", from: row.before });
      })
    );
    if (errors.length) throw new ConfigurationError(errors.join("\n"));
  }
  async uncordon() {
    for (const name of this.active) {
      await this.requirePhase(name, "verified", "uncordon");
      const row = this.rows.get(name);
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
    for (const name of this.active) {
      const p = readProgress(await this.node(name));
      const row = this.rows.get(name);
      if (p?.target !== this.config.target) continue;
      const reached = effectivePhase(p);
      const upgradeStarted = p.phase === "upgrading" || phaseAtLeast(p, "upgrading") || /^(upgrade|verify):/.test(p.detail ?? "");
      if (!upgradeStarted) {
        const outcome = await uncordon(this.client, name);
        row.result = `cancelled before the upgrade; ${outcome === "uncordoned" ? "uncordoned" : "left as found"}`;
      } else {
        row.result = `cancelled during ${p.phase}; left cordoned: check the node, then re-run to resume`;
      }
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
    for (const row of this.rows.values()) row.after = kubeletOf(await this.node(row.node));
  }
  result() {
    const rows = [...this.rows.values()];
    const report = newReport(
      `Upgrade to ${this.config.target}: ${this.config.step === "all" ? "node" : `${this.config.step} step`}`
    );
    report.facts.push(["Nodes", this.config.nodes.join(", ")], ["Step", this.config.step]);
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
      outputs: {
        nodes: this.config.nodes.join(","),
        active: this.active.join(","),
        skipped: rows.filter((r) => !this.active.includes(r.node)).map((r) => r.node).join(","),
        evicted: rows.reduce((n, r) => n + (r.evicted ?? 0), 0),
        summary: JSON.stringify(rows)
      },
      report
    };
  }
};
var upgradeNode = defineCapability({
  name: "upgrade-node",
  summary: "upgrade a node (or batch): drain, run the upgrade, wait for the gates, uncordon; resumable",
  description: "Upgrade one node (or one batch) as visible steps, each gated on the one before - drain, upgrade (ssh, pod or command executor), wait until Ready at the target version with the gates passing, uncordon - under the cluster-wide maintenance lock. Progress is recorded on the node, so a re-run skips finished nodes and resumes the rest; a cancelled job records where it stopped and releases the lock.",
  inputs: upgradeNodeInputs,
  outputs: {
    nodes: "Comma-separated nodes of the batch",
    active: "Comma-separated nodes with work left for this target",
    evicted: "Pods evicted by the drain step",
    skipped: "Comma-separated nodes skipped because they were already done",
    summary: "JSON per-node summary: kubelet before/after, pods evicted, drain time, blockers, result"
  },
  positional: "node",
  parse: parseUpgradeNodeConfig,
  async run(config, { logger, signal: parent }) {
    const { client, cleanup } = await connect(config.cluster, logger);
    const { signal, dispose } = terminationSignal(parent);
    const lock = config.lock ? new MaintenanceLock(client, config.lock) : void 0;
    const job = new NodeUpgrade(client, config, logger, signal);
    try {
      await job.load();
      const steps = config.step === "all" ? ["drain", "upgrade", "verify", "uncordon"] : [config.step];
      if (config.step === "cancel") {
        await job.cancel();
        await lock?.release();
        await job.refreshVersions();
        return job.result();
      }
      if (!job.active.length) {
        logger.info("nothing to do: every node is already at the target");
        return job.result();
      }
      await lock?.acquire(logger, signal);
      try {
        for (const step of steps) {
          await logger.group(
            `${step} ${job.active.join(", ")}`,
            () => job[step]()
          );
        }
      } catch (err) {
        if (signal.aborted)
          await job.cancel().catch((e) => logger.warning(`recording the cancellation: ${errorMessage(e)}`));
        await lock?.release();
        await job.refreshVersions().catch(() => {
        });
        throw new CapabilityFailure(errorMessage(err), job.result());
      }
      if (steps.includes("uncordon")) await lock?.release();
      else lock?.stopRenewing();
      await job.refreshVersions();
      return job.result();
    } finally {
      lock?.stopRenewing();
      dispose();
      cleanup();
    }
  }
});
export {
  STEPS,
  parseUpgradeNodeConfig,
  upgradeNode,
  upgradeNodeInputs
};
