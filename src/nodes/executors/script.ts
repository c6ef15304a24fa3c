/**
 * The default upgrade script: kubeadm's documented procedure for nodes that
 * use the Debian/Ubuntu packages from pkgs.k8s.io
 * (https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-upgrade/).
 * It switches the package repository to the target minor first (each minor
 * has its own repository), upgrades kubeadm, runs `kubeadm upgrade apply` on
 * the first control-plane node and `kubeadm upgrade node` elsewhere, then
 * upgrades and restarts the kubelet. It reads the KUBEKEEP_* environment.
 */
export const DEFAULT_UPGRADE_SCRIPT = `#!/bin/bash
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
