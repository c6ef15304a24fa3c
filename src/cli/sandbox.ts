/**
 * `kubekeep sandbox up|down|status`: a local cluster + S3 to try kubekeep on,
 * left running between commands; its state lives in one folder.
 */
import fs from "node:fs";
import path from "node:path";
import { ConfigurationError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { addNodes } from "../sandbox/nodes.ts";
import { isAlive } from "../controlplane/supervisor.ts";
import {
  readSandboxInfo,
  startSandbox,
  stopSandboxAt,
  STATE_FILE,
  type SandboxInfo,
} from "../sandbox/sandbox.ts";

export function defaultSandboxDir(): string {
  return process.env.KUBEKEEP_SANDBOX_DIR ?? path.resolve(".kubekeep", "sandbox");
}

export function runningSandbox(dir: string): SandboxInfo | undefined {
  if (!fs.existsSync(path.join(dir, STATE_FILE))) return undefined;
  const info = readSandboxInfo(dir);
  return Object.values(info.pids).every(isAlive) ? info : undefined;
}

export function describe(info: SandboxInfo): string {
  const lines = [
    `Kubernetes ${info.kubernetesVersion} at ${info.server}`,
    `  export KUBECONFIG=${info.kubeconfig}`,
    `  etcd:  ${info.etcd.endpoint} (mTLS: --cacert ${info.etcd.caFile} --cert ${info.etcd.certFile} --key ${info.etcd.keyFile})`,
  ];
  if (info.s3)
    lines.push(
      `  S3:    ${info.s3.endpoint} bucket ${info.s3.bucket} (credentials in ${path.join(info.dir, STATE_FILE)})`,
    );
  lines.push(`  logs:  ${path.join(info.dir, "logs")}`);
  return lines.join("\n");
}

export async function sandboxCommand(
  sub: string | undefined,
  flags: Record<string, string>,
  logger: Logger,
): Promise<void> {
  const dir = path.resolve(flags.dir ?? defaultSandboxDir());
  switch (sub) {
    case "up": {
      const running = runningSandbox(dir);
      if (running) {
        process.stdout.write(`sandbox already running\n${describe(running)}\n`);
        return;
      }
      if (fs.existsSync(path.join(dir, STATE_FILE))) await stopSandboxAt(dir).catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
      const sb = await startSandbox({ dir, logger, keepAfterExit: true });
      const client = await sb.client();
      try {
        const workers = Number(flags.workers ?? 3);
        await addNodes(client, [
          { name: "control-plane-1", role: "control-plane" },
          ...Array.from({ length: workers }, (_, i) => ({ name: `worker-${i + 1}` })),
        ]);
      } finally {
        client.close();
      }
      process.stdout.write(`sandbox up\n${describe(sb.info)}\nstop it with: kubekeep sandbox down\n`);
      return;
    }
    case "down": {
      if (!fs.existsSync(path.join(dir, STATE_FILE))) {
        process.stdout.write(`no sandbox in ${dir}\n`);
        return;
      }
      await stopSandboxAt(dir);
      fs.rmSync(dir, { recursive: true, force: true });
      process.stdout.write(`sandbox in ${dir} stopped and removed\n`);
      return;
    }
    case "status": {
      const running = runningSandbox(dir);
      process.stdout.write(
        running ? `sandbox running\n${describe(running)}\n` : `no sandbox running in ${dir}\n`,
      );
      return;
    }
    default:
      throw new ConfigurationError(
        `kubekeep sandbox: expected up, down or status, got ${JSON.stringify(sub ?? "")}`,
      );
  }
}
