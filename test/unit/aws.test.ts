// AWS identity: the SigV4 presign (AWS's published example, and agreement
// with the AWS SDK's own signer), the EKS token's format, STS's XML read
// strictly (forged and malformed answers refused by name), the inputs, and
// the role session's renewal against the loopback OIDC and STS stand-ins.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { parseAwsIdentity, type AwsIdentity } from "../../src/aws/config.ts";
import { decodeEksToken, eksToken } from "../../src/aws/eks-token.ts";
import { EksTokenSource, refreshMargin, RoleSession } from "../../src/aws/session.ts";
import { presignUrl, signedHeaders } from "../../src/aws/sigv4.ts";
import { parseDescribeCluster } from "../../src/aws/eks-describe.ts";
import { parseAssumeRoleAnswer, stsRefusal } from "../../src/aws/sts.ts";
import { parseClusterConfig } from "../../src/cluster/config.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { startOidcIssuer } from "../harness/aws/oidc-issuer.ts";
import { signer } from "../harness/aws/smithy.ts";
import { startSts } from "../harness/aws/sts.ts";

const EXAMPLE = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

test("presign matches AWS's published example (S3 GET, query-string authentication)", () => {
  // https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
  const url = presignUrl({
    url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
    credentials: EXAMPLE,
    region: "us-east-1",
    service: "s3",
    expiresSeconds: 86400,
    now: new Date("2013-05-24T00:00:00Z"),
    payloadHash: "UNSIGNED-PAYLOAD",
    escapePath: false,
  });
  assert.equal(
    url.searchParams.get("X-Amz-Signature"),
    "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
  );
  assert.equal(
    url.searchParams.get("X-Amz-Credential"),
    "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request",
  );
});

test("an EKS token is k8s-aws-v1. + base64url of a presigned GetCallerIdentity the AWS SDK's signer agrees with", async () => {
  const credentials = { ...EXAMPLE, sessionToken: "IQoJb3JpZ2luX2VjE+/token=" };
  const now = new Date("2026-12-07T10:11:12Z");
  const token = eksToken({
    clusterName: "shop",
    region: "eu-west-1",
    stsEndpoint: "https://sts.eu-west-1.amazonaws.com",
    credentials,
    now,
  });
  assert.match(token, /^k8s-aws-v1\.[A-Za-z0-9_-]+$/, "base64url without padding");
  const url = decodeEksToken(token);
  assert.equal(url.origin, "https://sts.eu-west-1.amazonaws.com");
  const q = url.searchParams;
  assert.equal(q.get("Action"), "GetCallerIdentity");
  assert.equal(q.get("Version"), "2011-06-15");
  assert.equal(q.get("X-Amz-Expires"), "60");
  assert.equal(q.get("X-Amz-SignedHeaders"), "host;x-k8s-aws-id");
  assert.equal(q.get("X-Amz-Security-Token"), credentials.sessionToken);
  assert.equal(q.get("X-Amz-Date"), "20261207T101112Z");
  const expected = await signer({ service: "sts", region: "eu-west-1", credentials }).presign(
    {
      method: "GET",
      protocol: "https:",
      hostname: "sts.eu-west-1.amazonaws.com",
      path: "/",
      query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
      headers: { host: "sts.eu-west-1.amazonaws.com", "x-k8s-aws-id": "shop" },
    },
    { signingDate: now, expiresIn: 60 },
  );
  assert.equal(
    q.get("X-Amz-Signature"),
    (expected as { query: Record<string, string> }).query["X-Amz-Signature"],
  );
  assert.throws(() => decodeEksToken("k8s-aws-v1.aGVsbG8="), /base64url/);
  assert.throws(() => decodeEksToken("Bearer x"), /prefix/);
});

