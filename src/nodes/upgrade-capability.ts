/**
 * `upgrade-node`: one node (or one batch) through kubeadm's procedure, each
 * step gated on the one before: drain -> upgrade (ssh, pod or command
 * executor) -> gates (Ready at the target version, static pods, all nodes,
 * health command) -> uncordon. `step: all` runs them in one go (the CLI
 * and the action, each stage a log group); `step: cancel` records a stopped
 * run (the action's post step). Progress is recorded on
 * the node, so a re-run skips finished nodes and resumes the others; the
 * maintenance lock is held from the drain to the uncordon.
 */
import { CapabilityFailure, defineCapability, type Result } from "../config/capability.ts";
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "../cluster/config.ts";
import { connect } from "../cluster/connect.ts";
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs } from "../config/schema.ts";
import { ConfigurationError, errorMessage, OperationalError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { formatDuration } from "../core/units.ts";
import { newReport } from "../report/report.ts";
import type { KubeClient } from "../cluster/client.ts";
import {
  drainInputs,
  executorInputs,
  gateInputs,
  lockInputs,
  maskExecutor,
  nodeInput,
  parseAllowLastControlPlane,
  parseDrainOptions,
  parseExecutor,
  parseGates,
  parseLock,
  parseNodes,
  parseTarget,
  targetInput,
  type ExecutorConfig,
} from "./config.ts";
import { uncordon } from "./cordon.ts";
import { blockerSummary, drainAll } from "./drain-capability.ts";
import type { DrainOptions } from "./drain.ts";
import { CommandExecutor } from "./executors/command.ts";
import type { Executor, UpgradeTarget } from "./executors/executor.ts";
import { PodExecutor } from "./executors/pod.ts";
import { SshExecutor } from "./executors/ssh.ts";
import { waitForGates, type GateConfig } from "./gates.ts";
import { MaintenanceLock, type LockConfig } from "./lock.ts";
import {
  effectivePhase,
  phaseAtLeast,
  readProgress,
  writeProgress,
  type PHASES,
  type Progress,
} from "./progress.ts";
import { checkDrainable } from "./safety.ts";
import { terminationSignal } from "./termination.ts";
import { isControlPlane, nodePath, type List, type Node } from "./types.ts";
import { controlPlaneVersions, overrideFailures, readiness, unresolvedFailures } from "./upgrade-checks.ts";
import {
  checkNodeUpgradeSkew,
  compareVersions,
  minorOf,
  parseVersion,
  type ControlPlaneVersions,
  type SkewNode,
} from "./version.ts";

/** How long releasing the Lease waits out a control plane the upgrade restarted. */
const RESTART_WAIT_MS = 60_000;

export const STEPS = ["all", "drain", "upgrade", "verify", "uncordon", "cancel"] as const;
export type Step = (typeof STEPS)[number];

export interface UpgradeNodeConfig {
  cluster: ClusterConfig;
  nodes: string[];
  target: string;
  step: Step;
  drain: DrainOptions;
  lock: LockConfig | undefined;
  executor: ExecutorConfig;
  gates: GateConfig;
  kubeadm: "auto" | "apply" | "node";
  allowLastControlPlane: boolean;
  /** Go on although another node failed its upgrade to the same target (and mark that failure overridden). */
  ignoreEarlierFailures: boolean;
}

export const upgradeNodeInputs = {
  ...clusterInputs,
  ...nodeInput,
  ...targetInput,
  ...executorInputs,
  "kubeadm-action": input.enum(["auto", "apply", "node"] as const, {
    description:
      "auto: `apply` on a control-plane node while the API server is older than the target, else `node`; or force apply / node.",
    default: "auto",
  }),
  ...drainInputs,
  ...gateInputs,
  ...lockInputs,
  "ignore-earlier-failures": input.boolean({
    description:
      "Go on although another node failed its upgrade to the same target-version and was not resolved (re-run to success). The failure is marked overridden on that node so it blocks no later job; a new failure blocks again.",
    default: false,
  }),
  step: input.enum(STEPS, {
    description:
      "Which step to run: all, drain, upgrade, verify, uncordon, or cancel (record a cancelled run and release the lock). The upgrade-node action runs all, and cancel from its post step when the main step was stopped.",
    default: "all",
  }),
};

export function parseUpgradeNodeConfig(src: InputSource): UpgradeNodeConfig {
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
    executor:
      step === "all" || step === "drain" || step === "upgrade" ? parseExecutor(src) : { kind: "none" },
    gates: parseGates(src),
    kubeadm: v["kubeadm-action"],
    allowLastControlPlane: parseAllowLastControlPlane(src),
    ignoreEarlierFailures: v["ignore-earlier-failures"],
  };
}

