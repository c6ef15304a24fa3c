/**
 * The replace executor's domain: a node of a managed or immutable pool is not
 * upgraded in place but replaced by its provider. kubekeep runs the user's
 * `replace-command` (e.g. terminate the instance in its auto-scaling group
 * without lowering the desired count), then watches for the old Node object
 * to leave and for a new Node matching `replace-selector` to join and become
 * Ready at the target kubelet version. Each way that can go wrong stops with
 * what happened and where the nodes are:
 * - the command fails (the old node is still there, cordoned and drained, or
 *   already gone);
 * - the old node never leaves (deadline);
 * - no replacement joins (deadline);
 * - the replacement joins at another kubelet version.
 *
 * With `replace-surge` the command runs twice: its `add` step before the
 * drain brings up one more node (the run waits until it is Ready, so evicted
 * pods have somewhere to go), its `remove` step after the drain removes the
 * old node for good. Without it, its `replace` step does both at once.
 *
 * Progress is kept in the record (record.ts) from just before the command,
 * so a run killed at any point resumes: the command is not run again once it
 * succeeded, a gone node's replacement is waited for, a finished one skipped.
 */
import type { KubeClient } from "../../cluster/client.ts";
import { isApiError } from "../../cluster/client.ts";
import { matchesLabels, type LabelSelectorText } from "../../cluster/label-selector.ts";
import { OperationalError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { describeEnd, lastLines, runShell } from "../../core/process.ts";
import { formatDuration } from "../../core/units.ts";
import { isNodeReady, nodePath, type Node } from "../types.ts";
import { compareVersions, parseVersion } from "../version.ts";
import type { NodeWatch } from "./node-watch.ts";
import { recordName, REPLACES_ANNOTATION, writeRecord, type ReplaceRecord } from "./record.ts";

export interface ReplaceConfig {
  /** Shell command run with the node in its environment (see replaceEnv). */
  command: string;
  /** Which nodes form the pool: the replacement matches it. */
  selector: LabelSelectorText;
  /** How long one run of the command may take (upgrade-timeout). */
  commandTimeoutMs: number;
  /** How long the old node may take to leave and its replacement to join and become Ready (replace-timeout). */
  timeoutMs: number;
  /** Bring the replacement up (and Ready) before the drain; remove the old node after it. */
  surge: boolean;
  /** Where the records live (the lock's namespace). */
  namespace: string;
}

/** Which part of a replacement the command is asked for (KUBEKEEP_REPLACE_STEP). */
export type CommandStep = "replace" | "add" | "remove";

export interface ReplaceContext {
  client: KubeClient;
  config: ReplaceConfig;
  target: string;
  /** Who runs it (the lock holder). */
  by: string;
  logger: Logger;
  watch: NodeWatch;
  signal?: AbortSignal;
}

const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
/** Provider IDs as clouds write them (aws:///zone/i-..., gce://project/zone/name, azure:///subscriptions/...). */
const PROVIDER_ID = /^[A-Za-z0-9:/._@=+-]{0,512}$/;

export const kubeletOf = (n: Node): string => n.status?.nodeInfo?.kubeletVersion ?? "";
const providerIdOf = (n: Node): string => (n.spec as { providerID?: string } | undefined)?.providerID ?? "";

/**
 * The command's environment: the node's name, provider ID and labels
 * (`k=v,k=v`, as kubectl -l and kubelet --node-labels take them), the
 * versions and the step. Values come from the cluster: a provider ID or a
 * label outside the API's forms is refused, not passed on.
 */
export function replaceEnv(
  node: Node,
  target: string,
  from: string,
  step: CommandStep,
  selector: LabelSelectorText,
): Record<string, string> {
  const providerID = providerIdOf(node);
  if (!PROVIDER_ID.test(providerID))
    throw new OperationalError(
      `node ${node.metadata.name}: its spec.providerID ${JSON.stringify(providerID.slice(0, 100))} has characters a cloud provider ID does not (letters, digits and :/._@=+- only); not passing it to replace-command`,
    );
  const labels = Object.entries(node.metadata.labels ?? {});
  const bad = labels.filter(([k, v]) => !LABEL_KEY.test(k) || !LABEL_VALUE.test(v));
  if (bad.length)
    throw new OperationalError(
      `node ${node.metadata.name}: labels not of the API's form: ${bad.map(([k]) => JSON.stringify(k.slice(0, 80))).join(", ")}; not passing them to replace-command`,
    );
  return {
    KUBEKEEP_NODE: node.metadata.name,
    KUBEKEEP_PROVIDER_ID: providerID,
    KUBEKEEP_NODE_LABELS: labels.map(([k, v]) => `${k}=${v}`).join(","),
    KUBEKEEP_REPLACE_SELECTOR: selector.text,
    KUBEKEEP_REPLACE_STEP: step,
    KUBEKEEP_TARGET_VERSION: target,
    KUBEKEEP_FROM_VERSION: from,
  };
}

/**
 * Taints Kubernetes itself manages (node.kubernetes.io/not-ready,
 * unreachable, unschedulable, network-unavailable..., and the cloud
 * controller's uninitialized): a node carries them while it cannot take
 * pods, never as its pool's.
 */
const SYSTEM_TAINT = /^(node\.kubernetes\.io\/|node\.cloudprovider\.kubernetes\.io\/uninitialized:)/;

const hardTaints = (n: Node): string[] =>
  (n.spec?.taints ?? [])
    .filter((t) => t.effect === "NoSchedule" || t.effect === "NoExecute")
    .map((t) => `${t.key}:${t.effect}`);

/** A node's NoSchedule/NoExecute taints (`key:effect`) less those Kubernetes manages: what its pool puts on every node (dedicated=gpu, say). */
export function poolTaints(n: Node): string[] {
  return hardTaints(n).filter((t) => !SYSTEM_TAINT.test(t));
}

/**
 * What keeps pods off `n` although it may be Ready: its cordon, and each
 * NoSchedule/NoExecute taint its pool does not carry (`pool`: the old node's
 * own, see poolTaints; unknown: only those Kubernetes manages). A node that
 * just joined has some for a while: the node lifecycle controller lifts
 * not-ready after the kubelet reports Ready, the cloud controller lifts
 * uninitialized, a CNI its agent-not-ready. Empty: pods can go there.
 */
export function keptOff(n: Node, pool: string[] | undefined): string[] {
  const out = hardTaints(n).filter((t) => (pool ? !pool.includes(t) : SYSTEM_TAINT.test(t)));
  if (n.spec?.unschedulable && !out.some((t) => t.startsWith("node.kubernetes.io/unschedulable:")))
    out.push("cordoned");
  return out;
}

function atVersion(n: Node, target: string): boolean {
  const v = parseVersion(kubeletOf(n));
  const t = parseVersion(target);
  return !!v && !!t && compareVersions(v, t) === 0;
}

/** "a (v1.34.2, Ready), b (v1.35.4, NotReady)": the pool as it is now, for a message. */
export function describePool(nodes: Node[], selector: LabelSelectorText): string {
  const pool = nodes.filter((n) => matchesLabels(selector, n.metadata.labels));
  if (!pool.length) return "the pool has no node now";
  return `the pool now: ${pool
    .map(
      (n) =>
        `${n.metadata.name} (${kubeletOf(n) || "no kubelet version"}, ${isNodeReady(n) ? "Ready" : "NotReady"}${n.spec?.unschedulable ? ", cordoned" : ""})`,
    )
    .join(", ")}`;
}

/**
 * The replacement a node's rotation takes: a node the selector matches, not
 * one that was in the pool before the command, not claimed by another node's
 * rotation; one already claimed by this rotation first, then the oldest.
 * Pure (for tests with tables of nodes).
 */
export function pickReplacement(
  nodes: Node[],
  record: ReplaceRecord,
  selector: LabelSelectorText,
): Node | undefined {
  const before = new Set([...record.pool, record.uid]);
  const candidates = nodes.filter((n) => {
    const claim = n.metadata.annotations?.[REPLACES_ANNOTATION];
    return (
      matchesLabels(selector, n.metadata.labels) &&
      !before.has(n.metadata.uid ?? "") &&
      !n.metadata.deletionTimestamp &&
      (claim === undefined || claim === record.node)
    );
  });
  const ours = (n: Node) => (n.metadata.annotations?.[REPLACES_ANNOTATION] === record.node ? 0 : 1);
  candidates.sort(
    (a, b) =>
      ours(a) - ours(b) ||
      (a.metadata.creationTimestamp ?? "").localeCompare(b.metadata.creationTimestamp ?? "") ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
  return candidates[0];
}

/** One node's replacement: its record, and the steps that move it on. */
export class Replacement {
  record: ReplaceRecord;
  private readonly ctx: ReplaceContext;

  private constructor(ctx: ReplaceContext, record: ReplaceRecord) {
    this.ctx = ctx;
    this.record = record;
  }

  /** Resumes from a record read back (see record.ts). */
  static resume(ctx: ReplaceContext, record: ReplaceRecord): Replacement {
    return new Replacement(ctx, record);
  }

  /**
   * Starts `old`'s replacement: records it (with the pool as it is, so the
   * replacement can be told from the nodes already there) before anything
   * the command does can make the old Node go away.
   */
  static async begin(
    ctx: ReplaceContext,
    old: Node,
    from: string,
    carried: Pick<ReplaceRecord, "evicted" | "drainSeconds" | "notReadyBefore"> = {},
  ): Promise<Replacement> {
    const pool = ctx.watch
      .nodes()
      .filter((n) => matchesLabels(ctx.config.selector, n.metadata.labels))
      .map((n) => n.metadata.uid ?? "")
      .filter(Boolean);
    const providerID = providerIdOf(old);
    const r = new Replacement(ctx, {
      node: old.metadata.name,
      target: ctx.target,
      state: "replacing",
      from,
      uid: old.metadata.uid ?? "",
      ...(providerID ? { providerID } : {}),
      selector: ctx.config.selector.text,
      pool,
      taints: poolTaints(old),
      by: ctx.by,
      at: "",
      ...carried,
    });
    await r.save({});
    return r;
  }

  get node(): string {
    return this.record.node;
  }

  async save(update: Partial<Omit<ReplaceRecord, "at" | "node">>): Promise<void> {
    const { at: _at, ...rest } = { ...this.record, ...update, by: this.ctx.by };
    this.record = await writeRecord(this.ctx.client, this.ctx.config.namespace, rest);
  }

  /** The old node, while the Node object with its UID is there. */
  old(): Node | undefined {
    const n = this.ctx.watch.get(this.node);
    return n && n.metadata.uid === this.record.uid ? n : undefined;
  }

  /** "still there, cordoned" / "gone": the old node's state, for a message. */
  oldState(): string {
    const n = this.old();
    if (!n) return `${this.node} is gone`;
    return `${this.node} is still there${n.spec?.unschedulable ? ", cordoned" : ""}`;
  }

  /**
   * Runs replace-command's `step` for the old node. A failure records it and
   * throws what happened, with the old node's state.
   */
  async command(step: CommandStep, old: Node, log: (line: string) => void): Promise<void> {
    const { config, target, signal } = this.ctx;
    const env = replaceEnv(old, target, this.record.from, step, config.selector);
    const started = Date.now();
    const res = await runShell(config.command, {
      // The user's command: what it would see in a run: step, plus the node's variables.
      inherit: "user",
      env,
      timeoutMs: config.commandTimeoutMs,
      onLine: (l) => log(`[${this.node}] ${l}`),
      ...(signal ? { signal } : {}),
    });
    if (res.code === 0 && !res.timedOut && !res.aborted) {
      this.ctx.logger.info(
        `${this.node}: replace-command (${step}) finished in ${formatDuration(Date.now() - started)}`,
      );
      await this.save(step === "remove" ? { removed: true } : { commanded: true });
      return;
    }
    const what = `replace-command (${step}) for ${this.node} ${describeEnd(res, config.commandTimeoutMs)}: ${lastLines(res.output, 5)}`;
    if (res.aborted) throw new OperationalError(what);
    const gone = !this.ctx.watch.get(this.node);
    const state = gone
      ? `${this.node} is gone (the command removed it before failing): a re-run waits for its replacement`
      : step === "remove"
        ? `${this.node} is still there, cordoned and drained, and its replacement ${this.record.replacement ?? ""} is Ready: fix the cause and re-run (the remove step runs again)`
        : `${this.node} is still there${step === "replace" ? ", cordoned and drained" : " (not drained yet)"}, and nothing replaced it: fix the cause and re-run (the command runs again)`;
    await this.fail(`${what}; ${state}`);
  }

  /** Records the failure and throws it. */
  async fail(message: string): Promise<never> {
    await this.save({ state: "failed", detail: message.slice(0, 1000) });
    throw new OperationalError(message);
  }

  private deadline(): number {
    return Date.now() + this.ctx.config.timeoutMs;
  }

  /** Waits for the old Node object to leave (deleted, or replaced by another object of the same name). */
  async waitForLeave(): Promise<void> {
    if (!this.old()) return;
    const started = Date.now();
    const left = await this.ctx.watch.until(
      () => (this.old() ? undefined : true),
      this.deadline(),
      this.ctx.signal,
    );
    if (left) {
      this.ctx.logger.info(
        `${this.node}: the Node object left ${formatDuration(Date.now() - started)} after the command`,
      );
      return;
    }
    if (this.ctx.signal?.aborted)
      throw new OperationalError(`waiting for ${this.node} to leave was cancelled`);
    await this.fail(
      `node ${this.node} never left: its Node object was still there ${formatDuration(this.ctx.config.timeoutMs)} (replace-timeout) after replace-command${this.record.replacement ? ` (its replacement ${this.record.replacement} joined)` : ""}; the provider did not remove it, or nothing deleted its Node. It stays cordoned and drained. Check its instance; a re-run does not run the command again but waits for the node to leave (delete the ConfigMap ${this.ctx.config.namespace}/${recordName(this.node)} to start over)`,
    );
  }

  /**
   * Waits for the replacement: a new node matching the selector, claimed for
   * this node (so no other rotation takes it), at the target kubelet version,
   * Ready. Returns its name.
   */
  async waitForReplacement(): Promise<string> {
    const { watch, config, target, signal, logger } = this.ctx;
    const deadline = this.deadline();
    const started = Date.now();
    let claimed: string | undefined;
    while (!claimed) {
      const candidate = await watch.until(
        () => pickReplacement(watch.nodes(), this.record, config.selector),
        deadline,
        signal,
      );
      if (!candidate) {
        if (signal?.aborted)
          throw new OperationalError(`waiting for ${this.node}'s replacement was cancelled`);
        return this.fail(
          `no replacement for ${this.node} joined within ${formatDuration(config.timeoutMs)} (replace-timeout): no new node matching replace-selector ${JSON.stringify(config.selector.text)}; ${describePool(watch.nodes(), config.selector)}; ${this.oldState()}. Check the provider (did it launch an instance, did its kubelet join?); a re-run waits for the replacement again`,
        );
      }
      claimed = await this.claim(candidate);
    }
    if (this.record.replacement !== claimed) {
      logger.info(
        `${this.node}: replacement ${claimed} joined ${formatDuration(Date.now() - started)} into the wait`,
      );
      await this.save({ replacement: claimed });
    }
    // The version is known from registration on: no need to wait for Ready to judge it.
    // Ready is not enough: until its start-up taints are lifted the
    // scheduler places nothing there (evicted pods would be Pending).
    const ready = await watch.until(
      () => {
        const n = watch.get(claimed);
        if (!n) return "gone";
        if (!kubeletOf(n)) return undefined;
        if (!atVersion(n, target)) return "wrong-version";
        return isNodeReady(n) && !keptOff(n, this.record.taints).length ? "ready" : undefined;
      },
      deadline,
      signal,
    );
    const n = watch.get(claimed);
    if (ready === "ready") {
      logger.info(`${this.node}: replacement ${claimed} is Ready at ${target} and takes pods`);
      return claimed;
    }
    if (signal?.aborted) throw new OperationalError(`waiting for ${claimed} to become Ready was cancelled`);
    if (ready === "gone")
      return this.fail(
        `the replacement ${claimed} of ${this.node} left again before it became Ready; ${this.oldState()}; a re-run waits for another replacement`,
      );
    if (ready === "wrong-version" && n)
      return this.fail(
        `the replacement ${claimed} of ${this.node} joined at kubelet ${kubeletOf(n)}, not ${target}: the provider launched it from a template or image of another version. It was left as it is (${isNodeReady(n) ? "Ready" : "NotReady"}, not cordoned, annotated ${REPLACES_ANNOTATION}=${this.node}); ${this.oldState()}. Fix the pool's template, remove ${claimed}, and re-run: the run then waits for another replacement`,
      );
    const off = n ? keptOff(n, this.record.taints) : [];
    return this.fail(
      `the replacement ${claimed} of ${this.node} joined but was not Ready for pods at ${target} within ${formatDuration(config.timeoutMs)} (replace-timeout): it reports ${n ? `kubelet ${kubeletOf(n) || "unknown"}, ${isNodeReady(n) ? "Ready" : "NotReady"}${off.length ? `, pods kept off by ${off.join(", ")}` : ""}` : "nothing"}; ${this.oldState()}. Check its kubelet${off.length ? " and what should lift those taints" : ""}; a re-run waits for it again`,
    );
  }

  /** Marks `n` as this node's replacement; undefined when another rotation got to it first. */
  private async claim(n: Node): Promise<string | undefined> {
    if (n.metadata.annotations?.[REPLACES_ANNOTATION] === this.node) return n.metadata.name;
    try {
      await this.ctx.client.mergePatch(nodePath(n.metadata.name), {
        // The resourceVersion makes it a compare-and-swap: two rotations never claim one node.
        metadata: {
          resourceVersion: n.metadata.resourceVersion,
          annotations: { [REPLACES_ANNOTATION]: this.node },
        },
      });
      return n.metadata.name;
    } catch (err) {
      if (isApiError(err, 409) || isApiError(err, 404)) {
        // Changed or gone since it was seen: wait for the watch to catch up, then pick again.
        await new Promise((r) => setTimeout(r, 200));
        return undefined;
      }
      throw err;
    }
  }
}
