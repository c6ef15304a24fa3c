// The floor for bench/export: the same kinds `kubekeep export` lists, paged the
// same way (its default page size and concurrency), each response body read
// and thrown away. Run as its own process so its time includes a Node start like the CLI's.
import { KubeClient, readBody } from "../../src/cluster/client.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { parseExportConfig } from "../../src/export/config.ts";
import { discover } from "../../src/export/discovery.ts";
import { collectionPath } from "../../src/export/fetch.ts";
import { selectKind } from "../../src/export/select.ts";

const kubeconfig = process.argv[2];
const client = await KubeClient.fromFile(kubeconfig);
const config = parseExportConfig(fromRecord({ "kubeconfig-path": kubeconfig }));
const kinds = (await discover(client)).resources.filter((rt) => selectKind(rt, config).export);
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
    } while (cont);
  }
};
await Promise.all(Array.from({ length: config.concurrency }, worker));
client.close();
process.stdout.write(`${bytes}\n`);
