/**
 * The upgrade state machine: one node (or one batch) through kubeadm's
 * procedure, each phase gated on the one before: drain -> upgrade (ssh, pod
 * or command executor) -> gates (Ready at the target version, static pods,
 * all nodes, health command) -> uncordon. Progress is recorded on the node
 * (progress.ts), so a re-run skips finished nodes and resumes the others; a
 * cancelled run records where it stopped. The capability (upgrade-node) runs
 * the phases its `step` asks for, under the maintenance lock.
 */
import type { KubeClient } from "../../cluster/client.ts";
import { ConfigurationError, errorMessage, OperationalError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { formatDuration } from "../../core/units.ts";
import { ACCEPT_NEW_WARNING, maskExecutor, type ExecutorConfig } from "../config.ts";
import { uncordon } from "../cordon.ts";
import { blockerSummary, drainAll } from "../drain-batch.ts";
import type { DrainOptions } from "../drain.ts";
import type { UpgradeTarget } from "../executors/executor.ts";
import { makeExecutor } from "../executors/factory.ts";
import { waitForGates, type GateConfig } from "../gates.ts";
import type { LockConfig } from "../lock.ts";
import {
  effectivePhase,
  phaseAtLeast,
  readProgress,
  writeProgress,
  type PHASES,
  type Progress,
} from "../progress.ts";
import type { Rotation } from "../replace/rotation.ts";
import { checkDrainable } from "../safety.ts";
import { isControlPlane, kubeletVersion, nodePath, type List, type Node } from "../types.ts";
import { compareVersions, minorOf, parseVersion, type ControlPlaneVersions } from "../version.ts";
import { checkBeforeDrain, controlPlaneVersions, skewProblems } from "./preflight.ts";
import type { Step } from "./steps.ts";

type Reached = (typeof PHASES)[number];

/** What an upgrade of these nodes to this target is to do (upgrade-node's config, less cluster access). */
export interface UpgradeOptions {
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

/** One node's line in the report, kept up to date as its phases pass. */
export interface Row {
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
  /** executor replace: the node that replaced it, and how long that took from the command to Ready. */
  replacement?: string;
  replaceMs?: number;
}

/** The progress annotation as upgrade-node writes it: the drain's figures and the baseline carried along. */
interface UpgradeProgress extends Progress {
  notReadyBefore?: string[];
}

/** A phase run on every active node side by side (see `eachNode`). */
interface NodePhase {
  /** The step's name, in errors and in the failure's detail. */
  step: "upgrade" | "verify";
  /** The phase a node must have passed first. */
  needs: Reached;
  /** Recorded on success, and the report's result. */
  done: Reached;
  doneText: string;
  failedText: string;
}

/** The readiness baseline a drain recorded, when the annotation holds one. */
function notReadyBefore(p: Progress): string[] | undefined {
  const v: unknown = (p as UpgradeProgress).notReadyBefore;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;
}

function atTarget(n: Node, target: string): boolean {
  const v = parseVersion(kubeletVersion(n));
  const t = parseVersion(target);
  return !!v && !!t && compareVersions(v, t) >= 0;
}

export class NodeUpgrade {
  private readonly client: KubeClient;
  private readonly config: UpgradeOptions;
  private readonly logger: Logger;
  private readonly signal: AbortSignal | undefined;
  readonly rows = new Map<string, Row>();
  /** Nodes with work left for this target. */
  active: string[] = [];
  private controlPlane: ControlPlaneVersions | undefined;
  /** executor replace: the rotation, and the active nodes whose Node object is already gone. */
  readonly rotation: Rotation | undefined;
  private readonly gone = new Set<string>();

  /** `rotation`: executor replace's, from rotationFor(). */
  constructor(
    client: KubeClient,
    config: UpgradeOptions,
    logger: Logger,
    signal?: AbortSignal,
    rotation?: Rotation,
  ) {
    this.client = client;
    this.config = config;
    this.logger = logger;
    this.signal = signal;
    this.rotation = rotation;
  }

  private get holder(): string {
    return this.config.lock?.holder ?? "kubekeep";
  }

  private async node(name: string): Promise<Node> {
    return this.client.get<Node>(nodePath(name));
  }

  private async allNodes(): Promise<Node[]> {
    return (await this.client.get<List<Node>>("/api/v1/nodes")).items;
  }

  private row(name: string): Row {
    return this.rows.get(name) as Row;
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

  /** Records a node's failure in `step`: in its report line, and on the node, which then blocks the rollout. */
  private async recordFailure(row: Row, text: string, step: string, message: string, reached?: Reached) {
    row.result = text;
    await this.record(row.node, {
      phase: "failed",
      ...(reached ? { reached } : {}),
      from: row.before,
      detail: `${step}: ${message}`.slice(0, 500),
    });
  }

  /**
   * The one way a phase runs on the active nodes, side by side: each must
   * have passed `phase.needs`; `prepare` returns the node's work, or nothing
   * when there is none left; a failure of the work is recorded on the node
   * (a cancellation is left to cancel()), a success as `phase.done`. Fails
   * with every node's error once all have finished.
   */
  private async eachNode(
    phase: NodePhase,
    prepare: (row: Row, p: Progress) => Promise<(() => Promise<void>) | undefined>,
  ): Promise<void> {
    const errors: string[] = [];
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
          // Cancelled, not failed: cancel() records where it stopped.
          if (this.signal?.aborted) return;
          await this.recordFailure(row, phase.failedText, phase.step, errorMessage(err), phase.needs);
          return;
        }
        row.result = phase.doneText;
        await this.record(name, { phase: phase.done, from: row.before });
      }),
    );
    if (errors.length) throw new OperationalError(errors.join("\n"));
  }

  /** Sorts the nodes into finished (skipped) and active, from their progress annotations. */
  async load(): Promise<void> {
    this.controlPlane = await controlPlaneVersions(this.client);
    const all = new Map((await this.allNodes()).map((n) => [n.metadata.name, n]));
    const missing = this.config.nodes.filter((n) => !all.has(n));
    if (missing.length && this.rotation) {
      // A replaced pool's names do not come back: a gone node was replaced, or is being.
      const gone = await this.rotation.gone(missing, [...all.keys()]);
      for (const r of gone.replaced) {
        this.rows.set(r.node, {
          node: r.node,
          role: "worker",
          before: "",
          after: "",
          replacement: r.replacement,
          result: `already replaced by ${r.replacement} (skipped)`,
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
          ...(r.evicted !== undefined ? { evicted: r.evicted } : {}),
          ...(r.drainSeconds !== undefined ? { drainMs: r.drainSeconds * 1000 } : {}),
          ...(r.notReadyBefore ? { notReadyBefore: r.notReadyBefore } : {}),
        });
        this.active.push(r.node);
        this.gone.add(r.node);
        this.logger.info(
          `${r.node}: its Node is gone; resuming its replacement${r.replacement ? ` (${r.replacement})` : ""}: ${r.detail ?? r.state}`,
        );
      }
    } else if (missing.length)
      throw new ConfigurationError(
        `input 'node': no such node ${missing.map((m) => JSON.stringify(m)).join(", ")}; the cluster has: ${[...all.keys()].join(", ")}`,
      );
    for (const name of this.config.nodes) {
      if (!all.has(name)) continue;
      const n = all.get(name) as Node;
      const p = readProgress(n);
      const ours = p?.target === this.config.target ? p : undefined;
      const row: Row = {
        node: name,
        role: isControlPlane(n) ? "control-plane" : "worker",
        before: ours?.from ?? kubeletVersion(n),
        after: kubeletVersion(n),
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
        this.logger.info(
          `${name}: kubelet ${kubeletVersion(n)} is already at ${this.config.target}; skipping`,
        );
        if (this.config.step !== "cancel")
          await this.record(name, { phase: "done", from: kubeletVersion(n) });
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
  private present(): string[] {
    return this.active.filter((n) => !this.gone.has(n));
  }

  /** Active nodes the executor will run on (not upgraded to the target yet). */
  private async nodesToUpgrade(): Promise<Node[]> {
    const out: Node[] = [];
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
  private skew(nodes: Node[], all: Node[]): string[] {
    const cp = this.controlPlane as ControlPlaneVersions;
    return skewProblems(nodes, all, this.config.target, cp, (n) => this.actionFor(n));
  }

  /** The checks before the first cordon (preflight.ts): refuses while nothing has been changed. */
  async check(): Promise<void> {
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
        allNodesReady: this.config.gates.allNodesReady,
      },
      all,
      toDrain,
      skew,
    );
    if (this.rotation) problems.push(...(await this.replaceProblems(all)));
    if (problems.length) {
      for (const name of this.active) this.row(name).result = "refused (nothing changed)";
      throw new OperationalError(
        `refusing to upgrade ${this.active.join(", ")} to ${this.config.target} (nothing was changed):\n- ${problems.join("\n- ")}`,
      );
    }
    for (const name of toDrain) this.row(name).notReadyBefore = othersNotReady;
  }

  /**
   * executor replace, before the first cordon: an unfinished replacement in
   * the pool stops the rollout (its old node may be gone, its failure on no
   * Node); control-plane nodes are not replaced.
   */
  private async replaceProblems(all: Node[]): Promise<string[]> {
    const problems: string[] = [];
    const open = await (this.rotation as Rotation).unfinished(this.config.nodes);
    const text = open
      .map((r) => `node ${r.node}'s replacement (${r.state}${r.detail ? `: ${r.detail.slice(0, 200)}` : ""})`)
      .join("; ");
    if (open.length && this.config.ignoreEarlierFailures)
      this.logger.warning(`${text}: going on past it as ignore-earlier-failures asks`);
    else if (open.length)
      problems.push(
        `${text} is unfinished for ${this.config.target}: a rollout stops at its first failure. Re-run that node (its job) to finish it, or set ignore-earlier-failures: true to go on past it`,
      );
    const cp = all.filter((n) => this.present().includes(n.metadata.name) && isControlPlane(n));
    if (cp.length)
      problems.push(
        `${cp.map((n) => n.metadata.name).join(", ")}: control-plane nodes are not replaced by executor replace (a control plane is replaced by its own controller, or upgraded in place with executor ssh, pod or command)`,
      );
    return problems;
  }

  /** replace-surge, before the drain: each node's replacement up and Ready. */
  async surge(): Promise<void> {
    const rotation = this.rotation as Rotation;
    for (const name of await this.nodesToDrain(true)) {
      const row = this.row(name);
      const started = Date.now();
      row.replacement = await rotation.surge(await this.node(name), row.before, (l) => this.logger.info(l));
      this.logger.info(
        `${name}: replacement ${row.replacement} Ready in ${formatDuration(Date.now() - started)}, before the drain`,
      );
    }
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
        from: p?.target === this.config.target && p.from ? p.from : kubeletVersion(n),
      });
    }
    const outcomes = await drainAll(this.client, toDrain, this.config.drain, this.logger, this.signal);
    const failed: string[] = [];
    for (const o of outcomes) {
      const row = this.row(o.node);
      row.evicted = o.result?.evicted.length ?? 0;
      row.drainMs = o.result?.durationMs ?? 0;
      row.blockers = blockerSummary(o.result);
      if (o.error && this.signal?.aborted) {
        // Cancelled, not failed: cancel() records it (a failure would block the rollout).
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

  private async requirePhase(name: string, needed: Reached, step: string): Promise<Progress> {
    const p = readProgress(await this.node(name));
    if (p?.target !== this.config.target || !phaseAtLeast(p, needed)) {
      throw new ConfigurationError(
        `node ${name}: cannot run the ${step} step: it has not passed "${needed}" for ${this.config.target} (recorded: ${p ? `${p.phase} for ${p.target}` : "nothing"}); run the steps in order`,
      );
    }
    return p;
  }

  /** executor replace: the command, the old node leaving, the replacement Ready at the target. */
  private async replace(rotation: Rotation): Promise<void> {
    const errors: string[] = [];
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
              ...(row.evicted !== undefined ? { evicted: row.evicted } : {}),
              ...(row.drainMs !== undefined ? { drainSeconds: Math.round(row.drainMs / 100) / 10 } : {}),
              ...(row.notReadyBefore ? { notReadyBefore: row.notReadyBefore } : {}),
            },
            (l) => this.logger.info(l),
          );
          row.replaceMs = Date.now() - started;
          row.result = `replaced by ${row.replacement}`;
          this.logger.info(`${name}: replaced by ${row.replacement} in ${formatDuration(row.replaceMs)}`);
        } catch (err) {
          errors.push(errorMessage(err));
          if (this.signal?.aborted) return;
          row.result = "replace FAILED";
          // The old node's own annotation too, while it is there (a gone node's failure is in the record).
          if (rotation.has(name))
            await this.recordFailure(row, "replace FAILED", "replace", errorMessage(err), "drained").catch(
              () => {},
            );
        }
      }),
    );
    if (errors.length) throw new OperationalError(errors.join("\n"));
  }

  async upgrade(): Promise<void> {
    if (this.rotation) return this.replace(this.rotation);
    const executor = makeExecutor(this.config.executor, this.client);
    if (!executor)
      throw new ConfigurationError("input 'executor': the upgrade step needs one of command, ssh, pod");
    maskExecutor(this.config.executor, this.logger);
    if (this.config.executor.kind === "ssh" && this.config.executor.hostKeyPolicy === "accept-new")
      this.logger.warning(ACCEPT_NEW_WARNING);
    // Checked again right before the executor runs (a step of its own, maybe much later).
    const skew = this.skew(await this.nodesToUpgrade(), await this.allNodes());
    if (skew.length)
      throw new OperationalError(
        `refusing to run the upgrade of ${this.active.join(", ")} to ${this.config.target}:\n- ${skew.join("\n- ")}`,
      );
    const phase: NodePhase = {
      step: "upgrade",
      needs: "drained",
      done: "upgraded",
      doneText: "upgraded",
      failedText: "upgrade FAILED",
    };
    await this.eachNode(phase, async (row, p) => {
      const n = await this.node(row.node);
      if (phaseAtLeast(p, "upgraded") && atTarget(n, this.config.target)) {
        this.logger.info(
          `${row.node}: already upgraded (phase ${effectivePhase(p)}); not running the executor again`,
        );
        return undefined;
      }
      const target = this.targetFor(n, p);
      this.logger.info(
        `${row.node}: upgrading ${target.fromVersion} -> ${target.version} with the ${executor.kind} executor (kubeadm upgrade ${target.kubeadmAction})`,
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
    const ip = n.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
    return {
      node: n.metadata.name,
      role: cp ? "control-plane" : "worker",
      kubeadmAction: action,
      version: this.config.target,
      minor: v ? minorOf(v) : "",
      fromVersion: p.from ?? kubeletVersion(n),
      ...(ip ? { internalIp: ip } : {}),
    };
  }

  async verify(): Promise<void> {
    const rotation = this.rotation;
    if (rotation) {
      // The gates, on each replacement.
      for (const name of this.active) {
        const row = this.row(name);
        try {
          await rotation.verify(
            name,
            this.config.gates,
            this.active.filter((a) => a !== name).map((a) => rotation.replacementName(a) ?? a),
            row.notReadyBefore ?? [],
          );
        } catch (err) {
          if (!this.signal?.aborted) row.result = "gates FAILED";
          throw err;
        }
        row.result = `replaced by ${rotation.replacementName(name) ?? ""}, verified`;
      }
      return;
    }
    const phase: NodePhase = {
      step: "verify",
      needs: "upgraded",
      done: "verified",
      doneText: "verified",
      failedText: "gates FAILED",
    };
    await this.eachNode(phase, (row) =>
      Promise.resolve(async () => {
        await waitForGates(
          this.client,
          {
            node: row.node,
            target: this.config.target,
            env: { KUBEKEEP_NODE: row.node, KUBEKEEP_TARGET_VERSION: this.config.target },
            notReadyBefore: row.notReadyBefore ?? [],
            peers: this.active.filter((a) => a !== row.node),
          },
          this.config.gates,
          this.logger,
          this.signal,
        );
      }),
    );
  }

  async uncordon(): Promise<void> {
    if (this.rotation) {
      // A replacement is new, never cordoned: what is left is the record.
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
  async cancel(): Promise<void> {
    for (const name of this.active.filter((a) => this.gone.has(a))) {
      this.row(name).result = "cancelled while waiting for its replacement; a re-run waits for it again";
      await this.rotation?.cancelled(name, this.row(name).result);
    }
    for (const name of this.present()) {
      if (this.rotation && !this.rotation.has(name)) {
        this.row(name).result =
          `cancelled after the node left; ${this.rotation.resumeNote(name) ?? "a re-run waits for its replacement"}`;
        await this.rotation.cancelled(name, this.row(name).result);
        continue;
      }
      const p = readProgress(await this.node(name));
      const row = this.row(name);
      if (p?.target !== this.config.target) {
        // replace-surge stopped before the drain: the node untouched, its replacement maybe started.
        const note = this.rotation?.resumeNote(name);
        if (note) {
          row.result = `cancelled before the drain; ${note}`;
          await (this.rotation as Rotation).cancelled(name, row.result);
        }
        continue;
      }
      const reached = effectivePhase(p);
      const upgradeStarted =
        p.phase === "upgrading" || phaseAtLeast(p, "upgrading") || /^(upgrade|verify):/.test(p.detail ?? "");
      const note = this.rotation?.resumeNote(name);
      if (!upgradeStarted) {
        const outcome = await uncordon(this.client, name);
        row.result = `cancelled before the upgrade; ${outcome === "uncordoned" ? "uncordoned" : "left as found"}${note ? `; ${note}` : ""}`;
      } else if (note) {
        row.result = `cancelled during the replacement; left cordoned and drained; ${note}`;
      } else {
        row.result = `cancelled during ${p.phase}; left cordoned: check the node, then re-run to resume`;
      }
      if (note) await (this.rotation as Rotation).cancelled(name, row.result);
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
    for (const row of this.rows.values()) {
      const replaced = this.rotation?.replacementVersion(row.node);
      if (replaced !== undefined || (this.rotation && !this.rotation.has(row.node)))
        row.after = replaced ?? "";
      else row.after = kubeletVersion(await this.node(row.node));
    }
  }
}

/**
 * executor replace's Rotation, loaded only when that executor runs: the
 * replace code would otherwise push every upgrade-node start past its
 * start-up budget (bench/startup/budgets.json).
 */
export async function rotationFor(
  client: KubeClient,
  config: UpgradeOptions,
  logger: Logger,
  signal?: AbortSignal,
): Promise<Rotation | undefined> {
  if (config.executor.kind !== "replace") return undefined;
  const { Rotation } = await import("../replace/rotation.ts");
  const holder = config.lock?.holder ?? "kubekeep";
  return new Rotation(client, config.executor, config.target, holder, logger, signal);
}
