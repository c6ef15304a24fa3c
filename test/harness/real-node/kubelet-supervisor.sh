#!/bin/sh
# The kubelet's supervisor on the real node: a stand-in for systemd's
# kubelet.service with kubeadm's drop-in (10-kubeadm.conf), since this host
# has no systemd. Like `Restart=always`, it starts /usr/bin/kubelet again
# whenever it exits (after 2 s, or at once when the systemctl stand-in asked
# for a restart), reading kubeadm's flags files anew each time, so a new
# binary or config takes effect the way it would under systemd. It runs the
# kubelet only while $RUN/kubelet.want says "running" (`systemctl start`);
# kubeadm starts it during `kubeadm init`. Killing the supervisor's process
# group ends both.
RUN=${KUBEKEEP_REAL_NODE_RUN:-/run/kubekeep-real-node}
mkdir -p "$RUN"
echo $$ >"$RUN/supervisor.pid"
say() { echo "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ) supervisor: $*"; }
while :; do
  want=$(cat "$RUN/kubelet.want" 2>/dev/null || echo stopped)
  if [ "$want" != running ]; then
    sleep 0.5
    continue
  fi
  KUBELET_KUBEADM_ARGS=""
  KUBELET_EXTRA_ARGS=""
  # shellcheck disable=SC1091 # written by kubeadm
  [ -f /var/lib/kubelet/kubeadm-flags.env ] && . /var/lib/kubelet/kubeadm-flags.env
  # shellcheck disable=SC1091
  [ -f /etc/default/kubelet ] && . /etc/default/kubelet
  say "starting /usr/bin/kubelet ($(/usr/bin/kubelet --version 2>/dev/null))"
  # shellcheck disable=SC2086 # the flags variables hold several words, as in the systemd unit
  /usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf \
    --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml \
    $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS &
  pid=$!
  echo "$pid" >"$RUN/kubelet.pid"
  wait "$pid"
  code=$?
  rm -f "$RUN/kubelet.pid"
  say "kubelet (pid $pid) exited with status $code"
  if [ -f "$RUN/kubelet.restart-now" ]; then
    rm -f "$RUN/kubelet.restart-now"
    continue
  fi
  sleep 2 # RestartSec
done
