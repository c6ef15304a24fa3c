import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  send,
  signedHeaders
} from "./chunk-HYGJSYCP.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import {
  OperationalError
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/aws/eks-describe.ts
import { X509Certificate } from "node:crypto";
var NOT_SERVING = ["CREATING", "DELETING", "FAILED"];
var SERVER = /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/;
var BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;
var PEM_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;
function parseDescribeCluster(text, clusterName) {
  const bad = (what) => new OperationalError(
    `EKS DescribeCluster for '${clusterName}' answered ${what}; the answer is not used (is aws-eks-endpoint the EKS API?)`
  );
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    throw bad("something that is not JSON");
  }
  const c = doc?.cluster;
  if (c === null || typeof c !== "object" || Array.isArray(c)) throw bad("without a 'cluster' object");
  const cluster = c;
  if (cluster.name !== clusterName)
    throw bad(`for another cluster (${JSON.stringify(String(cluster.name).slice(0, 100))})`);
  if (typeof cluster.status === "string" && NOT_SERVING.includes(cluster.status))
    throw new OperationalError(
      `EKS cluster '${clusterName}' is ${cluster.status}: its API server does not serve; nothing was done`
    );
  const endpoint = cluster.endpoint;
  if (typeof endpoint !== "string" || !SERVER.test(endpoint) || !URL.canParse(endpoint))
    throw bad(
      `an endpoint that is not an https://host[:port] URL (${JSON.stringify(String(endpoint).slice(0, 100))})`
    );
  const data = cluster.certificateAuthority?.data;
  if (typeof data !== "string" || data.length > 64 * 1024 || !BASE64.test(data))
    throw bad("a certificateAuthority.data that is not base64");
  const pem = Buffer.from(data, "base64").toString("utf8");
  const blocks = pem.match(PEM_BLOCK);
  if (!blocks) throw bad("a certificateAuthority.data that is not a PEM certificate");
  for (const b of blocks) {
    try {
      new X509Certificate(b);
    } catch {
      throw bad("a certificateAuthority.data whose PEM does not parse as an X.509 certificate");
    }
  }
  const version = typeof cluster.version === "string" ? cluster.version : void 0;
  return {
    server: endpoint.replace(/\/$/, ""),
    ca: Buffer.from(`${blocks.join("\n")}
`),
    ...version && /^\d{1,3}\.\d{1,3}$/.test(version) ? { version } : {}
  };
}
async function describeCluster(req) {
  const url = new URL(`${req.endpoint}/clusters/${encodeURIComponent(req.clusterName)}`);
  const headers = signedHeaders({
    method: "GET",
    url,
    headers: { accept: "application/json" },
    credentials: req.credentials,
    region: req.region,
    service: "eks",
    now: req.now ?? /* @__PURE__ */ new Date()
  });
  const what = `EKS DescribeCluster for '${req.clusterName}'`;
  const answer = await send(url, { method: "GET", headers, timeoutMs: req.timeoutMs, what });
  if (answer.status !== 200) throw new OperationalError(`${what} failed: ${eksRefusal(answer)}`);
  return parseDescribeCluster(answer.text, req.clusterName);
}
function eksRefusal(answer) {
  const header = answer.headers["x-amzn-errortype"];
  let code = typeof header === "string" ? header.split(":")[0] ?? "" : "";
  let message = "";
  try {
    const doc = JSON.parse(answer.text);
    if (!code && typeof doc.__type === "string") code = doc.__type.split("#").at(-1) ?? "";
    const m = doc.message ?? doc.Message;
    message = typeof m === "string" ? m : "";
  } catch {
    message = answer.text;
  }
  const clean = (s, max) => s.replace(/[^\x20-\x7e]/g, " ").slice(0, max);
  const hint = answer.status === 404 ? "; check eks-cluster-name and aws-region" : answer.status === 403 || answer.status === 401 ? "; check that the role of aws-role-arn may eks:DescribeCluster on it (or give eks-server and eks-certificate-authority)" : "";
  return `HTTP ${answer.status} ${clean(code, 80)}${code ? ": " : ""}${clean(message, 300)}${hint}`.trim();
}
export {
  describeCluster,
  parseDescribeCluster
};