interface Row {
  node: string;
  role: string;
  before: string;
  after: string;
  evicted?: number;
  drainMs?: number;
  blockers?: string;
  result: string;
  /** Other nodes NotReady before this node's drain (recorded, so a later step knows them too). */
  notReadyBefore?: string[];
}

/** The progress annotation as upgrade-node writes it: the drain's figures and the baseline carried along. */
interface UpgradeProgress extends Progress {
  notReadyBefore?: string[];
}

function makeExecutor(config: ExecutorConfig, client: KubeClient): Executor | undefined {
  switch (config.kind) {
    case "command":
      return new CommandExecutor(config.command, config.timeoutMs, config.env);
    case "ssh":
      return new SshExecutor(config);
    case "pod":
      return new PodExecutor(client, config);
    case "none":
      return undefined;
  }
}

/** The readiness baseline a drain recorded, when the annotation holds one. */
function notReadyBefore(p: Progress): string[] | undefined {
  const v: unknown = (p as UpgradeProgress).notReadyBefore;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;
}

const kubeletOf = (n: Node) => n.status?.nodeInfo?.kubeletVersion ?? "unknown";

function atTarget(n: Node, target: string): boolean {
  const v = parseVersion(kubeletOf(n));
  const t = parseVersion(target);
  return !!v && !!t && compareVersions(v, t) >= 0;
}

class NodeUpgrade {
  private readonly client: KubeClient;
  private readonly config: UpgradeNodeConfig;
  private readonly logger: Logger;
  private readonly signal: AbortSignal | undefined;
  readonly rows = new Map<string, Row>();
  /** Nodes with work left for this target. */
  active: string[] = [];
  private controlPlane: ControlPlaneVersions | undefined;

  constructor(client: KubeClient, config: UpgradeNodeConfig, logger: Logger, signal?: AbortSignal) {
    this.client = client;
    this.config = config;
    this.logger = logger;
    this.signal = signal;
  }

  private get holder(): string {
    return this.config.lock?.holder ?? "kubekeep";
  }

  private async node(name: string): Promise<Node> {
    return this.client.get<Node>(nodePath(name));
  }

  /** Writes the node's progress, carrying the drain's figures and the readiness baseline along. */
  private async record(node: string, update: Omit<Progress, "at" | "target" | "by">): Promise<void> {
    const row = this.rows.get(node);
    const full: Omit<UpgradeProgress, "at"> = {
      target: this.config.target,
      by: this.holder,
      ...(row?.evicted !== undefined ? { evicted: row.evicted } : {}),
      ...(row?.drainMs !== undefined ? { drainSeconds: Math.round(row.drainMs / 100) / 10 } : {}),
      ...(row?.notReadyBefore ? { notReadyBefore: row.notReadyBefore } : {}),
      ...update,
    };
    await writeProgress(this.client, node, full);
  }

