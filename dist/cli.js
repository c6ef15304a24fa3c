#!/usr/bin/env node
import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ConsoleLogger
} from "./chunks/chunk-GYHDHE6J.js";
import {
  findCapability,
  loadAllCapabilities
} from "./chunks/chunk-3VZX2DSW.js";
import {
  fromRecord
} from "./chunks/chunk-4KLN52HN.js";
import "./chunks/chunk-T4ZVIX6G.js";
import {
  CapabilityFailure
} from "./chunks/chunk-NU5444CJ.js";
import {
  toText
} from "./chunks/chunk-VVDQKYP6.js";
import {
  ConfigurationError,
  UserFacingError,
  errorMessage
} from "./chunks/chunk-YBANDQLS.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/cli/args.ts
function parseArgs(argv) {
  const positionals = [];
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    let name;
    let value;
    if (eq > 0) {
      name = arg.slice(2, eq);
      value = arg.slice(eq + 1);
    } else {
      name = arg.slice(2);
      const next = argv[i + 1];
      if (next !== void 0 && !next.startsWith("--")) {
        value = next;
        i++;
      } else value = "true";
    }
    if (!/^[a-z][a-z0-9-]*$/.test(name))
      throw new ConfigurationError(
        `unknown flag ${JSON.stringify(arg)}: flags look like --name or --name=value`
      );
    flags[name] = name in flags ? `${flags[name]}
${value}` : value;
  }
  return { positionals, flags };
}

// src/cli/main.ts
async function usage() {
  const capabilities = await loadAllCapabilities();
  const width = Math.max(...capabilities.map((c) => c.name.length), "sandbox".length);
  return [
    "usage: kubekeep <command> [--input value ...]",
    "",
    "Flags are the action's input names (see actions/<command>/action.yml).",
    "",
    ...capabilities.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${"sandbox".padEnd(width)}  up | down | status: a local cluster and S3 server to try kubekeep on`,
    `  ${"demo".padEnd(width)}  start a sandbox and run every capability against it`
  ].join("\n");
}
async function main(argv) {
  const { positionals, flags } = parseArgs(argv);
  const logger = new ConsoleLogger({ verbose: flags.verbose === "true" });
  const [first, ...rest] = positionals;
  const command = first === "etcd" && rest[0] ? `etcd-${rest.shift()}` : first;
  if (!command || command === "help" || flags.help === "true") {
    process.stdout.write(await usage() + "\n");
    return command || flags.help ? 0 : 2;
  }
  if (command === "sandbox") {
    const { sandboxCommand } = await import("./chunks/sandbox-BIQRU7GZ.js");
    await sandboxCommand(rest[0], flags, logger);
    return 0;
  }
  if (command === "demo") return (await import("./chunks/demo-QU53HCLH.js")).runDemo(flags, logger);
  const cap = await findCapability(command);
  if (!cap) throw new ConfigurationError(`unknown command ${JSON.stringify(command)}

${await usage()}`);
  const result = await cap.run(cap.parse(fromRecord(flags)), { logger });
  process.stdout.write(toText(result.report) + "\n\n");
  for (const [k, v] of Object.entries(result.outputs)) process.stdout.write(`${k}=${String(v)}
`);
  return 0;
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof CapabilityFailure) process.stdout.write(toText(err.result.report) + "\n\n");
    process.stderr.write(
      `kubekeep: ${err instanceof UserFacingError ? err.message : err instanceof Error ? err.stack ?? errorMessage(err) : String(err)}
`
    );
    process.exit(1);
  }
);
