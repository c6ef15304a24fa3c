/**
 * Lists one kind page by page (`limit` + `continue`) as raw JSON and hands
 * each object to a callback before the next page is asked for, so memory
 * holds one page at a time however large the cluster. No typed models: the
 * objects are exactly what the server sent.
 */
import { isApiError, toApiError, type KubeClient } from "../cluster/client.ts";
import { apiPath, type ResourceType } from "./discovery.ts";
import type { JsonObject } from "./json.ts";

export interface ListOptions {
  pageSize: number;
  labelSelector?: string;
  /** List only in these namespaces (namespaced kinds); empty: all at once. */
  namespaces: string[];
  signal?: AbortSignal;
}

interface ListPage {
  items?: JsonObject[];
  metadata?: { continue?: string };
}

export function collectionPath(rt: ResourceType, namespace?: string): string {
  const ns = namespace !== undefined && rt.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `${apiPath(rt)}${ns}/${rt.resource}`;
}

/**
 * Calls `onPage` with each page's objects (apiVersion and kind filled in:
 * list items of built-in kinds come without them) and waits for it before
 * fetching the next page. Throws ApiError on 4xx/5xx.
 */
export async function listPaged(
  client: KubeClient,
  rt: ResourceType,
  options: ListOptions,
  onPage: (items: JsonObject[]) => Promise<void>,
): Promise<void> {
  const apiVersion = rt.group === "" ? rt.version : `${rt.group}/${rt.version}`;
  const scopes: (string | undefined)[] =
    rt.namespaced && options.namespaces.length ? options.namespaces : [undefined];
  for (const ns of scopes) {
    const path = collectionPath(rt, ns);
    const fetchPage = (cont: string | undefined) =>
      getPage(
        client,
        path,
        { limit: options.pageSize, continue: cont, labelSelector: options.labelSelector },
        options.signal,
      );
    let restarted = false;
    let cont: string | undefined;
    let next: Promise<RawPage> | undefined = fetchPage(undefined);
    while (next) {
      let page: ListPage;
      try {
        page = parsePage(await next);
      } catch (err) {
        // The continue token expired (410 Gone) on a long list: start over once.
        if (isApiError(err, 410) && cont !== undefined && !restarted) {
          restarted = true;
          cont = undefined;
          next = fetchPage(undefined);
          continue;
        }
        throw err;
      }
      cont = page.metadata?.continue || undefined;
      // Fetch the next page while this one is written: two pages in memory at most, the
      // next one as raw bytes outside V8's heap until its turn comes.
      next = cont !== undefined ? fetchPage(cont) : undefined;
      // A failed prefetch is handled when awaited; keep it from being "unhandled" meanwhile.
      next?.catch(() => {});
      const items = page.items ?? [];
      for (const item of items) {
        item.apiVersion = apiVersion;
        item.kind = rt.kind;
      }
      await onPage(items);
    }
  }
}

/** A response as it came: parsed only when its turn comes, so a prefetched page holds no objects. */
interface RawPage {
  status: number;
  body: Buffer;
  path: string;
}

async function getPage(
  client: KubeClient,
  path: string,
  query: Record<string, string | number | undefined>,
  signal?: AbortSignal,
): Promise<RawPage> {
  const res = await client.open("GET", path, { query, timeoutMs: 300_000, ...(signal ? { signal } : {}) });
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, body: Buffer.concat(chunks), path };
}

function parsePage(raw: RawPage): ListPage {
  const text = raw.body.toString("utf8");
  if (raw.status < 200 || raw.status >= 300) throw toApiError(raw.status, text, "GET", raw.path);
  return JSON.parse(text) as ListPage;
}