test("a request signed in the Authorization header (EKS DescribeCluster) is what the AWS SDK's signer signs", async () => {
  const credentials = { ...EXAMPLE, sessionToken: "IQoJb3JpZ2luX2VjE+/token=" };
  const now = new Date("2026-12-07T10:11:12Z");
  const url = new URL("https://eks.eu-west-1.amazonaws.com/clusters/shop-1");
  const headers = signedHeaders({
    method: "GET",
    url,
    headers: { accept: "application/json" },
    credentials,
    region: "eu-west-1",
    service: "eks",
    now,
  });
  assert.equal(headers["x-amz-date"], "20261207T101112Z");
  assert.equal(headers["x-amz-security-token"], credentials.sessionToken);
  const expected = await signer({ service: "eks", region: "eu-west-1", credentials }).sign(
    {
      method: "GET",
      protocol: "https:",
      hostname: url.hostname,
      path: url.pathname,
      query: {},
      headers: {
        host: url.host,
        accept: "application/json",
        "x-amz-date": headers["x-amz-date"],
        "x-amz-security-token": credentials.sessionToken,
      },
    },
    { signingDate: now },
  );
  assert.equal(headers.authorization, expected.headers.authorization);
  assert.match(
    headers.authorization ?? "",
    /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20261207\/eu-west-1\/eks\/aws4_request, SignedHeaders=accept;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
  );
});

test("DescribeCluster's answer is checked before it is trusted: name, state, https endpoint, a CA that parses", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-eks-ca-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // A real self-signed CA, as EKS gives one.
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"].concat([
      "-keyout",
      "ca.key",
      "-out",
      "ca.crt",
      "-days",
      "1",
      "-subj",
      "/CN=kubernetes",
    ]),
    { cwd: dir, stdio: "ignore" },
  );
  const TEST_CA = fs.readFileSync(path.join(dir, "ca.crt"), "utf8");
  const real = (over: Record<string, unknown> = {}) =>
    JSON.stringify({
      cluster: {
        name: "shop",
        endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
        certificateAuthority: { data: Buffer.from(TEST_CA).toString("base64") },
        status: "ACTIVE",
        version: "1.33",
        ...over,
      },
    });
  const ok = parseDescribeCluster(real(), "shop");
  assert.equal(ok.server, "https://ABC.gr7.eu-west-1.eks.amazonaws.com");
  assert.equal(ok.version, "1.33");
  assert.match(ok.ca.toString(), /^-----BEGIN CERTIFICATE-----/);
  assert.equal(parseDescribeCluster(real({ status: "UPDATING" }), "shop").server, ok.server);
  const bad: [string, RegExp][] = [
    ["<html>", /not JSON/],
    ["{}", /without a 'cluster' object/],
    [real({ name: "other" }), /for another cluster \("other"\)/],
    [real({ status: "CREATING" }), /is CREATING: its API server does not serve/],
    [real({ endpoint: "http://ABC.eks.amazonaws.com" }), /not an https:\/\/host\[:port\] URL/],
    [real({ endpoint: "https://user@evil.example" }), /not an https/],
    [real({ endpoint: "https://x.example/path" }), /not an https/],
    [real({ certificateAuthority: { data: "%%%" } }), /not base64/],
    [real({ certificateAuthority: {} }), /not base64/],
    [
      real({ certificateAuthority: { data: Buffer.from("hello").toString("base64") } }),
      /not a PEM certificate/,
    ],
    [
      real({
        certificateAuthority: {
          data: Buffer.from("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").toString(
            "base64",
          ),
        },
      }),
      /does not parse as an X\.509 certificate/,
    ],
  ];
  for (const [text, re] of bad) assert.throws(() => parseDescribeCluster(text, "shop"), re);
});

const ANSWER = (over: Partial<Record<"key" | "secret" | "token" | "exp" | "arn", string>> = {}) =>
  `<?xml version="1.0"?><AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult><AssumedRoleUser><Arn>${over.arn ?? "arn:aws:sts::123456789012:assumed-role/kubekeep/kubekeep-1"}</Arn><AssumedRoleId>AROA:x</AssumedRoleId></AssumedRoleUser><Credentials><SessionToken>${over.token ?? "FwoGZXIvYXdzEBYaDKS+token/value=="}</SessionToken><SecretAccessKey>${over.secret ?? "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"}</SecretAccessKey><Expiration>${over.exp ?? "2026-12-07T11:00:00Z"}</Expiration><AccessKeyId>${over.key ?? "ASIAIOSFODNN7EXAMPLE"}</AccessKeyId></Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>`;
const NOW = new Date("2026-12-07T10:00:00Z");