  /** Sorts the nodes into finished (skipped) and active, from their progress annotations. */
  async load(): Promise<void> {
    this.controlPlane = await controlPlaneVersions(this.client);
    const all = new Map(
      (await this.client.get<List<Node>>("/api/v1/nodes")).items.map((n) => [n.metadata.name, n]),
    );
    const missing = this.config.nodes.filter((n) => !all.has(n));
    if (missing.length)
      throw new ConfigurationError(
        `input 'node': no such node ${missing.map((m) => JSON.stringify(m)).join(", ")}; the cluster has: ${[...all.keys()].join(", ")}`,
      );
    for (const name of this.config.nodes) {
      const n = all.get(name) as Node;
      const p = readProgress(n);
      const ours = p?.target === this.config.target ? p : undefined;
      const row: Row = {
        node: name,
        role: isControlPlane(n) ? "control-plane" : "worker",
        before: ours?.from ?? kubeletOf(n),
        after: kubeletOf(n),
        result: "",
        // A resumed node's drain happened in an earlier step or run: its figures were recorded.
        ...(ours?.evicted !== undefined ? { evicted: ours.evicted } : {}),
        ...(ours?.drainSeconds !== undefined ? { drainMs: ours.drainSeconds * 1000 } : {}),
        ...(ours && notReadyBefore(ours) ? { notReadyBefore: notReadyBefore(ours) } : {}),
      };
      this.rows.set(name, row);
      if (ours?.phase === "done") {
        row.result = "already done (skipped)";
        this.logger.info(
          `${name}: already upgraded to ${this.config.target} by ${ours.by ?? "kubekeep"}; skipping`,
        );
      } else if (!ours && atTarget(n, this.config.target)) {
        row.result = "already at target (skipped)";
        this.logger.info(`${name}: kubelet ${kubeletOf(n)} is already at ${this.config.target}; skipping`);
        if (this.config.step !== "cancel") await this.record(name, { phase: "done", from: kubeletOf(n) });
      } else {
        this.active.push(name);
        if (ours)
          this.logger.info(
            `${name}: resuming: last recorded phase ${ours.phase}${ours.detail ? ` (${ours.detail})` : ""}`,
          );
      }
    }
  }

  /** Active nodes still to drain: a node resumed past its drain and still cordoned keeps its phase. */
  private async nodesToDrain(quiet = false): Promise<string[]> {
    const toDrain: string[] = [];
    for (const name of this.active) {
      const n = await this.node(name);
      const p = readProgress(n);
      if (p?.target === this.config.target && phaseAtLeast(p, "drained") && n.spec?.unschedulable) {
        if (!quiet) {
          this.logger.info(`${name}: already drained (phase ${effectivePhase(p)}); resuming from there`);
          (this.rows.get(name) as Row).result = "already drained";
        }
        continue;
      }
      toDrain.push(name);
    }
    return toDrain;
  }

  /** Active nodes the executor will run on (not upgraded to the target yet). */
  private async nodesToUpgrade(): Promise<Node[]> {
    const out: Node[] = [];
    for (const name of this.active) {
      const n = await this.node(name);
      const p = readProgress(n);
      if (p?.target === this.config.target && phaseAtLeast(p, "upgraded") && atTarget(n, this.config.target))
        continue;
      out.push(n);
    }
    return out;
  }

