/**
 * `npm run demo`: the main job end to end on a fresh machine. Starts a sandbox
 * (real control plane, simulated nodes, S3), seeds it with workloads, runs each
 * capability against it and says where the results are.
 */
import fs from "node:fs";
import path from "node:path";
import { CAPABILITIES } from "../capabilities.ts";
import { fromRecord } from "../config/inputs.ts";
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
    inputs: (c) => ({ "kubeconfig-path": c.kubeconfig, "target-version": "v1.35.4", "max-unavailable": "2" }),
  },
  {
    capability: "drain",
    inputs: (c) => ({ "kubeconfig-path": c.kubeconfig, node: "worker-1", timeout: "2m" }),
  },
  { capability: "uncordon", inputs: (c) => ({ "kubeconfig-path": c.kubeconfig, node: "worker-1" }) },
];

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
    for (const step of DEMO_STEPS) {
      const cap = CAPABILITIES.find((c) => c.name === step.capability);
      if (!cap) continue;
      const result = await logger.group(`kubekeep ${cap.name}`, () =>
        cap.run(cap.parse(fromRecord(step.inputs(ctx))), { logger }),
      );
      process.stdout.write(toText(result.report) + "\n\n");
    }
    process.stdout.write(
      `demo finished in ${formatDuration(Date.now() - started)}; results and logs are in ${root}\n`,
    );
    return 0;
  } finally {
    await sb.stop();
  }
}
