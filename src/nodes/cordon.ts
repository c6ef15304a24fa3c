/**
 * Cordon and uncordon that remember who cordoned: kubekeep marks the nodes it
 * cordoned with an annotation and uncordons only those, so a node an operator
 * cordoned before the drain stays cordoned afterwards.
 *
 * Nodes are written to all the time (kubelet heartbeats, labels, other
 * controllers' annotations), so these writes never carry the node's
 * resourceVersion: on a busy node that precondition fails most of the time
 * (409 Conflict) although nothing we care about changed. Instead each write
 * is a JSON patch whose `test` operations check exactly the fields the
 * decision was made on (spec.unschedulable and our annotation); when one of
 * those did change, the node is read again and the decision made afresh.
 */
import { isApiError, type KubeClient } from "../cluster/client.ts";
import { OperationalError } from "../core/errors.ts";
import { sleep } from "../core/sleep.ts";
import { nodePath, type Node } from "./types.ts";

export const CORDONED_BY_US = "kubekeep.dev/cordoned";

/** One JSON patch (RFC 6902) operation. */
type PatchOp =
  { op: "test" | "add" | "replace"; path: string; value: unknown } | { op: "remove"; path: string };

const ANNOTATION_PATH = `/metadata/annotations/${CORDONED_BY_US.replace(/~/g, "~0").replace(/\//g, "~1")}`;

/** How often the fields we decide on may change under us before we give up. */
const ATTEMPTS = 10;

/**
 * Reads the node, lets `decide` say what to write (JSON patch operations,
 * guarded by `test`s of what it read) and what that means, and writes it.
 * When a guarded field changed in between (the API server answers 422 for a
 * failed `test`, 409 for a conflict it could not resolve itself), reads
 * again, after a short jittered pause, up to ATTEMPTS times.
 *
 * `known`: the node as the caller read it a moment ago (a drain's safety
 * check lists the nodes), used instead of the first read. That is safe only
 * for a write: the `test`s refuse it when a field decided on changed since.
 * A decision to write nothing has no such guard, so it is made again on a
 * fresh read.
 */
async function decideAndPatch<T>(
  client: KubeClient,
  name: string,
  what: string,
  decide: (node: Node) => { ops?: PatchOp[]; outcome: T },
  known?: Node,
): Promise<{ node: Node; outcome: T }> {
  let last: unknown;
  let guess = known;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(Math.min(1000, 50 * 2 ** attempt) * (0.5 + Math.random()));
    const node = guess ?? (await client.get<Node>(nodePath(name)));
    const { ops, outcome } = decide(node);
    if (!ops?.length && guess) {
      guess = undefined;
      attempt--; // not a conflict: read it now and decide again, without a pause
      continue;
    }
    guess = undefined;
    if (!ops?.length) return { node, outcome };
    try {
      const patched = await client.request<Node>("PATCH", nodePath(name), {
        body: ops,
        contentType: "application/json-patch+json",
      });
      return { node: patched, outcome };
    } catch (err) {
      if (!isApiError(err, 422) && !isApiError(err, 409)) throw err;
      last = err;
    }
  }
  throw new OperationalError(
    `could not ${what} node ${name}: its schedulability or the ${CORDONED_BY_US} annotation changed ${ATTEMPTS} times while we tried ` +
      `(last answer: ${last instanceof Error ? last.message : String(last)}); check what else cordons and uncordons this node`,
  );
}

/** Sets our annotation, creating the annotations map when the node has none (guarded: it must still have none). */
function annotate(node: Node): PatchOp[] {
  if (node.metadata.annotations) return [{ op: "add", path: ANNOTATION_PATH, value: "true" }];
  return [
    { op: "test", path: "/metadata/annotations", value: null },
    { op: "add", path: "/metadata/annotations", value: { [CORDONED_BY_US]: "true" } },
  ];
}

/** Removes our annotation, only if it is still there as we read it. */
function unannotate(): PatchOp[] {
  return [
    { op: "test", path: ANNOTATION_PATH, value: "true" },
    { op: "remove", path: ANNOTATION_PATH },
  ];
}

const isOurs = (node: Node) => node.metadata.annotations?.[CORDONED_BY_US] === "true";

export interface CordonResult {
  node: Node;
  /** The node was already unschedulable and not by us: leave it so afterwards. */
  cordonedByOthers: boolean;
}

/** `known`: the node as read a moment ago, to save the first read (see decideAndPatch). */
export async function cordon(client: KubeClient, name: string, known?: Node): Promise<CordonResult> {
  const { node, outcome } = await decideAndPatch(
    client,
    name,
    "cordon",
    (n) => {
      if (n.spec?.unschedulable) return { outcome: !isOurs(n) };
      return {
        outcome: false,
        ops: [
          // Still schedulable as we read it (absent, or false): else someone
          // else just cordoned it, and it is theirs.
          { op: "test", path: "/spec/unschedulable", value: n.spec?.unschedulable ?? null },
          { op: "add", path: "/spec/unschedulable", value: true },
          ...annotate(n),
        ],
      };
    },
    known,
  );
  return { node, cordonedByOthers: outcome };
}

export type UncordonOutcome = "uncordoned" | "left-cordoned" | "was-schedulable";

/** Uncordons a node we cordoned; with `force`, any node. */
export async function uncordon(client: KubeClient, name: string, force = false): Promise<UncordonOutcome> {
  const { outcome } = await decideAndPatch<UncordonOutcome>(client, name, "uncordon", (n) => {
    const ours = isOurs(n);
    if (!n.spec?.unschedulable) return { outcome: "was-schedulable", ...(ours ? { ops: unannotate() } : {}) };
    if (!ours && !force) return { outcome: "left-cordoned" };
    return {
      outcome: "uncordoned",
      ops: [
        { op: "test", path: "/spec/unschedulable", value: true },
        { op: "remove", path: "/spec/unschedulable" },
        ...(ours ? unannotate() : []),
      ],
    };
  });
  return outcome;
}
