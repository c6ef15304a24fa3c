/**
 * A real HTTP proxy for the proxy tests, in a process of its own so that
 * synchronous callers (the built actions run with spawnSync) go through it
 * too: CONNECT tunnels (https:// targets) and absolute-form requests
 * (http:// targets, forwarded with their Host header). Either way it connects
 * to the requested port on 127.0.0.1 whatever the host name, so a test can
 * name a server as a remote host would be named (and verify the certificate
 * for it). Every request is appended to the log file ("CONNECT host:port",
 * "GET http://host:port/path"); with `--require-auth user:pass` a request
 * without those Basic credentials is answered 407.
 *
 *   node connect-proxy.ts LOGFILE [--require-auth user:pass]
 * prints the port it listens on, then serves until killed.
 */
import fs from "node:fs";
import http from "node:http";
import net from "node:net";

const [log, flag, credentials] = process.argv.slice(2);
if (!log) throw new Error("usage: connect-proxy LOGFILE [--require-auth user:pass]");
const expected =
  flag === "--require-auth" && credentials
    ? `Basic ${Buffer.from(credentials).toString("base64")}`
    : undefined;

const server = http.createServer((req, res) => {
  const target = URL.canParse(req.url ?? "") ? new URL(req.url ?? "") : undefined;
  if (!target) return void res.writeHead(400).end("absolute-form requests only\n");
  if (expected && req.headers["proxy-authorization"] !== expected) {
    fs.appendFileSync(log, `DENIED ${req.method} ${target.href}\n`);
    return void res.writeHead(407, { "Proxy-Authenticate": "Basic" }).end();
  }
  fs.appendFileSync(log, `${req.method} ${target.href}\n`);
  const headers = { ...req.headers };
  delete headers["proxy-authorization"];
  delete headers["proxy-connection"];
  const upstream = http.request(
    {
      host: "127.0.0.1",
      port: Number(target.port || 80),
      method: req.method,
      path: target.pathname + target.search,
      headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", () => res.destroy());
  req.pipe(upstream);
});
server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
  const target = req.url ?? "";
  if (expected && req.headers["proxy-authorization"] !== expected) {
    fs.appendFileSync(log, `DENIED ${target}\n`);
    client.end("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n");
    return;
  }
  fs.appendFileSync(log, `CONNECT ${target}\n`);
  const port = Number(target.slice(target.lastIndexOf(":") + 1));
  const upstream = net.connect(port, "127.0.0.1", () => {
    client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    if (head.length) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on("error", () => client.destroy());
  client.on("error", () => upstream.destroy());
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address() as net.AddressInfo;
  process.stdout.write(`${address.port}\n`);
});
