import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  awsInputs,
  parseAwsIdentity,
  serviceEndpoint
} from "./chunk-TL42P4WJ.js";
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

// src/cluster/config.ts
import fs from "node:fs";
var kubeconfigInputs = {
  kubeconfig: input.string({
    description: "Kubeconfig content (from a secret) or a path to one.",
    defaultText: "$KUBECONFIG or ~/.kube/config",
    secret: true
  }),
  "kubeconfig-path": input.string({ description: "Path to a kubeconfig file." }),
  context: input.string({ description: "Kubeconfig context to use instead of the current one." }),
  ...stallInputs
};
var eksInputs = {
  ...awsInputs,
  "eks-cluster-name": input.string({
    description: "An EKS cluster to reach with the role of aws-role-arn instead of a kubeconfig: kubekeep makes its bearer tokens (as aws eks get-token does, without the aws CLI) and renews them before they expire."
  }),
  "eks-server": input.string({
    description: "With eks-cluster-name: the cluster's API server URL (aws eks describe-cluster: endpoint).",
    defaultText: "read with EKS DescribeCluster (the role needs eks:DescribeCluster)"
  }),
  "eks-certificate-authority": input.string({
    description: "With eks-cluster-name: the cluster's CA certificate, base64 as describe-cluster gives it (certificateAuthority.data), PEM, or a file holding either.",
    defaultText: "read with EKS DescribeCluster"
  }),
  "aws-eks-endpoint": input.string({
    description: "With eks-cluster-name: the EKS API's URL for DescribeCluster: https://, or http:// on a loopback address only (a local stand-in).",
    defaultText: "https://eks.<aws-region>.amazonaws.com"
  })
};
var clusterInputs = { ...kubeconfigInputs, ...eksInputs };
function parseClusterConfig(src) {
  const config = parseKubeconfigAccess(src);
  const v = readInputs(eksInputs, src);
  const clusterName = v["eks-cluster-name"];
  if (clusterName === void 0) {
    for (const name of ["eks-server", "eks-certificate-authority", "aws-eks-endpoint"])
      if (v[name] !== void 0) throw new ConfigurationError(`input '${name}' needs eks-cluster-name`);
    parseAwsIdentity(src);
    return config;
  }
  if (config.kubeconfigContent !== void 0 || config.kubeconfigPath !== void 0 || config.context !== void 0)
    throw new ConfigurationError(
      "inputs 'eks-cluster-name' and 'kubeconfig'/'kubeconfig-path'/'context' exclude each other: give one way to reach the cluster"
    );
  if (!/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(clusterName))
    throw badInput("eks-cluster-name", clusterName, "an EKS cluster name (1-100 letters, digits, '-', '_')");
  const identity = parseAwsIdentity(src);
  if (!identity)
    throw new ConfigurationError(
      "input 'eks-cluster-name' needs aws-role-arn: the role kubekeep reaches the cluster as"
    );
  const server = v["eks-server"];
  if (server !== void 0 && (!/^https:\/\/[^\s/?#@]+\/?$/.test(server) || !URL.canParse(server)))
    throw badInput("eks-server", server, "the cluster's endpoint, https://host[:port]");
  const caText = v["eks-certificate-authority"];
  return {
    ...config,
    eks: {
      clusterName,
      ...server !== void 0 ? { server: server.replace(/\/$/, "") } : {},
      ...caText !== void 0 ? { ca: certificateAuthority(caText) } : {},
      identity,
      eksEndpoint: serviceEndpoint("aws-eks-endpoint", v["aws-eks-endpoint"], "eks", identity.region)
    }
  };
}
var PEM = /-----BEGIN CERTIFICATE-----/;
function certificateAuthority(value) {
  let text = value;
  if (!PEM.test(text) && !/^[A-Za-z0-9+/=\s]+$/.test(text) && fs.existsSync(text))
    text = fs.readFileSync(text, "utf8");
  if (PEM.test(text)) return Buffer.from(text.replace(/\\n/g, "\n"));
  if (/^[A-Za-z0-9+/=\s]+$/.test(text)) {
    const decoded = Buffer.from(text, "base64");
    if (PEM.test(decoded.toString("utf8"))) return decoded;
  }
  throw new ConfigurationError(
    "input 'eks-certificate-authority': expected the CA as base64 (describe-cluster's certificateAuthority.data), PEM, or a file holding either"
  );
}
function parseKubeconfigAccess(src) {
  const config = {};
  const v = readInputs(kubeconfigInputs, src);
  const content = v.kubeconfig;
  const file = v["kubeconfig-path"];
  if (content !== void 0) {
    if (!content.includes("\n") && fs.existsSync(content)) config.kubeconfigPath = content;
    else if (/^\s*(apiVersion|kind|clusters|contexts|users|current-context)\s*:/m.test(content) || content.trim().startsWith("{")) {
      config.kubeconfigContent = content;
    } else {
      throw new ConfigurationError(
        "input 'kubeconfig': expected kubeconfig YAML content (e.g. from a secret) or the path of an existing file; got neither (value not shown: it may be secret)"
      );
    }
  }
  if (file !== void 0) {
    if (!fs.existsSync(file))
      throw new ConfigurationError(`input 'kubeconfig-path': file ${JSON.stringify(file)} does not exist`);
    config.kubeconfigPath ??= file;
  }
  if (v.context !== void 0) config.context = v.context;
  config.stallTimeoutMs = stallTimeout(src);
  return config;
}

export {
  clusterInputs,
  parseClusterConfig,
  parseKubeconfigAccess
};
