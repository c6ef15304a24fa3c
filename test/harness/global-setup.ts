// Builds (or finds cached) the sandbox binaries once, before any integration
// test file starts its own sandbox, so a cold first run shows one build log.
import { ConsoleLogger } from "../../src/core/logger.ts";
import { ensureBinaries } from "../../src/sandbox/binaries.ts";

export async function globalSetup(): Promise<void> {
  await ensureBinaries(new ConsoleLogger());
}
