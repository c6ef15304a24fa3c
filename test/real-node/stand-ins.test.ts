// The real node's stand-ins for systemd, as kubeadm and the upgrade's
// executors use them: `systemctl restart kubelet` replaces the kubelet
// process and the node stays Ready; the supervisor restarts a kubelet that
// died (Restart=always); and a privileged pod of the executor image enters
// the host's namespaces with nsenter (`--target 1`, as kubekeep's pod
// executor runs it; on this VM the image's wrapper enters the kubelet's
// namespaces instead, PID 1's being closed) and finds the host's shell,
// systemctl and kubelet there.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { pollUntil } from "../../src/core/sleep.ts";
import { isAlive } from "../../src/controlplane/supervisor.ts";
import { NODE_NAME, RUN_DIR } from "../harness/real-node/config.ts";
import { waitNodeReady } from "../harness/real-node/node.ts";
import { run } from "../harness/real-node/run.ts";
import { useRealNode } from "../harness/real-node/use-real-node.ts";

const node = useRealNode();
const kubeletPid = () => Number(fs.readFileSync(`${RUN_DIR}/kubelet.pid`, "utf8"));

test("systemctl restart kubelet replaces the kubelet; the node stays Ready", async () => {
  assert.equal((await run("systemctl", ["is-active", "kubelet"])).stdout.trim(), "active");
  const before = kubeletPid();
  await run("systemctl", ["daemon-reload"]);
  await run("systemctl", ["restart", "kubelet"]);
  const after = kubeletPid();
  assert.notEqual(after, before);
  assert.ok(!isAlive(before), "the old kubelet is gone");
  assert.ok(isAlive(after));
  await waitNodeReady(node.client, 120_000);
  // Other units do not exist here, and systemd is not running (Debian's
  // systemd-run is installed but cannot work): executors must detach without it.
  assert.equal((await run("systemctl", ["restart", "containerd"], { allowFailure: true })).code, 5);
  assert.ok(!fs.existsSync("/run/systemd/system"));
});

test("the supervisor restarts a kubelet that died, like Restart=always", async () => {
  const before = kubeletPid();
  process.kill(before, "SIGKILL");
  const after = await pollUntil(
    () => {
      const pid = Number(fs.readFileSync(`${RUN_DIR}/kubelet.pid`, { encoding: "utf8", flag: "a+" }) || 0);
      return Promise.resolve(pid && pid !== before && isAlive(pid) ? pid : undefined);
    },
    { timeoutMs: 30_000, intervalMs: 200, timedOut: () => "no new kubelet within 30 s" },
  );
  assert.ok(after > 0);
  await waitNodeReady(node.client, 120_000);
});

test("a privileged pod of the executor image enters the host with nsenter", async () => {
  const kubectl = (...args: string[]) =>
    run(node.info.kubectl, ["--kubeconfig", node.info.kubeconfig, ...args], { timeoutMs: 150_000 });
  await kubectl(
    "run",
    "executor-probe",
    "--namespace=default",
    `--image=${node.info.images.executor}`,
    "--image-pull-policy=Never",
    "--restart=Never",
    `--overrides=${JSON.stringify({
      spec: {
        hostPID: true,
        nodeName: NODE_NAME,
        containers: [
          {
            name: "executor-probe",
            image: node.info.images.executor,
            imagePullPolicy: "Never",
            securityContext: { privileged: true },
            command: ["nsenter", "--target", "1", "--mount", "--uts", "--ipc", "--net", "--pid", "--"],
            args: ["/bin/sh", "-c", "systemctl is-active kubelet && /usr/bin/kubelet --version && hostname"],
          },
        ],
      },
    })}`,
  );
  await kubectl(
    "wait",
    "--namespace=default",
    "--for=jsonpath={.status.phase}=Succeeded",
    "pod/executor-probe",
    "--timeout=120s",
  );
  const logs = (await kubectl("logs", "--namespace=default", "executor-probe")).stdout;
  assert.match(logs, /^active$/m);
  assert.match(logs, /^Kubernetes v1\.34\.4$/m);
  assert.ok(logs.trim().endsWith(fs.readFileSync("/proc/sys/kernel/hostname", "utf8").trim()), logs);
});
