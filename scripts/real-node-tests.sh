#!/bin/sh
# The real-node tests (test/real-node/): a kubeadm node on this machine,
# upgraded by kubekeep. They install Debian packages when missing
# (scripts/real-node-prereqs.sh), take fixed ports, and change the host
# (mounts, sysctls, iptables, /etc/kubernetes, /usr/bin/kube*), which their
# teardown puts back as it was; so they need root. As part of `npm test` on a
# machine without root they are skipped with a line saying so, except in CI
# (CI=true), where a skipped proof would pass unseen and is refused instead.
set -eu
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ]; then
  if [ "${CI:-}" = true ]; then
    echo "kubekeep: the real-node tests need root (they run a kubeadm node on this machine), and CI=true: refusing to skip them" >&2
    exit 1
  fi
  echo "kubekeep: SKIPPED the real-node tests: they need root (a kubeadm node on this machine, host restored after); run them with: sudo npm run test:real-node" >&2
  exit 0
fi
sh scripts/real-node-prereqs.sh
exec node --test --test-reporter=spec --test-concurrency=1 --test-timeout=1800000 \
  --test-global-setup=test/harness/global-setup.ts "test/real-node/**/*.test.ts"
