/**
 * upgrade-node's stages for `executor: replace`, on top of replace.ts: what a
 * run does with nodes the cluster no longer has (replaced: skip; replacing:
 * resume), the surge before the drain, the replacement itself, the gates on
 * the replacement, and where the result is recorded (the replacement's
 * progress annotation and the record).
 */
import type { KubeClient } from "../../cluster/client.ts";
import { ConfigurationError, OperationalError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { waitForGates, type GateConfig } from "../gates.ts";
import { writeProgress } from "../progress.ts";
import type { Node } from "../types.ts";
import { NodeWatch } from "./node-watch.ts";
import { listRecords, readRecord, recordName, type ReplaceRecord } from "./record.ts";
import { kubeletOf, Replacement, type ReplaceConfig, type ReplaceContext } from "./replace.ts";

/** What a drain carried over, recorded with the replacement. */
export type Carried = Pick<ReplaceRecord, "evicted" | "drainSeconds" | "notReadyBefore">;

export interface GoneNodes {
  /** Replaced already: skip, with the replacement's name. */
  replaced: { node: string; replacement: string; target: string }[];
  /** Replacement under way (or failed): resume it. */
  resumed: ReplaceRecord[];
}

export class Rotation {
  private readonly ctx: ReplaceContext;
  private readonly reps = new Map<string, Replacement>();

  constructor(
    client: KubeClient,
    config: ReplaceConfig,
    target: string,
    by: string,
    logger: Logger,
    signal?: AbortSignal,
  ) {
    this.ctx = {
      client,
      config,
      target,
      by,
      logger,
      watch: new NodeWatch(client),
      ...(signal ? { signal } : {}),
    };
  }

  start(): Promise<void> {
    return this.ctx.watch.start();
  }

  stop(): Promise<void> {
    return this.ctx.watch.stop();
  }

  /** The records of nodes the cluster does not have; a name with none is not a node of this rollout. */
  async gone(names: string[], cluster: string[]): Promise<GoneNodes> {
    const out: GoneNodes = { replaced: [], resumed: [] };
    const unknown: string[] = [];
    const ns = this.ctx.config.namespace;
    for (const name of names) {
      const r = await readRecord(this.ctx.client, ns, name);
      if (r?.state === "done" && r.replacement)
        out.replaced.push({ node: name, replacement: r.replacement, target: r.target });
      else if (r && r.target !== this.ctx.target)
        throw new OperationalError(
          `node ${name} is gone, and its replacement for ${r.target} (not ${this.ctx.target}) is unfinished (${r.detail ?? r.state}): finish it by re-running with target-version ${r.target}, or delete ConfigMap ${ns}/${recordName(name)} if that replacement is no longer wanted`,
        );
      else if (r) out.resumed.push(r);
      else unknown.push(name);
    }
    if (unknown.length)
      throw new ConfigurationError(
        `input 'node': no such node ${unknown.map((m) => JSON.stringify(m)).join(", ")}, and no record of its replacement (ConfigMap ${ns}/${recordName(unknown[0] as string)}); the cluster has: ${cluster.join(", ")}`,
      );
    return out;
  }

  /**
   * Replacements in this pool to this target that other runs left unfinished
   * (failed, or killed): the rollout stops there even when the old node is
   * gone and its failure is on no Node.
   */
  async unfinished(except: string[]): Promise<ReplaceRecord[]> {
    return (await listRecords(this.ctx.client, this.ctx.config.namespace)).filter(
      (r) =>
        r.target === this.ctx.target &&
        r.selector === this.ctx.config.selector.text &&
        r.state !== "done" &&
        !except.includes(r.node),
    );
  }

  /** The replacement of `name`: the one under way, its record, or a new one for `old`. */
  private async replacementOf(
    name: string,
    old: Node | undefined,
    from: string,
    carried: Carried,
  ): Promise<Replacement> {
    const known = this.reps.get(name);
    if (known) return known;
    const record = await readRecord(this.ctx.client, this.ctx.config.namespace, name);
    let rep: Replacement;
    if (record && record.target === this.ctx.target && (record.state !== "done" || !old)) {
      rep = Replacement.resume(this.ctx, record);
      this.ctx.logger.info(
        `${name}: resuming its replacement (${record.commanded ? "replace-command done" : "replace-command not done"}${record.replacement ? `, replacement ${record.replacement}` : ""})`,
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
  async surge(old: Node, from: string, log: (l: string) => void): Promise<string> {
    const rep = await this.replacementOf(old.metadata.name, old, from, {});
    if (!rep.record.commanded) await rep.command("add", old, log);
    return rep.waitForReplacement();
  }

  /**
   * The replacement after the drain: the command (its replace step, or with
   * surge its remove step) unless it already succeeded, the old node's
   * leaving, the replacement Ready at the target. Returns the replacement.
   */
  async replace(name: string, from: string, carried: Carried, log: (l: string) => void): Promise<string> {
    const old = this.ctx.watch.get(name);
    const rep = await this.replacementOf(name, old, from, carried);
    await rep.save({ state: "replacing", ...carried });
    const present = rep.old();
    if (this.ctx.config.surge) {
      if (!rep.record.commanded)
        throw new OperationalError(
          `node ${name}: replace-surge: its replacement was never started (no add step)`,
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
  async verify(name: string, gates: GateConfig, peers: string[], notReadyBefore: string[]): Promise<void> {
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
            KUBEKEEP_TARGET_VERSION: this.ctx.target,
          },
          notReadyBefore: notReadyBefore.filter((n) => n !== name),
          peers,
        },
        gates,
        this.ctx.logger,
        this.ctx.signal,
      );
    } catch (err) {
      if (!this.ctx.signal?.aborted)
        await rep.save({
          state: "failed",
          detail: `verify ${replacement}: ${(err as Error).message}`.slice(0, 1000),
        });
      throw err;
    }
  }

  /**
   * Done: the replacement carries the progress (so a later run skips it and
   * upgrade-plan counts it at the target), the record says by whom it was
   * replaced (so a re-run of the old name skips it).
   */
  async finish(name: string): Promise<string> {
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
      ...(r.evicted !== undefined ? { evicted: r.evicted } : {}),
      ...(r.drainSeconds !== undefined ? { drainSeconds: r.drainSeconds } : {}),
    });
    await rep.save({ state: "done", detail: `replaced by ${replacement}` });
    return replacement;
  }

  /**
   * For a cancelled run, from `name`'s record: what a re-run does next.
   * Undefined when its replacement never started (nothing recorded).
   */
  resumeNote(name: string): string | undefined {
    const r = this.reps.get(name)?.record;
    if (!r) return undefined;
    const step = this.ctx.config.surge ? "add" : "replace";
    if (!r.commanded) return `replace-command (${step}) did not finish: a re-run runs it again`;
    const joined = r.replacement
      ? `its replacement ${r.replacement} joined`
      : "no replacement has joined yet";
    if (this.ctx.config.surge && !r.removed)
      return `replace-command (add) ran and ${joined}: a re-run waits for it, drains, and runs the remove step`;
    return `replace-command ran and ${joined}: a re-run does not run it again but waits for the node to leave and its replacement`;
  }

  /** A stopped run: the record keeps where it was (the old node's annotation is the caller's). */
  async cancelled(name: string, detail: string): Promise<void> {
    const rep = this.reps.get(name);
    if (rep) await rep.save({ detail: detail.slice(0, 1000) });
  }

  replacementName(name: string): string | undefined {
    return this.reps.get(name)?.record.replacement;
  }

  /** The kubelet version of `name`'s replacement, when it has one. */
  replacementVersion(name: string): string | undefined {
    const r = this.replacementName(name);
    const n = r ? this.ctx.watch.get(r) : undefined;
    return n ? kubeletOf(n) : undefined;
  }

  /** Whether a Node with this name (whatever its UID) is in the cluster now. */
  has(name: string): boolean {
    return !!this.ctx.watch.get(name);
  }
}
