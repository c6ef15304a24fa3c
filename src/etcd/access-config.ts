/**
 * Reaching etcd, shared by the capabilities that talk to it: directly at
 * etcd-endpoint, or by port-forward through the Kubernetes API, with mTLS.
 * Certificates may be given as file paths or as contents (from secrets); the
 * private key is masked.
 */
import fs from "node:fs";
import { clusterInputs, parseKubeconfigAccess, type ClusterConfig } from "../cluster/config.ts";
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs } from "../config/schema.ts";
import { stallInputs, stallTimeout } from "../config/stall.ts";
import { badInput, ConfigurationError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import type { EtcdTls } from "./client.ts";

export interface EtcdAccess {
  /** host:port (https:// stripped); undefined means port-forward through the Kubernetes API. */
  endpoint?: string;
  tls: EtcdTls;
  /** The etcd pod to port-forward to; default: the first Running one labelled component=etcd. */
  pod?: string;
  cluster: ClusterConfig;
  /** How long etcd may send no snapshot data (`stall-timeout`). */
  stallTimeoutMs: number;
}

const PEM_RE = /-----BEGIN [A-Z ]+-----/;

/** Reaching etcd: directly, or by port-forward through the Kubernetes API. */
export const etcdAccessInputs = {
  kubeconfig: {
    ...clusterInputs.kubeconfig,
    description:
      "Kubeconfig content (from a secret) or a path to one, used to port-forward to an etcd static pod when etcd-endpoint is empty.",
  },
  "kubeconfig-path": clusterInputs["kubeconfig-path"],
  context: clusterInputs.context,
  ...stallInputs,
  "etcd-endpoint": input.string({
    description:
      "etcd client address, https://host:2379, for a runner that can reach etcd. Empty: port-forward through the Kubernetes API to the etcd static pod (label component=etcd in kube-system) of a kubeadm control plane.",
  }),
  "etcd-pod": input.string({
    description: "The etcd pod to port-forward to.",
    defaultText: "the first Running pod labelled component=etcd in kube-system",
  }),
  "etcd-ca": input.string({
    description:
      "The etcd CA certificate: PEM content (from a secret) or a file path (kubeadm: /etc/kubernetes/pki/etcd/ca.crt).",
    required: true,
  }),
  "etcd-cert": input.string({
    description:
      "An etcd client certificate: PEM content or a file path (kubeadm: /etc/kubernetes/pki/apiserver-etcd-client.crt).",
    required: true,
  }),
  "etcd-key": input.string({
    description:
      "That certificate's private key: PEM content (masked) or a file path (kubeadm: /etc/kubernetes/pki/apiserver-etcd-client.key).",
    required: true,
    secret: true,
  }),
};

/** A PEM input: the contents themselves, or the path of a file holding them. */
function pem(name: string, v: string, secret = false): string {
  if (PEM_RE.test(v)) return v.replace(/\\n/g, "\n");
  if (!fs.existsSync(v)) {
    throw new ConfigurationError(
      `input '${name}': ${secret ? "the value (not shown: it may be secret)" : JSON.stringify(v)} is neither PEM content (-----BEGIN ...) nor an existing file`,
    );
  }
  const text = fs.readFileSync(v, "utf8");
  if (!PEM_RE.test(text))
    throw new ConfigurationError(`input '${name}': file ${JSON.stringify(v)} holds no PEM block`);
  return text;
}

export function parseEtcdAccess(src: InputSource): EtcdAccess {
  const v = readInputs(etcdAccessInputs, src);
  const raw = v["etcd-endpoint"];
  let endpoint: string | undefined;
  if (raw !== undefined) {
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
    key: pem("etcd-key", v["etcd-key"], true),
  };
  const pod = v["etcd-pod"];
  return {
    ...(endpoint ? { endpoint } : {}),
    tls,
    ...(pod ? { pod } : {}),
    cluster: parseKubeconfigAccess(src),
    stallTimeoutMs: stallTimeout(src),
  };
}

/** Masks the client key's base64 lines (the PEM armour lines are no secret). */
export function maskEtcdSecrets(logger: Logger, access: EtcdAccess): void {
  for (const line of access.tls.key.split("\n"))
    if (line.length >= 16 && !line.startsWith("-----")) logger.setSecret(line);
}
