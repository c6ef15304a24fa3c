/** Readiness probes of a local control plane's servers: one GET, a 200 or not, within 2 s. */
import fs from "node:fs";
import http from "node:http";
import https from "node:https";

/** Client TLS for a probe: files of the CA, and of a client certificate when the server asks for one. */
export interface ProbeTls {
  ca: string;
  cert?: string;
  key?: string;
}

export function httpOk(url: string, tls?: ProbeTls): Promise<boolean> {
  const options: https.RequestOptions = { timeout: 2000 };
  if (tls) {
    options.ca = fs.readFileSync(tls.ca);
    if (tls.cert) options.cert = fs.readFileSync(tls.cert);
    if (tls.key) options.key = fs.readFileSync(tls.key);
  }
  return new Promise((resolve) => {
    const get = url.startsWith("https:") ? https.get : http.get;
    const req = get(url, options, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
  });
}
