import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  waitForGates
} from "./chunk-KNTTGA2E.js";
import {
  ListWatch
} from "./chunk-22GEO3ZJ.js";
import {
  REPLACES_ANNOTATION,
  listRecords,
  readRecord,
  recordName,
  writeRecord
} from "./chunk-UZYVQUF2.js";
import {
  writeProgress
} from "./chunk-FM22E3NN.js";
import {
  compareVersions,
  parseVersion
} from "./chunk-2HG6AMBK.js";
import {
  describeEnd,
  lastLines,
  runShell
} from "./chunk-2BN52FYM.js";
import {
  isNodeReady,
  nodePath
} from "./chunk-TY2O5Y2Q.js";
import {
  matchesLabels
} from "./chunk-FK3ILC2B.js";
import "./chunk-MEXL324I.js";
import {
  isApiError
} from "./chunk-GSHV4ADS.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-XIQOQISJ.js";
import "./chunk-UU4DZNBE.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-KNDO3OP3.js";
import {
  formatDuration
} from "./chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  OperationalError
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

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
  async verify(name, gates, peers, notReadyBefore) {
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
          notReadyBefore: notReadyBefore.filter((n) => n !== name),
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
export {
  Rotation
};
