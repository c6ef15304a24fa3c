// Proof 1 of issue #11 with the pod executor, on a fresh real kubeadm node at
// v1.34.4 with its packages from the local repository: `upgrade-plan`, then
// `upgrade-node` with the DEFAULT script in a privileged pod (the harness's
// executor image: nsenter only) that enters the host's namespaces. The host
// has no systemd (and a systemd-run binary that cannot work), so the script
// runs detached: out of the pod's cgroups, in its own session, its log and
// exit status under /var/lib/kubekeep/upgrade/<run id>/ on the host; the
// kubelet restarting under it does not stop it. At the end the same checks
// as over ssh: control plane and kubelet at v1.35.4, packages held at the
// target, Ready, uncordoned, workloads running, budget never violated.
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, test } from "node:test";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { EXECUTOR_LABEL, RUN_DIR } from "../../src/nodes/executors/pod.ts";
import type { List, Pod } from "../../src/nodes/types.ts";
import { AptRepository } from "../harness/real-node/apt-repo.ts";
import { aptSnapshot } from "../harness/real-node/apt-install.ts";
import { IMAGES } from "../harness/real-node/config.ts";
import { useRealNode } from "../harness/real-node/use-real-node.ts";
import { nodeReleases, runKubekeep, upgradeFlags } from "../harness/real-node/upgrade-run.ts";
import { checkUpgraded, setupCluster, type Setup } from "../harness/real-node/upgrade-proof.ts";

const logger = new ConsoleLogger();
let repo: AptRepository | undefined;
// apt and dpkg as the host had them, compared after the node's teardown.
let aptBefore: Record<string, string[]> | undefined;
// /var/lib/kubekeep is the pod executor's on the host: removed afterwards if the test made it.
const KUBEKEEP_DIR = "/var/lib/kubekeep";
const hadKubekeepDir = fs.existsSync(KUBEKEEP_DIR);
/** The repository, started when the node starts, after apt's state is recorded. */
async function packages(): Promise<AptRepository> {
  aptBefore ??= await aptSnapshot();
  repo ??= await AptRepository.start(await nodeReleases(logger));
  return repo;
}
const node = useRealNode({ packages });
let setup: Setup | undefined;
after(async () => {
  await setup?.stop();
  await repo?.close();
  // Runs after useRealNode's teardown (hooks run in the order registered): packages, holds, lists purged.
  assert.deepEqual(await aptSnapshot(), aptBefore, "apt's state after the teardown");
  if (!hadKubekeepDir) fs.rmSync(KUBEKEEP_DIR, { recursive: true, force: true });
});

// The fixture every test below uses (packages from the repository, kwok workers, workloads, plan): a hook, so one test runs alone by name.
before(async () => {
  await node.ready();
  setup = await setupCluster(node.client, logger);
});

/**
 * Deletes the upgrade pod (grace 0: the kubelet kills its container's whole
 * cgroup) once the script has started on the host, before the control plane
 * restarts: the script must go on, and kubekeep re-attach to it.
 */
async function killPodMidway(dir: string): Promise<string | undefined> {
  const end = Date.now() + 10 * 60_000;
  while (Date.now() < end) {
    const log = fs.existsSync(`${dir}/log`) ? fs.readFileSync(`${dir}/log`, "utf8") : "";
    if (/kubekeep: step: packages: install kubeadm/.test(log)) {
      const pods = await node.client.get<List<Pod>>("/api/v1/namespaces/kube-system/pods", {
        labelSelector: `${EXECUTOR_LABEL}=upgrade`,
      });
      const pod = pods.items[0];
      if (!pod) return undefined;
      await node.client.delete(`/api/v1/namespaces/kube-system/pods/${pod.metadata.name}`, {
        apiVersion: "v1",
        kind: "DeleteOptions",
        gracePeriodSeconds: 0,
      });
      return pod.metadata.name;
    }
    await new Promise((res) => setTimeout(res, 200));
  }
  return undefined;
}

test("proof 1 (pod): the default script detached from a privileged pod upgrades the real node to v1.35.4, through the pod's death", async () => {
  const r = repo as AptRepository;
  const killed = killPodMidway(`${RUN_DIR}/upgrade-v1.35.4`);
  const run = await runKubekeep([
    ...upgradeFlags(r.template),
    "--executor",
    "pod",
    "--pod-image",
    IMAGES.executor,
  ]);
  const dir = `${RUN_DIR}/upgrade-v1.35.4`;
  // The host's side of the run, for whoever reads a failure.
  for (const f of ["pid", "start", "exit"])
    logger.info(
      `${dir}/${f}: ${fs.existsSync(`${dir}/${f}`) ? fs.readFileSync(`${dir}/${f}`, "utf8").trim() : "(none)"}`,
    );
  assert.equal(run.status, 0, run.output);
  logger.info(`real node upgrade with the pod executor: ${(run.ms / 1000).toFixed(1)} s`);
  // Detached on the host, not in the pod: the run's files, and its status, are the host's.
  assert.equal(fs.readFileSync(`${dir}/exit`, "utf8").trim(), "0");
  const log = fs.readFileSync(`${dir}/log`, "utf8");
  assert.doesNotMatch(log, /could not leave the pod cgroup/);
  assert.match(log, /kubekeep: done/);
  // The pod was killed mid-way; the script went on outside it, ran once, and kubekeep re-attached.
  const victim = await killed;
  assert.ok(victim, "the upgrade pod was deleted while the script ran");
  assert.match(run.output, new RegExp(`upgrade pod kube-system/${victim} ended without the script's status`));
  assert.match(run.output, /re-attaching to run upgrade-v1\.35\.4/);
  assert.equal([...log.matchAll(/kubekeep: upgrading kubekeep-real/g)].length, 1, "the script started once");
  assert.deepEqual(
    fs.readdirSync(RUN_DIR).filter((d) => d.startsWith("upgrade-v1.35.4")),
    ["upgrade-v1.35.4"],
    "no second run",
  );
  await checkUpgraded(node.client, setup as Setup, run.output);
});
