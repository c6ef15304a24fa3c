import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  isApiError,
  readBody,
  toApiError
} from "./chunk-GSHV4ADS.js";
import {
  apiPath
} from "./chunk-EQFEXDCI.js";

// src/export/fetch.ts
function collectionPath(rt, namespace) {
  const ns = namespace !== void 0 && rt.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `${apiPath(rt)}${ns}/${rt.resource}`;
}
async function listPaged(client, rt, options, onPage) {
  const scopes = rt.namespaced && options.namespaces.length ? options.namespaces : [void 0];
  for (const ns of scopes) {
    const path = collectionPath(rt, ns);
    let restarted = false;
    let cont;
    for (; ; ) {
      let body;
      try {
        body = await getPage(
          client,
          path,
          { limit: options.pageSize, continue: cont, labelSelector: options.labelSelector },
          options.signal
        );
      } catch (err) {
        if (isApiError(err, 410) && cont !== void 0 && !restarted) {
          restarted = true;
          cont = void 0;
          continue;
        }
        throw err;
      }
      cont = await onPage(body);
      if (cont === void 0) break;
    }
  }
}
async function getPage(client, path, query, signal) {
  const res = await client.open("GET", path, { query, ...signal ? { signal } : {} });
  const body = await readBody(res);
  const status = res.statusCode ?? 0;
  if (status < 200 || status >= 300) throw toApiError(status, body.toString("utf8"), "GET", path);
  return body;
}
var HEAD_BYTES = 4096;
function listHead(body) {
  const at = body.subarray(0, HEAD_BYTES).indexOf('"items":');
  if (at < 0) return void 0;
  let text = body.toString("utf8", 0, at).trimEnd();
  if (text.endsWith(",")) text = text.slice(0, -1);
  let head;
  try {
    head = JSON.parse(`${text}}`);
  } catch {
    return void 0;
  }
  const meta = head?.metadata;
  if (!meta || typeof meta !== "object") return void 0;
  const token = meta.continue;
  return { continue: typeof token === "string" && token !== "" ? token : void 0 };
}

export {
  collectionPath,
  listPaged,
  listHead
};