  /**
   * Everything that can be known before a node is disrupted, checked before
   * the first cordon: the skew policy for each node's upgrade, earlier
   * failures of the same rollout, and readiness (the nodes to drain Ready
   * with their static pods; with require-all-nodes-ready every other node
   * too). Nodes already NotReady are recorded so the gates afterwards hold
   * only what changed against this upgrade.
   */
  async check(): Promise<void> {
    if (!this.active.length) return;
    const all = (await this.client.get<List<Node>>("/api/v1/nodes")).items;
    const problems: string[] = [];

    // 1. A failed node of this rollout stops it, even where fail-fast was not honoured.
    const failed = unresolvedFailures(all, this.config.target, this.config.nodes);
    if (failed.length && this.config.ignoreEarlierFailures) {
      for (const f of failed)
        this.logger.warning(
          `${f.node} failed its upgrade to ${this.config.target} (${f.progress.detail ?? "no detail"}); going on past it as ignore-earlier-failures asks (recorded on ${f.node})`,
        );
      await overrideFailures(this.client, failed, this.holder);
    } else if (failed.length) {
      problems.push(
        `${failed
          .map(
            (f) =>
              `node ${f.node} failed its upgrade to ${this.config.target} at ${f.progress.at}${f.progress.detail ? ` (${f.progress.detail})` : ""}`,
          )
          .join(
            "; ",
          )}: a rollout stops at its first failure. Fix that node and re-run its upgrade (a success resolves it), or set ignore-earlier-failures: true to go on past it`,
      );
    }

    // 2. The version skew policy, for every node the executor will run on.
    const skewNodes: SkewNode[] = all.map((n) => ({
      name: n.metadata.name,
      controlPlane: isControlPlane(n),
      kubeletVersion: kubeletOf(n),
    }));
    problems.push(...this.skewProblems(await this.nodesToUpgrade(), skewNodes));

    // 3. Readiness before the drain.
    const toDrain = await this.nodesToDrain(true);
    const ready = await readiness(this.client, all, toDrain, this.config.nodes);
    for (const t of ready.targetsNotReady)
      problems.push(
        `node ${t} is not Ready: an upgrade could not be verified; bring its kubelet back first (kubectl describe node ${t})`,
      );
    if (ready.staticPodsNotReady.length)
      problems.push(
        `static pods not Ready before the upgrade: ${ready.staticPodsNotReady.join(", ")}; the gates would wait for them afterwards: fix them first`,
      );
    if (ready.othersNotReady.length && this.config.gates.allNodesReady)
      problems.push(
        `nodes not Ready: ${ready.othersNotReady.join(", ")}; require-all-nodes-ready asks for every node Ready before a drain: fix them, or set require-all-nodes-ready: false to go on (nodes already NotReady then do not fail the gates)`,
      );
    else if (ready.othersNotReady.length)
      this.logger.warning(
        `nodes already not Ready before the drain: ${ready.othersNotReady.join(", ")}; they will not count against this upgrade's gates`,
      );
    if (problems.length) {
      for (const name of this.active) (this.rows.get(name) as Row).result = "refused (nothing changed)";
      throw new OperationalError(
        `refusing to upgrade ${this.active.join(", ")} to ${this.config.target} (nothing was changed):\n- ${problems.join("\n- ")}`,
      );
    }
    for (const name of toDrain) (this.rows.get(name) as Row).notReadyBefore = ready.othersNotReady;
  }

  private skewProblems(nodes: Node[], all: SkewNode[]): string[] {
    const cp = this.controlPlane as ControlPlaneVersions;
    return nodes.flatMap((n) =>
      checkNodeUpgradeSkew({
        node: { name: n.metadata.name, controlPlane: isControlPlane(n), kubeletVersion: kubeletOf(n) },
        target: this.config.target,
        kubeadmAction: this.actionFor(n),
        controlPlane: cp,
        allNodes: all,
      }),
    );
  }

  async drain(): Promise<void> {
    if (!this.active.length) return;
    const toDrain = await this.nodesToDrain();
    if (!toDrain.length) return;
    await checkDrainable(this.client, toDrain, this.config.allowLastControlPlane);
    for (const name of toDrain) {
      const n = await this.node(name);
      const p = readProgress(n);
      await this.record(name, {
        phase: "draining",
        from: p?.target === this.config.target && p.from ? p.from : kubeletOf(n),
      });
    }
    const outcomes = await drainAll(this.client, toDrain, this.config.drain, this.logger, this.signal);
    const failed: string[] = [];
    for (const o of outcomes) {
      const row = this.rows.get(o.node) as Row;
      row.evicted = o.result?.evicted.length ?? 0;
      row.drainMs = o.result?.durationMs ?? 0;
      row.blockers = blockerSummary(o.result);
      const from = row.before;
      if (o.error && this.signal?.aborted) {
        // Cancelled, not failed: cancel() records it (a failure would block the rollout).
        failed.push(o.error);
        row.result = "drain cancelled";
      } else if (o.error) {
        failed.push(o.error);
        row.result = "drain FAILED";
        await this.record(o.node, { phase: "failed", from, detail: `drain: ${o.error}`.slice(0, 500) });
      } else {
        row.result = "drained";
        await this.record(o.node, { phase: "drained", from });
      }
    }
    if (failed.length) throw new OperationalError(failed.join("\n"));
  }

