import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  sleep
} from "./chunk-6FTAWW3A.js";
import {
  isApiError
} from "./chunk-BSE24TIN.js";
import {
  bool,
  duration,
  integer,
  list,
  oneOf,
  optional,
  required
} from "./chunk-4KLN52HN.js";
import {
  formatDuration
} from "./chunk-T4ZVIX6G.js";
import {
  ConfigurationError,
  badInput
} from "./chunk-YBANDQLS.js";

// src/nodes/version.ts
function parseVersion(text) {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/.exec(text.trim());
  if (!m) return void 0;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3] ?? 0),
    text: text.trim().startsWith("v") ? text.trim() : `v${text.trim()}`
  };
}
function compareVersions(a, b) {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}
function minorOf(v) {
  return `${v.major}.${v.minor}`;
}
var KUBELET_MAX_MINOR_LAG = 3;
function checkSkew(apiserverText, targetText, nodes) {
  const errors = [];
  const notes = [];
  const target = parseVersion(targetText);
  const apiserver = parseVersion(apiserverText);
  if (!target)
    return { errors: [`target version ${JSON.stringify(targetText)} is not a version like v1.35.1`], notes };
  if (!apiserver)
    return { errors: [`cannot read the API server's version ${JSON.stringify(apiserverText)}`], notes };
  if (target.major !== apiserver.major) {
    errors.push(`target ${target.text} changes the major version from ${apiserver.major}: not supported`);
  }
  const cmp = compareVersions(target, apiserver);
  if (cmp < 0) {
    errors.push(
      `target ${target.text} is older than the API server's ${apiserver.text}: downgrades are not supported`
    );
  } else if (target.minor > apiserver.minor + 1) {
    errors.push(
      `target ${target.text} skips a minor: the control plane upgrades one minor at a time, so go to v${apiserver.major}.${apiserver.minor + 1} first (API server is ${apiserver.text})`
    );
  } else if (cmp === 0) {
    notes.push(`the API server already runs ${target.text}`);
  }
  for (const node of nodes) {
    const kubelet = parseVersion(node.kubeletVersion);
    if (!kubelet) {
      errors.push(
        `node ${node.name}: cannot read its kubelet version ${JSON.stringify(node.kubeletVersion)}`
      );
      continue;
    }
    if (compareVersions(kubelet, target) > 0) {
      errors.push(
        `node ${node.name}: kubelet ${kubelet.text} is newer than the target ${target.text}: downgrades are not supported`
      );
    }
    if (compareVersions(kubelet, apiserver) > 0 && kubelet.minor > apiserver.minor) {
      errors.push(
        `node ${node.name}: kubelet ${kubelet.text} is already newer than the API server's ${apiserver.text} (the policy forbids it)`
      );
    }
    if (node.controlPlane && kubelet.minor < target.minor - 1) {
      errors.push(
        `control-plane node ${node.name}: kubelet ${kubelet.text} is more than one minor behind the target ${target.text}; upgrade it to v${target.major}.${target.minor - 1} first`
      );
    }
    if (!node.controlPlane && kubelet.minor < target.minor - KUBELET_MAX_MINOR_LAG) {
      errors.push(
        `node ${node.name}: kubelet ${kubelet.text} would be more than ${KUBELET_MAX_MINOR_LAG} minors behind an API server at ${target.text}; upgrade it to at least v${target.major}.${target.minor - KUBELET_MAX_MINOR_LAG} first`
      );
    }
  }
  return { errors, notes };
}

