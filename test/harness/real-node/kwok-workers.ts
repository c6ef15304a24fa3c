/**
 * Simulated workers joining the real node's cluster: kwok (the sandbox's
 * build) adopts Node objects carrying its annotation and runs their pods on
 * paper, next to the real kubelet. They give evicted pods somewhere to go (a
 * drain of the only node could otherwise never satisfy a disruption budget)
 * and give an upgrade plan batches. kwok leaves the real node alone
 * (`--manage-all-nodes=false`, annotation selector).
 */
import fs from "node:fs";
import path from "node:path";
import type { KubeClient } from "../../../src/cluster/client.ts";
import type { Logger } from "../../../src/core/logger.ts";
import { ensureComponents } from "../tools/binaries.ts";
import { kwokConfig } from "../../../src/sandbox/kwok-stages.ts";
import { addNodes, type NodeSpec } from "../../../src/sandbox/nodes.ts";
import { freePort } from "../../../src/core/ports.ts";
import { startProcess, stopPid } from "../../../src/controlplane/supervisor.ts";
import { ADMIN_KUBECONFIG, logDir, STATE_DIR } from "./config.ts";

export interface KwokWorkers {
  names: string[];
  stop(): Promise<void>;
}

export async function startKwokWorkers(
  client: KubeClient,
  specs: NodeSpec[],
  logger: Logger,
): Promise<KwokWorkers> {
  const { kwok } = await ensureComponents(["kwok"], logger);
  const config = path.join(STATE_DIR, "kwok.yaml");
  fs.writeFileSync(config, kwokConfig());
  const port = await freePort();
  const proc = startProcess({
    name: "kwok",
    command: kwok,
    args: [
      `--kubeconfig=${ADMIN_KUBECONFIG}`,
      `--config=${config}`,
      "--manage-all-nodes=false",
      "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
      "--node-ip=127.0.0.1",
      "--node-lease-duration-seconds=40",
      `--server-address=127.0.0.1:${port}`,
      `--node-port=${port}`,
      "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt",
      "--tls-private-key-file=/etc/kubernetes/pki/apiserver.key",
    ],
    logFile: path.join(logDir(), "kwok.log"),
  });
  try {
    await addNodes(client, specs, 120_000);
  } catch (err) {
    await stopPid(proc.pid);
    throw err;
  }
  logger.info(`real node: kwok workers ${specs.map((s) => s.name).join(", ")} Ready`);
  return {
    names: specs.map((s) => s.name),
    stop: async () => {
      await stopPid(proc.pid);
      for (const s of specs) await client.delete(`/api/v1/nodes/${s.name}`).catch(() => undefined);
    },
  };
}
