/**
 * Applies a plan: the creates and updates (never the unchanged: their
 * resourceVersion stays), phase by phase (order.ts), at most `parallelism`
 * at a time, under kubekeep's field manager. Objects whose dependencies come
 * later (a custom resource before its CRD is served, a token Secret whose
 * ServiceAccount the token controller has not seen) are retried for a
 * bounded number of rounds; what never applied is reported with the reason.
 *
 * No resourceVersion is sent: an object changed since the plan is still
 * applied (server-side apply merges), never refused as stale.
 */
import { isApiError, type KubeClient } from "../cluster/client.ts";
import { credentialsRefused } from "../cluster/api-failure.ts";
import { errorMessage } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { sleep } from "../core/sleep.ts";
import { asArray, asObject, type JsonObject } from "../export/json.ts";
import { hideRefusedValues } from "./diff.ts";
import { resolveKinds, objectPath, type Kinds } from "./kinds.ts";
import { PHASES } from "./order.ts";
import { eachLimited } from "../core/pool.ts";
import { refusal, type Plan, type PlanItem, type PruneCandidate } from "./plan.ts";
import { collectionPath } from "../export/fetch.ts";

export interface ApplyOutcome {
  applied: PlanItem[];
  /** Never applied, with why. */
  failed: { item: PlanItem; reason: string }[];
  pruned: PruneCandidate[];
  pruneFailed: { c: PruneCandidate; reason: string }[];
}

export interface ExecuteContext {
  client: KubeClient;
  kinds: Kinds;
  fieldManager: string;
  force: boolean;
  parallelism: number;
  rounds: number;
  crdTimeoutMs: number;
  logger: Logger;
  signal?: AbortSignal;
}

/** Worth another round: something the apply itself (or a controller) is about to provide. */
function retryable(err: unknown): boolean {
  if (!isApiError(err)) return !(err instanceof TypeError);
  if (err.code === 404 || err.code === 429 || err.code >= 500) return true;
  // A pod's ServiceAccount not there yet; a namespace still being set up.
  return err.code === 403 && /service ?account|not found|being terminated/i.test(err.serverMessage);
}

