import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parseVersion
} from "./chunk-2HG6AMBK.js";
import {
  KNOWN_HOSTS_HOWTO
} from "./chunk-I54P7HKH.js";
import {
  parseLabelSelector
} from "./chunk-FK3ILC2B.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";
import {
  ConfigurationError,
  badInput
} from "./chunk-YBANDQLS.js";

// src/nodes/config.ts
import os from "node:os";

// src/nodes/executors/script.ts
var DEFAULT_UPGRADE_SCRIPT = `#!/bin/bash
set -eEuo pipefail
set -f
main() {
: "\${KUBEKEEP_TARGET_VERSION:?}" "\${KUBEKEEP_TARGET_MINOR:?}" "\${KUBEKEEP_KUBEADM_ACTION:?}"
export DEBIAN_FRONTEND=noninteractive
version="\${KUBEKEEP_TARGET_VERSION#v}"
template="\${KUBEKEEP_PACKAGE_REPOSITORY:-}"
[ -n "$template" ] || template='https://pkgs.k8s.io/core:/stable:/v{minor}/deb/'
repo="\${template//\\{minor\\}/$KUBEKEEP_TARGET_MINOR}"
read -r -a kubeadm_flags <<< "\${KUBEKEEP_KUBEADM_FLAGS:-}" || true
step="starting"
trap 'rc=$?; echo "kubekeep: step FAILED: $step (exit code $rc); fix the cause and re-run: finished steps are skipped" >&2' ERR
begin() { step="$1"; echo "kubekeep: step: $1"; }
installed() { dpkg-query -W -f='\${Status} \${Version}' "$1" 2>/dev/null | awk '$3 == "installed" { print $4 }' || true; }
# Waits for another apt (unattended-upgrades) instead of failing at once.
apt_opts=(-o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
echo "kubekeep: upgrading \${KUBEKEEP_NODE:-this node} to v\${version} (kubeadm upgrade \${KUBEKEEP_KUBEADM_ACTION}) from $repo"

begin "repository: point the Kubernetes package list at v\${KUBEKEEP_TARGET_MINOR}"
sources="\${KUBEKEEP_APT_SOURCES_DIR:-/etc/apt/sources.list.d}"
list="$sources/kubernetes.list"
if [ -f "$sources/kubernetes.sources" ] && [ ! -f "$list" ]; then
  list="$sources/kubernetes.sources"
  sed -i -E "s#^URIs:.*#URIs: $repo#" "$list"
else
  opts="[signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg]"
  if [ -f "$list" ]; then
    opts="$(sed -n -E 's#^deb[[:space:]]+(\\[[^]]*\\]).*#\\1#p' "$list" | head -n1)"
  fi
  echo "deb \${opts:+$opts }$repo /" > "$list.kubekeep"
  mv "$list.kubekeep" "$list"
fi
cat "$list"

begin "repository: apt-get update of the Kubernetes list only"
apt-get update -q -o Dir::Etc::sourcelist="$list" -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0

begin "packages: find the kubeadm revision of v\${version}"
pkg="$(apt-cache madison kubeadm | awk -v v="$version" '$3 ~ "^"v"-" { print $3; exit }')"
if [ -z "$pkg" ]; then
  echo "kubekeep: no kubeadm package for v$version in $repo (apt-cache madison kubeadm)" >&2
  false
fi

begin "packages: install kubeadm=$pkg"
if [ "$(installed kubeadm)" = "$pkg" ]; then
  echo "kubekeep: kubeadm $pkg already installed"
else
  apt-mark unhold kubeadm
  apt-get install -y -q "\${apt_opts[@]}" "kubeadm=$pkg"
fi
apt-mark hold kubeadm

if [ "$KUBEKEEP_KUBEADM_ACTION" = apply ]; then
  # plan only reads; of the flags it takes the preflight ones (and --config).
  plan_flags=()
  for f in "\${kubeadm_flags[@]}"; do
    case "$f" in --ignore-preflight-errors*|--config*) plan_flags+=("$f") ;; esac
  done
  begin "kubeadm upgrade plan v$version"
  kubeadm upgrade plan "v$version" "\${plan_flags[@]}"
  begin "kubeadm upgrade apply v$version"
  kubeadm upgrade apply -y "v$version" "\${kubeadm_flags[@]}"
else
  begin "kubeadm upgrade node"
  kubeadm upgrade node "\${kubeadm_flags[@]}"
fi

begin "packages: install kubelet=$pkg"
upgrade=(kubelet)
current="$(installed kubectl)"
if [ -z "$current" ]; then
  echo "kubekeep: kubectl is not installed here; not adding it"
elif [[ "$current" =~ ^[0-9]+\\.[0-9]+\\.[0-9]+- ]]; then
  upgrade+=(kubectl)
else
  echo "kubekeep: kubectl $current did not come from the Kubernetes repository; left alone"
fi
install=()
for p in "\${upgrade[@]}"; do
  if [ "$(installed "$p")" = "$pkg" ]; then echo "kubekeep: $p $pkg already installed"; else install+=("$p=$pkg"); fi
done
if [ "\${#install[@]}" -gt 0 ]; then
  apt-mark unhold "\${upgrade[@]}"
  apt-get install -y -q "\${apt_opts[@]}" "\${install[@]}"
fi
apt-mark hold "\${upgrade[@]}"

begin "kubelet: systemctl daemon-reload and restart kubelet"
systemctl daemon-reload
systemctl restart kubelet
echo "kubekeep: done"
}
main "$@" </dev/null
`;
var DEFAULT_PACKAGE_REPOSITORY = "https://pkgs.k8s.io/core:/stable:/v{minor}/deb/";

