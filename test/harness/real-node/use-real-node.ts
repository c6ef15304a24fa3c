/**
 * node:test glue for the real node, like `useSandbox()`: takes the
 * host-wide lock (waiting for another holder, up to `waitForLockMs`), brings
 * up a fresh kubeadm node for the test file, and tears it down afterwards,
 * restoring the host, whatever the tests did. Logs stay in
 * ~/.cache/kubekeep/real-node/logs until the next run.
 */
import { after, before } from "node:test";
import path from "node:path";
import type { KubeClient } from "../../../src/cluster/client.ts";
import { KubeClient as Client } from "../../../src/cluster/client.ts";
import { ConsoleLogger } from "../../../src/core/logger.ts";
import { acquireLock, type RealNodeLock } from "./lock.ts";
import { prepareRealNode, realNodeDown, realNodeUp, type RealNodeInfo } from "./node.ts";
import type { PackageSource } from "./apt-install.ts";
import { readiness } from "../wait.ts";

export interface RealNodeOptions {
  /** The release `kubeadm init` installs (default v1.34.4). */
  version?: string;
  /** How long to wait for another holder of the real node (default 40 min). */
  waitForLockMs?: number;
  /**
   * Install the node's packages with apt from this repository, asked for when
   * the node starts (file-level before() hooks do not wait for each other, so
   * a repository started in one could be missing here).
   */
  packages?: () => Promise<PackageSource>;
}

export interface RealNodeFixture {
  readonly info: RealNodeInfo;
  /** A client with kubeadm's admin.conf. */
  readonly client: KubeClient;
  /** The measured time `down` took (after the file's tests). */
  readonly teardownMs: number | undefined;
  /** Settles when the node is up: a before() hook that uses it awaits this first. */
  ready(): Promise<void>;
}

export function useRealNode(options: RealNodeOptions = {}): RealNodeFixture {
  const logger = new ConsoleLogger();
  let info: RealNodeInfo | undefined;
  let client: KubeClient | undefined;
  let lock: RealNodeLock | undefined;
  let teardownMs: number | undefined;
  const caller = path.basename(process.argv[1] ?? "a test");
  const state = readiness();
  before(() =>
    state.started(async () => {
      // Build outside the lock: another file's node may be running meanwhile.
      await prepareRealNode(logger, options.version);
      lock = await acquireLock({
        holder: `the test ${caller} (useRealNode)`,
        waitMs: options.waitForLockMs ?? 40 * 60_000,
        logger,
      });
      try {
        info = await realNodeUp({
          logger,
          version: options.version,
          ...(options.packages ? { packages: await options.packages() } : {}),
        });
        client = await Client.fromFile(info.kubeconfig);
      } catch (err) {
        await realNodeDown({ logger }).catch(() => undefined);
        lock.release();
        lock = undefined;
        throw err;
      }
    }),
  );
  after(async () => {
    client?.close();
    try {
      if (lock) teardownMs = (await realNodeDown({ logger })).ms;
    } finally {
      lock?.release();
    }
  });
  return {
    ready: state.ready,
    get info() {
      if (!info) throw new Error("real node not started (use it inside a test)");
      return info;
    },
    get client() {
      if (!client) throw new Error("real node not started (use it inside a test)");
      return client;
    },
    get teardownMs() {
      return teardownMs;
    },
  };
}
