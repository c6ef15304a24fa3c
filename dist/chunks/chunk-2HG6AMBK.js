import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

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
function checkNodeUpgradeSkew(input) {
  const errors = [];
  const { node, kubeadmAction, controlPlane: cp } = input;
  const target = parseVersion(input.target);
  if (!target) return [`target version ${JSON.stringify(input.target)} is not a version like v1.35.1`];
  const kubelet = parseVersion(node.kubeletVersion);
  const role = node.controlPlane ? "control-plane node" : "worker";
  if (!kubelet) {
    errors.push(
      `${role} ${node.name}: cannot read its kubelet version ${JSON.stringify(node.kubeletVersion)}`
    );
  } else if (compareVersions(kubelet, target) > 0) {
    errors.push(
      `${role} ${node.name}: kubelet ${kubelet.text} is newer than the target ${target.text}: downgrades are not supported`
    );
  }
  if (target.major !== cp.oldest.major) {
    errors.push(`target ${target.text} changes the major version from ${cp.oldest.major}: not supported`);
    return errors;
  }
  if (kubeadmAction === "apply") {
    if (!node.controlPlane)
      errors.push(
        `worker ${node.name}: kubeadm upgrade apply upgrades the control plane and runs on a control-plane node; use kubeadm-action node (or auto) for a worker`
      );
    if (compareVersions(target, cp.newest) < 0)
      errors.push(
        `target ${target.text} is older than ${cp.newestFrom} (${cp.newest.text}): the control plane is never downgraded`
      );
    if (target.minor > cp.oldest.minor + 1)
      errors.push(
        `target ${target.text} skips a minor: kubeadm upgrade apply moves the control plane one minor at a time, so go from ${cp.oldest.text} (${cp.oldestFrom}) to v${target.major}.${cp.oldest.minor + 1} first`
      );
    for (const other of input.allNodes) {
      const v = parseVersion(other.kubeletVersion);
      if (v && target.minor - v.minor > KUBELET_MAX_MINOR_LAG)
        errors.push(
          `node ${other.name}: kubelet ${v.text} would be more than ${KUBELET_MAX_MINOR_LAG} minors behind a control plane at ${target.text} (the policy allows ${KUBELET_MAX_MINOR_LAG}); upgrade it to at least v${target.major}.${target.minor - KUBELET_MAX_MINOR_LAG} first`
        );
    }
  } else if (node.controlPlane) {
    if (compareVersions(target, cp.newest) > 0)
      errors.push(
        `control-plane node ${node.name}: kubeadm upgrade node needs the control plane already at ${target.text}, but the newest kube-apiserver is ${cp.newest.text} (${cp.newestFrom}); run kubeadm upgrade apply on the first control-plane node first (kubeadm-action apply, or auto)`
      );
  } else if (compareVersions(target, cp.oldest) > 0) {
    errors.push(
      `worker ${node.name}: target ${target.text} is newer than kube-apiserver ${cp.oldest.text} (${cp.oldestFrom}); the policy forbids a kubelet newer than the API server: upgrade the control plane first`
    );
  }
  return errors;
}

export {
  parseVersion,
  compareVersions,
  minorOf,
  KUBELET_MAX_MINOR_LAG,
  checkSkew,
  checkNodeUpgradeSkew
};
