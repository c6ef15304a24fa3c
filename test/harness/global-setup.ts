// Builds (or finds cached) the sandbox binaries and the tools the tests use
// (act, the SSH server) once, before any integration test file starts its own
// sandbox, so a cold first run shows one build log with its progress.
import { ConsoleLogger } from "../../src/core/logger.ts";
import { SANDBOX_COMPONENTS } from "../../src/sandbox/binaries.ts";
import { ensureComponents } from "./tools/binaries.ts";

export async function globalSetup(): Promise<void> {
  await ensureComponents([...SANDBOX_COMPONENTS, "sshd", "act"], new ConsoleLogger());
}