// src/nodes/replace/config.ts
var replaceInputs = {
  "replace-command": input.string({
    description: "executor replace: shell command that has the provider replace the node, e.g. terminate its instance in the auto-scaling group without lowering the desired count. In its environment: KUBEKEEP_NODE, KUBEKEEP_PROVIDER_ID (the Node's spec.providerID), KUBEKEEP_NODE_LABELS (k=v,k=v), KUBEKEEP_REPLACE_SELECTOR, KUBEKEEP_TARGET_VERSION, KUBEKEEP_FROM_VERSION and KUBEKEEP_REPLACE_STEP: `replace` (remove the node, the provider brings a new one), or with replace-surge `add` (bring up one more node) before the drain and `remove` (remove the node for good) after it. It must be safe to run again for the same node and step (a run stopped while it ran runs it again). Bounded by upgrade-timeout; the action's inputs (INPUT_*) are not in its environment."
  }),
  "replace-selector": input.string({
    description: "executor replace: label selector of the node's pool, e.g. eks.amazonaws.com/nodegroup=workers. The replacement is a node it matches that was not there before the command."
  }),
  "replace-timeout": input.duration({
    description: "executor replace: how long the old Node may take to leave and its replacement to join and become Ready at target-version, after the command. Ready means it takes pods: uncordoned, and without NoSchedule/NoExecute taints the old node did not carry (start-up taints such as not-ready or the cloud controller's uninitialized are waited out).",
    default: "20m",
    min: "1s"
  }),
  "replace-surge": input.boolean({
    description: "executor replace: bring the replacement up, and wait until it is Ready and takes pods, before the drain (the command's `add` step), then remove the old node after the drain (its `remove` step): evicted pods always have somewhere to go.",
    default: false
  })
};
function parseReplaceConfig(src, commandTimeoutMs, namespace) {
  const v = readInputs(replaceInputs, src);
  const command = v["replace-command"];
  if (!command)
    throw new ConfigurationError(
      "input 'replace-command' is required: the command that has the provider replace a node (executor: replace)"
    );
  const selector = parseLabelSelector("replace-selector", v["replace-selector"]);
  if (!selector)
    throw new ConfigurationError(
      "input 'replace-selector' is required: the label selector of the node's pool, e.g. eks.amazonaws.com/nodegroup=workers (executor: replace); its replacement is a new node it matches"
    );
  return {
    kind: "replace",
    command,
    selector,
    commandTimeoutMs,
    timeoutMs: v["replace-timeout"],
    surge: v["replace-surge"],
    namespace
  };
}

