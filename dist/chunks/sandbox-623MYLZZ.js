import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  STATE_FILE,
  addNodes,
  readSandboxInfo,
  startSandbox,
  stopSandboxAt
} from "./chunk-2VYRPZPK.js";
import {
  isAlive
} from "./chunk-W2QNSU56.js";
import "./chunk-7EMZUJSM.js";
import "./chunk-2BN52FYM.js";
import "./chunk-T2XPR4E7.js";
import "./chunk-TY2O5Y2Q.js";
import "./chunk-4WWOKRRI.js";
import "./chunk-I3UDJZD4.js";
import "./chunk-5JOQVKMF.js";
import "./chunk-MRPLPY7B.js";
import "./chunk-BZ36UX2K.js";
import "./chunk-6TZAHIVW.js";
import "./chunk-G7GAWX7Q.js";
import "./chunk-W53TETL6.js";
import "./chunk-4I5QHYEN.js";
import "./chunk-GSHV4ADS.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-6TJFEJRL.js";
import "./chunk-XIQOQISJ.js";
import "./chunk-UU4DZNBE.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-3NY4DX7F.js";
import "./chunk-KIVRFQJF.js";
import {
  ConfigurationError
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/cli/sandbox.ts
import fs from "node:fs";
import path from "node:path";
function defaultSandboxDir() {
  return process.env.KUBEKEEP_SANDBOX_DIR ?? path.resolve(".kubekeep", "sandbox");
}
function runningSandbox(dir) {
  if (!fs.existsSync(path.join(dir, STATE_FILE))) return void 0;
  const info = readSandboxInfo(dir);
  return Object.values(info.pids).every(isAlive) ? info : void 0;
}
function describe(info) {
  const lines = [
    `Kubernetes ${info.kubernetesVersion} at ${info.server}`,
    `  export KUBECONFIG=${info.kubeconfig}`,
    `  etcd:  ${info.etcd.endpoint} (mTLS: --cacert ${info.etcd.caFile} --cert ${info.etcd.certFile} --key ${info.etcd.keyFile})`
  ];
  if (info.s3)
    lines.push(
      `  S3:    ${info.s3.endpoint} bucket ${info.s3.bucket} (credentials in ${path.join(info.dir, STATE_FILE)})`
    );
  lines.push(`  logs:  ${path.join(info.dir, "logs")}`);
  return lines.join("\n");
}
async function sandboxCommand(sub, flags, logger) {
  const dir = path.resolve(flags.dir ?? defaultSandboxDir());
  switch (sub) {
    case "up": {
      const running = runningSandbox(dir);
      if (running) {
        process.stdout.write(`sandbox already running
${describe(running)}
`);
        return;
      }
      if (fs.existsSync(path.join(dir, STATE_FILE))) await stopSandboxAt(dir).catch(() => {
      });
      fs.rmSync(dir, { recursive: true, force: true });
      const sb = await startSandbox({ dir, logger, keepAfterExit: true });
      const client = await sb.client();
      try {
        const workers = Number(flags.workers ?? 3);
        await addNodes(client, [
          { name: "control-plane-1", role: "control-plane" },
          ...Array.from({ length: workers }, (_, i) => ({ name: `worker-${i + 1}` }))
        ]);
      } finally {
        client.close();
      }
      process.stdout.write(`sandbox up
${describe(sb.info)}
stop it with: kubekeep sandbox down
`);
      return;
    }
    case "down": {
      if (!fs.existsSync(path.join(dir, STATE_FILE))) {
        process.stdout.write(`no sandbox in ${dir}
`);
        return;
      }
      await stopSandboxAt(dir);
      fs.rmSync(dir, { recursive: true, force: true });
      process.stdout.write(`sandbox in ${dir} stopped and removed
`);
      return;
    }
    case "status": {
      const running = runningSandbox(dir);
      process.stdout.write(
        running ? `sandbox running
${describe(running)}
` : `no sandbox running in ${dir}
`
      );
      return;
    }
    default:
      throw new ConfigurationError(
        `kubekeep sandbox: expected up, down or status, got ${JSON.stringify(sub ?? "")}`
      );
  }
}
export {
  defaultSandboxDir,
  describe,
  runningSandbox,
  sandboxCommand
};
