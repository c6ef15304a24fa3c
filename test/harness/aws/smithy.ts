/**
 * The stand-ins check signatures with @smithy/signature-v4 (the AWS SDK's own
 * signer, which the S3 SDK carries), not with kubekeep's signer: a mistake in
 * kubekeep's would otherwise be checked against itself.
 */
import { createHash, createHmac } from "node:crypto";
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
