import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  clusterInputs,
  parseKubeconfigAccess
} from "./chunk-422FMMWY.js";
import {
  stallInputs,
  stallTimeout
} from "./chunk-OD4EXP6E.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";
import {
  ConfigurationError,
  badInput
} from "./chunk-YBANDQLS.js";

// src/etcd/access-config.ts
import fs from "node:fs";
var PEM_RE = /-----BEGIN [A-Z ]+-----/;
var etcdAccessInputs = {
  kubeconfig: {
    ...clusterInputs.kubeconfig,
    description: "Kubeconfig content (from a secret) or a path to one, used to port-forward to an etcd static pod when etcd-endpoint is empty."
  },
  "kubeconfig-path": clusterInputs["kubeconfig-path"],
  context: clusterInputs.context,
  ...stallInputs,
  "etcd-endpoint": input.string({
    description: "etcd client address, https://host:2379, for a runner that can reach etcd. Empty: port-forward through the Kubernetes API to the etcd static pod (label component=etcd in kube-system) of a kubeadm control plane."
  }),
  "etcd-pod": input.string({
    description: "The etcd pod to port-forward to.",
    defaultText: "the first Running pod labelled component=etcd in kube-system"
  }),
  "etcd-ca": input.string({
    description: "The etcd CA certificate: PEM content (from a secret) or a file path (kubeadm: /etc/kubernetes/pki/etcd/ca.crt).",
    required: true
  }),
  "etcd-cert": input.string({
    description: "An etcd client certificate: PEM content or a file path (kubeadm: /etc/kubernetes/pki/apiserver-etcd-client.crt).",
    required: true
  }),
  "etcd-key": input.string({
    description: "That certificate's private key: PEM content (masked) or a file path (kubeadm: /etc/kubernetes/pki/apiserver-etcd-client.key).",
    required: true,
    secret: true
  })
};
function pem(name, v, secret = false) {
  if (PEM_RE.test(v)) return v.replace(/\\n/g, "\n");
  if (!fs.existsSync(v)) {
    throw new ConfigurationError(
      `input '${name}': ${secret ? "the value (not shown: it may be secret)" : JSON.stringify(v)} is neither PEM content (-----BEGIN ...) nor an existing file`
    );
  }
  const text = fs.readFileSync(v, "utf8");
  if (!PEM_RE.test(text))
    throw new ConfigurationError(`input '${name}': file ${JSON.stringify(v)} holds no PEM block`);
  return text;
}
function parseEtcdAccess(src) {
  const v = readInputs(etcdAccessInputs, src);
  const raw = v["etcd-endpoint"];
  let endpoint;
  if (raw !== void 0) {
    const m = /^(?:https:\/\/)?([^/\s:]+|\[[0-9a-fA-F:]+\]):(\d{1,5})\/?$/.exec(raw);
    if (!m) {
      if (/^http:\/\//.test(raw))
        throw badInput("etcd-endpoint", raw, "an https:// address: etcd must use TLS");
      throw badInput("etcd-endpoint", raw, "https://host:port, e.g. https://10.0.0.10:2379");
    }
    endpoint = `${m[1]}:${m[2]}`;
  }
  const tls = {
    ca: pem("etcd-ca", v["etcd-ca"]),
    cert: pem("etcd-cert", v["etcd-cert"]),
    key: pem("etcd-key", v["etcd-key"], true)
  };
  const pod = v["etcd-pod"];
  return {
    ...endpoint ? { endpoint } : {},
    tls,
    ...pod ? { pod } : {},
    cluster: parseKubeconfigAccess(src),
    stallTimeoutMs: stallTimeout(src)
  };
}
function maskEtcdSecrets(logger, access) {
  for (const line of access.tls.key.split("\n"))
    if (line.length >= 16 && !line.startsWith("-----")) logger.setSecret(line);
}

export {
  etcdAccessInputs,
  parseEtcdAccess,
  maskEtcdSecrets
};
