#!/bin/bash
# One step of an etcd restore on a control-plane node (recovery/node-steps.ts
# runs it once per member and step, through the restore-command). Every value
# comes from KUBEKEEP_* variables the runner checked against strict patterns
# before quoting them into this script's environment; here they are only ever
# used quoted.
#
# Steps (KUBEKEEP_STEP):
#   check     the snapshot is here with the expected sha256, etcdutl runs, the
#             manifests and the data dir are where the plan says; reports any
#             restore already recorded on this node. Changes nothing.
#   stop      moves the control-plane static-pod manifests aside (the kubelet
#             stops their pods), then waits until no process serves the data dir.
#   restore   etcdutl snapshot restore into a new folder beside the data dir,
#             keeps the data dir as it was under <data dir>.before-<id>, and
#             puts the restored one in its place.
#   start     puts etcd's manifest back and waits for etcd to run.
#   finish    puts the other manifests back and records the restore finished.
#   rollback  (with etcd stopped) puts <data dir>.before-<id> back, keeping the
#             restored data beside it as <data dir>.restored-<id>.
#
# Idempotent: each step checks the filesystem and the state record
# (KUBEKEEP_STATE_DIR/<id>/) before acting, so a run killed anywhere can be
# run again and continues where it stopped.
set -eEuo pipefail

main() {
  : "${KUBEKEEP_STEP:?}" "${KUBEKEEP_RESTORE_ID:?}" "${KUBEKEEP_DATA_DIR:?}" "${KUBEKEEP_MANIFEST_DIR:?}"
  : "${KUBEKEEP_STATE_DIR:?}" "${KUBEKEEP_MEMBER:?}"
  export PATH="${PATH:+$PATH:}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  id="$KUBEKEEP_RESTORE_ID"
  data="$KUBEKEEP_DATA_DIR"
  manifests="$KUBEKEEP_MANIFEST_DIR"
  state="$KUBEKEEP_STATE_DIR/$id"
  aside="$state/manifests"
  kept="$data.before-$id"
  staging="$data.restoring-$id"
  wait_s="${KUBEKEEP_WAIT_SECONDS:-300}"
  etcdutl="${KUBEKEEP_ETCDUTL:-etcdutl}"
  step="$KUBEKEEP_STEP"
  # shellcheck disable=SC2154 # rc is assigned inside the trap
  trap 'rc=$?; echo "kubekeep: step FAILED: $step on member $KUBEKEEP_MEMBER (exit code $rc)" >&2' ERR
  # One step at a time on a node: a run killed mid-step leaves its script
  # running (its own process group), and a re-run must wait for it, not race it.
  mkdir -p "$KUBEKEEP_STATE_DIR"
  exec 9> "$KUBEKEEP_STATE_DIR/.lock"
  if ! flock -w "$wait_s" 9; then
    echo "kubekeep: [$KUBEKEEP_MEMBER] another restore step still runs on this node after ${wait_s}s (lock $KUBEKEEP_STATE_DIR/.lock)" >&2
    return 1
  fi
  case "$step" in
    check) check ;;
    stop) stop_pods ;;
    restore) restore ;;
    start) start_etcd ;;
    finish) finish ;;
    rollback) rollback ;;
    *)
      echo "kubekeep: unknown step $step" >&2
      return 2
      ;;
  esac
}

say() { echo "kubekeep: $*"; }
done_mark() { [ -f "$state/done-$1" ]; }
mark() {
  mkdir -p "$state"
  date -u +%Y-%m-%dT%H:%M:%SZ > "$state/done-$1"
}

# The pids of processes serving the data dir (an etcd started with --data-dir=<it>):
# one grep over every command line (NUL-separated arguments, matched whole);
# the pattern comes from a file so that grep's own arguments never match.
serving() {
  grep -lsxzF -f <(printf '%s\n' "--data-dir=$data") /proc/[0-9]*/cmdline 2>/dev/null |
    sed -e 's#^/proc/##' -e 's#/cmdline$##' || true
}

wait_for() {
  local what="$1" want="$2" deadline=$((SECONDS + wait_s)) pids
  while :; do
    pids="$(serving | tr '\n' ' ')"
    if [ "$want" = stopped ] && [ -z "$pids" ]; then return 0; fi
    if [ "$want" = running ] && [ -n "$pids" ]; then return 0; fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "kubekeep: [$KUBEKEEP_MEMBER] $what: etcd on $data still not $want after ${wait_s}s${pids:+ (pids $pids)}" >&2
      return 1
    fi
    sleep 1
  done
}

