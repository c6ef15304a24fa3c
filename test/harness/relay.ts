/**
 * A TCP relay in front of a server (the sandbox's API server), so a test
 * decides when requests get there rather than the machine's speed. TLS passes
 * through untouched: the client still checks the server's certificate, which
 * names 127.0.0.1 as the relay does.
 */
import net from "node:net";

export interface Relay {
  /** https://127.0.0.1:PORT */
  url: string;
  /** From now on, what clients send is kept back (in order) until release(). */
  hold(): void;
  /** Sends what was kept back, then relays as before. */
  release(): void;
  /**
   * Called with each chunk a client sends, with the connection it came on,
   * before it is relayed or kept back: a hold() from here keeps that chunk.
   */
  onData: ((connection: net.Socket) => void) | undefined;
  close(): void;
}

/**
 * `delayMs` holds each chunk a client sends for that long (in order): with one
 * request a page, an export lasts at least pages x delay on any machine.
 */
export async function tcpRelay(target: string, options: { delayMs?: number } = {}): Promise<Relay> {
  const { hostname, port } = new URL(target);
  const delayMs = options.delayMs ?? 0;
  const sockets = new Set<net.Socket>();
  let held: (() => void)[] | undefined;
  const later = (f: () => void) => {
    const go = () => (delayMs > 0 ? setTimeout(f, delayMs) : f());
    if (held) held.push(go);
    else go();
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => sockets.delete(s));
    }
    client.on("data", (d: Buffer) => {
      relay.onData?.(client);
      later(() => upstream.write(d));
    });
    client.on("end", () => later(() => upstream.end()));
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const relay: Relay = {
    onData: undefined,
    url: `https://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    hold: () => {
      held ??= [];
    },
    release: () => {
      const kept = held ?? [];
      held = undefined;
      for (const f of kept) f();
    },
    close: () => {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
  return relay;
}
