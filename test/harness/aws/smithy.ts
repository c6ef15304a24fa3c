/**
 * The stand-ins check signatures with @smithy/signature-v4 (the AWS SDK's own
 * signer, which the S3 SDK carries), not with kubekeep's signer: a mistake in
 * kubekeep's would otherwise be checked against itself.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type http from "node:http";
import { SignatureV4 } from "@smithy/signature-v4";

class Sha256 {
  private readonly h: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: string | Uint8Array) {
    this.h = secret === undefined ? createHash("sha256") : createHmac("sha256", secret);
  }
  update(data: string | Uint8Array): void {
    this.h.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.h.digest());
  }
  reset(): void {}
}

export function signer(opts: {
  service: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  uriEscapePath?: boolean;
}): SignatureV4 {
  return new SignatureV4({
    service: opts.service,
    region: opts.region,
    credentials: opts.credentials,
    sha256: Sha256 as never,
    uriEscapePath: opts.uriEscapePath ?? true,
    applyChecksum: false,
  });
}

/** YYYYMMDDTHHMMSSZ to a Date. */
export function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(text);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

/** Whether a secret (a session token, a signature) is the expected one, in constant time. */
export function sameSecret(got: string, want: string): boolean {
  return got.length === want.length && timingSafeEqual(Buffer.from(got), Buffer.from(want));
}

/**
 * The values of the headers a request says it signed, to sign again; a
 * signed header the request does not carry is `missing`'s refusal.
 */
export function signedHeaderValues(
  req: http.IncomingMessage,
  names: readonly string[],
  missing: (name: string) => Error,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of names) {
    const v = req.headers[h];
    if (typeof v !== "string") throw missing(h);
    headers[h] = v;
  }
  return headers;
}