check() {
  local m
  if [ -n "${KUBEKEEP_SNAPSHOT:-}" ]; then
    [ -f "$KUBEKEEP_SNAPSHOT" ] || {
      echo "kubekeep: [$KUBEKEEP_MEMBER] the snapshot is not at $KUBEKEEP_SNAPSHOT on this node" >&2
      return 1
    }
    local sum
    sum="$(sha256sum "$KUBEKEEP_SNAPSHOT" | cut -d' ' -f1)"
    if [ "$sum" != "${KUBEKEEP_SNAPSHOT_FILE_SHA256:?}" ]; then
      echo "kubekeep: [$KUBEKEEP_MEMBER] the snapshot at $KUBEKEEP_SNAPSHOT hashes to $sum on this node, not $KUBEKEEP_SNAPSHOT_FILE_SHA256 as on the runner: damaged in transit" >&2
      return 1
    fi
    say "snapshot sha256 $sum: the same as on the runner"
    "$etcdutl" version > /dev/null || {
      echo "kubekeep: [$KUBEKEEP_MEMBER] cannot run $etcdutl on this node" >&2
      return 1
    }
  fi
  local found=""
  if [ -f "$manifests/etcd.yaml" ]; then
    found="$manifests/etcd.yaml"
  else
    for m in "$KUBEKEEP_STATE_DIR"/*/manifests/etcd.yaml; do [ ! -f "$m" ] || found="$m"; done
  fi
  [ -n "$found" ] || {
    echo "kubekeep: [$KUBEKEEP_MEMBER] no etcd manifest at $manifests/etcd.yaml (nor moved aside under $KUBEKEEP_STATE_DIR)" >&2
    return 1
  }
  say "etcd manifest: $found"
  local kept_any=""
  for m in "$data".before-*; do [ ! -d "$m" ] || kept_any="$m"; done
  [ -d "$data" ] || [ -n "$kept_any" ] || {
    echo "kubekeep: [$KUBEKEEP_MEMBER] no data dir at $data" >&2
    return 1
  }
  # Restores recorded here, newest last: the runner resumes an unfinished one and rolls back the newest.
  local d s
  for d in "$KUBEKEEP_STATE_DIR"/*/; do
    [ -d "$d" ] || continue
    d="${d%/}"
    s="$(cat "$d/started" 2>/dev/null || echo ?) $(cat "$d/snapshot" 2>/dev/null || echo none)"
    if [ -f "$d/done-rolled-back" ]; then
      echo "kubekeep-state: ${d##*/} rolled-back $s"
    elif [ -f "$d/done-finish" ]; then
      echo "kubekeep-state: ${d##*/} finished $s"
    else
      echo "kubekeep-state: ${d##*/} unfinished $s"
    fi
  done
}

stop_pods() {
  mkdir -p "$aside"
  [ -f "$state/started" ] || date -u +%Y-%m-%dT%H:%M:%SZ > "$state/started"
  [ -f "$state/snapshot" ] || echo "${KUBEKEEP_SNAPSHOT_FILE_SHA256:-none}" > "$state/snapshot"
  local m
  # etcd last: the API server's clients see it go away, not a half-stopped etcd.
  for m in kube-apiserver kube-controller-manager kube-scheduler etcd; do
    if [ -f "$manifests/$m.yaml" ]; then
      mv "$manifests/$m.yaml" "$aside/$m.yaml"
      say "moved $manifests/$m.yaml aside to $aside/"
    fi
  done
  say "waiting up to ${wait_s}s for etcd on $data to stop"
  wait_for stop stopped
  mark stop
  say "etcd stopped"
}

restore() {
  done_mark stop || {
    echo "kubekeep: [$KUBEKEEP_MEMBER] restore before stop" >&2
    return 1
  }
  wait_for restore stopped
  if ! done_mark restored; then
    : "${KUBEKEEP_SNAPSHOT:?}" "${KUBEKEEP_NAME:?}" "${KUBEKEEP_PEER_URL:?}" "${KUBEKEEP_INITIAL_CLUSTER:?}"
    rm -rf "$staging"
    say "etcdutl snapshot restore into $staging (bump-revision ${KUBEKEEP_BUMP_REVISION:?}, mark-compacted)"
    "$etcdutl" snapshot restore "$KUBEKEEP_SNAPSHOT" \
      --data-dir="$staging" \
      --name="$KUBEKEEP_NAME" \
      --initial-cluster="$KUBEKEEP_INITIAL_CLUSTER" \
      --initial-cluster-token="$id" \
      --initial-advertise-peer-urls="$KUBEKEEP_PEER_URL" \
      --bump-revision="$KUBEKEEP_BUMP_REVISION" \
      --mark-compacted
    mark restored
  fi
  # Keep the data dir as it was (once: a re-run finds it kept already).
  if ! done_mark kept; then
    if [ -e "$data" ] && [ ! -e "$kept" ]; then
      mv "$data" "$kept"
      say "kept the previous data dir as $kept"
    fi
    mark kept
  fi
  if ! done_mark placed; then
    if [ -d "$staging" ]; then
      [ ! -e "$data" ] || {
        echo "kubekeep: [$KUBEKEEP_MEMBER] $data exists beside $staging: not overwriting it" >&2
        return 1
      }
      mv "$staging" "$data"
    fi
    mark placed
  fi
  say "restored into $data"
}

start_etcd() {
  if [ -f "$aside/etcd.yaml" ]; then
    mv "$aside/etcd.yaml" "$manifests/etcd.yaml"
    say "put $manifests/etcd.yaml back"
  fi
  say "waiting up to ${wait_s}s for etcd on $data to start"
  wait_for start running
  mark start
  say "etcd running"
}

finish() {
  local m
  for m in kube-apiserver kube-controller-manager kube-scheduler etcd; do
    if [ -f "$aside/$m.yaml" ]; then
      mv "$aside/$m.yaml" "$manifests/$m.yaml"
      say "put $manifests/$m.yaml back"
    fi
  done
  mark finish
  say "control-plane manifests back"
}

rollback() {
  done_mark stop || {
    echo "kubekeep: [$KUBEKEEP_MEMBER] rollback before stop" >&2
    return 1
  }
  wait_for rollback stopped
  if ! done_mark rolled-back; then
    if [ -d "$kept" ]; then
      if [ -e "$data" ]; then
        [ ! -e "$data.restored-$id" ] || rm -rf "$data.restored-$id"
        mv "$data" "$data.restored-$id"
        say "kept the restored data dir as $data.restored-$id"
      fi
      mv "$kept" "$data"
      say "put the previous data dir back at $data"
    elif [ -d "$data.restored-$id" ]; then
      say "previous data dir already back at $data"
    else
      echo "kubekeep: [$KUBEKEEP_MEMBER] nothing to roll back: no $kept" >&2
      return 1
    fi
    mark rolled-back
  fi
}

main "$@" < /dev/null
