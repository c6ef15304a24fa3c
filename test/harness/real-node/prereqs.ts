/**
 * What the real node needs from the host before anything changes: root, the
 * Debian packages (scripts/real-node-prereqs.sh installs the missing ones),
 * and its fixed ports free.
 */
import net from "node:net";
import path from "node:path";
import { FIXED_PORTS, HERE } from "./config.ts";
import { run } from "./run.ts";

export const PREREQS_SCRIPT = path.resolve(HERE, "../../../scripts/real-node-prereqs.sh");

export async function checkPrerequisites(): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      "the real node changes the host (containerd, kubelet, iptables, sysctls) and must run as root",
    );
  }
  await run("sh", [PREREQS_SCRIPT], { timeoutMs: 20 * 60_000 });
  const busy: number[] = [];
  for (const port of FIXED_PORTS) if (!(await portFree(port))) busy.push(port);
  if (busy.length > 0) {
    throw new Error(
      `ports ${busy.join(", ")} are in use; a kubeadm node needs them (another cluster, or leftovers: ` +
        "`npm run real-node -- down` cleans the harness's own)",
    );
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "0.0.0.0", () => server.close(() => resolve(true)));
  });
}
