/**
 * A stand-in for the EKS API's DescribeCluster on loopback that checks what
 * EKS checks: `GET /clusters/<name>` signed with SigV4 in the Authorization
 * header (service eks, the stand-in's region), with credentials the STS
 * stand-in issued and that have not expired, their session token, a date
 * within five minutes, and a signature that the AWS SDK's own signer
 * (smithy.ts), recomputed over the request, agrees with. It answers the
 * clusters it knows with their endpoint and CA (the sandbox's), as EKS does;
 * `answers` can replace an answer, to prove what kubekeep refuses.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseAmzDate, sameSecret, signedHeaderValues, signer } from "./smithy.ts";
import type { IssuedCredential } from "./sts.ts";

export interface EksCluster {
  endpoint: string;
  /** PEM. */
  ca: string;
  version?: string;
}

export interface EksStandIn {
  endpoint: string;
  region: string;
  /** Mutable: the clusters it knows, by name (fill in once the sandbox runs). */
  clusters: Record<string, EksCluster>;
  /** Mutable: a forged answer body per cluster name, instead of the real one. */
  answers: Map<string, unknown>;
  /** Why requests were refused, in order. */
  refusals: string[];
  /** DescribeCluster calls answered. */
  described: number;
  stop(): Promise<void>;
}

class Refusal extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function startEks(options: {
  region: string;
  /** The credentials STS issued (the stand-in's list, read on every request). */
  issued: IssuedCredential[];
}): Promise<EksStandIn> {
  const { region } = options;
  const state: EksStandIn = {
    endpoint: "",
    region,
    clusters: {},
    answers: new Map(),
    refusals: [],
    described: 0,
    stop: async () => {},
  };

  async function describe(req: http.IncomingMessage, url: URL): Promise<unknown> {
    const auth =
      /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
        req.headers.authorization ?? "",
      );
    if (!auth) throw new Refusal(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    const [, key, day, credRegion, service, signedList, signature] = auth as unknown as string[];
    if (service !== "eks" || credRegion !== region)
      throw new Refusal(403, "InvalidSignatureException", `Credential should be scoped to ${region}/eks`);
    const c = options.issued.find((i) => i.accessKeyId === key);
    if (!c)
      throw new Refusal(
        403,
        "UnrecognizedClientException",
        "The security token included in the request is invalid",
      );
    if (c.expired || c.expiration.getTime() <= Date.now())
      throw new Refusal(
        403,
        "ExpiredTokenException",
        "The security token included in the request is expired",
      );
    const token = String(req.headers["x-amz-security-token"] ?? "");
    if (!sameSecret(token, c.sessionToken))
      throw new Refusal(
        403,
        "UnrecognizedClientException",
        "The security token included in the request is invalid",
      );
    const amzDate = String(req.headers["x-amz-date"] ?? "");
    const date = parseAmzDate(amzDate);
    if (!date || amzDate.slice(0, 8) !== day)
      throw new Refusal(403, "InvalidSignatureException", "bad X-Amz-Date");
    if (Math.abs(Date.now() - date.getTime()) > 5 * 60_000)
      throw new Refusal(403, "InvalidSignatureException", "Signature expired");
    const signed = (signedList ?? "").split(";");
    for (const h of ["host", "x-amz-date", "x-amz-security-token"])
      if (!signed.includes(h)) throw new Refusal(403, "InvalidSignatureException", `${h} must be signed`);
    const headers = signedHeaderValues(
      req,
      signed,
      (h) => new Refusal(403, "InvalidSignatureException", `signed header ${h} is missing`),
    );
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const expected = await signer({
      service: "eks",
      region,
      credentials: {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
      },
    }).sign(
      {
        method: "GET",
        protocol: "http:",
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        query,
        headers,
      },
      { signingDate: date },
    );
    const want = /Signature=([0-9a-f]{64})/.exec(String(expected.headers.authorization ?? ""))?.[1] ?? "";
    if (want.length !== 64 || !sameSecret(signature ?? "", want))
      throw new Refusal(
        403,
        "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided",
      );
    const m = /^\/clusters\/([^/]+)$/.exec(url.pathname);
    const name = m ? decodeURIComponent(m[1] as string) : "";
    if (state.answers.has(name)) return state.answers.get(name);
    const cluster = state.clusters[name];
    if (!cluster) throw new Refusal(404, "ResourceNotFoundException", `No cluster found for name: ${name}.`);
    state.described++;
    return {
      cluster: {
        name,
        arn: `arn:aws:eks:${region}:123456789012:cluster/${name}`,
        version: cluster.version ?? "1.35",
        endpoint: cluster.endpoint,
        certificateAuthority: { data: Buffer.from(cluster.ca).toString("base64") },
        status: "ACTIVE",
      },
    };
  }

  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const answer = async () => {
        if (req.method !== "GET" || !url.pathname.startsWith("/clusters/"))
          throw new Refusal(404, "UnknownOperationException", "unsupported operation");
        return describe(req, url);
      };
      answer().then(
        (body) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body)),
        (err: unknown) => {
          const r = err instanceof Refusal ? err : new Refusal(500, "ServerException", String(err));
          state.refusals.push(`${r.code}: ${r.message}`);
          res
            .writeHead(r.status, { "content-type": "application/json", "x-amzn-errortype": r.code })
            .end(JSON.stringify({ message: r.message }));
        },
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return state;
}