test("STS's answer is read strictly: every field checked, other shapes refused by name", () => {
  const ok = parseAssumeRoleAnswer(ANSWER(), "assume", NOW);
  assert.equal(ok.credentials.accessKeyId, "ASIAIOSFODNN7EXAMPLE");
  assert.equal(ok.credentials.expiration.toISOString(), "2026-12-07T11:00:00.000Z");
  assert.equal(ok.assumedRoleArn, "arn:aws:sts::123456789012:assumed-role/kubekeep/kubekeep-1");
  assert.equal(
    parseAssumeRoleAnswer(ANSWER({ token: "a&amp;b&lt;cdefghijklmnopq" }), "a", NOW).credentials.sessionToken,
    "a&b<cdefghijklmnopq",
  );
  const refused: [string, RegExp][] = [
    [ANSWER({ key: "not a key" }), /bad AccessKeyId \(value not shown\)/],
    [ANSWER({ exp: "tomorrow" }), /bad Expiration/],
    [ANSWER({ exp: "2026-12-07T09:00:00Z" }), /not after now/],
    [ANSWER({ arn: "arn:aws:iam::1:user/x" }), /bad AssumedRoleUser.Arn/],
    [ANSWER({ token: "" }), /bad SessionToken/],
    [ANSWER().replace("<AccessKeyId>", "<AccessKeyId>X</AccessKeyId><AccessKeyId>"), /occurs 2 times/],
    [ANSWER().replace(/<SecretAccessKey>.*<\/SecretAccessKey>/, ""), /no <SecretAccessKey>/],
    ['<!DOCTYPE x [<!ENTITY e "y">]>' + ANSWER(), /DOCTYPE/],
    ["<html>hello</html>", /root is <html>/],
    ["{}", /not an XML document/],
  ];
  for (const [xml, re] of refused) {
    assert.throws(
      () => parseAssumeRoleAnswer(xml, "assuming role R", NOW),
      (e: Error) => {
        assert.match(e.message, /^assuming role R: /);
        assert.match(e.message, re);
        assert.doesNotMatch(e.message, /wJalrXUtnFEMI|FwoGZXIv/, "no secret in the message");
        return true;
      },
    );
  }
  const denied = stsRefusal(
    403,
    '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRoleWithWebIdentity</Message></Error></ErrorResponse>',
    "assuming role R",
    `x.${Buffer.from(JSON.stringify({ sub: "repo:acme/x:ref:refs/heads/dev", aud: "sts.amazonaws.com" })).toString("base64url")}.y`,
  );
  assert.match(
    denied.message,
    /STS refused: AccessDenied: Not authorized.*sub "repo:acme\/x:ref:refs\/heads\/dev"/,
  );
  assert.equal(denied.retryable, false);
  assert.equal(stsRefusal(503, "<html>", "a").retryable, true);
});

test("the AWS inputs: checked with the input, the value and the form named", () => {
  const parse = (v: Record<string, string>) => parseAwsIdentity(fromRecord(v), {});
  assert.equal(parse({}), undefined);
  const id = parse({
    "aws-role-arn": "arn:aws:iam::123456789012:role/ci/kubekeep",
    "aws-region": "eu-west-1",
  })!;
  assert.equal(id.stsEndpoint, "https://sts.eu-west-1.amazonaws.com");
  assert.equal(id.audience, "sts.amazonaws.com");
  assert.equal(id.sessionDurationMs, 3600_000);
  const role = { "aws-role-arn": "arn:aws:iam::123456789012:role/k", "aws-region": "us-east-1" };
  assert.equal(
    parse({ ...role, "aws-sts-endpoint": "http://127.0.0.1:8080/" })!.stsEndpoint,
    "http://127.0.0.1:8080",
  );
  const bad: [Record<string, string>, RegExp][] = [
    [{ "aws-role-arn": "kubekeep" }, /input 'aws-role-arn': got "kubekeep", expected arn:aws:iam::/],
    [{ "aws-role-arn": role["aws-role-arn"] }, /input 'aws-region' is required/],
    [{ ...role, "aws-region": "Europe" }, /input 'aws-region': got "Europe"/],
    [
      { ...role, "aws-sts-endpoint": "http://sts.example.com" },
      /input 'aws-sts-endpoint'.*loopback|127\.0\.0\.1/,
    ],
    [{ ...role, "aws-sts-endpoint": "https://sts.example.com/x?y" }, /no path, query or user/],
    [{ ...role, "aws-session-duration": "10m" }, /at least 15m/],
    [{ ...role, "aws-session-duration": "13h" }, /at most 12h/],
    [{ "aws-sts-endpoint": "https://sts.example.com" }, /needs aws-role-arn/],
  ];
  for (const [v, re] of bad) assert.throws(() => parse(v), re);
});

