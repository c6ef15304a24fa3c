// Proofs 1 (ssh executor) and 3 of issue #11 on a real kubeadm node at
// v1.34.4 whose kubelet and kubeadm came from a package repository (the
// local one, laid out like pkgs.k8s.io): `upgrade-plan`, then `upgrade-node`
// with the DEFAULT upgrade script over SSH (kubekeep-sshd on 127.0.0.1, the
// script as root on the host). First the repository fails the kubeadm
// package (HTTP 500): the node is left cordoned, the message names the
// failed step, the maintenance Lease is released. Then, the repository
// fixed, a re-run resumes and finishes: control plane and kubelet at
// v1.35.4, packages at 1.35.4-1.1 and held, the node Ready and uncordoned,
// the workloads running, and the budget never violated throughout.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { KUBERNETES_VERSION } from "../../src/sandbox/binaries.ts";
import { AptRepository } from "../harness/real-node/apt-repo.ts";
import { aptSnapshot } from "../harness/real-node/apt-install.ts";
import { useRealNode } from "../harness/real-node/use-real-node.ts";
import {
  nodeReleases,
  runKubekeep,
  startSshd,
  upgradeFlags,
  type Sshd,
} from "../harness/real-node/upgrade-run.ts";
import { checkUpgraded, nodeState, setupCluster, type Setup } from "../harness/real-node/upgrade-proof.ts";

const logger = new ConsoleLogger();
let repo: AptRepository | undefined;
// apt and dpkg as the host had them, compared after the node's teardown.
let aptBefore: Record<string, string[]> | undefined;
/** The repository, started when the node starts, after apt's state is recorded. */
async function packages(): Promise<AptRepository> {
  aptBefore ??= await aptSnapshot();
  repo ??= await AptRepository.start(await nodeReleases(logger));
  return repo;
}
const node = useRealNode({ packages });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-real-ssh-"));
let sshd: Sshd | undefined;
let setup: Setup | undefined;
after(async () => {
  sshd?.stop();
  await setup?.stop();
  await repo?.close();
  // Runs after useRealNode's teardown (hooks run in the order registered): packages, holds, lists purged.
  assert.deepEqual(await aptSnapshot(), aptBefore, "apt's state after the teardown");
  fs.rmSync(work, { recursive: true, force: true });
});

function sshFlags(s: Sshd): string[] {
  return [
    "--executor",
    "ssh",
    "--ssh-host",
    "127.0.0.1",
    "--ssh-port",
    String(s.port),
    "--ssh-known-hosts",
    s.knownHosts,
  ];
}

// The fixture every test below uses (packages from the repository, kwok workers, workloads, plan): a hook, so one test runs alone by name.
before(async () => {
  await node.ready();
  setup = await setupCluster(node.client, logger);
  sshd = await startSshd(work, logger);
});

test("proof 3: the kubeadm package fails to download: cordoned, the step named, the lock released", async () => {
  const r = repo as AptRepository;
  r.fail({ package: "kubeadm", version: KUBERNETES_VERSION });
  const s = sshd as Sshd;
  const run = await runKubekeep([...upgradeFlags(r.template), ...sshFlags(s)], { KUBEKEEP_SSH_KEY: s.key });
  assert.equal(run.status, 1, run.output);
  // The operator's message: which step, and what to do.
  assert.match(
    run.output,
    /kubekeep: step FAILED: packages: install kubeadm=1\.35\.4-1\.1 \(exit code 100\)/,
  );
  assert.ok(
    r.requests.some((q) => q.status === 500),
    "the repository refused the package",
  );
  const st = await nodeState(node.client);
  assert.equal(st.unschedulable, true, "the node stays cordoned after a failed upgrade");
  assert.equal(st.progress?.phase, "failed");
  assert.match(
    st.progress?.detail ?? "",
    /^upgrade: upgrade over ssh on root@127\.0\.0\.1:\d+ \(kubekeep-real\) at step "packages: install kubeadm=1\.35\.4-1\.1" exited 100/,
  );
  assert.equal(st.kubelet, "v1.34.4");
  assert.equal(st.leaseHolder, undefined, "the maintenance Lease is released");
  r.heal();
});

test("proof 1 (ssh) + 3: the repository fixed, a re-run resumes and upgrades the real node to v1.35.4", async () => {
  const r = repo as AptRepository;
  const s = sshd as Sshd;
  const run = await runKubekeep([...upgradeFlags(r.template), ...sshFlags(s)], { KUBEKEEP_SSH_KEY: s.key });
  assert.equal(run.status, 0, run.output);
  assert.match(run.output, /resuming: last recorded phase failed/);
  assert.match(run.output, /already drained/);
  logger.info(`real node upgrade over ssh (the resumed run): ${(run.ms / 1000).toFixed(1)} s`);
  await checkUpgraded(node.client, setup as Setup, run.output);
});
