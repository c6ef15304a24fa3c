#!/usr/bin/env node
// The kubekeep CLI: the same capabilities as the Actions, their inputs as flags.
import fs from "node:fs";
import pkg from "../../package.json" with { type: "json" };
import { CAPABILITIES, findCapability } from "../capabilities.ts";
import { CapabilityFailure, type AnyCapability } from "../config/capability.ts";
import { fromRecord } from "../config/inputs.ts";
import { input, readInputs, type InputSchema } from "../config/schema.ts";
import { ConfigurationError } from "../core/errors.ts";
import { describeFailure } from "../core/failure.ts";
import { ConsoleLogger } from "../core/logger.ts";
import { toText } from "../report/report.ts";
import { didYouMean } from "../core/suggest.ts";
import { parseFlags, secretEnvName, secretsFromEnv, type FlagSpec } from "./args.ts";
import { commandHelp, usage } from "./help.ts";

/** How a capability is typed on the command line: `etcd-snapshot` is `etcd snapshot`. */
const cliName = (cap: string) => (cap.startsWith("etcd-") ? `etcd ${cap.slice("etcd-".length)}` : cap);

const SANDBOX_SUBCOMMANDS = ["up", "down", "status"] as const;
const dirInput = (what: string, fallback: string) =>
  input.string({ description: `Folder of the ${what}.`, defaultText: fallback });
const SANDBOX_INPUTS = {
  dir: dirInput("sandbox's state, servers and logs", "$KUBEKEEP_SANDBOX_DIR, else .kubekeep/sandbox"),
  workers: input.integer({ description: "up: worker nodes to add.", default: 3, min: 0, max: 100 }),
};
const DEMO_INPUTS = { dir: dirInput("demo's results and server logs", ".kubekeep/demo") };

const EXTRA_COMMANDS = [
  { name: "sandbox", summary: "up | down | status: a local cluster and S3 server to try kubekeep on" },
  { name: "demo", summary: "start a sandbox and run every capability against it" },
];

async function fullUsage(only?: (name: string) => boolean): Promise<string> {
  const caps = await Promise.all(CAPABILITIES.filter((c) => !only || only(c.name)).map((c) => c.load()));
  return usage([
    ...caps.map((c) => ({ name: cliName(c.name), summary: c.summary })),
    ...(only ? [] : EXTRA_COMMANDS),
  ]);
}

function capabilityHelp(cap: AnyCapability): string {
  return commandHelp({
    command: `kubekeep ${cliName(cap.name)}`,
    description: cap.description,
    inputs: cap.inputs,
    ...(cap.positional ? { positional: cap.positional } : {}),
  });
}

/** Splits `[global flags] <command words> [flags and arguments]`. */
function splitCommand(argv: readonly string[]) {
  const words: string[] = [];
  let verbose = false;
  let help = false;
  let version = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--verbose") verbose = true;
    else if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--version") version = true;
    else if (arg.startsWith("-")) break;
    else if (words.length === 0) words.push(arg);
    else if (words[0] === "help" || (words.length === 1 && ["etcd", "sandbox"].includes(words[0] as string)))
      words.push(arg);
    else break;
  }
  return { words, rest: argv.slice(i), verbose, help, version };
}

function unknownCommand(name: string): ConfigurationError {
  const names = [...CAPABILITIES.map((c) => cliName(c.name)), ...EXTRA_COMMANDS.map((c) => c.name), "help"];
  const near = didYouMean(name, names);
  return new ConfigurationError(
    `unknown command ${JSON.stringify(name)}${near ? `; did you mean \`kubekeep ${near}\`?` : ""} (\`kubekeep --help\` lists the commands)`,
  );
}

async function resolveCapability(words: string[]): Promise<AnyCapability | "etcd" | undefined> {
  const [first, second] = words;
  if (first === "etcd") {
    if (second === undefined) return "etcd";
    const cap = await findCapability(`etcd-${second}`);
    if (!cap) throw unknownCommand(`etcd ${second}`);
    return cap;
  }
  return first === undefined ? undefined : findCapability(first);
}