test("eks-cluster-name takes a role, a server and a CA (or reads them with DescribeCluster), and excludes a kubeconfig", () => {
  const ca = Buffer.from("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  const eks = {
    "eks-cluster-name": "shop",
    "eks-server": "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
    "eks-certificate-authority": ca.toString("base64"),
    "aws-role-arn": "arn:aws:iam::123456789012:role/kubekeep",
    "aws-region": "eu-west-1",
  };
  const c = parseClusterConfig(fromRecord(eks));
  assert.equal(c.eks?.clusterName, "shop");
  assert.deepEqual(c.eks?.ca, ca);
  assert.throws(
    () => parseClusterConfig(fromRecord({ ...eks, "aws-role-arn": "" })),
    /'eks-cluster-name' needs aws-role-arn/,
  );
  assert.throws(
    () => parseClusterConfig(fromRecord({ ...eks, "eks-server": "http://x" })),
    /input 'eks-server': got "http:\/\/x"/,
  );
  assert.throws(
    () => parseClusterConfig(fromRecord({ ...eks, "eks-certificate-authority": "bm9wZQ==" })),
    /eks-certificate-authority/,
  );
  assert.throws(() => parseClusterConfig(fromRecord({ ...eks, context: "x" })), /exclude each other/);
  // Without a server or CA: both read with DescribeCluster, from the region's EKS API or the one given.
  const named = { ...eks, "eks-server": "", "eks-certificate-authority": "" };
  const d = parseClusterConfig(fromRecord(named)).eks;
  assert.equal(d?.server, undefined);
  assert.equal(d?.ca, undefined);
  assert.equal(d?.eksEndpoint, "https://eks.eu-west-1.amazonaws.com");
  assert.equal(
    parseClusterConfig(fromRecord({ ...named, "aws-eks-endpoint": "http://127.0.0.1:9/" })).eks?.eksEndpoint,
    "http://127.0.0.1:9",
  );
  assert.throws(
    () => parseClusterConfig(fromRecord({ ...named, "aws-eks-endpoint": "http://eks.example.com" })),
    /input 'aws-eks-endpoint': got "http:\/\/eks.example.com", expected https:\/\/host\[:port\], or http:\/\/127\.0\.0\.1/,
  );
  assert.throws(
    () => parseClusterConfig(fromRecord({ "aws-eks-endpoint": "https://eks.example.com" })),
    /'aws-eks-endpoint' needs eks-cluster-name/,
  );
  assert.throws(
    () => parseClusterConfig(fromRecord({ "eks-server": eks["eks-server"] })),
    /'eks-server' needs eks-cluster-name/,
  );
});

test("refresh margin: a quarter of the lifetime, at most 5 minutes", () => {
  assert.equal(refreshMargin(0, 3600_000), 300_000);
  assert.equal(refreshMargin(0, 20_000), 5_000);
});