  private async requirePhase(name: string, needed: (typeof PHASES)[number], step: string): Promise<Progress> {
    const p = readProgress(await this.node(name));
    if (p?.target !== this.config.target || !phaseAtLeast(p, needed)) {
      throw new ConfigurationError(
        `node ${name}: cannot run the ${step} step: it has not passed "${needed}" for ${this.config.target} (recorded: ${p ? `${p.phase} for ${p.target}` : "nothing"}); run the steps in order`,
      );
    }
    return p;
  }

  async upgrade(): Promise<void> {
    const executor = makeExecutor(this.config.executor, this.client);
    if (!executor)
      throw new ConfigurationError("input 'executor': the upgrade step needs one of command, ssh, pod");
    maskExecutor(this.config.executor, this.logger);
    if (this.config.executor.kind === "ssh" && this.config.executor.hostKeyPolicy === "accept-new")
      this.logger.warning(
        "ssh-host-key-policy: accept-new: a node's host key that ssh-known-hosts does not list is accepted unchecked, so whatever answers at the node's address gets the upgrade's root session; pass the nodes' keys as ssh-known-hosts and drop accept-new",
      );
    // Checked again right before the executor runs (a step of its own, maybe much later).
    const skew = this.skewProblems(
      await this.nodesToUpgrade(),
      (await this.client.get<List<Node>>("/api/v1/nodes")).items.map((n) => ({
        name: n.metadata.name,
        controlPlane: isControlPlane(n),
        kubeletVersion: kubeletOf(n),
      })),
    );
    if (skew.length)
      throw new OperationalError(
        `refusing to run the upgrade of ${this.active.join(", ")} to ${this.config.target}:\n- ${skew.join("\n- ")}`,
      );
    const errors: string[] = [];
    await Promise.all(
      this.active.map(async (name) => {
        const p = await this.requirePhase(name, "drained", "upgrade");
        const n = await this.node(name);
        const row = this.rows.get(name) as Row;
        if (phaseAtLeast(p, "upgraded") && atTarget(n, this.config.target)) {
          this.logger.info(
            `${name}: already upgraded (phase ${effectivePhase(p)}); not running the executor again`,
          );
          return;
        }
        const target = this.targetFor(n, p);
        this.logger.info(
          `${name}: upgrading ${target.fromVersion} -> ${target.version} with the ${executor.kind} executor (kubeadm upgrade ${target.kubeadmAction})`,
        );
        await this.record(name, { phase: "upgrading", from: row.before });
        const started = Date.now();
        try {
          await executor.upgrade(target, (l) => this.logger.info(l), this.signal);
        } catch (err) {
          errors.push(errorMessage(err));
          // Cancelled, not failed: cancel() records where it stopped.
          if (this.signal?.aborted) return;
          row.result = "upgrade FAILED";
          await this.record(name, {
            phase: "failed",
            reached: "drained",
            from: row.before,
            detail: `upgrade: ${errorMessage(err)}`.slice(0, 500),
          });
          return;
        }
        this.logger.info(`${name}: executor finished in ${formatDuration(Date.now() - started)}`);
        row.result = "upgraded";
        await this.record(name, { phase: "upgraded", from: row.before });
      }),
    );
    if (errors.length) throw new OperationalError(errors.join("\n"));
  }

  /** kubeadm's action on `n`: `apply` on a control-plane node while no API server runs the target yet. */
  private actionFor(n: Node): "apply" | "node" {
    if (this.config.kubeadm !== "auto") return this.config.kubeadm;
    const v = parseVersion(this.config.target);
    const newest = this.controlPlane?.newest;
    return isControlPlane(n) && v && newest && compareVersions(newest, v) < 0 ? "apply" : "node";
  }

