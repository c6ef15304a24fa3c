/**
 * Maps kinds to REST paths through discovery, so callers can apply or fetch
 * any object (CRDs included) from its apiVersion and kind alone.
 */
import type { KubeClient } from "./client.ts";
import { ConfigurationError } from "../core/errors.ts";

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

export function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

export class ResourceMapper {
  private readonly cache = new Map<string, Promise<ApiResource[]>>();
  private readonly client: KubeClient;

  constructor(client: KubeClient) {
    this.client = client;
  }

  /** Forgets what discovery said (after CRDs are created). */
  reset(): void {
    this.cache.clear();
  }

  async resourceFor(apiVersion: string, kind: string): Promise<ApiResource> {
    let list = this.cache.get(apiVersion);
    if (!list) {
      list = this.client
        .get<{ resources: ApiResource[] }>(groupVersionPath(apiVersion))
        .then((r) => r.resources.filter((x) => !x.name.includes("/")));
      this.cache.set(apiVersion, list);
      list.catch(() => this.cache.delete(apiVersion));
    }
    const found = (await list).find((r) => r.kind === kind);
    if (!found) throw new ConfigurationError(`the API server does not serve kind ${kind} in ${apiVersion}`);
    return found;
  }

  /** The collection path (no name) for a kind, in `namespace` when it is namespaced. */
  async collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
    const r = await this.resourceFor(apiVersion, kind);
    const ns = r.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? "default")}` : "";
    return `${groupVersionPath(apiVersion)}${ns}/${r.name}`;
  }

  async objectPath(obj: Pick<KubeObject, "apiVersion" | "kind" | "metadata">): Promise<string> {
    const base = await this.collectionPath(obj.apiVersion, obj.kind, obj.metadata.namespace);
    return `${base}/${encodeURIComponent(obj.metadata.name)}`;
  }
}

/** Server-side applies each object in order, as `fieldManager`. */
export async function applyAll(
  client: KubeClient,
  objects: KubeObject[],
  fieldManager = "kubekeep",
  mapper = new ResourceMapper(client),
): Promise<KubeObject[]> {
  const out: KubeObject[] = [];
  for (const obj of objects) {
    if (obj.kind === "CustomResourceDefinition") mapper.reset();
    out.push(await client.apply<KubeObject>(await mapper.objectPath(obj), obj, fieldManager));
  }
  return out;
}
