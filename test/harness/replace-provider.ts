/**
 * The "cloud provider" of the replace executor's tests, run as the
 * `replace-command`: `node test/harness/replace-provider.ts`. Like an
 * auto-scaling group, it answers at once and acts later: the replace step
 * deletes the kwok Node (the instance is terminated) and, after a delay,
 * creates a replacement with the pool's labels at the target kubelet version
 * from a detached process (the "cloud"), which outlives the command as a
 * real provider does. The add step (replace-surge) only creates one, the
 * remove step only deletes the old node.
 *
 * Its behaviour comes from the JSON file $PROVIDER_CONTROL (read at every
 * call, so a test changes it between runs): mode "ok", "fail" (exit 3),
 * "no-replacement", "keep-old" (the old Node never goes), "hang" (a cloud
 * API call that never answers: it sleeps, having done nothing); delayMs; version
 * (of the replacement; default the target); cpu and pods (its capacity);
 * startupTaintMs: the replacement joins with the cloud controller's
 * node.cloudprovider.kubernetes.io/uninitialized:NoSchedule taint, lifted
 * that long after it registered (Ready before it takes pods, as on a cloud).
 * Each call appends a JSON line to $PROVIDER_LOG with the KUBEKEEP_*
 * variables it got and the names of any INPUT_* variables it saw.
 * kubectl is $KUBECTL with --kubeconfig $KK_KUBECONFIG.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { nodeManifest } from "../../src/sandbox/nodes.ts";

interface Control {
  mode?: "ok" | "fail" | "no-replacement" | "keep-old" | "hang";
  delayMs?: number;
  version?: string;
  cpu?: string;
  pods?: number;
  startupTaintMs?: number;
}

const env = process.env;
const UNINITIALIZED = "node.cloudprovider.kubernetes.io/uninitialized:NoSchedule";
const kubectl = (args: string[], input?: string) => {
  // Its discovery cache beside the sandbox's kubeconfig: the detached "cloud" has no HOME, and
  // kubectl would otherwise write ./.kube/cache into the checkout.
  const cacheDir = path.join(path.dirname(env.KK_KUBECONFIG as string), "kubectl-cache");
  const res = spawnSync(
    env.KUBECTL as string,
    ["--kubeconfig", env.KK_KUBECONFIG as string, "--cache-dir", cacheDir, ...args],
    {
      encoding: "utf8",
      ...(input !== undefined ? { input } : {}),
    },
  );
  if (res.status !== 0) throw new Error(`kubectl ${args.join(" ")}: ${res.stderr}`);
  return res.stdout;
};

if (process.argv[2] === "--create") {
  // The detached "cloud": the instance boots, its kubelet registers the Node.
  const { delayMs, manifest, startupTaintMs } = JSON.parse(process.argv[3] as string) as {
    delayMs: number;
    manifest: { metadata: { name: string } };
    startupTaintMs?: number;
  };
  await new Promise((r) => setTimeout(r, delayMs));
  kubectl(["create", "-f", "-"], JSON.stringify(manifest));
  if (startupTaintMs !== undefined) {
    // The cloud controller initializes the node a while after its kubelet registered.
    await new Promise((r) => setTimeout(r, startupTaintMs));
    kubectl(["taint", "node", manifest.metadata.name, `${UNINITIALIZED}-`]);
  }
  process.exit(0);
}

const control: Control = env.PROVIDER_CONTROL
  ? (JSON.parse(fs.readFileSync(env.PROVIDER_CONTROL, "utf8")) as Control)
  : {};
const mode = control.mode ?? "ok";
const step = env.KUBEKEEP_REPLACE_STEP;
const node = env.KUBEKEEP_NODE as string;
if (env.PROVIDER_LOG) {
  const seen = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith("KUBEKEEP_")));
  const inputs = Object.keys(env).filter((k) => k.startsWith("INPUT_"));
  fs.appendFileSync(
    env.PROVIDER_LOG,
    JSON.stringify({ ...seen, inputs, at: Date.now(), pid: process.pid }) + "\n",
  );
}
console.log(`provider: ${step} ${node} (${env.KUBEKEEP_PROVIDER_ID})`);
if (mode === "hang") await new Promise((r) => setTimeout(r, 600_000));
if (mode === "fail") {
  console.error(`provider: AccessDenied: not authorized to terminate ${env.KUBEKEEP_PROVIDER_ID}`);
  process.exit(3);
}

if ((step === "replace" || step === "remove") && mode !== "keep-old") {
  kubectl(["delete", "node", node, "--wait=false"]);
  console.log(`provider: terminated ${node}`);
}
if ((step === "replace" || step === "add") && mode !== "no-replacement") {
  const labels = Object.fromEntries(
    (env.KUBEKEEP_NODE_LABELS ?? "")
      .split(",")
      .filter(Boolean)
      .map((kv) => kv.split("=") as [string, string])
      .filter(([k]) => k !== "kubernetes.io/hostname"),
  );
  const name = `${labels.pool ?? "node"}-${randomBytes(3).toString("hex")}`;
  const manifest = nodeManifest({
    name,
    labels,
    kubeletVersion: control.version ?? env.KUBEKEEP_TARGET_VERSION,
    ...(control.cpu ? { cpu: control.cpu } : {}),
    ...(control.pods ? { pods: control.pods } : {}),
  });
  const spec = manifest.spec as { providerID?: string; taints: object[] };
  spec.providerID = `kwok://${name}`;
  if (control.startupTaintMs !== undefined)
    spec.taints.push({
      key: "node.cloudprovider.kubernetes.io/uninitialized",
      value: "true",
      effect: "NoSchedule",
    });
  const create = { delayMs: control.delayMs ?? 2000, manifest, startupTaintMs: control.startupTaintMs };
  spawn(process.execPath, [import.meta.filename, "--create", JSON.stringify(create)], {
    detached: true,
    stdio: "ignore",
    env: { KUBECTL: env.KUBECTL, KK_KUBECONFIG: env.KK_KUBECONFIG, PATH: env.PATH },
  }).unref();
  console.log(`provider: launching ${name}`);
}
