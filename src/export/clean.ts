/**
 * From an object as the API server returns it to what a person would have
 * written: the server's bookkeeping (uid, resourceVersion, managedFields,
 * status, ...) and the fields controllers fill in (allocated cluster IPs and
 * node ports, PVC bindings, injected token volumes) go; what the user set,
 * meaningful empties included (`emptyDir: {}`), stays. Objects a controller
 * owns or the control plane maintains itself are skipped with a reason.
 */
import { resourceId, type ResourceType } from "./resource-type.ts";
import { userOwns } from "./field-owners.ts";
import { asObject, str, type Json, type JsonObject } from "./json.ts";

export type CleanResult = { object: JsonObject } | { skip: string };

export interface CleanOptions {
  includeOwned: boolean;
  includeSystem: boolean;
}

const DROP_METADATA = [
  "managedFields",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "selfLink",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "ownerReferences",
];

const DROP_ANNOTATIONS = [
  "kubectl.kubernetes.io/last-applied-configuration",
  "deployment.kubernetes.io/revision",
  "pv.kubernetes.io/bind-completed",
  "pv.kubernetes.io/bound-by-controller",
  "pv.kubernetes.io/provisioned-by",
  "volume.beta.kubernetes.io/storage-provisioner",
  "volume.kubernetes.io/storage-provisioner",
  "volume.kubernetes.io/selected-node",
  "endpoints.kubernetes.io/last-change-trigger-time",
  "control-plane.alpha.kubernetes.io/leader",
  "kubernetes.io/service-account.uid",
];

/** ConfigMaps the control plane writes into every cluster, by `namespace/name`. */
const SYSTEM_CONFIGMAPS = new Set([
  "kube-system/extension-apiserver-authentication",
  "kube-system/kube-apiserver-legacy-service-account-token-tracking",
  // kubeadm's discovery document (this cluster's CA and address), signed for each join token
  // by the bootstrap signer: applied into a re-initialised cluster it conflicts with kubeadm's
  // own, and forced it would point joining nodes at the old CA.
  "kube-public/cluster-info",
]);

/** Why an object is not exported, or undefined when it is (pure: unit-tested). */
export function skipReason(obj: JsonObject, rt: ResourceType, opts: CleanOptions): string | undefined {
  const meta = asObject(obj.metadata) ?? {};
  const name = str(meta.name);
  const ns = typeof meta.namespace === "string" ? meta.namespace : "";
  const annotations = asObject(meta.annotations) ?? {};
  const labels = asObject(meta.labels) ?? {};
  const id = resourceId(rt);
  if (!opts.includeOwned && Array.isArray(meta.ownerReferences)) {
    const owner = meta.ownerReferences.map(asObject).find((o) => o?.controller === true);
    if (owner) return `owned by ${str(owner.kind)} (a controller recreates it)`;
  }
  if (id === "configmaps" && name === "kube-root-ca.crt")
    return "kube-root-ca.crt (published by the control plane)";
  if (id === "secrets" && obj.type === "kubernetes.io/service-account-token") {
    if (annotations["kubernetes.io/service-account.name"] === "default")
      return "the default ServiceAccount's token";
  }
  if (opts.includeSystem) return undefined;
  const system = "maintained by the control plane (include-system exports it)";
  if (annotations["rbac.authorization.kubernetes.io/autoupdate"] === "true") return system;
  if (annotations["apf.kubernetes.io/autoupdate-spec"] === "true") return system;
  if (labels["kube-aggregator.kubernetes.io/automanaged"] !== undefined) return system;
  if (id === "configmaps" && SYSTEM_CONFIGMAPS.has(`${ns}/${name}`)) return system;
  if (
    id === "endpoints" &&
    (annotations["endpoints.kubernetes.io/last-change-trigger-time"] !== undefined ||
      (ns === "default" && name === "kubernetes"))
  )
    return system;
  if (id === "services" && ns === "default" && name === "kubernetes") return system;
  if (id === "servicecidrs.networking.k8s.io" && name === "kubernetes") return system;
  if (id === "priorityclasses.scheduling.k8s.io" && name.startsWith("system-")) return system;
  return undefined;
}

