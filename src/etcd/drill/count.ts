/**
 * Objects per kind: on an API server (every listable kind discovery shows,
 * listed as metadata only, in pages) or in an export tree (its index file's
 * per-kind counts). Both are keyed by `resourceId` (`deployments.apps`).
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { KubeClient } from "../../cluster/client.ts";
import { ConfigurationError, errorMessage } from "../../core/errors.ts";
import { discover } from "../../export/discovery.ts";
import { INDEX_FILE } from "../../export/layout.ts";
import { apiPath, resourceId, type ResourceType } from "../../export/resource-type.ts";

export interface KindCount {
  id: string;
  kind: string;
  /** Undefined when the kind could not be listed; `error` says why. */
  count?: number;
  error?: string;
}

export interface ClusterCounts {
  kinds: Map<string, KindCount>;
  /** API groups discovery could not read (aggregated APIs whose servers are elsewhere). */
  failedGroups: string[];
}

/** Served from memory or computed, not stored in etcd: never compared. */
const NOT_STORED = new Set(["componentstatuses"]);

const METADATA_ACCEPT = "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json";

async function countKind(client: KubeClient, rt: ResourceType, signal?: AbortSignal): Promise<number> {
  let n = 0;
  let cont: string | undefined;
  do {
    const page = await client.request<{ items?: unknown[]; metadata?: { continue?: string } }>(
      "GET",
      `${apiPath(rt)}/${rt.resource}`,
      {
        query: { limit: 500, ...(cont ? { continue: cont } : {}) },
        headers: { Accept: METADATA_ACCEPT },
        ...(signal ? { signal } : {}),
      },
    );
    n += page.items?.length ?? 0;
    cont = page.metadata?.continue || undefined;
  } while (cont);
  return n;
}

/** Counts every listable kind the server serves, `concurrency` kinds at a time. */
export async function countCluster(
  client: KubeClient,
  options: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<ClusterCounts> {
  const d = await discover(client);
  const rts = d.resources.filter((r) => r.verbs.includes("list") && !NOT_STORED.has(resourceId(r)));
  const kinds = new Map<string, KindCount>();
  let next = 0;
  const worker = async () => {
    while (next < rts.length) {
      const rt = rts[next++] as ResourceType;
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

interface IndexFile {
  kinds?: {
    resource: string;
    kind: string;
    status: string;
    reason?: string;
    objects?: number;
    skippedObjects?: Record<string, number>;
  }[];
}

export interface ExportCounts {
  /** Kinds the export listed: objects it wrote plus those it left out on purpose (they exist). */
  kinds: Map<string, KindCount>;
  /** Kinds the export did not list (excluded, skipped, failed), with why. */
  notListed: Map<string, string>;
}

/** Per-kind counts of an export tree, from its kubekeep-index.yaml. */
export function countExport(dir: string): ExportCounts {
  const file = path.join(dir, INDEX_FILE);
  if (!fs.existsSync(file)) {
    throw new ConfigurationError(
      `input 'export-path': ${JSON.stringify(dir)} holds no ${INDEX_FILE}; expected the root of a tree written by kubekeep export`,
    );
  }
  const index = parse(fs.readFileSync(file, "utf8")) as IndexFile;
  const kinds = new Map<string, KindCount>();
  const notListed = new Map<string, string>();
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
