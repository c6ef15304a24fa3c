import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  discover
} from "./chunk-AE7RVF3Q.js";
import "./chunk-GSHV4ADS.js";
import "./chunk-EUSUB6M6.js";
import {
  require_dist
} from "./chunk-XIQOQISJ.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import {
  apiPath,
  resourceId
} from "./chunk-EQFEXDCI.js";
import {
  INDEX_FILE
} from "./chunk-YRWW7SUK.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import {
  __toESM
} from "./chunk-DY6RLOVI.js";

// src/etcd/drill/count.ts
var import_yaml = __toESM(require_dist(), 1);
import fs from "node:fs";
import path from "node:path";
var NOT_STORED = /* @__PURE__ */ new Set(["componentstatuses"]);
var METADATA_ACCEPT = "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json";
async function countKind(client, rt, signal) {
  let n = 0;
  let cont;
  do {
    const page = await client.request(
      "GET",
      `${apiPath(rt)}/${rt.resource}`,
      {
        query: { limit: 500, ...cont ? { continue: cont } : {} },
        headers: { Accept: METADATA_ACCEPT },
        ...signal ? { signal } : {}
      }
    );
    n += page.items?.length ?? 0;
    cont = page.metadata?.continue || void 0;
  } while (cont);
  return n;
}
async function countCluster(client, options = {}) {
  const d = await discover(client);
  const rts = d.resources.filter((r) => r.verbs.includes("list") && !NOT_STORED.has(resourceId(r)));
  const kinds = /* @__PURE__ */ new Map();
  let next = 0;
  const worker = async () => {
    while (next < rts.length) {
      const rt = rts[next++];
      const id = resourceId(rt);
      try {
        kinds.set(id, { id, kind: rt.kind, count: await countKind(client, rt, options.signal) });
      } catch (err) {
        kinds.set(id, { id, kind: rt.kind, error: errorMessage(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return { kinds, failedGroups: d.failed.map((f) => f.groupVersion) };
}
function countExport(dir) {
  const file = path.join(dir, INDEX_FILE);
  if (!fs.existsSync(file)) {
    throw new ConfigurationError(
      `input 'export-path': ${JSON.stringify(dir)} holds no ${INDEX_FILE}; expected the root of a tree written by kubekeep export`
    );
  }
  const index = (0, import_yaml.parse)(fs.readFileSync(file, "utf8"));
  const kinds = /* @__PURE__ */ new Map();
  const notListed = /* @__PURE__ */ new Map();
  for (const k of index.kinds ?? []) {
    if (k.status !== "exported") {
      notListed.set(k.resource, `${k.status} by the export${k.reason ? ` (${k.reason})` : ""}`);
      continue;
    }
    const skipped = Object.values(k.skippedObjects ?? {}).reduce((a, b) => a + b, 0);
    kinds.set(k.resource, { id: k.resource, kind: k.kind, count: (k.objects ?? 0) + skipped });
  }
  return { kinds, notListed };
}
export {
  countCluster,
  countExport
};