/**
 * Strips server-side and controller-populated fields and returns the object.
 * Key order is left alone: the YAML emitter applies `kubernetesKeyOrder` as
 * it writes, which costs less than building a sorted copy of every object.
 * The objects that lose fields on every export (the object, its metadata and
 * annotations, a Service's spec) are copied without them rather than having
 * them deleted: deleting a field turns a V8 object into a slow dictionary,
 * and the redaction walks and the YAML emitter then take several times as
 * long over it. The input's other objects are reused, so it is not to be
 * used afterwards.
 */
export function cleanObject(input: JsonObject, rt: ResourceType): JsonObject {
  const id = resourceId(rt);
  // The token controller fills a service-account token Secret in (token, ca.crt,
  // namespace); re-applied empty, it is filled in again for the new cluster.
  const obj = without(
    input,
    id === "secrets" && input.type === "kubernetes.io/service-account-token" ? TOKEN_SECRET_DROP : TOP_DROP,
  );
  const original = asObject(input.metadata);
  const managedFields = original?.managedFields;
  const meta = cleanMetadata(original);
  if (meta) obj.metadata = meta;
  /** Did a person or a tool (not a controller, not a server allocator) set this field? */
  const userSet = (...path: string[]) => userOwns(managedFields, path);
  const spec = asObject(obj.spec);
  if (spec) {
    if (id === "services") {
      // Allocated by the API server unless asked for (kube-dns's fixed 10.96.0.10 is asked for);
      // "None" (headless) is always asked for.
      const drop: string[] = [];
      if (spec.clusterIP !== undefined && spec.clusterIP !== "None" && !userSet("spec", "clusterIP"))
        drop.push("clusterIP");
      for (const f of ["clusterIPs", "ipFamilies", "ipFamilyPolicy", "healthCheckNodePort"]) {
        if (spec[f] !== undefined && !userSet("spec", f)) drop.push(f);
      }
      const cleanSpec = without(spec, drop);
      const ports = Array.isArray(spec.ports) ? spec.ports : [];
      if (
        ports.some((p) => asObject(p)?.nodePort !== undefined) &&
        !userSet("spec", "ports", "*", "nodePort")
      ) {
        cleanSpec.ports = ports.map((p) => {
          const port = asObject(p);
          return port ? without(port, NODE_PORT) : p;
        });
      }
      obj.spec = cleanSpec;
    } else if (id === "persistentvolumeclaims") {
      // The PV controller's binding goes (the PV's claimRef brings it back); a static binding stays.
      if (spec.volumeName !== undefined && !userSet("spec", "volumeName")) delete spec.volumeName;
    } else if (id === "persistentvolumes") {
      // The claimRef stays without its uid: it reserves the volume for the same claim in
      // a new cluster, so a restore binds each claim to its own data, never to a lookalike.
      const ref = asObject(spec.claimRef);
      if (ref) {
        delete ref.uid;
        delete ref.resourceVersion;
      }
    } else if (id === "pods") {
      if (!userSet("spec", "nodeName")) delete spec.nodeName;
      dropInjectedTokenVolume(spec);
    } else if (id === "jobs.batch") {
      cleanJob(spec, meta ?? {}, original?.uid);
    } else if (id === "cronjobs.batch") {
      const jobSpec = asObject(asObject(spec.jobTemplate)?.spec);
      if (jobSpec) cleanJob(jobSpec, asObject(asObject(spec.jobTemplate)?.metadata) ?? {}, undefined);
    } else if (id === "statefulsets.apps") {
      // Each claim template comes back with `status: {phase: Pending}`.
      for (const t of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : [])
        delete asObject(t)?.status;
    }
  }
  return obj;
}

const TOP_DROP = ["status"];
const TOKEN_SECRET_DROP = ["status", "data"];
const NODE_PORT = ["nodePort"];

/** The metadata without the server's bookkeeping and the annotations controllers write (a copy). */
function cleanMetadata(meta: JsonObject | undefined): JsonObject | undefined {
  if (!meta) return undefined;
  const annotations = asObject(meta.annotations);
  const kept = annotations && without(annotations, DROP_ANNOTATIONS);
  const out = without(meta, kept && isEmptyObject(kept) ? DROP_METADATA_AND_ANNOTATIONS : DROP_METADATA);
  if (kept && !isEmptyObject(kept)) out.annotations = kept;
  return out;
}