async function main(argv: string[], logger: ConsoleLogger): Promise<number> {
  const { words, rest, help, version } = splitCommand(argv);
  if (version) {
    process.stdout.write(`kubekeep ${pkg.version}\n`);
    return 0;
  }
  if (words[0] === "help") return main([...words.slice(1), "--help"], logger);
  if (words.length === 0) {
    process.stdout.write(`${await fullUsage()}\n`);
    return help ? 0 : 2;
  }

  const [first] = words as [string];
  if (first === "sandbox" || first === "demo") {
    const command = first === "sandbox" ? `kubekeep sandbox ${words[1] ?? ""}`.trim() : "kubekeep demo";
    const schema: InputSchema = first === "sandbox" ? SANDBOX_INPUTS : DEMO_INPUTS;
    const parsed = parseFlags(rest, { command, inputs: schema });
    if (help || parsed.help) {
      const description =
        first === "sandbox"
          ? "up: start a local cluster (etcd, kube-apiserver, controllers, kwok nodes) and an S3 server, and leave them running; down: stop and remove them; status: show what runs."
          : "Start a sandbox and run every capability against it; results and server logs stay in the folder.";
      process.stdout.write(
        `${commandHelp({ command: first === "sandbox" ? "kubekeep sandbox up|down|status" : "kubekeep demo", description, inputs: schema })}\n`,
      );
      return 0;
    }
    readInputs(schema, fromRecord(parsed.flags)); // checks the values before anything starts
    if (first === "demo") return (await import("./demo.ts")).runDemo(parsed.flags, logger);
    const sub = words[1];
    if (!sub || !(SANDBOX_SUBCOMMANDS as readonly string[]).includes(sub)) {
      const near = sub ? didYouMean(sub, SANDBOX_SUBCOMMANDS) : undefined;
      throw new ConfigurationError(
        `sandbox: expected up, down or status, got ${JSON.stringify(sub ?? "")}${near ? `; did you mean ${near}?` : ""}`,
      );
    }
    const { sandboxCommand } = await import("./sandbox.ts");
    await sandboxCommand(sub, parsed.flags, logger);
    return 0;
  }

  const cap = await resolveCapability(words);
  if (cap === "etcd") {
    // `kubekeep etcd` alone: the etcd commands.
    process.stdout.write(`${await fullUsage((n) => n.startsWith("etcd-"))}\n`);
    return help ? 0 : 2;
  }
  if (!cap) throw unknownCommand(first);
  const spec: FlagSpec = {
    command: `kubekeep ${cliName(cap.name)}`,
    inputs: cap.inputs,
    ...(cap.positional ? { positional: cap.positional } : {}),
  };
  const parsed = parseFlags(rest, spec);
  if (help || parsed.help) {
    process.stdout.write(`${capabilityHelp(cap)}\n`);
    return 0;
  }
  const flags = { ...secretsFromEnv(cap.inputs, parsed.flags), ...parsed.flags };
  for (const [name, decl] of Object.entries(cap.inputs)) {
    const value = flags[name];
    if (!decl.secret || !value) continue;
    logger.setSecret(value);
    // A path to the secret (a kubeconfig file) is fine on a command line; the secret itself is not.
    if (name in parsed.flags && !fs.existsSync(value))
      logger.warning(
        `--${name} on the command line is visible to other users of this machine (ps); set ${secretEnvName(name)} instead`,
      );
  }
  const result = await cap.run(cap.parse(fromRecord(flags)), { logger });
  process.stdout.write(toText(result.report) + "\n\n");
  for (const [k, v] of Object.entries(result.outputs)) process.stdout.write(`${k}=${String(v)}\n`);
  return 0;
}

// Known before parsing, so even a failure to parse the flags honours it.
const verbose = process.argv.slice(2).some((a) => a === "--verbose" || a === "--verbose=true");
const logger = new ConsoleLogger({ verbose });

function fail(err: unknown): never {
  if (err instanceof CapabilityFailure) process.stdout.write(toText(err.result.report) + "\n\n");
  const { message, stack } = describeFailure(err, { stacks: verbose, howToGetStack: "rerun with --verbose" });
  // Masked, so a secret that reached a message is hidden here too.
  process.stderr.write(`kubekeep: ${logger.mask(message)}\n${stack ? `${logger.mask(stack)}\n` : ""}`);
  process.exit(1);
}

// Outside the awaited chain too: the same message instead of Node's crash dump.
process.on("unhandledRejection", fail);
process.on("uncaughtException", fail);
main(process.argv.slice(2), logger).then((code) => process.exit(code), fail);