export async function executePlan(plan: Plan, ctx: ExecuteContext): Promise<ApplyOutcome> {
  const { logger } = ctx;
  let kinds = ctx.kinds;
  const todo = plan.items.filter(
    (i) => i.action === "create" || i.action === "update" || (i.action === "error" && i.rt === undefined),
  );
  const out: ApplyOutcome = { applied: [], failed: [], pruned: [], pruneFailed: [] };
  let pending: { item: PlanItem; err: unknown }[] = [];
  const applyOne = async (item: PlanItem): Promise<void> => {
    const rt = kinds.served.get(item.t.kindKey) ?? kinds.fromTree.get(item.t.kindKey);
    if (!rt) {
      pending.push({ item, err: new Error(`the cluster serves no kind ${item.t.kindKey}`) });
      return;
    }
    try {
      await ctx.client.request("PATCH", objectPath(item.t, rt), {
        body: item.t.object,
        contentType: "application/apply-patch+yaml",
        query: { fieldManager: ctx.fieldManager, force: ctx.force },
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      out.applied.push(item);
    } catch (err) {
      const refused = credentialsRefused(
        err,
        `applying ${item.t.file}`,
        `${out.applied.length} objects were applied before it, the rest not`,
      );
      if (refused) throw refused;
      if (retryable(err)) pending.push({ item, err });
      else
        out.failed.push({
          item,
          reason: refusal(err, item.t.kindKey === "core/Secret").reason ?? errorMessage(err),
        });
    }
  };

  let queue = todo;
  for (let round = 1; queue.length > 0; round++) {
    if (round > 1) {
      logger.info(`round ${round}: ${queue.length} objects whose dependencies may have appeared since`);
      await sleep(Math.min(1000 * round, 5000), ctx.signal);
      kinds = await resolveKinds(
        ctx.client,
        plan.items.map((i) => i.t),
      );
    }
    pending = [];
    for (const phase of PHASES) {
      const batch = queue.filter((i) => i.phase === phase);
      if (!batch.length) continue;
      await logger.group(`Applying ${phase} (${batch.length})`, () =>
        eachLimited(batch, ctx.parallelism, applyOne),
      );
      if (phase === "crds") {
        await waitEstablished(
          ctx,
          batch.map((i) => i.t.name),
        );
        // Custom resources of the new kinds need discovery to know them.
        kinds = await resolveKinds(
          ctx.client,
          plan.items.map((i) => i.t),
        );
      }
    }
    if (round >= ctx.rounds) {
      for (const p of pending)
        out.failed.push({
          item: p.item,
          reason: `after ${round} rounds: ${p.item.t.kindKey === "core/Secret" ? hideRefusedValues(errorMessage(p.err)) : errorMessage(p.err)}`,
        });
      break;
    }
    queue = pending.map((p) => p.item);
  }
  await keepTokenSecrets(ctx, kinds, out);
  return out;
}

/** Waits (up to crd-timeout) for the CRDs to be Established: their kinds are served from then on. */
async function waitEstablished(ctx: ExecuteContext, names: string[]): Promise<void> {
  const deadline = Date.now() + ctx.crdTimeoutMs;
  let waiting = names;
  while (waiting.length) {
    const still: string[] = [];
    for (const name of waiting) {
      const crd = await ctx.client
        .get<JsonObject>(
          `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`,
        )
        .catch(() => undefined);
      const ok = asArray(asObject(crd?.status)?.conditions).some(
        (c) => asObject(c)?.type === "Established" && asObject(c)?.status === "True",
      );
      if (!ok) still.push(name);
    }
    waiting = still;
    if (!waiting.length) return;
    if (Date.now() > deadline) {
      ctx.logger.warning(
        `CRDs not Established after ${ctx.crdTimeoutMs / 1000}s: ${waiting.join(", ")}; their objects are retried`,
      );
      return;
    }
    await sleep(250, ctx.signal);
  }
}

/**
 * The token controller deletes a token Secret whose ServiceAccount it has
 * not seen yet (a fresh cluster's informers are still syncing): applied ones
 * are checked until filled in, and applied again when gone (bounded).
 */
async function keepTokenSecrets(ctx: ExecuteContext, kinds: Kinds, out: ApplyOutcome): Promise<void> {
  const rt = kinds.served.get("core/Secret");
  let tokens = out.applied.filter(
    (i) => i.t.kindKey === "core/Secret" && i.t.object.type === "kubernetes.io/service-account-token",
  );
  if (!rt || !tokens.length) return;
  const deadline = Date.now() + Math.max(30_000, ctx.rounds * 5_000);
  while (tokens.length && Date.now() < deadline) {
    const left: PlanItem[] = [];
    for (const item of tokens) {
      const path = objectPath(item.t, rt);
      const live = await ctx.client.get<JsonObject>(path).catch((err: unknown) => {
        if (isApiError(err, 404)) return undefined;
        throw err;
      });
      if (live && asObject(live.data)?.token) continue;
      if (!live) {
        ctx.logger.info(
          `${item.t.namespace}/${item.t.name}: the token controller removed it; applying again`,
        );
        await ctx.client.apply(path, item.t.object, ctx.fieldManager, ctx.force).catch(() => undefined);
      }
      left.push(item);
    }
    tokens = left;
    if (tokens.length) await sleep(1000, ctx.signal);
  }
  for (const item of tokens) {
    out.applied.splice(out.applied.indexOf(item), 1);
    out.failed.push({
      item,
      reason: "the token controller never filled it in (is its ServiceAccount there?)",
    });
  }
}

export async function executePrune(
  candidates: PruneCandidate[],
  ctx: ExecuteContext,
  out: ApplyOutcome,
): Promise<void> {
  await eachLimited(candidates, ctx.parallelism, async (c) => {
    const path = `${collectionPath(c.rt, c.namespace)}/${encodeURIComponent(c.name)}`;
    try {
      await ctx.client.delete(path, {
        kind: "DeleteOptions",
        apiVersion: "v1",
        propagationPolicy: "Background",
      });
      out.pruned.push(c);
    } catch (err) {
      const refused = credentialsRefused(
        err,
        `pruning ${c.rt.kind} ${c.namespace ? `${c.namespace}/` : ""}${c.name}`,
        `${out.pruned.length} objects were pruned before it, the rest not`,
      );
      if (refused) throw refused;
      if (isApiError(err, 404)) out.pruned.push(c);
      else out.pruneFailed.push({ c, reason: errorMessage(err) });
    }
  });
  if (out.pruneFailed.length) ctx.logger.warning(`${out.pruneFailed.length} objects could not be pruned`);
}
