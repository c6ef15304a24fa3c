/**
 * node:test glue for the sandbox: `useSandbox()` starts a fresh real control
 * plane (+ S3) for the test file and stops it afterwards, keeping its folder
 * (logs) only when a test failed.
 */
import { after, before } from "node:test";
import type { KubeClient } from "../../src/cluster/client.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/sandbox.ts";
import { readiness } from "./wait.ts";

export interface SandboxFixture {
  readonly sandbox: Sandbox;
  readonly client: KubeClient;
  /** Settles when the sandbox runs: a before() hook that uses it awaits this first. */
  ready(): Promise<void>;
}

export function useSandbox(options: SandboxOptions = {}): SandboxFixture {
  let sandbox: Sandbox | undefined;
  let client: KubeClient | undefined;
  const state = readiness();
  before(() =>
    state.started(async () => {
      sandbox = await startSandbox({ logger: new ConsoleLogger(), ...options });
      client = await sandbox.client();
    }),
  );
  after(async () => {
    client?.close();
    // Keep logs of failed runs for diagnosis; a passing run cleans up.
    await sandbox?.stop({ removeDir: process.exitCode === undefined || process.exitCode === 0 });
  });
  return {
    ready: state.ready,
    get sandbox() {
      if (!sandbox) throw new Error("sandbox not started (use it inside a test)");
      return sandbox;
    },
    get client() {
      if (!client) throw new Error("sandbox not started (use it inside a test)");
      return client;
    },
  };
}
