# shellcheck shell=sh
# The upgrade pod's command (nodes/executors/pod.ts): runs KUBEKEEP_SCRIPT
# inside the host's namespaces, in one of two ways; either way the node
# enforces upgrade-timeout itself on every process the script started.
#
# With systemd (PID 1, /run/systemd/system): the script runs as a transient
# unit and the wrapper waits for it, its output piped back to the pod's log;
# systemd stops the unit at RuntimeMaxSec (SIGTERM to its cgroup, SIGKILL
# after TimeoutStopSec). A systemd-run binary on a host without systemd is
# not enough, so the check is on the runtime directory.
#
# Without systemd the script must not live in the pod: the kubelet kills a
# container's whole cgroup when it stops it (a container hash change across
# kubelet versions, the pod deleted), and the upgrade restarts the kubelet.
# So the wrapper starts it in its own session, moved to the root cgroup of
# every hierarchy (cgroup v1 and v2), under coreutils' timeout (which ends
# its whole process group, SIGTERM then SIGKILL after -k), with its output
# and exit status in RUN_DIR/<run id>/ on the host. The pod only follows that
# log and exits with the script's status after a marker line. A pod started
# with KUBEKEEP_RUN_MODE=attach (kubekeep replacing a pod that died) never
# starts the script: it follows the run, or reports it finished; a start
# that finds the same run still alive (a re-run after the runner died)
# attaches to it instead of starting a second upgrade.
#
# Capitalised words between at signs stand for values pod.ts fills in. Kubernetes
# expands $(NAME) and $$ in a command: pod.ts escapes the whole text.
set -eu
export PATH="${PATH:+$PATH:}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
limit="${KUBEKEEP_TIMEOUT_SECONDS:-1800}"
grace=@KILL_GRACE_SECONDS@
id="${KUBEKEEP_RUN_ID:-manual}"
mode="${KUBEKEEP_RUN_MODE:-start}"
# systemd's own test (sd_booted). KUBEKEEP_SYSTEMD_RUNTIME_DIR, _RUN_DIR and
# _CGROUP_ROOT exist for the unit tests, which must not move processes on the test machine.
if [ -d "${KUBEKEEP_SYSTEMD_RUNTIME_DIR:-/run/systemd/system}" ] && command -v systemd-run >/dev/null 2>&1; then
  if [ "$mode" = attach ]; then
    echo "kubekeep: the pod following upgrade run $id was replaced; a systemd unit cannot be re-attached: check journalctl -u 'kubekeep-upgrade-*' on the node" >&2
    echo "@EXIT_MARKER@ $id exit 255"
    exit 255
  fi
  unit="kubekeep-upgrade-$(date +%s)"
  envs=""
  for v in $(env | sed -n 's/^\(KUBEKEEP_[A-Z_]*\)=.*/\1/p'); do [ "$v" = KUBEKEEP_SCRIPT ] || envs="$envs -E $v"; done
  # $envs is split on purpose: one "-E NAME" pair per variable (names only, no spaces).
  # shellcheck disable=SC2086
  exec systemd-run --unit="$unit" --collect --wait --pipe --quiet \
    --property=RuntimeMaxSec="${limit}s" --property=TimeoutStopSec="${grace}s" \
    $envs /bin/bash -c "$KUBEKEEP_SCRIPT"
fi
dir="${KUBEKEEP_RUN_DIR:-@RUN_DIR@}/$id"
# Running: no exit status yet, and the recorded pid is still the run's (same start time, not a zombie).
alive() {
  [ ! -f "$dir/exit" ] && [ -f "$dir/pid" ] && [ -f "$dir/start" ] || return 1
  stat=$(cat "/proc/$(cat "$dir/pid")/stat" 2>/dev/null) || return 1
  [ "$(echo "$stat" | cut -d' ' -f3)" != Z ] && [ "$(echo "$stat" | cut -d' ' -f22)" = "$(cat "$dir/start")" ]
}
if alive; then
  echo "kubekeep: attaching to upgrade run $id, already running on this node (pid $(cat "$dir/pid")); not starting another"
elif [ "$mode" = attach ]; then
  if [ ! -f "$dir/exit" ]; then
    echo "kubekeep: upgrade run $id is not running on this node and left no exit status (was the node rebooted?); see $dir/log" >&2
    echo "@EXIT_MARKER@ $id exit 255"
    exit 255
  fi
else
  # A finished (or dead) earlier run of the same id keeps its files beside the new one.
  [ ! -e "$dir" ] || mv "$dir" "$dir.$(date +%s)"
  mkdir -p "$dir"
  printf '%s\n' "$KUBEKEEP_SCRIPT" > "$dir/script"
  : > "$dir/log"
  # The inner script's $ expand in the new shell, from its arguments: single quotes on purpose.
  # shellcheck disable=SC2016
  setsid sh -c '
    d="$1"
    for f in "$4"/cgroup.procs "$4"/*/cgroup.procs; do
      [ -f "$f" ] || continue
      msg=$( { echo $$ > "$f"; } 2>&1 ) || echo "kubekeep: could not leave the pod cgroup of $f: $msg" >> "$d/log"
    done
    cut -d" " -f22 /proc/$$/stat > "$d/start"
    echo $$ > "$d/pid"
    rc=0
    timeout -k "$2" "$3" bash "$d/script" >> "$d/log" 2>&1 < /dev/null || rc=$?
    echo "$rc" > "$d/exit.tmp" && mv "$d/exit.tmp" "$d/exit"
  ' kubekeep-upgrade "$dir" "${grace}s" "${limit}s" "${KUBEKEEP_CGROUP_ROOT:-/sys/fs/cgroup}" < /dev/null > /dev/null 2>&1 &
  echo "kubekeep: started upgrade run $id detached from the pod; output in $dir/log"
fi
# Follow the log until the exit status is there (written after the log is closed).
off=0
waited=0
while :; do
  fin=0
  [ ! -f "$dir/exit" ] || fin=1
  size=$(stat -c %s "$dir/log" 2>/dev/null || echo 0)
  if [ "$size" -gt "$off" ]; then
    tail -c +"$((off + 1))" "$dir/log" | head -c "$((size - off))"
    off=$size
  fi
  if [ "$fin" = 1 ]; then
    rc=$(cat "$dir/exit")
    echo "@EXIT_MARKER@ $id exit $rc"
    exit "$rc"
  fi
  if ! alive; then
    waited=$((waited + 1))
    # Time for a new run to write its pid, or a finished one its status.
    if [ "$waited" -gt 15 ]; then
      echo "kubekeep: upgrade run $id ended without an exit status; see $dir/log" >&2
      echo "@EXIT_MARKER@ $id exit 255"
      exit 255
    fi
  fi
  sleep 1
done
