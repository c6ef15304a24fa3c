/**
 * A 127.0.0.1 port where nothing listens, for tests of "connection refused".
 *
 * Not a port found free and let go (src/core/ports.ts's freePort): every
 * process on the machine, the sandbox's own included, takes its random ports
 * from the same ephemeral range, and in CI one of them took such a port
 * between the test choosing it and using it. A port below 1024 is outside
 * that range and only root binds it, by name: checked to refuse now, it stays
 * refused for the test's life.
 */
import net from "node:net";

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.setTimeout(2000);
    s.once("connect", () => {
      s.destroy();
      resolve(false);
    });
    s.once("timeout", () => {
      s.destroy();
      resolve(false);
    });
    s.once("error", (err: NodeJS.ErrnoException) => resolve(err.code === "ECONNREFUSED"));
  });
}

export async function refusedPort(): Promise<number> {
  for (let port = 1023; port >= 900; port--) if (await refuses(port)) return port;
  throw new Error("every 127.0.0.1 port from 900 to 1023 accepts connections: no refused port for the test");
}
