import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  envPrelude,
  remoteCommand,
  shellQuote,
  sshFailureHint,
  sshRun,
  sshWhere
} from "./chunk-I54P7HKH.js";
import {
  describeEnd,
  lastLines,
  runShell
} from "./chunk-2BN52FYM.js";
import {
  OperationalError
} from "./chunk-YBANDQLS.js";

// src/recovery/node-steps.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// src/recovery/member-restore.sh
var member_restore_default = '#!/bin/bash\n# One step of an etcd restore on a control-plane node (recovery/node-steps.ts\n# runs it once per member and step, through the restore-command). Every value\n# comes from KUBEKEEP_* variables the runner checked against strict patterns\n# before quoting them into this script\'s environment; here they are only ever\n# used quoted.\n#\n# Steps (KUBEKEEP_STEP):\n#   check     the snapshot is here with the expected sha256, etcdutl runs, the\n#             manifests and the data dir are where the plan says; reports any\n#             restore already recorded on this node. Changes nothing.\n#   stop      moves the control-plane static-pod manifests aside (the kubelet\n#             stops their pods), then waits until no process serves the data dir.\n#   restore   etcdutl snapshot restore into a new folder beside the data dir,\n#             keeps the data dir as it was under <data dir>.before-<id>, and\n#             puts the restored one in its place.\n#   start     puts etcd\'s manifest back and waits for etcd to run.\n#   finish    puts the other manifests back and records the restore finished.\n#   rollback  (with etcd stopped) puts <data dir>.before-<id> back, keeping the\n#             restored data beside it as <data dir>.restored-<id>.\n#\n# Idempotent: each step checks the filesystem and the state record\n# (KUBEKEEP_STATE_DIR/<id>/) before acting, so a run killed anywhere can be\n# run again and continues where it stopped.\nset -eEuo pipefail\n\nmain() {\n  : "${KUBEKEEP_STEP:?}" "${KUBEKEEP_RESTORE_ID:?}" "${KUBEKEEP_DATA_DIR:?}" "${KUBEKEEP_MANIFEST_DIR:?}"\n  : "${KUBEKEEP_STATE_DIR:?}" "${KUBEKEEP_MEMBER:?}"\n  export PATH="${PATH:+$PATH:}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\n  id="$KUBEKEEP_RESTORE_ID"\n  data="$KUBEKEEP_DATA_DIR"\n  manifests="$KUBEKEEP_MANIFEST_DIR"\n  state="$KUBEKEEP_STATE_DIR/$id"\n  aside="$state/manifests"\n  kept="$data.before-$id"\n  staging="$data.restoring-$id"\n  wait_s="${KUBEKEEP_WAIT_SECONDS:-300}"\n  etcdutl="${KUBEKEEP_ETCDUTL:-etcdutl}"\n  step="$KUBEKEEP_STEP"\n  # shellcheck disable=SC2154 # rc is assigned inside the trap\n  trap \'rc=$?; echo "kubekeep: step FAILED: $step on member $KUBEKEEP_MEMBER (exit code $rc)" >&2\' ERR\n  # One step at a time on a node: a run killed mid-step leaves its script\n  # running (its own process group), and a re-run must wait for it, not race it.\n  mkdir -p "$KUBEKEEP_STATE_DIR"\n  exec 9> "$KUBEKEEP_STATE_DIR/.lock"\n  if ! flock -w "$wait_s" 9; then\n    echo "kubekeep: [$KUBEKEEP_MEMBER] another restore step still runs on this node after ${wait_s}s (lock $KUBEKEEP_STATE_DIR/.lock)" >&2\n    return 1\n  fi\n  case "$step" in\n    check) check ;;\n    stop) stop_pods ;;\n    restore) restore ;;\n    start) start_etcd ;;\n    finish) finish ;;\n    rollback) rollback ;;\n    *)\n      echo "kubekeep: unknown step $step" >&2\n      return 2\n      ;;\n  esac\n}\n\nsay() { echo "kubekeep: $*"; }\ndone_mark() { [ -f "$state/done-$1" ]; }\nmark() {\n  mkdir -p "$state"\n  date -u +%Y-%m-%dT%H:%M:%SZ > "$state/done-$1"\n}\n\n# The pids of processes serving the data dir (an etcd started with --data-dir=<it>):\n# one grep over every command line (NUL-separated arguments, matched whole);\n# the pattern comes from a file so that grep\'s own arguments never match.\nserving() {\n  grep -lsxzF -f <(printf \'%s\\n\' "--data-dir=$data") /proc/[0-9]*/cmdline 2>/dev/null |\n    sed -e \'s#^/proc/##\' -e \'s#/cmdline$##\' || true\n}\n\nwait_for() {\n  local what="$1" want="$2" deadline=$((SECONDS + wait_s)) pids\n  while :; do\n    pids="$(serving | tr \'\\n\' \' \')"\n    if [ "$want" = stopped ] && [ -z "$pids" ]; then return 0; fi\n    if [ "$want" = running ] && [ -n "$pids" ]; then return 0; fi\n    if [ "$SECONDS" -ge "$deadline" ]; then\n      echo "kubekeep: [$KUBEKEEP_MEMBER] $what: etcd on $data still not $want after ${wait_s}s${pids:+ (pids $pids)}" >&2\n      return 1\n    fi\n    sleep 1\n  done\n}\n\ncheck() {\n  local m\n  if [ -n "${KUBEKEEP_SNAPSHOT:-}" ]; then\n    [ -f "$KUBEKEEP_SNAPSHOT" ] || {\n      echo "kubekeep: [$KUBEKEEP_MEMBER] the snapshot is not at $KUBEKEEP_SNAPSHOT on this node" >&2\n      return 1\n    }\n    local sum\n    sum="$(sha256sum "$KUBEKEEP_SNAPSHOT" | cut -d\' \' -f1)"\n    if [ "$sum" != "${KUBEKEEP_SNAPSHOT_FILE_SHA256:?}" ]; then\n      echo "kubekeep: [$KUBEKEEP_MEMBER] the snapshot at $KUBEKEEP_SNAPSHOT hashes to $sum on this node, not $KUBEKEEP_SNAPSHOT_FILE_SHA256 as on the runner: damaged in transit" >&2\n      return 1\n    fi\n    say "snapshot sha256 $sum: the same as on the runner"\n    "$etcdutl" version > /dev/null || {\n      echo "kubekeep: [$KUBEKEEP_MEMBER] cannot run $etcdutl on this node" >&2\n      return 1\n    }\n  fi\n  local found=""\n  if [ -f "$manifests/etcd.yaml" ]; then\n    found="$manifests/etcd.yaml"\n  else\n    for m in "$KUBEKEEP_STATE_DIR"/*/manifests/etcd.yaml; do [ ! -f "$m" ] || found="$m"; done\n  fi\n  [ -n "$found" ] || {\n    echo "kubekeep: [$KUBEKEEP_MEMBER] no etcd manifest at $manifests/etcd.yaml (nor moved aside under $KUBEKEEP_STATE_DIR)" >&2\n    return 1\n  }\n  say "etcd manifest: $found"\n  local kept_any=""\n  for m in "$data".before-*; do [ ! -d "$m" ] || kept_any="$m"; done\n  [ -d "$data" ] || [ -n "$kept_any" ] || {\n    echo "kubekeep: [$KUBEKEEP_MEMBER] no data dir at $data" >&2\n    return 1\n  }\n  # Restores recorded here, newest last: the runner resumes an unfinished one and rolls back the newest.\n  local d s\n  for d in "$KUBEKEEP_STATE_DIR"/*/; do\n    [ -d "$d" ] || continue\n    d="${d%/}"\n    s="$(cat "$d/started" 2>/dev/null || echo ?) $(cat "$d/snapshot" 2>/dev/null || echo none)"\n    if [ -f "$d/done-rolled-back" ]; then\n      echo "kubekeep-state: ${d##*/} rolled-back $s"\n    elif [ -f "$d/done-finish" ]; then\n      echo "kubekeep-state: ${d##*/} finished $s"\n    else\n      echo "kubekeep-state: ${d##*/} unfinished $s"\n    fi\n  done\n}\n\nstop_pods() {\n  mkdir -p "$aside"\n  [ -f "$state/started" ] || date -u +%Y-%m-%dT%H:%M:%SZ > "$state/started"\n  [ -f "$state/snapshot" ] || echo "${KUBEKEEP_SNAPSHOT_FILE_SHA256:-none}" > "$state/snapshot"\n  local m\n  # etcd last: the API server\'s clients see it go away, not a half-stopped etcd.\n  for m in kube-apiserver kube-controller-manager kube-scheduler etcd; do\n    if [ -f "$manifests/$m.yaml" ]; then\n      mv "$manifests/$m.yaml" "$aside/$m.yaml"\n      say "moved $manifests/$m.yaml aside to $aside/"\n    fi\n  done\n  say "waiting up to ${wait_s}s for etcd on $data to stop"\n  wait_for stop stopped\n  mark stop\n  say "etcd stopped"\n}\n\nrestore() {\n  done_mark stop || {\n    echo "kubekeep: [$KUBEKEEP_MEMBER] restore before stop" >&2\n    return 1\n  }\n  wait_for restore stopped\n  if ! done_mark restored; then\n    : "${KUBEKEEP_SNAPSHOT:?}" "${KUBEKEEP_NAME:?}" "${KUBEKEEP_PEER_URL:?}" "${KUBEKEEP_INITIAL_CLUSTER:?}"\n    rm -rf "$staging"\n    say "etcdutl snapshot restore into $staging (bump-revision ${KUBEKEEP_BUMP_REVISION:?}, mark-compacted)"\n    "$etcdutl" snapshot restore "$KUBEKEEP_SNAPSHOT" \\\n      --data-dir="$staging" \\\n      --name="$KUBEKEEP_NAME" \\\n      --initial-cluster="$KUBEKEEP_INITIAL_CLUSTER" \\\n      --initial-cluster-token="$id" \\\n      --initial-advertise-peer-urls="$KUBEKEEP_PEER_URL" \\\n      --bump-revision="$KUBEKEEP_BUMP_REVISION" \\\n      --mark-compacted\n    mark restored\n  fi\n  # Keep the data dir as it was (once: a re-run finds it kept already).\n  if ! done_mark kept; then\n    if [ -e "$data" ] && [ ! -e "$kept" ]; then\n      mv "$data" "$kept"\n      say "kept the previous data dir as $kept"\n    fi\n    mark kept\n  fi\n  if ! done_mark placed; then\n    if [ -d "$staging" ]; then\n      [ ! -e "$data" ] || {\n        echo "kubekeep: [$KUBEKEEP_MEMBER] $data exists beside $staging: not overwriting it" >&2\n        return 1\n      }\n      mv "$staging" "$data"\n    fi\n    mark placed\n  fi\n  say "restored into $data"\n}\n\nstart_etcd() {\n  if [ -f "$aside/etcd.yaml" ]; then\n    mv "$aside/etcd.yaml" "$manifests/etcd.yaml"\n    say "put $manifests/etcd.yaml back"\n  fi\n  say "waiting up to ${wait_s}s for etcd on $data to start"\n  wait_for start running\n  mark start\n  say "etcd running"\n}\n\nfinish() {\n  local m\n  for m in kube-apiserver kube-controller-manager kube-scheduler etcd; do\n    if [ -f "$aside/$m.yaml" ]; then\n      mv "$aside/$m.yaml" "$manifests/$m.yaml"\n      say "put $manifests/$m.yaml back"\n    fi\n  done\n  mark finish\n  say "control-plane manifests back"\n}\n\nrollback() {\n  done_mark stop || {\n    echo "kubekeep: [$KUBEKEEP_MEMBER] rollback before stop" >&2\n    return 1\n  }\n  wait_for rollback stopped\n  if ! done_mark rolled-back; then\n    if [ -d "$kept" ]; then\n      if [ -e "$data" ]; then\n        [ ! -e "$data.restored-$id" ] || rm -rf "$data.restored-$id"\n        mv "$data" "$data.restored-$id"\n        say "kept the restored data dir as $data.restored-$id"\n      fi\n      mv "$kept" "$data"\n      say "put the previous data dir back at $data"\n    elif [ -d "$data.restored-$id" ]; then\n      say "previous data dir already back at $data"\n    else\n      echo "kubekeep: [$KUBEKEEP_MEMBER] nothing to roll back: no $kept" >&2\n      return 1\n    fi\n    mark rolled-back\n  fi\n}\n\nmain "$@" < /dev/null\n';

