// The floors for bench/export: the same kinds `kubekeep export` lists, paged
// the same way (its default page size and concurrency). Run as its own
// process, bundled like the CLI (split into chunks, so the REST client's
// rarely used parts are not compiled), so its time includes the same start.
//
//   node list-floor.js KUBECONFIG            the raw paged LIST: each body read and thrown away
//   node list-floor.js KUBECONFIG --files D  also parses each page and writes every object as
//                                            JSON to a file of its own under D, the least any
//                                            tool writing one file per object has to do
import fs from "node:fs";
import path from "node:path";
import { KubeClient, readBody } from "../../src/cluster/client.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { parseExportConfig } from "../../src/export/config.ts";
import { discover } from "../../src/export/discovery.ts";
import { collectionPath } from "../../src/export/fetch.ts";
import type { ResourceType } from "../../src/export/resource-type.ts";
import { selectKind } from "../../src/export/select.ts";

const [kubeconfig, flag, filesDir] = process.argv.slice(2);
if (!kubeconfig || (flag !== undefined && (flag !== "--files" || !filesDir))) {
  throw new Error("usage: list-floor KUBECONFIG [--files DIR]");
}
const client = await KubeClient.fromFile(kubeconfig);
const config = parseExportConfig(fromRecord({ "kubeconfig-path": kubeconfig }));
const kinds = (await discover(client)).resources.filter((rt) => selectKind(rt, config).export);
const madeDirs = new Set<string>();

/** One file per object, `<dir>/<namespace>/<group>/<kind>/<name>.json`, like the export's depth. */
function writeObjects(rt: ResourceType, body: Buffer, dir: string): void {
  const page = JSON.parse(body.toString("utf8")) as {
    items?: { metadata?: { name?: string; namespace?: string } }[];
  };
  for (const item of page.items ?? []) {
    const folder = path.join(dir, item.metadata?.namespace ?? "_cluster", rt.group || "core", rt.kind);
    if (!madeDirs.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      madeDirs.add(folder);
    }
    fs.writeFileSync(path.join(folder, `${item.metadata?.name ?? ""}.json`), JSON.stringify(item));
  }
}

let bytes = 0;
const worker = async () => {
  for (let rt = kinds.shift(); rt; rt = kinds.shift()) {
    let cont: string | undefined;
    do {
      const res = await client.open("GET", collectionPath(rt), {
        query: { limit: config.pageSize, continue: cont },
      });
      const body = await readBody(res);
      bytes += body.length;
      if ((res.statusCode ?? 0) >= 300) break;
      // The continue token sits in the list's metadata, at the start of the body.
      const m = /"continue":"([^"]*)"/.exec(body.subarray(0, 4096).toString("utf8"));
      cont = m?.[1] || undefined;
      if (filesDir) writeObjects(rt, body, filesDir);
    } while (cont);
  }
};
await Promise.all(Array.from({ length: config.concurrency }, worker));
client.close();
process.stdout.write(`${bytes}\n`);
