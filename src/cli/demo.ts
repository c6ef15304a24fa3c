/**
 * `npm run demo`: the main job end to end on a fresh machine. Starts a sandbox
 * (real control plane, simulated nodes, S3), seeds it with workloads, runs each
 * capability against it and says where the results are.
 */
import fs from "node:fs";
import path from "node:path";
import { findCapability } from "../capabilities.ts";
import { fromRecord } from "../config/inputs.ts";
import type { Result } from "../config/capability.ts";
import type { Logger } from "../core/logger.ts";
import { formatDuration } from "../core/units.ts";
import { toText } from "../report/report.ts";
import { addNodes } from "../sandbox/nodes.ts";
import { startSandbox } from "../sandbox/sandbox.ts";
import { seed, waitForRunningPods } from "../sandbox/seed.ts";

export interface DemoStep {
  capability: string;
  inputs: (ctx: DemoContext) => Record<string, string>;
}

export interface DemoContext {
  kubeconfig: string;
  out: string;
  s3: { endpoint: string; bucket: string; region: string };
  /** The sandbox etcd's client endpoint and mTLS files. */
  etcd?: { endpoint: string; caFile: string; certFile: string; keyFile: string };
}

/** The sandbox's nodes start at v1.34.2 under a v1.35.4 control plane and are upgraded to it. */
const DEMO_TARGET = "v1.35.4";

/** The demo's script: each capability with the inputs a scheduled workflow would give it. */
export const DEMO_STEPS: DemoStep[] = [
  { capability: "cluster-info", inputs: (c) => ({ "kubeconfig-path": c.kubeconfig }) },
  {
    capability: "export",
    inputs: (c) => ({
      "kubeconfig-path": c.kubeconfig,
      path: path.join(c.out, "export"),
      "fingerprint-key": "demo-fingerprint-key-not-secret",
    }),
  },
  {
    capability: "etcd-snapshot",
    inputs: (c) => ({
      "etcd-endpoint": c.etcd?.endpoint ?? "",
      "etcd-ca": c.etcd?.caFile ?? "",
      "etcd-cert": c.etcd?.certFile ?? "",
      "etcd-key": c.etcd?.keyFile ?? "",
      "s3-bucket": c.s3.bucket,
      "s3-endpoint": c.s3.endpoint,
      "cluster-name": "demo",
      "keep-last": "3",
    }),
  },
  {
    capability: "upgrade-plan",
    inputs: (c) => ({
      "kubeconfig-path": c.kubeconfig,
      "target-version": DEMO_TARGET,
      "max-unavailable": "2",
    }),
  },
];

/**
 * The upgrade workflow's jobs, one after another as `max-parallel: 1` runs
 * them: every batch of the plan's matrices through upgrade-node (drain,
 * upgrade, gates, uncordon). The sandbox's nodes are simulated, so the
 * `command` executor stands in for the kubeadm script and only bumps the
 * version the node's kubelet reports.
 */
async function rollingUpgrade(
  ctx: DemoContext,
  plan: Result | undefined,
  kubectl: string,
  run: (name: string, inputs: Record<string, string>) => Promise<Result>,
): Promise<number> {
  if (!plan) return 0;
  const batches = (key: string) =>
    (
      JSON.parse(String(plan.outputs[key] ?? '{"include":[]}')) as {
        include: { node: string; kubeadm: string }[];
      }
    ).include;
  process.env.KUBEKEEP_DEMO_KUBECTL = kubectl;
  process.env.KUBEKEEP_DEMO_KUBECONFIG = ctx.kubeconfig;
  const command = [
    '"$KUBEKEEP_DEMO_KUBECTL" --kubeconfig "$KUBEKEEP_DEMO_KUBECONFIG" patch node "$KUBEKEEP_NODE"',
    "--subresource=status --type=merge",
    '-p "{\\"status\\":{\\"nodeInfo\\":{\\"kubeletVersion\\":\\"$KUBEKEEP_TARGET_VERSION\\"}}}"',
  ].join(" ");
  let upgraded = 0;
  for (const batch of [...batches("control-plane-matrix"), ...batches("worker-matrix")]) {
    await run("upgrade-node", {
      "kubeconfig-path": ctx.kubeconfig,
      node: batch.node,
      "target-version": DEMO_TARGET,
      "kubeadm-action": batch.kubeadm,
      executor: "command",
      "upgrade-command": command,
      timeout: "2m",
      "gate-timeout": "1m",
    });
    upgraded += batch.node.split(",").length;
  }
  return upgraded;
}

export async function runDemo(flags: Record<string, string>, logger: Logger): Promise<number> {
  const started = Date.now();
  const root = path.resolve(flags.dir ?? path.join(".kubekeep", "demo"));
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  logger.info("starting the sandbox cluster (the first run builds its components from Go modules)");
  const sb = await startSandbox({ dir: path.join(root, "sandbox"), logger });
  try {
    const client = await sb.client();
    try {
      await addNodes(client, [
        ...[1, 2, 3].map((i) => ({
          name: `control-plane-${i}`,
          role: "control-plane" as const,
          kubeletVersion: "v1.34.2",
        })),
        ...[1, 2, 3, 4, 5].map((i) => ({ name: `worker-${i}`, kubeletVersion: "v1.34.2" })),
      ]);
      await seed(client, {
        namespace: "shop",
        deployments: 3,
        replicas: 3,
        daemonSets: 1,
        statefulSets: 1,
        secrets: 2,
        customResources: 3,
      });
      await waitForRunningPods(client, "shop", 3 * 3 + 8 + 3);
    } finally {
      client.close();
    }
    const s3 = sb.info.s3;
    const ctx: DemoContext = {
      kubeconfig: sb.kubeconfig,
      out: root,
      s3: { endpoint: s3?.endpoint ?? "", bucket: s3?.bucket ?? "", region: s3?.region ?? "" },
      etcd: sb.info.etcd,
    };
    if (s3) {
      // The S3 SDK's default credential chain reads these, as on a runner.
      process.env.AWS_ACCESS_KEY_ID = s3.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = s3.secretAccessKey;
      process.env.AWS_REGION = s3.region;
    }
    const results = new Map<string, Result>();
    const run = async (name: string, inputs: Record<string, string>): Promise<Result> => {
      const cap = await findCapability(name);
      if (!cap) throw new Error(`demo: no capability ${name}`);
      const result = await logger.group(`kubekeep ${name}`, () =>
        cap.run(cap.parse(fromRecord(inputs)), { logger }),
      );
      process.stdout.write(toText(result.report) + "\n\n");
      return result;
    };
    for (const step of DEMO_STEPS) results.set(step.capability, await run(step.capability, step.inputs(ctx)));
    const upgraded = await rollingUpgrade(ctx, results.get("upgrade-plan"), sb.info.kubectl, run);
    const out = (cap: string, key: string) => String(results.get(cap)?.outputs[key] ?? "");
    process.stdout.write(
      [
        `demo finished in ${formatDuration(Date.now() - started)}:`,
        `  export:        ${out("export", "path")} (${out("export", "objects")} objects)`,
        `  etcd snapshot: ${out("etcd-snapshot", "uri")} (revision ${out("etcd-snapshot", "revision")}; the sandbox S3 keeps it under ${path.join(root, "sandbox", "s3", "data")})`,
        `  upgrade:       ${upgraded} nodes upgraded to ${DEMO_TARGET}, control plane first`,
        `  server logs:   ${path.join(root, "sandbox", "logs")}`,
      ].join("\n") + "\n",
    );
    return 0;
  } finally {
    await sb.stop();
  }
}