test("a role session renews before expiry with a fresh OIDC token; EKS tokens follow, and are renewed within 15 minutes", async () => {
  const issuer = await startOidcIssuer();
  const sts = await startSts({
    issuer,
    roles: { "arn:aws:iam::123456789012:role/kubekeep": /^repo:acme\/fleet:/ },
    lifetimeMs: 3600_000,
  });
  after(async () => {
    await sts.stop();
    await issuer.stop();
  });
  const lines: string[] = [];
  const logger = new ConsoleLogger({ write: (l) => lines.push(l) });
  const identity: AwsIdentity = {
    roleArn: "arn:aws:iam::123456789012:role/kubekeep",
    region: "us-east-1",
    sessionDurationMs: 3600_000,
    audience: "sts.amazonaws.com",
    stsEndpoint: sts.endpoint,
    timeoutMs: 5000,
  };
  const env = {
    ACTIONS_ID_TOKEN_REQUEST_URL: issuer.requestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.requestToken,
  };
  let clock = Date.now();
  const session = new RoleSession(identity, logger, env, () => clock);
  const first = await session.credentials();
  assert.equal(sts.issued.length, 1);
  assert.equal(await session.credentials(), first, "reused while far from expiry");
  const tokens = new EksTokenSource(session, { clusterName: "shop" }, logger, () => clock);
  const t1 = await tokens.token();
  clock += 10 * 60_000;
  assert.equal(await tokens.token(), t1, "the same token for 14 minutes");
  clock += 4 * 60_000 + 1000;
  const t2 = await tokens.token();
  assert.notEqual(t2, t1, "a new token after 14 minutes, before the authenticator's 15");
  assert.equal(sts.issued.length, 1, "the credentials still hold");
  clock = first.expiration.getTime() - 4 * 60_000; // within the 5-minute margin
  const renewed = await session.credentials();
  assert.notEqual(renewed.accessKeyId, first.accessKeyId);
  assert.equal(sts.issued.length, 2);
  assert.equal(issuer.issued, 2, "a fresh OIDC token per renewal");
  assert.notEqual(await tokens.token(), t2, "a token signed with the renewed credentials");
  // Concurrent users share one renewal.
  clock = renewed.expiration.getTime() - 60_000;
  await Promise.all([session.credentials(), session.credentials(), tokens.token()]);
  assert.equal(sts.issued.length, 3);
  // Every secret was masked.
  logger.info(`leak? ${renewed.secretAccessKey} ${renewed.sessionToken} ${t2}`);
  assert.doesNotMatch(lines.join("\n"), new RegExp(renewed.secretAccessKey.replace(/[+/=]/g, ".")));
  assert.ok(lines.at(-1)!.includes("leak? *** *** ***"));

  // A trust policy that does not match this workflow: refused with the token's sub named.
  const wrong = new RoleSession(
    { ...identity, roleArn: "arn:aws:iam::123456789012:role/other" },
    logger,
    env,
  );
  await assert.rejects(
    wrong.credentials(),
    /STS refused: AccessDenied.*sub "repo:acme\/fleet:ref:refs\/heads\/main"/,
  );
  // No OIDC permission: said how to fix.
  await assert.rejects(new RoleSession(identity, logger, {}).credentials(), /permissions: id-token: write/);
  // The request token is checked.
  await assert.rejects(
    new RoleSession(identity, logger, { ...env, ACTIONS_ID_TOKEN_REQUEST_TOKEN: "wrong" }).credentials(),
    /HTTP 401 from the token endpoint/,
  );
});

test("the STS stand-in refuses forged web identity tokens (the proofs rest on it)", async () => {
  const issuer = await startOidcIssuer();
  const sts = await startSts({
    issuer,
    roles: { "arn:aws:iam::123456789012:role/k": /^repo:acme\// },
    lifetimeMs: 60_000,
  });
  after(async () => {
    await sts.stop();
    await issuer.stop();
  });
  const { assumeRoleWithWebIdentity } = await import("../../src/aws/sts.ts");
  const ask = (webIdentityToken: string) =>
    assumeRoleWithWebIdentity({
      stsEndpoint: sts.endpoint,
      roleArn: "arn:aws:iam::123456789012:role/k",
      sessionName: "t1",
      durationSeconds: 3600,
      webIdentityToken,
      timeoutMs: 5000,
    });
  const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  await assert.rejects(ask(issuer.mint({}, other)), /InvalidIdentityToken: the token's signature/);
  await assert.rejects(
    ask(issuer.mint({ aud: "someone-else" })),
    /InvalidIdentityToken: incorrect token audience/,
  );
  await assert.rejects(
    ask(issuer.mint({ exp: Math.floor(Date.now() / 1000) - 10 })),
    /ExpiredTokenException/,
  );
  await assert.rejects(ask(issuer.mint({ iss: "https://evil.example" })), /unknown issuer/);
  await assert.rejects(ask(issuer.mint({ sub: "repo:evil/x:ref:refs/heads/main" })), /AccessDenied/);
  assert.ok((await ask(issuer.mint({}))).credentials.sessionToken);
});
