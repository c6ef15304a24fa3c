import assert from "node:assert/strict";
import { test } from "node:test";
import { parse, parseAllDocuments } from "yaml";
import { newReport, toMarkdown, toText } from "../../src/report/report.ts";
import { kwokConfig } from "../../src/sandbox/kwok-stages.ts";
import { nodeManifest } from "../../src/sandbox/nodes.ts";

test("a report renders as a Markdown summary and as aligned text", () => {
  const r = newReport("Drain");
  r.facts.push(["Node", "worker-1"]);
  r.tables.push({ header: ["pod", "result"], rows: [["web|1", "evicted"]] });
  const md = toMarkdown(r);
  assert.match(md, /^## Drain/);
  assert.match(md, /\| web\\\|1 \| evicted \|/);
  const text = toText(r);
  assert.match(text, /Node {2}worker-1/);
  assert.match(text, /pod {4}result/);
});

test("kwok configuration is valid YAML with the stages the sandbox relies on", () => {
  const docs = parseAllDocuments(kwokConfig()).map(
    (d) => d.toJS() as { kind: string; metadata?: { name: string } },
  );
  assert.equal(docs[0]?.kind, "KwokConfiguration");
  const stages = docs.filter((d) => d.kind === "Stage").map((d) => d.metadata?.name);
  assert.deepEqual(stages, [
    "node-initialize",
    "node-heartbeat",
    "pod-ready",
    "pod-complete",
    "pod-exit-on-sigterm",
    "pod-delete-after-grace",
  ]);
});

test("control-plane nodes carry kubeadm's role label and taint", () => {
  const n = parse(
    JSON.stringify(nodeManifest({ name: "cp", role: "control-plane", kubeletVersion: "v1.34.1" })),
  ) as {
    metadata: { labels: Record<string, string> };
    spec: { taints: { key: string }[] };
    status: { nodeInfo: { kubeletVersion: string } };
  };
  assert.equal(n.metadata.labels["node-role.kubernetes.io/control-plane"], "");
  assert.equal(n.spec.taints[0]?.key, "node-role.kubernetes.io/control-plane");
  assert.equal(n.status.nodeInfo.kubeletVersion, "v1.34.1");
});
