/**
 * A throwaway PKI for a local control plane (the sandbox's, and the throwaway
 * one an etcd drill starts), made with the openssl CLI (present on
 * Debian, Ubuntu and GitHub's runners): one CA, serving certs for etcd and
 * kube-apiserver, client certs for the apiserver->etcd link (mTLS, as kubeadm
 * sets it up) and for an admin, and the service-account signing key.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface KeyPair {
  cert: string;
  key: string;
}

export interface SandboxPki {
  ca: KeyPair;
  etcdServer: KeyPair;
  /** Client of etcd: the apiserver, and snapshot tools. */
  etcdClient: KeyPair;
  apiserver: KeyPair;
  /** CN=kubernetes-admin, O=system:masters. */
  admin: KeyPair;
  /** The aggregation layer's client (CN=front-proxy-client). */
  frontProxyClient: KeyPair;
  serviceAccountKey: string;
  serviceAccountPub: string;
}

const SERVER_SANS = [
  "IP:127.0.0.1",
  "DNS:localhost",
  "IP:10.0.0.1",
  "DNS:kubernetes",
  "DNS:kubernetes.default",
  "DNS:kubernetes.default.svc",
  "DNS:kubernetes.default.svc.cluster.local",
];

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

function leaf(dir: string, name: string, subject: string, usage: "server" | "client" | "both"): KeyPair {
  const key = path.join(dir, `${name}.key`);
  const csr = path.join(dir, `${name}.csr`);
  const cert = path.join(dir, `${name}.crt`);
  const ext = path.join(dir, `${name}.ext`);
  const eku = { server: "serverAuth", client: "clientAuth", both: "serverAuth,clientAuth" }[usage];
  const lines = [
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature,keyEncipherment",
    `extendedKeyUsage=${eku}`,
  ];
  if (usage !== "client") lines.push(`subjectAltName=${SERVER_SANS.join(",")}`);
  fs.writeFileSync(ext, lines.join("\n") + "\n");
  openssl(
    ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"].concat([
      "-keyout",
      key,
      "-out",
      csr,
      "-subj",
      subject,
    ]),
    dir,
  );
  openssl(
    ["x509", "-req", "-in", csr, "-CA", "ca.crt", "-CAkey", "ca.key", "-days", "3650", "-sha256"].concat([
      "-set_serial",
      "0x" + randomBytes(8).toString("hex"),
      "-extfile",
      ext,
      "-out",
      cert,
    ]),
    dir,
  );
  fs.rmSync(csr);
  fs.rmSync(ext);
  fs.chmodSync(key, 0o600);
  return { cert, key };
}

/** `caSubject`: another CA's name, for a PKI that must not look like the sandbox's (tests of a foreign CA). */
export function createPki(dir: string, options: { caSubject?: string } = {}): SandboxPki {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  openssl(
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
      .concat([
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "3650",
        "-subj",
        options.caSubject ?? "/CN=kubekeep-sandbox-ca",
      ])
      .concat([
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
      ]),
    dir,
  );
  const saKey = path.join(dir, "sa.key");
  const saPub = path.join(dir, "sa.pub");
  openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", saKey], dir);
  openssl(["pkey", "-in", saKey, "-pubout", "-out", saPub], dir);
  return {
    ca: { cert: path.join(dir, "ca.crt"), key: path.join(dir, "ca.key") },
    etcdServer: leaf(dir, "etcd-server", "/CN=etcd-server", "both"),
    etcdClient: leaf(dir, "etcd-client", "/CN=kube-apiserver-etcd-client", "client"),
    apiserver: leaf(dir, "apiserver", "/CN=kube-apiserver", "server"),
    admin: leaf(dir, "admin", "/O=system:masters/CN=kubernetes-admin", "client"),
    frontProxyClient: leaf(dir, "front-proxy-client", "/CN=front-proxy-client", "client"),
    serviceAccountKey: saKey,
    serviceAccountPub: saPub,
  };
}