// src/nodes/lock.ts
import os from "node:os";
function defaultHolder(env = process.env) {
  if (env.GITHUB_RUN_ID) {
    return `github:${env.GITHUB_REPOSITORY ?? "?"}/runs/${env.GITHUB_RUN_ID}/${env.GITHUB_RUN_ATTEMPT ?? "1"}/${env.GITHUB_JOB ?? "job"}`;
  }
  return `kubekeep:${os.hostname()}/${process.pid}`;
}
var microTime = (ms) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
function heldByOther(lease, holder, now) {
  const h = lease.spec.holderIdentity;
  if (!h || h === holder) return false;
  const renewed = Date.parse(lease.spec.renewTime ?? lease.spec.acquireTime ?? "");
  const ttl = (lease.spec.leaseDurationSeconds ?? 0) * 1e3;
  return Number.isFinite(renewed) && renewed + ttl > now;
}
var MaintenanceLock = class {
  client;
  config;
  timer;
  path;
  constructor(client, config) {
    this.client = client;
    this.config = config;
    this.path = `/apis/coordination.k8s.io/v1/namespaces/${config.namespace}/leases/${config.name}`;
  }
  /** Takes (or renews) the lock and keeps renewing it until release() or stopRenewing(). */
  async acquire(logger, signal) {
    const deadline = Date.now() + this.config.waitMs;
    let announced = false;
    for (; ; ) {
      const other = await this.tryAcquire();
      if (other === void 0) break;
      if (Date.now() >= deadline || signal?.aborted) {
        throw new ConfigurationError(
          `another node maintenance holds the lock (Lease ${this.config.namespace}/${this.config.name}): holder ${JSON.stringify(other)}; waited ${formatDuration(this.config.waitMs)} (input 'lock-wait'); it expires on its own ${formatDuration(this.config.ttlMs)} after its last renewal if that run died`
        );
      }
      if (!announced) logger.info(`waiting for the lock, held by ${other}`);
      announced = true;
      await sleep(2e3, signal);
    }
    logger.info(`lock Lease ${this.config.namespace}/${this.config.name} held by ${this.config.holder}`);
    this.timer = setInterval(
      () => {
        this.tryAcquire().then(
          (other) => {
            if (other !== void 0) logger.warning(`lost the lock to ${other}`);
          },
          (err) => logger.warning(`could not renew the lock: ${String(err)}`)
        );
      },
      Math.max(1e3, this.config.ttlMs / 3)
    );
    this.timer.unref();
  }
  /** Returns undefined when we hold the lock now, else the other holder. */
  async tryAcquire() {
    for (let attempt = 0; attempt < 5; attempt++) {
      const now = Date.now();
      let lease;
      try {
        lease = await this.client.get(this.path);
      } catch (err) {
        if (!isApiError(err, 404)) throw err;
      }
      if (lease && heldByOther(lease, this.config.holder, now)) return lease.spec.holderIdentity ?? "?";
      const spec = {
        holderIdentity: this.config.holder,
        leaseDurationSeconds: Math.ceil(this.config.ttlMs / 1e3),
        acquireTime: lease?.spec.holderIdentity === this.config.holder ? lease.spec.acquireTime : microTime(now),
        renewTime: microTime(now)
      };
      try {
        if (!lease) {
          await this.client.post(`/apis/coordination.k8s.io/v1/namespaces/${this.config.namespace}/leases`, {
            apiVersion: "coordination.k8s.io/v1",
            kind: "Lease",
            metadata: { name: this.config.name, namespace: this.config.namespace },
            spec
          });
        } else {
          await this.client.put(this.path, { ...lease, spec: { ...lease.spec, ...spec } });
        }
        return void 0;
      } catch (err) {
        if (!isApiError(err, 409)) throw err;
      }
    }
    throw new Error(
      `could not update Lease ${this.config.namespace}/${this.config.name}: too many conflicts`
    );
  }
  stopRenewing() {
    if (this.timer) clearInterval(this.timer);
    this.timer = void 0;
  }
  /** Lets go of the lock if we hold it. */
  async release() {
    this.stopRenewing();
    for (let attempt = 0; attempt < 5; attempt++) {
      let lease;
      try {
        lease = await this.client.get(this.path);
      } catch (err) {
        if (isApiError(err, 404)) return;
        throw err;
      }
      if (lease.spec.holderIdentity !== this.config.holder) return;
      try {
        await this.client.put(this.path, {
          ...lease,
          spec: { ...lease.spec, holderIdentity: null, acquireTime: null, renewTime: null }
        });
        return;
      } catch (err) {
        if (!isApiError(err, 409)) throw err;
      }
    }
  }
};

// src/nodes/executors/script.ts
var DEFAULT_UPGRADE_SCRIPT = `#!/bin/bash
set -euo pipefail
: "\${KUBEKEEP_TARGET_VERSION:?}" "\${KUBEKEEP_TARGET_MINOR:?}" "\${KUBEKEEP_KUBEADM_ACTION:?}"
export DEBIAN_FRONTEND=noninteractive
version="\${KUBEKEEP_TARGET_VERSION#v}"
echo "kubekeep: upgrading \${KUBEKEEP_NODE:-this node} to v\${version} (kubeadm upgrade \${KUBEKEEP_KUBEADM_ACTION})"

# 1. Point the pkgs.k8s.io repository at the target minor.
sources="\${KUBEKEEP_APT_SOURCES_DIR:-/etc/apt/sources.list.d}"
for list in "$sources/kubernetes.list" "$sources/kubernetes.sources"; do
  [ -f "$list" ] || continue
  sed -i -E "s#(pkgs\\.k8s\\.io/core:/stable:/)v[0-9]+\\.[0-9]+/#\\1v\${KUBEKEEP_TARGET_MINOR}/#" "$list"
done
apt-get update -q

# 2. The exact package revision of the target version.
pkg="$(apt-cache madison kubeadm | awk -v v="$version" '$3 ~ "^"v"-" { print $3; exit }')"
if [ -z "$pkg" ]; then
  echo "kubekeep: no kubeadm package for v$version in the configured repositories" >&2
  exit 1
fi

# 3. kubeadm first, then the control plane or the node's configuration.
apt-mark unhold kubeadm
apt-get install -y -q "kubeadm=$pkg"
apt-mark hold kubeadm
if [ "$KUBEKEEP_KUBEADM_ACTION" = apply ]; then
  kubeadm upgrade plan "v$version"
  kubeadm upgrade apply -y "v$version"
else
  kubeadm upgrade node
fi

# 4. kubelet and kubectl, then restart the kubelet.
apt-mark unhold kubelet kubectl
apt-get install -y -q "kubelet=$pkg" "kubectl=$pkg"
apt-mark hold kubelet kubectl
systemctl daemon-reload
systemctl restart kubelet
echo "kubekeep: done"
`;

