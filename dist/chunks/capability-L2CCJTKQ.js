import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  RESTORE_ID_RE
} from "./chunk-GVYS6UUC.js";
import {
  lockInputs,
  parseLock,
  parseSshAccess,
  sshInputs
} from "./chunk-MMPS3OD7.js";
import "./chunk-2HG6AMBK.js";
import {
  MEMBER_FORM,
  isSafePath,
  parseMembers
} from "./chunk-MUHM5E3O.js";
import "./chunk-GI66DSC2.js";
import "./chunk-I54P7HKH.js";
import "./chunk-2BN52FYM.js";
import {
  parseEtcdAccess
} from "./chunk-TC45NO27.js";
import {
  parseStorage,
  snapshotKeyInputs,
  storageInputs
} from "./chunk-MINQNAAS.js";
import "./chunk-VGEDGZPT.js";
import {
  clusterInputs,
  parseKubeconfigAccess
} from "./chunk-422FMMWY.js";
import "./chunk-TL42P4WJ.js";
import "./chunk-OD4EXP6E.js";
import "./chunk-FK3ILC2B.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-A2QQ3WGS.js";
import {
  defineCapability
} from "./chunk-HRVOOZEE.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  badInput
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/etcd-restore/config.ts
var DEFAULT_BUMP_REVISION = 1e9;
var restoreInputs = {
  ...storageInputs,
  ...snapshotKeyInputs,
  mode: input.enum(["download", "plan", "run", "verify", "rollback"], {
    description: "download: fetch and verify the snapshot into output and print the kubeadm restore commands (or, with run-restore, run etcdutl here). plan: show what a restore into the live control plane would do (snapshot, members, steps per node, what is kept), changing nothing. run: do it (needs confirm), then verify. verify: check the restored cluster. rollback: put back the data dirs a run kept (needs confirm). See docs/restore.md.",
    default: "download"
  }),
  confirm: input.string({
    description: "mode run and rollback: the cluster name (cluster-name), typed to confirm that the control plane's etcd data is replaced."
  }),
  output: input.string({ description: "Where to write the .db file.", default: "etcd-snapshot.db" }),
  "data-dir": input.string({
    description: "mode download: data dir for the restored member.",
    default: "/var/lib/etcd-restored"
  }),
  "run-restore": input.boolean({
    description: "mode download: run etcdutl snapshot restore into data-dir (must not exist or be empty). When false, only print the commands.",
    default: false
  }),
  etcdutl: input.string({
    description: "etcdutl to run (a name on PATH or a path): on the runner in mode download, on the control-plane nodes in modes run and rollback.",
    default: "etcdutl"
  }),
  "etcdutl-timeout": input.duration({
    description: "mode download: how long etcdutl snapshot restore may run; at the deadline its process group is ended (SIGTERM, then SIGKILL) and the restore fails, leaving data-dir to be removed.",
    default: "30m"
  }),
  "member-name": input.string({ description: "mode download: etcdutl --name." }),
  "initial-cluster": input.string({ description: "mode download: etcdutl --initial-cluster." }),
  "initial-advertise-peer-urls": input.string({
    description: "mode download: etcdutl --initial-advertise-peer-urls."
  }),
  kubeconfig: clusterInputs.kubeconfig,
  "kubeconfig-path": clusterInputs["kubeconfig-path"],
  context: clusterInputs.context,
  members: input.list({
    description: `The etcd members, one per line: ${MEMBER_FORM} (node defaults to the name, data-dir to /var/lib/etcd). Needed when the API server cannot answer (a restore interrupted while etcd was stopped): a run prints this value before anything stops, with each node's internal-ip when ssh-host uses {internal-ip}.`,
    defaultText: "read from the etcd static pods in kube-system (label component=etcd)"
  }),
  executor: input.enum(["command", "ssh", "pod"], {
    description: "modes run and rollback: how the control-plane nodes are reached. command: restore-command (and copy-command) run on the runner. ssh: over SSH with the ssh-* inputs, as upgrade-node's executor ssh: the script runs through `bash -s`, the snapshot is streamed over the same access into state-dir on the node, and host keys are checked against ssh-known-hosts. pod is refused: it reaches the node through the API server, which the restore stops (see docs/restore.md).",
    default: "command"
  }),
  ...sshInputs,
  "restore-command": input.string({
    description: 'modes run and rollback, executor command: the shell command that runs the script $KUBEKEEP_SCRIPT as root on the node $KUBEKEEP_NODE, e.g. `ssh root@$KUBEKEEP_NODE bash -s < "$KUBEKEEP_SCRIPT"`, or `bash "$KUBEKEEP_SCRIPT"` on a runner that is the node. The script holds its own values.'
  }),
  "copy-command": input.string({
    description: 'modes run, executor command: the shell command that copies the snapshot $KUBEKEEP_SNAPSHOT_LOCAL to $KUBEKEEP_SNAPSHOT on $KUBEKEEP_NODE (creating $KUBEKEEP_SNAPSHOT_DIR), e.g. `ssh root@$KUBEKEEP_NODE "mkdir -p $KUBEKEEP_SNAPSHOT_DIR" && scp "$KUBEKEEP_SNAPSHOT_LOCAL" root@$KUBEKEEP_NODE:$KUBEKEEP_SNAPSHOT`. Its sha256 is checked on the node before anything stops.',
    defaultText: "none: the node reads the snapshot at output (the runner is the node)"
  }),
  "manifest-dir": input.string({
    description: "The static-pod manifests folder on the control-plane nodes; {node} is replaced by the member's node (nodes that share a file system).",
    default: "/etc/kubernetes/manifests"
  }),
  "state-dir": input.string({
    description: "Where each node records a restore's progress (so a re-run continues) and the manifests moved aside; {node} as in manifest-dir.",
    default: "/var/lib/kubekeep/etcd-restore"
  }),
  "bump-revision": input.integer({
    description: "etcdutl --bump-revision: how far the restored revisions jump past the snapshot's, beyond any revision a client saw; with --mark-compacted, watches from before get 410 Gone and relist.",
    default: DEFAULT_BUMP_REVISION,
    min: 1,
    max: 1e12
  }),
  "allow-other-cluster": input.boolean({
    description: "mode run: restore although the snapshot's etcd cluster id is neither the live etcd's nor one it descends from (the lineage a restore records on kube-system's Namespace), or the live one cannot be read (etcd is down). Off: refused before anything stops.",
    default: false
  }),
  "restore-id": input.string({
    description: "mode rollback: the restore to undo (r + 12 hex digits, printed by run).",
    defaultText: "the newest recorded on the members"
  }),
  "step-timeout": input.duration({
    description: "How long each restore-command, copy-command or ssh session (a step, or sending the snapshot) may run before it is ended (its process group, and with ssh the command on the node too) and the step fails.",
    default: "20m"
  }),
  "wait-timeout": input.duration({
    description: "How long a node waits for etcd to stop (manifests moved aside) or to start.",
    default: "5m"
  }),
  "health-timeout": input.duration({
    description: "After the manifests are back: how long the API server, the nodes and kube-system's pods have to be healthy.",
    default: "10m"
  }),
  ...lockInputs,
  "etcd-endpoint": input.string({
    description: "modes plan, run and verify: the live etcd's client address (https://host:2379), to compare its cluster id and its keys with the snapshot's. Empty: port-forward to the etcd static pod."
  }),
  "etcd-pod": input.string({ description: "The etcd pod to port-forward to." }),
  "etcd-ca": input.string({
    description: "modes plan, run and verify (required by run and verify): the etcd CA certificate (PEM or path), for the cluster-id check and the objects compared with the snapshot."
  }),
  "etcd-cert": input.string({
    description: "modes plan, run and verify: an etcd client certificate (PEM or path)."
  }),
  "etcd-key": input.string({
    description: "modes plan, run and verify: that certificate's key (PEM, masked, or path).",
    secret: true
  })
};
function safePath(name, value) {
  if (!isSafePath(value, true))
    throw badInput(
      name,
      value,
      "an absolute path of letters, digits and . _ - / ({node} for the member's node)"
    );
  return value;
}
var POD_REFUSED = "input 'executor': pod cannot restore etcd: the pod executor starts its privileged pod and follows it through the API server, and the restore's stop step takes the API server down with etcd, so the steps after it (restore, then start on every member before any comes back) could not be sent or followed, and a re-run could not reach a node until the API is back, which needs the restore done. Use executor: ssh (the ssh-* inputs, as for upgrade-node) or executor: command (restore-command)";
function parseNodeAccess(src, mode) {
  const v = readInputs(restoreInputs, src);
  const touches = mode === "run" || mode === "rollback";
  const timeoutMs = v["step-timeout"];
  switch (v.executor) {
    case "pod":
      if (!touches) return void 0;
      throw new ConfigurationError(POD_REFUSED);
    case "ssh":
      if (!touches && mode !== "plan") return void 0;
      return { kind: "ssh", ssh: parseSshAccess(src), timeoutMs };
    case "command": {
      const command = v["restore-command"];
      if (touches && !command)
        throw new ConfigurationError(
          `input 'restore-command' is required with mode ${mode} and executor command: the command that runs the script $KUBEKEEP_SCRIPT as root on $KUBEKEEP_NODE (or set executor: ssh and the ssh-* inputs)`
        );
      const copy = v["copy-command"];
      return command ? { kind: "command", command, ...copy ? { copyCommand: copy } : {}, timeoutMs } : void 0;
    }
  }
}
function parseLive(src, mode, clusterName) {
  const v = readInputs(restoreInputs, src);
  if (mode === "run" || mode === "rollback") {
    if (v.confirm !== clusterName)
      throw new ConfigurationError(
        `input 'confirm': mode ${mode} replaces the etcd data of cluster '${clusterName}' on its control-plane nodes (stopping its API server meanwhile); to go ahead, set confirm to ${clusterName}${v.confirm !== void 0 ? ` (got ${JSON.stringify(v.confirm)})` : ""}`
      );
  }
  if (!/^[A-Za-z0-9._/-]+$/.test(v.etcdutl)) throw badInput("etcdutl", v.etcdutl, "a command name or path");
  const restoreId = v["restore-id"];
  if (restoreId !== void 0 && !RESTORE_ID_RE.test(restoreId))
    throw badInput("restore-id", restoreId, "r followed by 12 hex digits, as run printed it");
  const access = parseNodeAccess(src, mode);
  const hasEtcdAccess = v["etcd-ca"] !== void 0 || v["etcd-endpoint"] !== void 0;
  if ((mode === "run" || mode === "verify") && v["etcd-ca"] === void 0)
    throw new ConfigurationError(
      `input 'etcd-ca' (with etcd-cert and etcd-key) is required with mode ${mode}: ${mode === "run" ? "the live etcd's cluster id is compared with the snapshot's before anything stops, and after the restore " : ""}the live etcd's keys are compared with the snapshot's, kind by kind (kubeadm: /etc/kubernetes/pki/etcd/ca.crt, /etc/kubernetes/pki/apiserver-etcd-client.crt and .key)`
    );
  const lock = parseLock(src);
  return {
    cluster: parseKubeconfigAccess(src),
    ...v.members.length ? { members: parseMembers(v.members) } : {},
    ...access ? { access } : {},
    settings: {
      manifestDir: safePath("manifest-dir", v["manifest-dir"]),
      stateDir: safePath("state-dir", v["state-dir"]),
      etcdutl: v.etcdutl,
      waitSeconds: Math.max(1, Math.ceil(v["wait-timeout"] / 1e3))
    },
    bumpRevision: v["bump-revision"],
    allowOtherCluster: v["allow-other-cluster"],
    ...restoreId ? { restoreId } : {},
    healthTimeoutMs: v["health-timeout"],
    ...lock ? { lock } : {},
    ...mode !== "rollback" && hasEtcdAccess ? { etcd: parseEtcdAccess(src) } : {}
  };
}
function parseRestoreConfig(src) {
  const v = readInputs(restoreInputs, src);
  const storage = parseStorage(src);
  return {
    mode: v.mode,
    storage,
    ...v.key ? { key: v.key } : {},
    output: v.output,
    dataDir: v["data-dir"],
    run: v["run-restore"],
    etcdutl: v.etcdutl,
    etcdutlTimeoutMs: v["etcdutl-timeout"],
    ...v["member-name"] !== void 0 ? { memberName: v["member-name"] } : {},
    ...v["initial-cluster"] !== void 0 ? { initialCluster: v["initial-cluster"] } : {},
    ...v["initial-advertise-peer-urls"] !== void 0 ? { peerUrls: v["initial-advertise-peer-urls"] } : {},
    ...v.mode !== "download" ? { live: parseLive(src, v.mode, storage.clusterName) } : {}
  };
}

// src/capabilities/etcd-restore/capability.ts
var etcdRestore = defineCapability({
  name: "etcd-restore",
  summary: "restore a stored etcd snapshot: download it, or plan, run, verify and roll back a control-plane restore",
  description: "Download a stored etcd snapshot, verify, decrypt and decompress it to a .db file, and print the kubeadm restore commands or run etcdutl into a new data dir (mode download); or restore it into the live control plane's etcd members, with revisions bumped, and check the result (modes plan, run, verify, rollback; see docs/restore.md).",
  inputs: restoreInputs,
  outputs: {
    key: "Object key restored",
    file: "Path of the .db file",
    sha256: "sha256 of the database",
    "db-size": "Bytes of the database",
    "data-dir": "The restored data dir when run-restore was true",
    mode: "The mode that ran",
    members: "mode plan: the members, in the form the members input takes",
    "restore-id": "modes run and rollback: the restore's id (its cluster token; rollback's restore-id)",
    verified: "modes run, verify, rollback: whether every check after it passed"
  },
  parse: parseRestoreConfig,
  run: async (config, ctx) => (await import("./run-2IYI5VWF.js")).run(config, ctx)
});
export {
  etcdRestore
};