// src/nodes/config.ts
var nodeInput = {
  node: input.list({
    description: "Node name(s) to act on, one per line or comma-separated. Several nodes form a batch handled side by side.",
    required: true
  })
};
var targetInput = {
  "target-version": input.string({
    description: "Kubernetes version to upgrade to, e.g. v1.35.1.",
    required: true
  })
};
var filterInputs = {
  "ignore-daemonsets": input.boolean({
    description: "Skip DaemonSet-managed pods (kubectl's --ignore-daemonsets). When false, a node with DaemonSet pods is refused.",
    default: true
  }),
  "delete-emptydir-data": input.boolean({
    description: "Evict pods with emptyDir volumes, losing that data (kubectl's --delete-emptydir-data). When false, such pods refuse the drain.",
    default: false
  }),
  force: input.boolean({
    description: "Evict pods that declare no controller, and orphans of deleted DaemonSets (kubectl's --force). When false, such pods refuse the drain.",
    default: false
  }),
  "pod-selector": input.string({
    description: "Only pods matching this label selector are drained, e.g. app=web,tier!=cache (kubectl's --pod-selector).",
    defaultText: "every pod on the node"
  }),
  "skip-wait-for-delete-timeout": input.duration({
    description: "Do not wait for pods that have been terminating longer than this, e.g. 5m (kubectl's --skip-wait-for-delete-timeout; a bare number is seconds). 0s: always wait. Useful when the node's kubelet is down.",
    default: "0s"
  })
};
var drainInputs = {
  ...filterInputs,
  "disable-eviction": input.boolean({
    description: "DELETE pods instead of evicting them, bypassing PodDisruptionBudgets (kubectl's --disable-eviction). Use with care.",
    default: false
  }),
  "grace-period": input.integer({
    description: "Seconds each evicted pod gets to stop; -1 keeps each pod's terminationGracePeriodSeconds.",
    default: -1,
    min: -1,
    max: 86400
  }),
  timeout: input.duration({
    description: "How long the drain may take (e.g. 10m) before it fails listing the pods and disruption budgets that block it.",
    default: "10m"
  }),
  "on-timeout": input.enum(["fail", "delete"], {
    description: "fail: stop with the blockers listed; delete: DELETE the pods budgets still protect (bypasses PodDisruptionBudgets).",
    default: "fail"
  }),
  parallelism: input.integer({ description: "Evictions in flight at once.", default: 50, min: 1, max: 1e3 }),
  "allow-draining-last-control-plane": input.boolean({
    description: "Allow draining the last Ready control-plane node (e.g. a single control-plane cluster).",
    default: false
  })
};
var lockInputs = {
  lock: input.boolean({
    description: "Hold the cluster-wide maintenance lock (a coordination.k8s.io Lease) so two workflows never drain at once.",
    default: true
  }),
  "lock-name": input.string({ description: "Name of the Lease.", default: "kubekeep-node-maintenance" }),
  "lock-namespace": input.string({ description: "Namespace of the Lease.", default: "kube-system" }),
  "lock-holder": input.string({
    description: "Holder identity, the same for every step of a job.",
    defaultText: "the workflow run, job and nodes (github:<repo>/runs/<id>/<attempt>/<job>:<nodes>)"
  }),
  "lock-ttl": input.duration({
    description: "The Lease's duration: it expires this long after its last renewal if the runner dies.",
    default: "15m"
  }),
  "lock-wait": input.duration({
    description: "How long to wait for another holder to let go before failing (0s: fail at once, naming the holder).",
    default: "0s"
  })
};
var DEFAULT_POD_IMAGE = "debian:bookworm-20260918-slim@sha256:3783cc01769c7b2b1b83a5c5ad96c815348e28ed7da68e2e3687004faa906251";
var sshInputs = {
  "ssh-host": input.string({
    description: "executor ssh: host to connect to; {node} and {internal-ip} are replaced.",
    default: "{node}"
  }),
  "ssh-port": input.integer({ description: "executor ssh: port.", default: 22, min: 1, max: 65535 }),
  "ssh-user": input.string({ description: "executor ssh: user.", default: "root" }),
  "ssh-key": input.string({
    description: "executor ssh: private key (from a secret; masked, written to a private temporary file).",
    secret: true
  }),
  "ssh-known-hosts": input.string({
    description: "executor ssh: known_hosts lines for the nodes (ssh-keyscan's output, taken from a place you trust; [host]:port for a port other than 22). Required unless ssh-host-key-policy is accept-new: a node whose key is not listed, or differs, is refused."
  }),
  "ssh-host-key-policy": input.enum(["strict", "accept-new"], {
    description: "executor ssh: strict accepts only the host keys in ssh-known-hosts; accept-new also accepts, with a warning, whatever key a node not listed there offers (anyone who can answer at its address gets kubekeep's root session on the node).",
    default: "strict"
  }),
  "ssh-sudo": input.boolean({
    description: "executor ssh: run the script (and etcd-restore's snapshot copy) through `sudo -n`.",
    defaultText: "true unless ssh-user is root"
  })
};
var executorInputs = {
  executor: input.enum(["command", "ssh", "pod", "replace"], {
    description: "How the node is upgraded: command (upgrade-command, run on the runner), ssh (the script over SSH), pod (the script in a privileged pod pinned to the node), or replace (managed and immutable pools: replace-command has the provider replace the node, then the run waits for the old Node to leave and a new one matching replace-selector to join Ready at target-version).",
    default: "command"
  }),
  "upgrade-command": input.string({
    description: "executor command: shell command that upgrades the node; KUBEKEEP_NODE, KUBEKEEP_NODE_ROLE, KUBEKEEP_KUBEADM_ACTION, KUBEKEEP_TARGET_VERSION, KUBEKEEP_TARGET_MINOR and KUBEKEEP_FROM_VERSION are in its environment."
  }),
  script: input.string({
    description: "executor ssh/pod: the upgrade script (bash).",
    defaultText: "kubeadm's procedure for Debian/Ubuntu packages from pkgs.k8s.io, switching the repository to the target minor"
  }),
  "package-repository": input.string({
    description: "executor ssh/pod, default script: the Kubernetes package repository, a flat apt repository laid out like pkgs.k8s.io's, with {minor} replaced by the target minor (e.g. 1.35); for mirrors and air-gapped clusters. The script rewrites /etc/apt/sources.list.d/kubernetes.list to it, keeping that line's options ([signed-by=keyring], or [trusted=yes] for an unsigned mirror you chose to trust), and refreshes only that list. In the environment as KUBEKEEP_PACKAGE_REPOSITORY.",
    default: DEFAULT_PACKAGE_REPOSITORY
  }),
  "kubeadm-upgrade-flags": input.string({
    description: "executor ssh/pod, default script: extra flags for `kubeadm upgrade apply` and `kubeadm upgrade node`, space-separated, e.g. --ignore-preflight-errors=CoreDNSMigration --etcd-upgrade=false (`kubeadm upgrade plan` gets the --ignore-preflight-errors and --config ones). In the environment as KUBEKEEP_KUBEADM_FLAGS."
  }),
  "upgrade-timeout": input.duration({
    description: "How long the upgrade itself may take. At the deadline the command, the ssh session and the script on the node (timeout/systemd) are ended, SIGTERM then SIGKILL, and the upgrade fails.",
    default: "30m"
  }),
  ...sshInputs,
  "pod-namespace": input.string({
    description: "executor pod: namespace of the upgrade pod.",
    default: "kube-system"
  }),
  "pod-image": input.string({
    description: "executor pod: image of the upgrade pod (needs nsenter). The default is pinned by digest (a multi-arch index: amd64, arm64, ...), so a moved tag cannot change what runs privileged on the node; give your own (a mirror's, say) by digest too.",
    default: DEFAULT_POD_IMAGE
  }),
  ...replaceInputs
};
var gateInputs = {
  "gate-timeout": input.duration({
    description: "How long the node has to pass its gates after the upgrade: Ready at the target kubelet version, static pods Ready, all nodes Ready, health-command.",
    default: "10m"
  }),
  "require-all-nodes-ready": input.boolean({
    description: "Refuse (before the drain) while any other node is not Ready. With false, nodes already not Ready are tolerated and reported; either way a node that was Ready before the drain and is not after fails the gates.",
    default: true
  }),
  "health-command": input.string({
    description: "Optional shell command that must exit 0 before the node is uncordoned (KUBEKEEP_NODE in its environment). It runs within gate-timeout (at most 2m a try); at the deadline its process group is ended and the gate fails."
  })
};
function parseNodes(src) {
  const nodes = readInputs(nodeInput, src).node;
  for (const n of nodes) {
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(n))
      throw badInput("node", n, "a node name (lower-case letters, digits, '-' and '.')");
  }
  return nodes;
}
function parseTarget(src) {
  const raw = readInputs(targetInput, src)["target-version"];
  const v = parseVersion(raw);
  if (!v || !/^v?\d+\.\d+\.\d+$/.test(raw.trim()))
    throw badInput(
      "target-version",
      raw,
      /^v?\d+\.\d+$/.test(raw.trim()) ? `a full version with its patch release, such as ${raw.trim().startsWith("v") ? "" : "v"}${raw.trim()}.1 (a minor alone does not say which patch to install)` : "a full version such as v1.35.1"
    );
  return `v${v.major}.${v.minor}.${v.patch}`;
}
function parseFilters(src) {
  const v = readInputs(filterInputs, src);
  const podSelector = parseLabelSelector("pod-selector", v["pod-selector"]);
  const skipWait = v["skip-wait-for-delete-timeout"];
  return {
    ignoreDaemonSets: v["ignore-daemonsets"],
    deleteEmptyDirData: v["delete-emptydir-data"],
    force: v.force,
    ...podSelector ? { podSelector } : {},
    ...skipWait > 0 ? { skipWaitForDeleteTimeoutMs: skipWait } : {}
  };
}
function parseDrainOptions(src) {
  const v = readInputs(drainInputs, src);
  const grace = v["grace-period"];
  return {
    ...parseFilters(src),
    disableEviction: v["disable-eviction"],
    ...grace >= 0 ? { gracePeriodSeconds: grace } : {},
    timeoutMs: v.timeout,
    onTimeout: v["on-timeout"],
    parallelism: v.parallelism
  };
}
function parseAllowLastControlPlane(src) {
  return readInputs(drainInputs, src)["allow-draining-last-control-plane"];
}
function defaultHolder(env = process.env) {
  if (env.GITHUB_RUN_ID) {
    return `github:${env.GITHUB_REPOSITORY ?? "?"}/runs/${env.GITHUB_RUN_ID}/${env.GITHUB_RUN_ATTEMPT ?? "1"}/${env.GITHUB_JOB ?? "job"}`;
  }
  return `kubekeep:${os.hostname()}/${process.pid}`;
}
function parseLock(src, nodes = []) {
  const v = readInputs(lockInputs, src);
  if (!v.lock) return void 0;
  const name = v["lock-name"];
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) throw badInput("lock-name", name, "a Lease name");
  return {
    name,
    namespace: v["lock-namespace"],
    // By default the run, the job and the nodes: stable across a job's steps,
    // distinct between the jobs of a matrix.
    holder: v["lock-holder"] ?? defaultHolder() + (nodes.length ? `:${nodes.join(",")}` : ""),
    ttlMs: v["lock-ttl"],
    waitMs: v["lock-wait"]
  };
}
function parseGates(src) {
  const v = readInputs(gateInputs, src);
  const health = v["health-command"];
  return {
    timeoutMs: v["gate-timeout"],
    allNodesReady: v["require-all-nodes-ready"],
    ...health ? { healthCommand: health } : {}
  };
}
function parsePackageRepository(value) {
  if (!/^(https?:\/\/|file:\/)[^\s'"`$\\;|&<>()\[\]]+$/.test(value) || !value.includes("{minor}"))
    throw badInput(
      "package-repository",
      value,
      "an http(s):// or file:/ URL of a flat apt repository with {minor} for the target minor, e.g. https://pkgs.k8s.io/core:/stable:/v{minor}/deb/"
    );
  return value;
}
function parseKubeadmFlags(value) {
  const words = (value ?? "").split(/\s+/).filter(Boolean);
  for (const w of words) {
    if (!/^--[a-z][a-z0-9-]*(=[A-Za-z0-9_.,:/=+@%-]*)?$/.test(w))
      throw badInput(
        "kubeadm-upgrade-flags",
        w,
        "kubeadm flags separated by spaces, each --flag or --flag=value (letters, digits and _.,:/=+@%-), e.g. --ignore-preflight-errors=CoreDNSMigration --etcd-upgrade=false"
      );
  }
  return words.join(" ");
}
function requiredFor(value, name, what) {
  if (value === void 0) throw new ConfigurationError(`input '${name}' is required: ${what}`);
  return value;
}
function parseSshAccess(src) {
  const v = readInputs(sshInputs, src);
  const user = v["ssh-user"];
  const knownHosts = v["ssh-known-hosts"]?.trim() || void 0;
  const hostKeyPolicy = v["ssh-host-key-policy"];
  if (!knownHosts && hostKeyPolicy === "strict")
    throw new ConfigurationError(
      `input 'ssh-known-hosts' is required with executor: ssh: the nodes' host keys, so that kubekeep's root session talks to the node and not to whatever answers at its address; ${KNOWN_HOSTS_HOWTO}. To accept any key a node offers instead (not recommended), set ssh-host-key-policy: accept-new`
    );
  return {
    host: v["ssh-host"],
    port: v["ssh-port"],
    user,
    key: requiredFor(v["ssh-key"], "ssh-key", "the SSH private key (from a secret) for executor: ssh"),
    ...knownHosts ? { knownHosts } : {},
    hostKeyPolicy,
    sudo: v["ssh-sudo"] ?? user !== "root"
  };
}
function parseExecutor(src) {
  const v = readInputs(executorInputs, src);
  const kind = v.executor;
  const timeoutMs = v["upgrade-timeout"];
  const script = v.script ?? DEFAULT_UPGRADE_SCRIPT;
  const flags = parseKubeadmFlags(v["kubeadm-upgrade-flags"]);
  const env = {
    KUBEKEEP_PACKAGE_REPOSITORY: parsePackageRepository(v["package-repository"]),
    ...flags ? { KUBEKEEP_KUBEADM_FLAGS: flags } : {}
  };
  switch (kind) {
    case "command":
      return {
        kind,
        command: requiredFor(
          v["upgrade-command"],
          "upgrade-command",
          "the command that upgrades a node (executor: command)"
        ),
        timeoutMs,
        env
      };
    case "ssh":
      return { kind, ...parseSshAccess(src), script, timeoutMs, env };
    case "pod":
      return { kind, namespace: v["pod-namespace"], image: v["pod-image"], script, timeoutMs, env };
    case "replace":
      return parseReplaceConfig(src, timeoutMs, readInputs(lockInputs, src)["lock-namespace"]);
  }
}
function maskExecutor(config, logger) {
  if (config.kind === "ssh") maskSshKey(config, logger);
}
function maskSshKey(access, logger) {
  logger.setSecret(access.key);
  for (const line of access.key.split("\n"))
    if (line.trim().length >= 8 && !line.startsWith("-----")) logger.setSecret(line.trim());
}
var ACCEPT_NEW_WARNING = "ssh-host-key-policy: accept-new: a node's host key that ssh-known-hosts does not list is accepted unchecked, so whatever answers at the node's address gets kubekeep's root session; pass the nodes' keys as ssh-known-hosts and drop accept-new";

export {
  nodeInput,
  targetInput,
  filterInputs,
  drainInputs,
  lockInputs,
  DEFAULT_POD_IMAGE,
  sshInputs,
  executorInputs,
  gateInputs,
  parseNodes,
  parseTarget,
  parseFilters,
  parseDrainOptions,
  parseAllowLastControlPlane,
  defaultHolder,
  parseLock,
  parseGates,
  parsePackageRepository,
  parseKubeadmFlags,
  parseSshAccess,
  parseExecutor,
  maskExecutor,
  maskSshKey,
  ACCEPT_NEW_WARNING
};