// src/nodes/config.ts
function parseNodes(src) {
  const nodes = list(src, "node");
  if (!nodes.length)
    throw new ConfigurationError(
      "input 'node' is required: the node name(s) to act on, one per line or comma-separated"
    );
  for (const n of nodes) {
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(n))
      throw badInput("node", n, "a node name (lower-case letters, digits, '-' and '.')");
  }
  return nodes;
}
function parseTarget(src) {
  const raw = required(src, "target-version", "the Kubernetes version to upgrade to, e.g. v1.35.1");
  const v = parseVersion(raw);
  if (!v || !/^v?\d+\.\d+\.\d+$/.test(raw))
    throw badInput("target-version", raw, "a full version such as v1.35.1");
  return `v${v.major}.${v.minor}.${v.patch}`;
}
function parseDrainOptions(src) {
  const grace = integer(src, "grace-period", -1, -1, 86400);
  return {
    ignoreDaemonSets: bool(src, "ignore-daemonsets", true),
    deleteEmptyDirData: bool(src, "delete-emptydir-data", false),
    force: bool(src, "force", false),
    ...grace >= 0 ? { gracePeriodSeconds: grace } : {},
    timeoutMs: duration(src, "timeout", "10m"),
    onTimeout: oneOf(src, "on-timeout", ["fail", "delete"], "fail"),
    parallelism: integer(src, "parallelism", 50, 1, 1e3)
  };
}
function parseLock(src, nodes = []) {
  if (!bool(src, "lock", true)) return void 0;
  const name = optional(src, "lock-name") ?? "kubekeep-node-maintenance";
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) throw badInput("lock-name", name, "a Lease name");
  return {
    name,
    namespace: optional(src, "lock-namespace") ?? "kube-system",
    // By default the run, the job and the nodes: stable across a job's steps,
    // distinct between the jobs of a matrix.
    holder: optional(src, "lock-holder") ?? defaultHolder() + (nodes.length ? `:${nodes.join(",")}` : ""),
    ttlMs: duration(src, "lock-ttl", "15m"),
    waitMs: duration(src, "lock-wait", "0s")
  };
}
function parseGates(src) {
  const health = optional(src, "health-command");
  return {
    timeoutMs: duration(src, "gate-timeout", "10m"),
    allNodesReady: bool(src, "require-all-nodes-ready", true),
    ...health ? { healthCommand: health } : {}
  };
}
function parseExecutor(src) {
  const kind = oneOf(src, "executor", ["command", "ssh", "pod", "none"], "command");
  const timeoutMs = duration(src, "upgrade-timeout", "30m");
  const script = optional(src, "script") ?? DEFAULT_UPGRADE_SCRIPT;
  switch (kind) {
    case "command":
      return {
        kind,
        command: required(src, "upgrade-command", "the command that upgrades a node (executor: command)"),
        timeoutMs
      };
    case "ssh": {
      const user = optional(src, "ssh-user") ?? "root";
      const knownHosts = optional(src, "ssh-known-hosts");
      return {
        kind,
        host: optional(src, "ssh-host") ?? "{node}",
        port: integer(src, "ssh-port", 22, 1, 65535),
        user,
        key: required(src, "ssh-key", "the SSH private key (from a secret) for executor: ssh"),
        ...knownHosts ? { knownHosts } : {},
        sudo: bool(src, "ssh-sudo", user !== "root"),
        script,
        timeoutMs
      };
    }
    case "pod":
      return {
        kind,
        namespace: optional(src, "pod-namespace") ?? "kube-system",
        image: optional(src, "pod-image") ?? "debian:bookworm-slim",
        script,
        timeoutMs
      };
    case "none":
      return { kind };
  }
}
function maskExecutor(config, logger) {
  if (config.kind !== "ssh") return;
  logger.setSecret(config.key);
  for (const line of config.key.split("\n"))
    if (line.trim().length >= 8 && !line.startsWith("-----")) logger.setSecret(line.trim());
}

export {
  parseVersion,
  compareVersions,
  minorOf,
  checkSkew,
  MaintenanceLock,
  parseNodes,
  parseTarget,
  parseDrainOptions,
  parseLock,
  parseGates,
  parseExecutor,
  maskExecutor
};
