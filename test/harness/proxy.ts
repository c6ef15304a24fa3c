/** Starts connect-proxy.ts as a child process; see there. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TestProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** What the proxy was asked so far: "CONNECT host:port", "GET http://host:port/path", or either after "DENIED". */
  requests(): string[];
  stop(): Promise<void>;
}

export async function startConnectProxy(options: { requireAuth?: string } = {}): Promise<TestProxy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-proxy-"));
  const log = path.join(dir, "requests.log");
  fs.writeFileSync(log, "");
  const args = [path.join(import.meta.dirname, "connect-proxy.ts"), log];
  if (options.requireAuth) args.push("--require-auth", options.requireAuth);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve(Number(out.trim()));
    });
    child.on("exit", (code) => reject(new Error(`the test proxy exited (${code}) before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: () => fs.readFileSync(log, "utf8").split("\n").filter(Boolean),
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill();
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
