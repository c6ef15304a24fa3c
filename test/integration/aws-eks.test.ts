// AWS identity that lasts the job, on EKS-shaped access (issue 20 item 3):
// kubekeep exchanges the job's OIDC token (a loopback issuer) for role
// credentials at an STS stand-in whose credentials live seconds, and reaches
// the sandbox API server with `k8s-aws-v1.` tokens that its webhook
// authenticator (the aws-iam-authenticator stand-in) verifies by calling STS.
// A rolling upgrade and a large export that outlast several credential
// lifetimes succeed; the same runs with one fixed token (what a kubeconfig
// from `aws eks get-token` after configure-aws-credentials gives) fail.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { eksToken } from "../../src/aws/eks-token.ts";
import { clusterInfo } from "../../src/capabilities/cluster-info/capability.ts";
import { exportCapability } from "../../src/capabilities/export/capability.ts";
import { upgradeNode } from "../../src/capabilities/upgrade-node/capability.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import type { List, Node } from "../../src/nodes/types.ts";
import { addNodes } from "../../src/sandbox/nodes.ts";
import { EKS_CLUSTER, EKS_USER, useAwsStandIns } from "../harness/aws/index.ts";
import { tcpRelay } from "../harness/relay.ts";
import { useSandbox } from "../harness/sandbox.ts";

const LIFETIME_MS = 8_000;
const stand = useAwsStandIns({ lifetimeMs: LIFETIME_MS });
const fx = useSandbox({ s3: false, apiserverExtraArgs: stand.apiserverArgs });
const lines: string[] = [];
const logger = new ConsoleLogger({ write: (l) => lines.push(l) });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-aws-eks-"));
after(() => fs.rmSync(work, { recursive: true, force: true }));

const eksInputs = () => ({
  ...stand.aws.roleInputs,
  "eks-cluster-name": EKS_CLUSTER,
  "eks-server": fx.sandbox.info.server,
  "eks-certificate-authority": fx.sandbox.pki.ca.cert,
});

/** A kubeconfig with one token made now: what a job without kubekeep's renewal has. */
async function fixedTokenKubeconfig(
  server = fx.sandbox.info.server,
): Promise<{ file: string; expiration: Date }> {
  const { RoleSession } = await import("../../src/aws/session.ts");
  const { parseAwsIdentity } = await import("../../src/aws/config.ts");
  const session = new RoleSession(parseAwsIdentity(fromRecord(stand.aws.roleInputs))!, logger);
  const credentials = await session.credentials();
  const token = eksToken({
    clusterName: EKS_CLUSTER,
    region: stand.aws.sts.region,
    stsEndpoint: stand.aws.sts.endpoint,
    credentials,
    now: new Date(),
  });
  const file = path.join(work, "fixed-token.kubeconfig");
  fs.writeFileSync(
    file,
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        {
          name: "eks",
          cluster: { server, "certificate-authority": fx.sandbox.pki.ca.cert },
        },
      ],
      users: [{ name: "eks", user: { token } }],
      contexts: [{ name: "eks", context: { cluster: "eks", user: "eks" } }],
      "current-context": "eks",
    }),
    { mode: 0o600 },
  );
  return { file, expiration: credentials.expiration };
}

before(async () => {
  await fx.ready();
  Object.assign(process.env, stand.aws.oidcEnv);
  // The role's Kubernetes user may do what these runs do (the aws-auth mapping's group, bound).
  await fx.client.post("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name: "kubekeep-fleet" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
    subjects: [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: EKS_USER }],
  });
});

