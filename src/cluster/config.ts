/**
 * How a capability reaches the cluster: a kubeconfig file, or kubeconfig
 * content from a secret (the usual shape in a workflow), and an optional
 * context: the inputs and the typed config. Connecting is connect.ts's.
 */
import fs from "node:fs";
import { awsInputs, parseAwsIdentity, serviceEndpoint, type AwsIdentity } from "../aws/config.ts";
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs } from "../config/schema.ts";
import { stallInputs, stallTimeout } from "../config/stall.ts";
import { badInput, ConfigurationError } from "../core/errors.ts";

/** A kubeconfig: what the capabilities that port-forward to etcd take (etcd access, the drill). */
export const kubeconfigInputs = {
  kubeconfig: input.string({
    description: "Kubeconfig content (from a secret) or a path to one.",
    defaultText: "$KUBECONFIG or ~/.kube/config",
    secret: true,
  }),
  "kubeconfig-path": input.string({ description: "Path to a kubeconfig file." }),
  context: input.string({ description: "Kubeconfig context to use instead of the current one." }),
  ...stallInputs,
};

/** An EKS cluster reached with the role of aws-role-arn, instead of a kubeconfig (docs/aws.md). */
export const eksInputs = {
  ...awsInputs,
  "eks-cluster-name": input.string({
    description:
      "An EKS cluster to reach with the role of aws-role-arn instead of a kubeconfig: kubekeep makes its bearer tokens (as aws eks get-token does, without the aws CLI) and renews them before they expire.",
  }),
  "eks-server": input.string({
    description: "With eks-cluster-name: the cluster's API server URL (aws eks describe-cluster: endpoint).",
    defaultText: "read with EKS DescribeCluster (the role needs eks:DescribeCluster)",
  }),
  "eks-certificate-authority": input.string({
    description:
      "With eks-cluster-name: the cluster's CA certificate, base64 as describe-cluster gives it (certificateAuthority.data), PEM, or a file holding either.",
    defaultText: "read with EKS DescribeCluster",
  }),
  "aws-eks-endpoint": input.string({
    description:
      "With eks-cluster-name: the EKS API's URL for DescribeCluster: https://, or http:// on a loopback address only (a local stand-in).",
    defaultText: "https://eks.<aws-region>.amazonaws.com",
  }),
};

/** Cluster access, shared by every capability that talks to the API server. */
export const clusterInputs = { ...kubeconfigInputs, ...eksInputs };

export interface EksAccess {
  clusterName: string;
  /** Given (eks-server); undefined: read with DescribeCluster when connecting. */
  server?: string;
  /** PEM, given (eks-certificate-authority); undefined: read with DescribeCluster. */
  ca?: Buffer;
  identity: AwsIdentity;
  /** The EKS API's URL, without a trailing slash (aws-eks-endpoint). */
  eksEndpoint: string;
}

export interface ClusterConfig {
  /** Path to a kubeconfig file; undefined means $KUBECONFIG or ~/.kube/config. */
  kubeconfigPath?: string;
  /** Kubeconfig content (a secret); wins over the path when both are given. */
  kubeconfigContent?: string;
  context?: string;
  /** How long the API server may send nothing before a request fails (`stall-timeout`); default 60s. */
  stallTimeoutMs?: number;
  /** An EKS cluster reached with a role (eks-cluster-name), instead of a kubeconfig. */
  eks?: EksAccess;
}

/** Cluster access from clusterInputs: a kubeconfig, or an EKS cluster with a role. */
export function parseClusterConfig(src: InputSource): ClusterConfig {
  const config = parseKubeconfigAccess(src);
  const v = readInputs(eksInputs, src);
  const clusterName = v["eks-cluster-name"];
  if (clusterName === undefined) {
    for (const name of ["eks-server", "eks-certificate-authority", "aws-eks-endpoint"] as const)
      if (v[name] !== undefined) throw new ConfigurationError(`input '${name}' needs eks-cluster-name`);
    // Checked here too: a role given to a cluster-only capability is a mistake to name, not to ignore.
    parseAwsIdentity(src);
    return config;
  }
  if (
    config.kubeconfigContent !== undefined ||
    config.kubeconfigPath !== undefined ||
    config.context !== undefined
  )
    throw new ConfigurationError(
      "inputs 'eks-cluster-name' and 'kubeconfig'/'kubeconfig-path'/'context' exclude each other: give one way to reach the cluster",
    );
  if (!/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(clusterName))
    throw badInput("eks-cluster-name", clusterName, "an EKS cluster name (1-100 letters, digits, '-', '_')");
  const identity = parseAwsIdentity(src);
  if (!identity)
    throw new ConfigurationError(
      "input 'eks-cluster-name' needs aws-role-arn: the role kubekeep reaches the cluster as",
    );
  const server = v["eks-server"];
  if (server !== undefined && (!/^https:\/\/[^\s/?#@]+\/?$/.test(server) || !URL.canParse(server)))
    throw badInput("eks-server", server, "the cluster's endpoint, https://host[:port]");
  const caText = v["eks-certificate-authority"];
  return {
    ...config,
    eks: {
      clusterName,
      ...(server !== undefined ? { server: server.replace(/\/$/, "") } : {}),
      ...(caText !== undefined ? { ca: certificateAuthority(caText) } : {}),
      identity,
      eksEndpoint: serviceEndpoint("aws-eks-endpoint", v["aws-eks-endpoint"], "eks", identity.region),
    },
  };
}

const PEM = /-----BEGIN CERTIFICATE-----/;

/** base64 of PEM (EKS's form), PEM, or a file holding either. */
function certificateAuthority(value: string): Buffer {
  let text = value;
  if (!PEM.test(text) && !/^[A-Za-z0-9+/=\s]+$/.test(text) && fs.existsSync(text))
    text = fs.readFileSync(text, "utf8");
  if (PEM.test(text)) return Buffer.from(text.replace(/\\n/g, "\n"));
  if (/^[A-Za-z0-9+/=\s]+$/.test(text)) {
    const decoded = Buffer.from(text, "base64");
    if (PEM.test(decoded.toString("utf8"))) return decoded;
  }
  throw new ConfigurationError(
    "input 'eks-certificate-authority': expected the CA as base64 (describe-cluster's certificateAuthority.data), PEM, or a file holding either",
  );
}

/** The kubeconfig inputs alone (kubeconfigInputs). */
export function parseKubeconfigAccess(src: InputSource): ClusterConfig {
  const config: ClusterConfig = {};
  const v = readInputs(kubeconfigInputs, src);
  const content = v.kubeconfig;
  const file = v["kubeconfig-path"];
  if (content !== undefined) {
    // Accept a path in `kubeconfig` too: people often pass one there.
    if (!content.includes("\n") && fs.existsSync(content)) config.kubeconfigPath = content;
    else if (
      /^\s*(apiVersion|kind|clusters|contexts|users|current-context)\s*:/m.test(content) ||
      content.trim().startsWith("{")
    ) {
      config.kubeconfigContent = content;
    } else {
      throw new ConfigurationError(
        "input 'kubeconfig': expected kubeconfig YAML content (e.g. from a secret) or the path of an existing file; got neither (value not shown: it may be secret)",
      );
    }
  }
  if (file !== undefined) {
    if (!fs.existsSync(file))
      throw new ConfigurationError(`input 'kubeconfig-path': file ${JSON.stringify(file)} does not exist`);
    config.kubeconfigPath ??= file;
  }
  if (v.context !== undefined) config.context = v.context;
  config.stallTimeoutMs = stallTimeout(src);
  return config;
}
