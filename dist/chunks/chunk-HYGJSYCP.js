import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  chooseProxy
} from "./chunk-PU6KKUXJ.js";
import {
  seconds
} from "./chunk-A2QQ3WGS.js";
import {
  require_node_http
} from "./chunk-IZKOCMEM.js";
import {
  OperationalError
} from "./chunk-YBANDQLS.js";
import {
  __toESM
} from "./chunk-DY6RLOVI.js";

// src/aws/http.ts
var import_node_http = __toESM(require_node_http(), 1);
import https from "node:https";
var MAX_ANSWER_BYTES = 1 << 20;
function send(url, options) {
  const proxy = chooseProxy(url, void 0, process.env);
  const mod = url.protocol === "https:" ? https : import_node_http.default;
  const agent = proxy ? new mod.Agent({ proxyEnv: proxy.env }) : void 0;
  return new Promise((resolve, reject) => {
    const fail = (err) => {
      req.destroy();
      reject(err);
    };
    const req = mod.request(
      url,
      { method: options.method, headers: options.headers, ...agent ? { agent } : {} },
      (res) => {
        const chunks = [];
        let size = 0;
        res.on("data", (c) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES)
            fail(new OperationalError(`${options.what}: the answer is larger than 1 MiB; not read further`));
          else chunks.push(c);
        });
        res.on("end", () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString("utf8"),
            headers: res.headers
          });
        });
        res.on("error", (err) => fail(err));
      }
    );
    const timer = setTimeout(
      () => fail(
        new OperationalError(
          `${options.what}: no complete answer from ${url.origin} within ${seconds(options.timeoutMs)}; check that it is reachable (and the proxy in between)`
        )
      ),
      options.timeoutMs
    );
    req.on("error", (err) => {
      clearTimeout(timer);
      agent?.destroy();
      reject(
        err instanceof OperationalError ? err : new OperationalError(
          `${options.what}: cannot reach ${url.origin} (${err.code ?? err.message})`
        )
      );
    });
    req.on("close", () => agent?.destroy());
    req.end(options.body);
  });
}

// src/aws/sigv4.ts
import { createHash, createHmac } from "node:crypto";
var ALGORITHM = "AWS4-HMAC-SHA256";
var EMPTY_SHA256 = createHash("sha256").update("").digest("hex");
function uriEncode(value) {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  );
}
function amzDate(now) {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}
function canonicalQuery(params) {
  return [...params].map(([k, v]) => [uriEncode(k), uriEncode(v)]).sort(([a, av], [b, bv]) => a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0).map(([k, v]) => `${k}=${v}`).join("&");
}
function canonicalPath(pathname, escapePath) {
  if (!escapePath) return pathname || "/";
  return (pathname || "/").split("/").map(uriEncode).join("/");
}
function canonicalHeaders(headers) {
  const entries = Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, " ")]).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return {
    text: entries.map(([k, v]) => `${k}:${v}
`).join(""),
    signed: entries.map(([k]) => k).join(";")
  };
}
function signingKey(secret, day, region, service) {
  const hmac = (key, data) => createHmac("sha256", key).update(data).digest();
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), "aws4_request");
}
function sha256Hex(text) {
  return createHash("sha256").update(text).digest("hex");
}
function signature(canonicalRequest, date, scope, key) {
  const stringToSign = [ALGORITHM, date, scope, sha256Hex(canonicalRequest)].join("\n");
  return { stringToSign, signature: createHmac("sha256", key).update(stringToSign).digest("hex") };
}
function presignUrl(req) {
  const date = amzDate(req.now);
  const day = date.slice(0, 8);
  const scope = `${day}/${req.region}/${req.service}/aws4_request`;
  const headers = canonicalHeaders({ host: req.url.host, ...req.headers });
  const url = new URL(req.url);
  const q = url.searchParams;
  q.set("X-Amz-Algorithm", ALGORITHM);
  q.set("X-Amz-Credential", `${req.credentials.accessKeyId}/${scope}`);
  q.set("X-Amz-Date", date);
  q.set("X-Amz-Expires", String(req.expiresSeconds));
  q.set("X-Amz-SignedHeaders", headers.signed);
  if (req.credentials.sessionToken) q.set("X-Amz-Security-Token", req.credentials.sessionToken);
  const canonical = [
    req.method ?? "GET",
    canonicalPath(url.pathname, req.escapePath ?? true),
    canonicalQuery(q.entries()),
    headers.text,
    headers.signed,
    req.payloadHash ?? EMPTY_SHA256
  ].join("\n");
  const key = signingKey(req.credentials.secretAccessKey, day, req.region, req.service);
  url.search = `${canonicalQuery(q.entries())}&X-Amz-Signature=${signature(canonical, date, scope, key).signature}`;
  return url;
}
function signedHeaders(req) {
  const date = amzDate(req.now);
  const day = date.slice(0, 8);
  const scope = `${day}/${req.region}/${req.service}/aws4_request`;
  const sent = {
    ...req.headers,
    host: req.url.host,
    "x-amz-date": date,
    ...req.credentials.sessionToken ? { "x-amz-security-token": req.credentials.sessionToken } : {}
  };
  const headers = canonicalHeaders(sent);
  const canonical = [
    req.method,
    canonicalPath(req.url.pathname, true),
    canonicalQuery(req.url.searchParams.entries()),
    headers.text,
    headers.signed,
    req.payloadHash ?? EMPTY_SHA256
  ].join("\n");
  const key = signingKey(req.credentials.secretAccessKey, day, req.region, req.service);
  const sig = signature(canonical, date, scope, key).signature;
  return {
    ...sent,
    authorization: `${ALGORITHM} Credential=${req.credentials.accessKeyId}/${scope}, SignedHeaders=${headers.signed}, Signature=${sig}`
  };
}

export {
  send,
  presignUrl,
  signedHeaders
};
