#!/usr/bin/env node
// The kubekeep CLI: the same capabilities as the Actions, with flags for inputs.
import { findCapability, loadAllCapabilities } from "../capabilities.ts";
import { CapabilityFailure } from "../core/capability.ts";
import { fromRecord } from "../config/inputs.ts";
import { ConfigurationError, errorMessage, UserFacingError } from "../core/errors.ts";
import { ConsoleLogger } from "../core/logger.ts";
import { toText } from "../report/report.ts";
import { parseArgs } from "./args.ts";

async function usage(): Promise<string> {
  const capabilities = await loadAllCapabilities();
  const width = Math.max(...capabilities.map((c) => c.name.length), "sandbox".length);
  return [
    "usage: kubekeep <command> [--input value ...]",
    "",
    "Flags are the action's input names (see actions/<command>/action.yml).",
    "",
    ...capabilities.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${"sandbox".padEnd(width)}  up | down | status: a local cluster and S3 server to try kubekeep on`,
    `  ${"demo".padEnd(width)}  start a sandbox and run every capability against it`,
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const { positionals, flags } = parseArgs(argv);
  const logger = new ConsoleLogger({ verbose: flags.verbose === "true" });
  const [first, ...rest] = positionals;
  // `kubekeep etcd snapshot` is the etcd-snapshot capability (likewise verify, list, prune, restore).
  const command = first === "etcd" && rest[0] ? `etcd-${rest.shift() as string}` : first;
  if (!command || command === "help" || flags.help === "true") {
    process.stdout.write((await usage()) + "\n");
    return command || flags.help ? 0 : 2;
  }
  // Loaded on demand: they pull in the sandbox and every capability.
  if (command === "sandbox") {
    const { sandboxCommand } = await import("./sandbox.ts");
    await sandboxCommand(rest[0], flags, logger);
    return 0;
  }
  if (command === "demo") return (await import("./demo.ts")).runDemo(flags, logger);
  const cap = await findCapability(command);
  if (!cap) throw new ConfigurationError(`unknown command ${JSON.stringify(command)}\n\n${await usage()}`);
  const result = await cap.run(cap.parse(fromRecord(flags)), { logger });
  process.stdout.write(toText(result.report) + "\n\n");
  for (const [k, v] of Object.entries(result.outputs)) process.stdout.write(`${k}=${String(v)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof CapabilityFailure) process.stdout.write(toText(err.result.report) + "\n\n");
    process.stderr.write(
      `kubekeep: ${err instanceof UserFacingError ? err.message : err instanceof Error ? (err.stack ?? errorMessage(err)) : String(err)}\n`,
    );
    process.exit(1);
  },
);