test("kubekeep's EKS token authenticates as the role's user; a token for another cluster or a tampered one does not", async () => {
  const result = await clusterInfo.run(clusterInfo.parse(fromRecord(eksInputs())), { logger });
  assert.ok(result.report);
  assert.ok(stand.aws.authenticator.accepted >= 1);
  const { RoleSession } = await import("../../src/aws/session.ts");
  const { parseAwsIdentity } = await import("../../src/aws/config.ts");
  const credentials = await new RoleSession(
    parseAwsIdentity(fromRecord(stand.aws.roleInputs))!,
    logger,
  ).credentials();
  const make = (clusterName: string) =>
    eksToken({
      clusterName,
      region: stand.aws.sts.region,
      stsEndpoint: stand.aws.sts.endpoint,
      credentials,
      now: new Date(),
    });
  const https = await import("node:https");
  const ask = (token: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = https.request(
        `${fx.sandbox.info.server}/apis/authentication.k8s.io/v1/selfsubjectreviews`,
        {
          method: "POST",
          ca: fs.readFileSync(fx.sandbox.pki.ca.cert),
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        },
        (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.end(JSON.stringify({ apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" }));
    });
  const good = await ask(make(EKS_CLUSTER));
  assert.equal(good.status, 201, good.body);
  assert.equal(
    (JSON.parse(good.body) as { status: { userInfo: { username: string } } }).status.userInfo.username,
    EKS_USER,
  );
  assert.equal((await ask(make("other-cluster"))).status, 401, "a token for another cluster");
  const t = make(EKS_CLUSTER);
  const tampered =
    "k8s-aws-v1." +
    Buffer.from(
      Buffer.from(t.slice(11), "base64url").toString().replace("X-Amz-Expires=60", "X-Amz-Expires=61"),
    ).toString("base64url");
  assert.equal((await ask(tampered)).status, 401, "a tampered token");
  assert.ok(
    stand.aws.sts.refusals.some((r) => /SignatureDoesNotMatch/.test(r)),
    stand.aws.sts.refusals.join("\n"),
  );
  // Once the credentials expire, their token is refused (STS says so).
  await new Promise((r) => setTimeout(r, LIFETIME_MS + 1500));
  assert.equal((await ask(make(EKS_CLUSTER))).status, 401, "a token of expired credentials");
  assert.ok(
    stand.aws.sts.refusals.some((r) => /ExpiredToken/.test(r)),
    stand.aws.sts.refusals.join("\n"),
  );
});

// The node upgrade: the command stands in for the packages, taking longer than a credential lifetime.
const COMMAND = `set -e
sleep ${Math.ceil((LIFETIME_MS * 1.5) / 1000)}
"$KUBECTL" --kubeconfig "$KK_KUBECONFIG" patch node "$KUBEKEEP_NODE" --subresource=status --type=merge \\
  -p "{\\"status\\":{\\"nodeInfo\\":{\\"kubeletVersion\\":\\"$KUBEKEEP_TARGET_VERSION\\"}}}" >/dev/null
echo "upgraded $KUBEKEEP_NODE"`;

const upgradeInputs = (node: string) => ({
  node,
  "target-version": "v1.35.4",
  executor: "command",
  "upgrade-command": COMMAND,
  "gate-timeout": "60s",
  timeout: "120s",
});

test("a rolling upgrade whose runs each outlast the role's credentials succeeds with kubekeep's renewal, and fails with a fixed token", async () => {
  Object.assign(process.env, { KUBECTL: fx.sandbox.info.kubectl, KK_KUBECONFIG: fx.sandbox.kubeconfig });
  const workers = ["w-1", "w-2", "w-3", "w-4"];
  await addNodes(
    fx.client,
    workers.map((name) => ({ name, kubeletVersion: "v1.35.1" })),
  );
  const issuedBefore = stand.aws.sts.issued.length;
  const started = Date.now();
  for (const node of workers.slice(0, 3)) {
    await upgradeNode.run(upgradeNode.parse(fromRecord({ ...eksInputs(), ...upgradeInputs(node) })), {
      logger,
    });
  }
  const took = Date.now() - started;
  const list = await fx.client.get<List<Node>>("/api/v1/nodes");
  for (const n of list.items.filter((n) => workers.slice(0, 3).includes(n.metadata.name)))
    assert.equal(n.status?.nodeInfo?.kubeletVersion, "v1.35.4", n.metadata.name);
  const renewals = stand.aws.sts.issued.length - issuedBefore;
  console.log(
    `rolling upgrade of 3 nodes: ${(took / 1000).toFixed(1)} s, ${(took / LIFETIME_MS).toFixed(1)} credential lifetimes, ${renewals} sessions`,
  );
  assert.ok(took > 3 * LIFETIME_MS, `the run lasted ${took} ms`);
  assert.ok(renewals >= 3, `${renewals} sessions`);

  // The same upgrade of the fourth node with one token made at the start: refused once its credentials expire.
  const fixed = await fixedTokenKubeconfig();
  await assert.rejects(
    upgradeNode.run(
      upgradeNode.parse(fromRecord({ "kubeconfig-path": fixed.file, ...upgradeInputs("w-4") })),
      {
        logger,
      },
    ),
    (err: Error) => {
      assert.match(err.message, /401|Unauthorized/, err.message);
      return true;
    },
  );
});

test("a large export that outlasts several credential lifetimes succeeds with kubekeep's renewal, and fails with a fixed token", async () => {
  // Thousands of ConfigMaps listed two at a time: hundreds of requests over
  // tens of seconds, longer than the API server's 10 s cache of a token's success.
  await fx.client.post("/api/v1/namespaces", {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "bulk" },
  });
  const N = 3000;
  for (let i = 0; i < N; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, N - i) }, (_, j) =>
        fx.client.post("/api/v1/namespaces/bulk/configmaps", {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: `cm-${i + j}` },
          data: { value: "x".repeat(200) },
        }),
      ),
    );
  }
  // 20 ms a request through the relay: 1,500 pages last 30 s or more anywhere.
  const relay = await tcpRelay(fx.sandbox.info.server, { delayMs: 20 });
  after(() => relay.close());
  const exportInputs = (dir: string) => ({
    path: dir,
    "include-namespaces": "bulk",
    "include-kinds": "ConfigMap",
    "page-size": "2",
    concurrency: "1",
  });
  // Shorter credentials for this run: the export lasts 30 s or more (the relay).
  const lifetime = 3_000;
  stand.aws.sts.lifetimeMs = lifetime;
  const issuedBefore = stand.aws.sts.issued.length;
  const callsBefore = stand.aws.sts.callerIdentityCalls;
  const started = Date.now();
  const out = path.join(work, "export");
  await exportCapability.run(
    exportCapability.parse(fromRecord({ ...eksInputs(), "eks-server": relay.url, ...exportInputs(out) })),
    { logger },
  );
  const took = Date.now() - started;
  const files = fs.readdirSync(path.join(out, "namespaces/bulk/core/ConfigMap"));
  assert.equal(files.filter((f) => /^cm-\d+\.yaml$/.test(f)).length, N);
  const renewals = stand.aws.sts.issued.length - issuedBefore;
  console.log(
    `export of ${N} ConfigMaps: ${(took / 1000).toFixed(1)} s, ${(took / lifetime).toFixed(1)} credential lifetimes, ${renewals} sessions, ${stand.aws.sts.callerIdentityCalls - callsBefore} tokens checked by STS`,
  );
  assert.ok(took > 3 * lifetime, `the export took ${took} ms: too short to prove renewal; raise N`);
  assert.ok(renewals >= 3, `${renewals} sessions`);

  // One token, its credentials expiring a second into the run (as a job's
  // would after an hour): the same export fails once the API server checks
  // the token again (it caches a success for 10 s).
  const fixed = await fixedTokenKubeconfig(relay.url);
  await new Promise((r) => setTimeout(r, Math.max(0, fixed.expiration.getTime() - Date.now() - 1000)));
  const fixedStart = Date.now();
  await assert.rejects(
    exportCapability.run(
      exportCapability.parse(
        fromRecord({ "kubeconfig-path": fixed.file, ...exportInputs(path.join(work, "export-fixed")) }),
      ),
      { logger },
    ),
    /401|Unauthorized/,
  );
  console.log(
    `the export with a fixed token failed ${((Date.now() - fixedStart) / 1000).toFixed(1)} s into the run`,
  );
  assert.doesNotMatch(lines.join("\n"), /ASIA[A-Z0-9]{16}/, "no access key id in the log");
});

