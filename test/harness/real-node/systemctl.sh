#!/bin/sh
# systemctl stand-in on kubekeep's real node (installed as
# /usr/local/bin/systemctl while the node is up; this host has no systemd).
# It knows one unit, kubelet, run by kubelet-supervisor.sh, and the verbs
# kubeadm and kubekeep's default upgrade script use: daemon-reload (nothing to
# do), start, stop, restart, is-active, is-enabled, status, enable. Like the
# real systemctl, start/stop/restart return once the kubelet has stopped or
# started. There is deliberately no systemd-run.
RUN=${KUBEKEEP_REAL_NODE_RUN:-/run/kubekeep-real-node}
while [ $# -gt 0 ]; do
  case "$1" in
    -*) shift ;; # --no-pager, -q, --now ...: nothing to change here
    *) break ;;
  esac
done
verb=${1:-}
unit=${2:-}
unit=${unit%.service}
case "$verb" in
  daemon-reload | daemon-reexec) exit 0 ;;
  "") echo "systemctl (kubekeep stand-in): a verb is needed" >&2; exit 1 ;;
esac
if [ "$unit" != kubelet ]; then
  echo "systemctl (kubekeep stand-in): only the kubelet unit exists on this node, not '${2:-}'" >&2
  exit 5
fi

kubelet_pid() { cat "$RUN/kubelet.pid" 2>/dev/null; }
running() { pid=$(kubelet_pid) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }
supervised() {
  spid=$(cat "$RUN/supervisor.pid" 2>/dev/null) && [ -n "$spid" ] && kill -0 "$spid" 2>/dev/null && return 0
  echo "systemctl (kubekeep stand-in): the kubelet supervisor is not running (see test/harness/real-node)" >&2
  exit 1
}
stop_kubelet() {
  pid=$(kubelet_pid)
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  i=0
  while kill -0 "$pid" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -ge 300 ]; then kill -KILL "$pid" 2>/dev/null; fi # TimeoutStopSec: 30 s
    if [ $i -ge 350 ]; then echo "systemctl (kubekeep stand-in): kubelet (pid $pid) did not stop" >&2; exit 1; fi
    sleep 0.1
  done
}
wait_started() { # wait_started <old pid>: a kubelet other than the old one runs
  i=0
  while :; do
    pid=$(kubelet_pid)
    if [ -n "$pid" ] && [ "$pid" != "$1" ] && kill -0 "$pid" 2>/dev/null; then return 0; fi
    i=$((i + 1))
    if [ $i -ge 200 ]; then echo "systemctl (kubekeep stand-in): kubelet did not start in 20 s" >&2; exit 1; fi
    sleep 0.1
  done
}

case "$verb" in
  start)
    supervised
    running && exit 0
    echo running >"$RUN/kubelet.want"
    wait_started ""
    ;;
  stop)
    echo stopped >"$RUN/kubelet.want"
    stop_kubelet
    ;;
  restart | try-restart | reload-or-restart)
    supervised
    old=$(kubelet_pid)
    echo running >"$RUN/kubelet.want"
    touch "$RUN/kubelet.restart-now"
    stop_kubelet
    wait_started "$old"
    ;;
  is-active)
    if running; then echo active; exit 0; fi
    echo inactive
    exit 3
    ;;
  is-enabled) echo enabled ;;
  enable | disable | unmask | mask) exit 0 ;;
  status)
    echo "* kubelet.service - kubelet (kubekeep real-node stand-in)"
    echo "     Loaded: loaded (kubelet-supervisor.sh; enabled)"
    if running; then
      echo "     Active: active (running), pid $(kubelet_pid)"
      exit 0
    fi
    echo "     Active: inactive (dead)"
    exit 3
    ;;
  *)
    echo "systemctl (kubekeep stand-in): '$verb' is not supported for the kubelet here" >&2
    exit 1
    ;;
esac