  private targetFor(n: Node, p: Progress): UpgradeTarget {
    const v = parseVersion(this.config.target);
    const cp = isControlPlane(n);
    const action = this.actionFor(n);
    const ip = (n.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses?.find(
      (a) => a.type === "InternalIP",
    )?.address;
    return {
      node: n.metadata.name,
      role: cp ? "control-plane" : "worker",
      kubeadmAction: action,
      version: this.config.target,
      minor: v ? minorOf(v) : "",
      fromVersion: p.from ?? kubeletOf(n),
      ...(ip ? { internalIp: ip } : {}),
    };
  }

  async verify(): Promise<void> {
    const errors: string[] = [];
    await Promise.all(
      this.active.map(async (name) => {
        await this.requirePhase(name, "upgraded", "verify");
        const row = this.rows.get(name) as Row;
        try {
          await waitForGates(
            this.client,
            {
              node: name,
              target: this.config.target,
              env: { KUBEKEEP_NODE: name, KUBEKEEP_TARGET_VERSION: this.config.target },
              notReadyBefore: row.notReadyBefore ?? [],
              peers: this.active.filter((a) => a !== name),
            },
            this.config.gates,
            this.logger,
            this.signal,
          );
        } catch (err) {
          errors.push(errorMessage(err));
          if (this.signal?.aborted) return;
          row.result = "gates FAILED";
          await this.record(name, {
            phase: "failed",
            reached: "upgraded",
            from: row.before,
            detail: `verify: ${errorMessage(err)}`.slice(0, 500),
          });
          return;
        }
        row.result = "verified";
        await this.record(name, { phase: "verified", from: row.before });
      }),
    );
    if (errors.length) throw new OperationalError(errors.join("\n"));
  }

  async uncordon(): Promise<void> {
    for (const name of this.active) {
      await this.requirePhase(name, "verified", "uncordon");
      const row = this.rows.get(name) as Row;
      const outcome = await uncordon(this.client, name);
      if (outcome === "left-cordoned")
        this.logger.info(`${name}: left cordoned (it was cordoned before kubekeep drained it)`);
      else this.logger.info(`${name}: uncordoned`);
      row.result = outcome === "left-cordoned" ? "upgraded (left cordoned as found)" : "upgraded";
      await this.record(name, { phase: "done", from: row.before });
    }
  }

  /** After a cancelled job: record where it stopped; uncordon only nodes whose upgrade never started. */
  async cancel(): Promise<void> {
    for (const name of this.active) {
      const p = readProgress(await this.node(name));
      const row = this.rows.get(name) as Row;
      if (p?.target !== this.config.target) continue;
      const reached = effectivePhase(p);
      const upgradeStarted =
        p.phase === "upgrading" || phaseAtLeast(p, "upgrading") || /^(upgrade|verify):/.test(p.detail ?? "");
      if (!upgradeStarted) {
        const outcome = await uncordon(this.client, name);
        row.result = `cancelled before the upgrade; ${outcome === "uncordoned" ? "uncordoned" : "left as found"}`;
      } else {
        row.result = `cancelled during ${p.phase}; left cordoned: check the node, then re-run to resume`;
      }
      this.logger.warning(`${name}: ${row.result}`);
      await this.record(name, {
        phase: "cancelled",
        ...(reached ? { reached } : {}),
        from: row.before,
        detail: row.result,
      });
    }
  }

  async refreshVersions(): Promise<void> {
    for (const row of this.rows.values()) row.after = kubeletOf(await this.node(row.node));
  }

  result(): Result {
    const rows = [...this.rows.values()];
    const report = newReport(
      `Upgrade to ${this.config.target}: ${this.config.step === "all" ? "node" : `${this.config.step} step`}`,
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
        "result",
      ],
      rows: rows.map((r) => [
        r.node,
        r.role,
        r.before,
        r.after,
        r.evicted === undefined ? "" : String(r.evicted),
        r.drainMs === undefined ? "" : formatDuration(r.drainMs),
        r.blockers ?? "",
        r.result,
      ]),
    });
    return {
      // Exactly the outputs actions/upgrade-node/action.yml declares (a test holds them together).
      outputs: {
        skipped: rows
          .filter((r) => !this.active.includes(r.node))
          .map((r) => r.node)
          .join(","),
        evicted: rows.reduce((n, r) => n + (r.evicted ?? 0), 0),
        summary: JSON.stringify(rows),
      },
      report,
    };
  }
}

