/**
 * A real HTTP CONNECT proxy for the proxy tests, in a process of its own so
 * that synchronous callers (the built actions run with spawnSync) go through
 * it too. Tunnels go to the requested host's port on 127.0.0.1 whatever the
 * host name, so a kubeconfig can name the API server as a remote host would
 * be named (and verify the certificate for it). Every CONNECT target is
 * appended to the log file; with `--require-auth user:pass` a request without
 * those Basic credentials is answered 407.
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

const server = http.createServer((_req, res) => {
  res.writeHead(405).end("CONNECT only\n");
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