test("with only the cluster's name and region, the endpoint and CA come from EKS DescribeCluster (signed with the role's renewed credentials); a bad signature, an expired session, an unknown cluster and forged answers are refused by name", async () => {
  const eks = stand.aws.eks;
  eks.clusters[EKS_CLUSTER] = {
    endpoint: fx.sandbox.info.server,
    ca: fs.readFileSync(fx.sandbox.pki.ca.cert, "utf8"),
  };
  const only = (name = EKS_CLUSTER) => ({
    ...stand.aws.roleInputs,
    "eks-cluster-name": name,
    "aws-eks-endpoint": eks.endpoint,
  });
  const described = eks.described;
  const out = path.join(work, "described-export");
  const res = await exportCapability.run(
    exportCapability.parse(fromRecord({ ...only(), path: out, "include-kinds": "Namespace" })),
    { logger },
  );
  assert.equal(eks.described, described + 1, "DescribeCluster answered once");
  assert.ok(Number(res.outputs.objects) > 0);
  assert.ok(fs.existsSync(path.join(out, "cluster/core/Namespace/default.yaml")));
  assert.ok(lines.some((l) => l.includes(`endpoint ${fx.sandbox.info.server}, from DescribeCluster`)));

  // Direct calls with credentials the STS stand-in issued, to break one thing at a time.
  const { RoleSession } = await import("../../src/aws/session.ts");
  const { parseAwsIdentity } = await import("../../src/aws/config.ts");
  const { describeCluster } = await import("../../src/aws/eks-describe.ts");
  const credentials = await new RoleSession(
    parseAwsIdentity(fromRecord(stand.aws.roleInputs))!,
    logger,
  ).credentials();
  const call = (c = credentials) =>
    describeCluster({
      endpoint: eks.endpoint,
      region: eks.region,
      clusterName: EKS_CLUSTER,
      credentials: c,
      timeoutMs: 10_000,
    });
  assert.equal((await call()).server, fx.sandbox.info.server);
  await assert.rejects(
    call({ ...credentials, secretAccessKey: `x${credentials.secretAccessKey.slice(1)}` }),
    /EKS DescribeCluster for 'shop' failed: HTTP 403 InvalidSignatureException: The request signature we calculated does not match .*eks:DescribeCluster/,
  );
  // STS states the expiry to the second: a second more and the stand-in has forgotten them too.
  await new Promise((r) => setTimeout(r, Math.max(0, credentials.expiration.getTime() - Date.now() + 1200)));
  await assert.rejects(
    call(),
    /EKS DescribeCluster for 'shop' failed: HTTP 403 ExpiredTokenException: The security token included in the request is expired/,
  );
  // Through a capability: the session renews, so only what EKS refuses for good fails.
  const info = (name?: string) => clusterInfo.run(clusterInfo.parse(fromRecord(only(name))), { logger });
  await assert.rejects(
    info("nope"),
    /HTTP 404 ResourceNotFoundException: No cluster found for name: nope\..*check eks-cluster-name/,
  );
  const real = {
    name: EKS_CLUSTER,
    endpoint: fx.sandbox.info.server,
    certificateAuthority: { data: fs.readFileSync(fx.sandbox.pki.ca.cert).toString("base64") },
    status: "ACTIVE",
  };
  const forged: [Record<string, unknown>, RegExp][] = [
    [{ ...real, endpoint: "http://127.0.0.1:1" }, /an endpoint that is not an https:\/\/host\[:port\] URL/],
    [{ ...real, endpoint: "https://evil.example/x?y" }, /an endpoint that is not an https/],
    [
      {
        ...real,
        certificateAuthority: {
          data: Buffer.from("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").toString(
            "base64",
          ),
        },
      },
      /PEM does not parse as an X\.509 certificate/,
    ],
    [{ ...real, certificateAuthority: { data: "bm90IGEgY2VydA==" } }, /not a PEM certificate/],
    [{ ...real, name: "other" }, /answered for another cluster \("other"\)/],
    [{ ...real, status: "DELETING" }, /EKS cluster 'shop' is DELETING/],
  ];
  try {
    for (const [cluster, re] of forged) {
      eks.answers.set(EKS_CLUSTER, { cluster });
      await assert.rejects(info(), re);
    }
  } finally {
    eks.answers.clear();
  }
  assert.ok(eks.refusals.some((r) => r.startsWith("InvalidSignatureException")));
  assert.doesNotMatch(lines.join("\n"), /ASIA[A-Z0-9]{16}/, "no access key id in the log");
});