export const upgradeNode = defineCapability<UpgradeNodeConfig>({
  name: "upgrade-node",
  summary: "upgrade a node (or batch): drain, run the upgrade, wait for the gates, uncordon; resumable",
  description:
    "Upgrade one node (or one batch), each stage a log section gated on the one before - checks (version skew, earlier failures, readiness), drain, upgrade (ssh, pod or command executor), wait until Ready at the target version with the gates passing, uncordon - under the cluster-wide maintenance lock. Progress is recorded on the node, so a re-run skips finished nodes and resumes the rest; a cancelled job records where it stopped and releases the lock.",
  inputs: upgradeNodeInputs,
  outputs: {
    evicted: "Pods evicted by the drain",
    skipped: "Comma-separated nodes skipped because they were already done",
    summary:
      "JSON per-node summary: node, role, kubelet before/after, pods evicted, drain time (drainMs), blockers, result",
  },
  positional: "node",
  parse: parseUpgradeNodeConfig,
  async run(config, { logger, signal: parent }) {
    const { client, cleanup } = await connect(config.cluster, logger);
    const { signal, dispose } = terminationSignal(parent);
    const lock = config.lock ? new MaintenanceLock(client, config.lock) : undefined;
    // A lock another run took over stops this one (as the drain does): two
    // runs must never work on nodes at once, even past an expired Lease.
    const stop = lock ? AbortSignal.any([signal, lock.lost]) : signal;
    const job = new NodeUpgrade(client, config, logger, stop);
    try {
      await job.load();
      const steps: Step[] =
        config.step === "all" ? ["drain", "upgrade", "verify", "uncordon"] : [config.step];
      if (config.step === "cancel") {
        await job.cancel();
        await lock?.release(RESTART_WAIT_MS);
        await job.refreshVersions();
        return job.result();
      }
      if (!job.active.length) {
        logger.info("nothing to do: every node is already at the target");
        return job.result();
      }
      await lock?.acquire(logger, signal);
      try {
        // Before the first cordon: refuse while nothing has been changed.
        if (steps.includes("drain")) await logger.group("checks before the drain", () => job.check());
        for (const step of steps) {
          await logger.group(`${step} ${job.active.join(", ")}`, () =>
            job[step as "drain" | "upgrade" | "verify" | "uncordon"](),
          );
        }
      } catch (err) {
        // Interrupted (Ctrl-C, or the runner cancelling the job): leave the state a cancel step would.
        if (stop.aborted)
          await job
            .cancel()
            .catch((e: unknown) => logger.warning(`recording the cancellation: ${errorMessage(e)}`));
        // The step's failure is the error to tell, not a release that failed
        // after it (a stalled API server fails both); the Lease expires anyway.
        await lock
          ?.release(RESTART_WAIT_MS)
          .catch((e: unknown) =>
            logger.warning(`could not release the maintenance lock: ${errorMessage(e)}`),
          );
        await job.refreshVersions().catch(() => {});
        // Stopped because another run took the lock: say so first, not only what was interrupted.
        const lost = lock?.lost.aborted ? `${errorMessage(lock.lost.reason)}\n` : "";
        throw new CapabilityFailure(lost + errorMessage(err), job.result());
      }
      // Hold the lock from the drain until the uncordon; later steps renew it.
      if (steps.includes("uncordon")) await lock?.release(RESTART_WAIT_MS);
      else lock?.stopRenewing();
      await job.refreshVersions();
      return job.result();
    } finally {
      lock?.stopRenewing();
      dispose();
      cleanup();
    }
  },
});
