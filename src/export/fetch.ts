/**
 * Lists one kind page by page (`limit` + `continue`) and hands each page on
 * as the server's raw JSON bytes, asking for the next one only when the
 * consumer has taken this one, so memory holds a page or two however large
 * the cluster. No typed models: the objects are exactly what the server sent.
 */
import { isApiError, readBody, toApiError, type KubeClient } from "../cluster/client.ts";
import { apiPath, type ResourceType } from "./resource-type.ts";

export interface ListOptions {
  pageSize: number;
  labelSelector?: string;
  /** List only in these namespaces (namespaced kinds); empty: all at once. */
  namespaces: string[];
  signal?: AbortSignal;
}

export function collectionPath(rt: ResourceType, namespace?: string): string {
  const ns = namespace !== undefined && rt.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `${apiPath(rt)}${ns}/${rt.resource}`;
}

/**
 * Hands each page's body to `onPage` as raw bytes; `onPage` answers with the
 * page's continue token as soon as it has parsed the page (the export parses
 * on its worker thread), and the next page is fetched while the rest of the
 * page is handled. Throws ApiError on 4xx/5xx.
 */
export async function listPaged(
  client: KubeClient,
  rt: ResourceType,
  options: ListOptions,
  onPage: (body: Buffer) => Promise<string | undefined>,
): Promise<void> {
  const scopes: (string | undefined)[] =
    rt.namespaced && options.namespaces.length ? options.namespaces : [undefined];
  for (const ns of scopes) {
    const path = collectionPath(rt, ns);
    let restarted = false;
    let cont: string | undefined;
    for (;;) {
      let body: Buffer;
      try {
        body = await getPage(
          client,
          path,
          { limit: options.pageSize, continue: cont, labelSelector: options.labelSelector },
          options.signal,
        );
      } catch (err) {
        // The continue token expired (410 Gone) on a long list: start over once.
        if (isApiError(err, 410) && cont !== undefined && !restarted) {
          restarted = true;
          cont = undefined;
          continue;
        }
        throw err;
      }
      cont = await onPage(body);
      if (cont === undefined) break;
    }
  }
}

/** One page's body; a non-2xx answer throws its ApiError. */
async function getPage(
  client: KubeClient,
  path: string,
  query: Record<string, string | number | undefined>,
  signal?: AbortSignal,
): Promise<Buffer> {
  // No deadline on the whole page (a large one streams for as long as it
  // flows); the client's stall timeout fails it when the server goes quiet.
  const res = await client.open("GET", path, { query, ...(signal ? { signal } : {}) });
  const body = await readBody(res);
  const status = res.statusCode ?? 0;
  if (status < 200 || status >= 300) throw toApiError(status, body.toString("utf8"), "GET", path);
  return body;
}

/** How far into a page its own metadata may start (its kind and apiVersion come first). */
const HEAD_BYTES = 4096;

/**
 * A page's continue token, read from the bytes before its items without
 * parsing the page: built-in kinds' lists (Go structs) give kind, apiVersion
 * and metadata first. Undefined when the page does not start so (custom
 * resources' lists put items before metadata): then only the parsed page
 * tells. The worker's parse of the whole page is checked against it.
 */
export function listHead(body: Buffer): { continue: string | undefined } | undefined {
  const at = body.subarray(0, HEAD_BYTES).indexOf('"items":');
  if (at < 0) return undefined;
  let text = body.toString("utf8", 0, at).trimEnd();
  if (text.endsWith(",")) text = text.slice(0, -1);
  let head: unknown;
  try {
    head = JSON.parse(`${text}}`);
  } catch {
    return undefined;
  }
  const meta = (head as { metadata?: unknown } | null)?.metadata;
  if (!meta || typeof meta !== "object") return undefined;
  const token = (meta as { continue?: unknown }).continue;
  return { continue: typeof token === "string" && token !== "" ? token : undefined };
}