// src/recovery/node-steps.ts
function onNode(dir, member) {
  return dir.replaceAll("{node}", member.node);
}
function reachedBy(access, member) {
  if (!access) return "restore-command (not given)";
  if (access.kind === "command")
    return access.copyCommand ? "restore-command, copy-command" : "restore-command";
  const needsIp = access.ssh.host.includes("{internal-ip}") && !member.internalIp;
  return needsIp ? `ssh (no InternalIP known for ${member.node})` : `ssh ${sshWhere(access.ssh, member)}`;
}
var NodeSteps = class {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-restore-"));
  access;
  settings;
  /** mode run: the verified snapshot on the runner, and its sha256 (checked again on each node). */
  snapshot;
  constructor(access, settings) {
    this.access = access;
    this.settings = settings;
  }
  close() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
  /**
   * Where the script finds the snapshot on the member's node: in its state
   * dir when it is sent there (ssh, copy-command), else the runner's file.
   */
  snapshotOnNode(member, snapshot) {
    if (this.access.kind === "command" && !this.access.copyCommand) return snapshot.file;
    return `${onNode(this.settings.stateDir, member)}/snapshot-${snapshot.sha256.slice(0, 16)}.db`;
  }
  /** The snapshot the steps restore: each step gets its place on the node and its sha256. */
  useSnapshot(file, sha256) {
    this.snapshot = { file, sha256 };
  }
  /** Sends the snapshot to the member's node (nothing to do when the node reads the runner's file). */
  async copy(member, log) {
    if (!this.snapshot) throw new Error("copy before useSnapshot");
    const localFile = this.snapshot.file;
    const target = this.snapshotOnNode(member, this.snapshot);
    const a = this.access;
    if (a.kind === "ssh") {
      const part = `${target}.part`;
      const script = `umask 077 && mkdir -p -- ${shellQuote(path.posix.dirname(target))} && cat > ${shellQuote(part)} && mv -f -- ${shellQuote(part)} ${shellQuote(target)}`;
      await this.ssh(member, "sending the snapshot", {
        command: remoteCommand({ sudo: a.ssh.sudo, timeoutMs: a.timeoutMs }, `sh -c ${shellQuote(script)}`),
        inputFile: localFile,
        log
      });
      return;
    }
    if (!a.copyCommand) return;
    await this.shell(
      a.copyCommand,
      member,
      "copy",
      {
        KUBEKEEP_SNAPSHOT_LOCAL: localFile,
        KUBEKEEP_SNAPSHOT: target,
        KUBEKEEP_SNAPSHOT_DIR: path.posix.dirname(target)
      },
      log
    );
  }
  /** Runs one step; returns its output. Values in `values` must have been checked by the caller. */
  async run(member, step, restoreId, values, log) {
    const s = this.settings;
    const env = {
      KUBEKEEP_STEP: step,
      KUBEKEEP_RESTORE_ID: restoreId,
      KUBEKEEP_MEMBER: member.name,
      KUBEKEEP_NAME: member.name,
      KUBEKEEP_PEER_URL: member.peerUrl,
      KUBEKEEP_DATA_DIR: member.dataDir,
      KUBEKEEP_MANIFEST_DIR: onNode(s.manifestDir, member),
      KUBEKEEP_STATE_DIR: onNode(s.stateDir, member),
      KUBEKEEP_ETCDUTL: s.etcdutl,
      KUBEKEEP_WAIT_SECONDS: String(s.waitSeconds),
      ...this.snapshot ? {
        KUBEKEEP_SNAPSHOT: this.snapshotOnNode(member, this.snapshot),
        KUBEKEEP_SNAPSHOT_FILE_SHA256: this.snapshot.sha256
      } : {},
      ...values
    };
    const text = `#!/bin/bash
${envPrelude(env)}
${member_restore_default}`;
    const a = this.access;
    if (a.kind === "ssh")
      return this.ssh(member, step, {
        command: remoteCommand({ sudo: a.ssh.sudo, timeoutMs: a.timeoutMs }),
        input: text,
        log
      });
    const file = path.join(this.dir, `${member.name}-${step}.sh`);
    fs.writeFileSync(file, text, { mode: 384 });
    return this.shell(a.command, member, step, { KUBEKEEP_SCRIPT: file }, log);
  }
  async ssh(member, what, run) {
    const a = this.access;
    const res = await sshRun(a.ssh, member, {
      command: run.command,
      ...run.inputFile !== void 0 ? { inputFile: run.inputFile } : { input: run.input ?? "" },
      timeoutMs: a.timeoutMs,
      onLine: (l) => run.log(`[${member.name}] ${l}`)
    });
    return this.result(
      res,
      `${what} on member ${member.name} over ssh to ${sshWhere(a.ssh, member)}`,
      sshFailureHint(res)
    );
  }
  async shell(command, member, what, env, log) {
    const res = await runShell(command, {
      inherit: "user",
      env: { ...env, KUBEKEEP_NODE: member.node, KUBEKEEP_MEMBER: member.name },
      timeoutMs: this.access.timeoutMs,
      onLine: (l) => log(`[${member.name}] ${l}`)
    });
    return this.result(res, `${what} on member ${member.name} (node ${member.node})`);
  }
  result(res, what, hint = "") {
    if (res.code !== 0 || res.timedOut || res.aborted)
      throw new OperationalError(
        `${what} ${describeEnd(res, this.access.timeoutMs)}: ${lastLines(res.output, 4)}${hint}`
      );
    return res.output;
  }
};
function recordedRestores(output) {
  return [
    ...output.matchAll(
      /^(?:\[\S+\] )?kubekeep-state: (\S+) (finished|unfinished|rolled-back) (\S+) (\S+)$/gm
    )
  ].map((m) => ({
    id: m[1] ?? "",
    status: m[2],
    started: m[3] ?? "",
    snapshot: m[4] ?? ""
  }));
}

export {
  onNode,
  reachedBy,
  NodeSteps,
  recordedRestores
};
