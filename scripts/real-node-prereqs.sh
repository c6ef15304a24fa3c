#!/bin/sh
# Installs the Debian packages a real kubeadm node needs on this host (see
# test/harness/real-node/): a container runtime (containerd + runc), the CNI
# plugins (bridge, host-local, loopback), and the tools kubeadm's preflight and
# the kubelet call (conntrack, iptables, socat, ethtool; nft to delete the
# iptables tables the kubelet created at teardown; nsenter and mount come
# with util-linux/mount, which Debian always has). Only missing packages are
# installed; the script changes nothing when all are present, so `.ci/run` and
# `npm run real-node -- up` may both call it.
set -eu

packages="containerd runc containernetworking-plugins conntrack iptables socat ethtool nftables"
missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ -z "$missing" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "kubekeep: the real node needs these Debian packages, and installing them needs root:$missing" >&2
  exit 1
fi
echo "kubekeep: installing$missing from Debian" >&2
# The distribution's containerd would start itself through its init script or
# unit; the harness runs its own containerd with its own configuration, so
# policy-rc.d keeps the package from starting one during installation.
policy=/usr/sbin/policy-rc.d
created_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  created_policy=1
fi
trap '[ -n "$created_policy" ] && rm -f "$policy"' EXIT
timeout 600 apt-get update -qq
# shellcheck disable=SC2086 # the list is meant to split into words
DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends $missing
