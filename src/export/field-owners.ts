/**
 * Who set a field, from `metadata.managedFields`: the API server records the
 * fields each manager (a person's kubectl, a CI tool, a controller) wrote.
 * Values the server allocates itself (cluster IPs, node ports) belong to
 * nobody; values controllers fill in (a PVC's binding, the scheduler's node)
 * belong to the controller. A field is the user's when a manager that is not
 * a controller owns it: the export keeps those and strips the rest, so a
 * restore asks for exactly what people asked for.
 */
import { asObject, type Json } from "./json.ts";

/** The control plane's own managers (their field managers are the user agents' names). */
const CONTROL_PLANE = new Set([
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
  "cloud-controller-manager",
]);

/** Is this field manager a controller rather than a person or a tool acting for one? */
export function isControllerManager(manager: string): boolean {
  return CONTROL_PLANE.has(manager) || /controller(?:-manager)?$/i.test(manager);
}

/**
 * Does a manager that is not a controller own the field at `path`? Path
 * segments are field names; `*` stands for any item of a list or map (e.g.
 * `["spec", "ports", "*", "nodePort"]`). Objects without managedFields (made
 * before the API server tracked them) own nothing.
 */
export function userOwns(managedFields: Json | undefined, path: string[]): boolean {
  if (!Array.isArray(managedFields)) return false;
  for (const entry of managedFields) {
    const e = asObject(entry);
    if (!e || typeof e.manager !== "string" || isControllerManager(e.manager)) continue;
    if (hasPath(asObject(e.fieldsV1), path, 0)) return true;
  }
  return false;
}

function hasPath(node: { [key: string]: Json } | undefined, path: string[], i: number): boolean {
  if (!node) return false;
  if (i === path.length) return true;
  const part = path[i] as string;
  if (part !== "*") return hasPath(asObject(node[`f:${part}`]), path, i + 1);
  for (const [k, v] of Object.entries(node)) {
    // List items by key (k:), value (v:) or index (i:); map entries are plain fields (f:).
    if (k !== "." && hasPath(asObject(v), path, i + 1)) return true;
  }
  return false;
}
