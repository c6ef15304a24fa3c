/**
 * S3 that knows the STS stand-in's credentials: a gate on loopback in front
 * of the sandbox's versitygw that checks what S3 checks of a request signed
 * with temporary credentials (the access key is one STS issued and not
 * expired, X-Amz-Security-Token is its session token, the date is within 15
 * minutes, and the header signature, recomputed with the AWS SDK's own
 * signer, matches), then re-signs it with versitygw's root key and passes it
 * on. versitygw's own accounts take no session tokens, so the gate holds
 * them; an expired or unknown key is refused with S3's error codes.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseAmzDate, sameSecret, signedHeaderValues, signer } from "./smithy.ts";
import type { StsStandIn } from "./sts.ts";

export interface S3Gate {
  endpoint: string;
  refusals: string[];
  forwarded: number;
  stop(): Promise<void>;
}

const HOP = new Set(["connection", "keep-alive", "transfer-encoding", "authorization", "host"]);

export async function startS3Gate(options: {
  sts: StsStandIn;
  upstream: { endpoint: string; region: string; accessKeyId: string; secretAccessKey: string };
}): Promise<S3Gate> {
  const upstream = new URL(options.upstream.endpoint);
  const state = { refusals: [] as string[], forwarded: 0 };

  async function check(req: http.IncomingMessage, url: URL): Promise<void> {
    const auth =
      /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
        req.headers.authorization ?? "",
      );
    if (!auth) throw refusal(403, "AccessDenied", "no SigV4 Authorization header");
    const [, key, , region, signedHeaders, signature] = auth as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const c = options.sts.issued.find((i) => i.accessKeyId === key);
    if (!c)
      throw refusal(
        403,
        "InvalidAccessKeyId",
        "The AWS Access Key Id you provided does not exist in our records.",
      );
    if (c.expired || c.expiration.getTime() <= Date.now())
      throw refusal(400, "ExpiredToken", "The provided token has expired.");
    if (!sameSecret(String(req.headers["x-amz-security-token"] ?? ""), c.sessionToken))
      throw refusal(400, "InvalidToken", "The provided token is malformed or otherwise invalid.");
    const date = parseAmzDate(String(req.headers["x-amz-date"] ?? ""));
    if (!date || Math.abs(Date.now() - date.getTime()) > 15 * 60_000)
      throw refusal(403, "RequestTimeTooSkewed", "bad x-amz-date");
    const headers = signedHeaderValues(req, signedHeaders.split(";"), (h) =>
      refusal(403, "SignatureDoesNotMatch", `signed header ${h} is missing`),
    );
    const query = queryOf(url);
    const expected = await signer({
      service: "s3",
      region,
      credentials: {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
      },
      uriEscapePath: false,
    }).sign(
      {
        method: req.method,
        protocol: "http:",
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        query,
        headers,
      } as never,
      {
        signingDate: date,
      },
    );
    const want =
      /Signature=([0-9a-f]{64})/.exec(
        String((expected as unknown as { headers: Record<string, string> }).headers.authorization),
      )?.[1] ?? "";
    if (!sameSecret(signature, want))
      throw refusal(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided.",
      );
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      check(req, url)
        .then(async () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(req.headers))
            if (!HOP.has(k) && k !== "x-amz-security-token" && v !== undefined)
              headers[k] = Array.isArray(v) ? v.join(",") : v;
          headers.host = upstream.host;
          const query = queryOf(url);
          const signed = (await signer({
            service: "s3",
            region: options.upstream.region,
            credentials: {
              accessKeyId: options.upstream.accessKeyId,
              secretAccessKey: options.upstream.secretAccessKey,
            },
            uriEscapePath: false,
          }).sign(
            {
              method: req.method,
              protocol: "http:",
              hostname: upstream.hostname,
              port: Number(upstream.port),
              path: url.pathname,
              query,
              headers,
            } as never,
            {
              signingDate: new Date(),
            },
          )) as unknown as { headers: Record<string, string> };
          state.forwarded++;
          const out = http.request(
            {
              host: upstream.hostname,
              port: upstream.port,
              method: req.method,
              path: req.url,
              headers: signed.headers,
            },
            (up) => {
              res.writeHead(up.statusCode ?? 502, up.headers);
              up.pipe(res);
            },
          );
          out.on("error", (err) => res.destroy(err));
          out.end(Buffer.concat(chunks));
        })
        .catch((err: unknown) => {
          const r = err as { status?: number; code?: string; message: string };
          state.refusals.push(`${r.code ?? "InternalError"}: ${r.message}`);
          res
            .writeHead(r.status ?? 500, { "content-type": "application/xml" })
            .end(
              `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${r.code ?? "InternalError"}</Code><Message>${r.message}</Message></Error>`,
            );
        });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get refusals() {
      return state.refusals;
    },
    get forwarded() {
      return state.forwarded;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function refusal(status: number, code: string, message: string): Error & { status: number; code: string } {
  return Object.assign(new Error(message), { status, code });
}

/** The query as the signer takes it: repeated names as lists. */
function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return query;
}