const DROP_METADATA_AND_ANNOTATIONS = [...DROP_METADATA, "annotations"];

function isEmptyObject(o: JsonObject): boolean {
  for (const _ in o) return false;
  return true;
}

/**
 * `obj` without the keys in `drop`, the others in their order: `obj` itself
 * when it has none of them, else a copy (see cleanObject for why not delete).
 */
export function without(obj: JsonObject, drop: readonly string[]): JsonObject {
  let any = false;
  for (const k of drop) if (Object.hasOwn(obj, k)) any = true;
  if (!any) return obj;
  const out: JsonObject = {};
  for (const k in obj) {
    if (drop.includes(k)) continue;
    // A key "__proto__" (JSON.parse makes it an own field) is copied as a field, not as the prototype.
    if (k === "__proto__")
      Object.defineProperty(out, k, { value: obj[k], enumerable: true, writable: true, configurable: true });
    else out[k] = obj[k] as Json;
  }
  return out;
}

const JOB_UID_LABELS = ["controller-uid", "batch.kubernetes.io/controller-uid"];
const JOB_NAME_LABELS = ["job-name", "batch.kubernetes.io/job-name"];

/**
 * Without `manualSelector`, the Job's selector and its pods' labels are
 * generated from the Job's uid and name, and a Job created without labels
 * gets the same labels (its labels default to the pod template's). A stale
 * uid selector makes a re-applied Job invalid, so all of them go: the API
 * server makes them again for the new Job.
 */
function cleanJob(spec: JsonObject, meta: JsonObject, uid: Json | undefined): void {
  if (spec.manualSelector === true) return;
  delete spec.selector;
  const name = meta.name;
  const generated = (k: string, v: Json) =>
    JOB_UID_LABELS.includes(k)
      ? uid === undefined || v === uid
      : JOB_NAME_LABELS.includes(k) && (name === undefined || v === name);
  for (const holder of [meta, asObject(asObject(spec.template)?.metadata)]) {
    const labels = asObject(holder?.labels);
    if (!holder || !labels) continue;
    for (const [k, v] of Object.entries(labels)) if (generated(k, v)) delete labels[k];
    if (Object.keys(labels).length === 0) delete holder.labels;
  }
}

/** The `kube-api-access-*` projected volume admission injects into every pod. */
function dropInjectedTokenVolume(spec: JsonObject): void {
  if (!Array.isArray(spec.volumes)) return;
  const injected = new Set(
    spec.volumes.map((v) => str(asObject(v)?.name)).filter((n) => n.startsWith("kube-api-access-")),
  );
  if (!injected.size) return;
  spec.volumes = spec.volumes.filter((v) => !injected.has(str(asObject(v)?.name)));
  if (spec.volumes.length === 0) delete spec.volumes;
  for (const field of ["containers", "initContainers", "ephemeralContainers"]) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      const co = asObject(c);
      if (!co || !Array.isArray(co.volumeMounts)) continue;
      co.volumeMounts = co.volumeMounts.filter((m) => !injected.has(str(asObject(m)?.name)));
      if (co.volumeMounts.length === 0) delete co.volumeMounts;
    }
  }
}

const TOP_ORDER = ["apiVersion", "kind", "metadata"];
const META_ORDER = ["name", "namespace"];
const NAME_FIRST = ["name"];

/**
 * The fixed key order of exported objects: apiVersion, kind, metadata (name,
 * namespace first) at the top, then everything sorted, with `name` first in
 * any other object so list items (containers, ports, volumes) read naturally.
 * `depth` counts mappings and sequences from the document's root (0).
 */
export function kubernetesKeyOrder(keys: string[], depth: number, parentKey: string): string[] {
  if (keys.length < 2) return keys;
  const first = depth === 0 ? TOP_ORDER : parentKey === "metadata" && depth === 1 ? META_ORDER : NAME_FIRST;
  // Plain sort in place (code-unit order, V8's fast path), then the leading keys moved to
  // the front, last first: no filtered or spread copies of every mapping's keys.
  keys.sort();
  for (let i = first.length - 1; i >= 0; i--) {
    const k = first[i] as string;
    const at = keys.indexOf(k);
    if (at > 0) {
      keys.copyWithin(1, 0, at);
      keys[0] = k;
    }
  }
  return keys;
}
