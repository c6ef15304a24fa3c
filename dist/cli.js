#!/usr/bin/env node
import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ConsoleLogger
} from "./chunks/chunk-3NY4DX7F.js";
import {
  didYouMean
} from "./chunks/chunk-WAU3UX5A.js";
import {
  CAPABILITIES,
  findCapability
} from "./chunks/chunk-H3XTG4KO.js";
import {
  describeFailure
} from "./chunks/chunk-KNDO3OP3.js";
import {
  toText
} from "./chunks/chunk-VVDQKYP6.js";
import {
  CapabilityFailure
} from "./chunks/chunk-HRVOOZEE.js";
import {
  defaultText,
  firstSentence,
  input,
  readInputs,
  typeText
} from "./chunks/chunk-UMKYBFFO.js";
import {
  fromRecord
} from "./chunks/chunk-SYXBBJIO.js";
import "./chunks/chunk-KIVRFQJF.js";
import {
  ConfigurationError
} from "./chunks/chunk-YBANDQLS.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/cli/main.ts
import fs from "node:fs";

// package.json
var package_default = {
  name: "kubekeep",
  version: "0.2.0",
  description: "GitHub Actions and a CLI that keep Kubernetes clusters maintained from CI: declarative exports, etcd snapshots to S3, and gated rolling node upgrades.",
  license: "Apache-2.0",
  keywords: [
    "kubernetes",
    "github-actions",
    "etcd",
    "backup",
    "kubeadm",
    "upgrade",
    "drain",
    "gitops"
  ],
  homepage: "https://github.com/kubekeep/kubekeep#readme",
  repository: {
    type: "git",
    url: "git+https://github.com/kubekeep/kubekeep.git"
  },
  bugs: {
    url: "https://github.com/kubekeep/kubekeep/issues"
  },
  type: "module",
  engines: {
    node: ">=24"
  },
  bin: {
    kubekeep: "dist/cli.js"
  },
  files: [
    "dist/cli.js",
    "dist/export-worker.js",
    "dist/package.json",
    "dist/chunks/",
    "src/sandbox/go/",
    "CHANGELOG.md"
  ],
  scripts: {
    predemo: "sh scripts/ensure-deps.sh",
    demo: "node src/cli/main.ts demo",
    pretest: "sh scripts/ensure-deps.sh",
    test: "npm run check && npm run test:unit && npm run test:integration && npm run test:real-node",
    "test:unit": 'node --test --test-reporter=spec "test/unit/**/*.test.ts"',
    "test:integration": 'node --test --test-reporter=spec --test-concurrency=1 --test-timeout=900000 --test-global-setup=test/harness/global-setup.ts "test/integration/**/*.test.ts"',
    check: "npm run typecheck && npm run lint && npm run lint:shell && npm run lint:actions && npm run format:check && npm run docs:check && npm run dist:check",
    "lint:actions": "node scripts/lint-actions.ts",
    "lint:shell": "shellcheck src/nodes/executors/*.sh src/recovery/*.sh scripts/*.sh test/harness/real-node/*.sh",
    typecheck: "tsc -p tsconfig.json",
    lint: "eslint .",
    format: "prettier --write .",
    "format:check": "prettier --check .",
    build: "node scripts/build.ts",
    "dist:check": "node scripts/build.ts --check",
    docs: "node scripts/generate-docs.ts",
    "docs:check": "node scripts/generate-docs.ts --check",
    kubekeep: "node src/cli/main.ts",
    "bench:etcd": "node bench/etcd/run.ts",
    "bench:export": "npm run build && node bench/export/run.ts",
    "bench:drain": "node bench/drain/run.ts",
    "bench:restore": "npm run build && node bench/restore/run.ts",
    "bench:startup": "npm run build && node bench/startup/run.ts",
    "bench:fleet": "npm run build && node bench/fleet/run.ts",
    "real-node": "node test/harness/real-node/cli.ts",
    "test:real-node": "sh scripts/real-node-tests.sh"
  },
  devDependencies: {
    "@actions/core": "3.0.1",
    "@aws-sdk/client-s3": "3.1169.0",
    "@aws-sdk/lib-storage": "3.1169.0",
    "@grpc/grpc-js": "1.14.7",
    "@kubernetes/client-node": "2.0.1",
    "@types/node": "24.19.4",
    esbuild: "0.28.2",
    eslint: "9.39.5",
    node: "24.21.0",
    prettier: "3.10.1",
    typescript: "5.9.3",
    "typescript-eslint": "8.74.0",
    yaml: "2.9.1"
  }
};

// src/cli/args.ts
var GLOBAL_FLAGS = ["verbose", "help"];
var BOOLEAN_WORD = /^(true|false|yes|no|on|off)$/i;
function parseFlags(argv, spec) {
  const flags = {};
  const positionals = [];
  let verbose2 = false;
  let help = false;
  const known = [...Object.keys(spec.inputs), ...GLOBAL_FLAGS];
  const helpHint = `(\`${spec.command} --help\` lists its flags)`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "-h") {
      help = true;
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith("--"))
      throw new ConfigurationError(
        `unknown flag ${arg}: flags are written --name or --name=value ${helpHint}`
      );
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const inline = eq > 0 ? arg.slice(eq + 1) : void 0;
    if (name === "verbose" || name === "help") {
      if (inline !== void 0 && !/^(true|false)$/i.test(inline))
        throw new ConfigurationError(`flag --${name}: got ${JSON.stringify(inline)}, expected true or false`);
      const on = inline === void 0 || /^true$/i.test(inline);
      if (name === "verbose") verbose2 = on;
      else help = on;
      continue;
    }
    const decl = spec.inputs[name];
    if (!decl) {
      const near = didYouMean(name, known);
      throw new ConfigurationError(
        `unknown flag --${name}${near ? `; did you mean --${near}?` : ""} ${helpHint}`
      );
    }
    let value;
    if (inline !== void 0) value = inline;
    else if (decl.kind === "boolean") {
      const next = argv[i + 1];
      if (next !== void 0 && BOOLEAN_WORD.test(next))
        throw new ConfigurationError(
          `a boolean flag takes its value after '=': --${name}=${next.toLowerCase()} (or --${name} alone for true)`
        );
      value = "true";
    } else {
      const next = argv[i + 1];
      if (next === void 0 || next.startsWith("--"))
        throw new ConfigurationError(
          `flag --${name} needs a value (${typeText(decl)}${decl.secret ? "" : `: ${firstSentence(decl.description)}`})` + (next === void 0 ? "" : `; got the flag ${next} instead`)
        );
      value = next;
      i++;
    }
    if (value.trim() === "" && decl.kind !== "string")
      throw new ConfigurationError(`flag --${name} needs a value (${typeText(decl)})`);
    if (name in flags) {
      if (decl.kind !== "list" && !decl.repeatable)
        throw new ConfigurationError(`flag --${name} is given more than once`);
      flags[name] = `${flags[name]}
${value}`;
    } else flags[name] = value;
  }
  if (positionals.length) {
    if (!spec.positional) {
      throw new ConfigurationError(
        `unexpected argument ${JSON.stringify(positionals[0])}: it takes flags only ${helpHint}`
      );
    }
    const joined = positionals.join("\n");
    flags[spec.positional] = spec.positional in flags ? `${flags[spec.positional]}
${joined}` : joined;
  }
  return { flags, verbose: verbose2, help };
}
function secretEnvName(input2) {
  return `KUBEKEEP_${input2.toUpperCase().replace(/-/g, "_")}`;
}
function secretsFromEnv(inputs, flags, env = process.env) {
  const out = {};
  for (const [name, decl] of Object.entries(inputs)) {
    if (!decl.secret || name in flags) continue;
    const v = env[secretEnvName(name)];
    if (v !== void 0 && v !== "") out[name] = v;
  }
  return out;
}

// src/cli/help.ts
var WIDTH = 80;
function wrap(text, indent, width = WIDTH) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(" ".repeat(indent) + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(" ".repeat(indent) + line);
  return lines;
}
function commandHelp(c) {
  const usage2 = c.positional ? `usage: ${c.command} <${c.positional}>... [flags]` : `usage: ${c.command} [flags]`;
  const out = [usage2, "", ...wrap(c.description, 0), "", "flags:"];
  for (const [name, i] of Object.entries(c.inputs)) {
    const bits = [typeText(i)];
    if (i.required) bits.push(name === c.positional ? "required; or as arguments" : "required");
    else if (name === c.positional) bits.push("or as arguments");
    out.push(`  --${name} <${bits[0]}>${bits.length > 1 ? `  (${bits.slice(1).join("; ")})` : ""}`);
    const d = defaultText(i);
    const env = i.secret ? ` Or from $${secretEnvName(name)}.` : "";
    out.push(...wrap(i.description + (d ? ` Default: ${d}.` : "") + env, 6));
  }
  out.push(
    "",
    "global flags:",
    "  --verbose   debug logging, and stack traces for failures",
    "  -h, --help  this help"
  );
  if (c.note) out.push("", ...wrap(c.note, 0));
  return out.join("\n");
}
function usage(commands) {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "usage: kubekeep <command> [flags]",
    "",
    "commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Flags are the inputs of the command's action (kubekeep <command> --help lists them).",
    "global flags: --verbose (debug logging, stack traces), -h/--help, --version"
  ].join("\n");
}

// src/cli/main.ts
var cliName = (cap) => cap.startsWith("etcd-") ? `etcd ${cap.slice("etcd-".length)}` : cap;
var SANDBOX_SUBCOMMANDS = ["up", "down", "status"];
var dirInput = (what, fallback) => input.string({ description: `Folder of the ${what}.`, defaultText: fallback });
var SANDBOX_INPUTS = {
  dir: dirInput("sandbox's state, servers and logs", "$KUBEKEEP_SANDBOX_DIR, else .kubekeep/sandbox"),
  workers: input.integer({ description: "up: worker nodes to add.", default: 3, min: 0, max: 100 })
};
var DEMO_INPUTS = { dir: dirInput("demo's results and server logs", ".kubekeep/demo") };
var EXTRA_COMMANDS = [
  { name: "sandbox", summary: "up | down | status: a local cluster and S3 server to try kubekeep on" },
  { name: "demo", summary: "start a sandbox and run every capability against it" }
];
async function fullUsage(only) {
  const caps = await Promise.all(CAPABILITIES.filter((c) => !only || only(c.name)).map((c) => c.load()));
  return usage([
    ...caps.map((c) => ({ name: cliName(c.name), summary: c.summary })),
    ...only ? [] : EXTRA_COMMANDS
  ]);
}
function capabilityHelp(cap) {
  return commandHelp({
    command: `kubekeep ${cliName(cap.name)}`,
    description: cap.description,
    inputs: cap.inputs,
    ...cap.positional ? { positional: cap.positional } : {}
  });
}
function splitCommand(argv) {
  const words = [];
  let verbose2 = false;
  let help = false;
  let version = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--verbose") verbose2 = true;
    else if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--version") version = true;
    else if (arg.startsWith("-")) break;
    else if (words.length === 0) words.push(arg);
    else if (words[0] === "help" || words.length === 1 && ["etcd", "sandbox"].includes(words[0]))
      words.push(arg);
    else break;
  }
  return { words, rest: argv.slice(i), verbose: verbose2, help, version };
}
function unknownCommand(name) {
  const names = [...CAPABILITIES.map((c) => cliName(c.name)), ...EXTRA_COMMANDS.map((c) => c.name), "help"];
  const near = didYouMean(name, names);
  return new ConfigurationError(
    `unknown command ${JSON.stringify(name)}${near ? `; did you mean \`kubekeep ${near}\`?` : ""} (\`kubekeep --help\` lists the commands)`
  );
}
async function resolveCapability(words) {
  const [first, second] = words;
  if (first === "etcd") {
    if (second === void 0) return "etcd";
    const cap = await findCapability(`etcd-${second}`);
    if (!cap) throw unknownCommand(`etcd ${second}`);
    return cap;
  }
  return first === void 0 ? void 0 : findCapability(first);
}
async function main(argv, logger2) {
  const { words, rest, help, version } = splitCommand(argv);
  if (version) {
    process.stdout.write(`kubekeep ${package_default.version}
`);
    return 0;
  }
  if (words[0] === "help") return main([...words.slice(1), "--help"], logger2);
  if (words.length === 0) {
    process.stdout.write(`${await fullUsage()}
`);
    return help ? 0 : 2;
  }
  const [first] = words;
  if (first === "sandbox" || first === "demo") {
    const command = first === "sandbox" ? `kubekeep sandbox ${words[1] ?? ""}`.trim() : "kubekeep demo";
    const schema = first === "sandbox" ? SANDBOX_INPUTS : DEMO_INPUTS;
    const parsed2 = parseFlags(rest, { command, inputs: schema });
    if (help || parsed2.help) {
      const description = first === "sandbox" ? "up: start a local cluster (etcd, kube-apiserver, controllers, kwok nodes) and an S3 server, and leave them running; down: stop and remove them; status: show what runs." : "Start a sandbox and run every capability against it; results and server logs stay in the folder.";
      process.stdout.write(
        `${commandHelp({ command: first === "sandbox" ? "kubekeep sandbox up|down|status" : "kubekeep demo", description, inputs: schema })}
`
      );
      return 0;
    }
    readInputs(schema, fromRecord(parsed2.flags));
    if (first === "demo") return (await import("./chunks/demo-SAYWGV4A.js")).runDemo(parsed2.flags, logger2);
    const sub = words[1];
    if (!sub || !SANDBOX_SUBCOMMANDS.includes(sub)) {
      const near = sub ? didYouMean(sub, SANDBOX_SUBCOMMANDS) : void 0;
      throw new ConfigurationError(
        `sandbox: expected up, down or status, got ${JSON.stringify(sub ?? "")}${near ? `; did you mean ${near}?` : ""}`
      );
    }
    const { sandboxCommand } = await import("./chunks/sandbox-623MYLZZ.js");
    await sandboxCommand(sub, parsed2.flags, logger2);
    return 0;
  }
  const cap = await resolveCapability(words);
  if (cap === "etcd") {
    process.stdout.write(`${await fullUsage((n) => n.startsWith("etcd-"))}
`);
    return help ? 0 : 2;
  }
  if (!cap) throw unknownCommand(first);
  const spec = {
    command: `kubekeep ${cliName(cap.name)}`,
    inputs: cap.inputs,
    ...cap.positional ? { positional: cap.positional } : {}
  };
  const parsed = parseFlags(rest, spec);
  if (help || parsed.help) {
    process.stdout.write(`${capabilityHelp(cap)}
`);
    return 0;
  }
  const flags = { ...secretsFromEnv(cap.inputs, parsed.flags), ...parsed.flags };
  for (const [name, decl] of Object.entries(cap.inputs)) {
    const value = flags[name];
    if (!decl.secret || !value) continue;
    logger2.setSecret(value);
    if (name in parsed.flags && !fs.existsSync(value))
      logger2.warning(
        `--${name} on the command line is visible to other users of this machine (ps); set ${secretEnvName(name)} instead`
      );
  }
  const result = await cap.run(cap.parse(fromRecord(flags)), { logger: logger2 });
  process.stdout.write(toText(result.report) + "\n\n");
  for (const [k, v] of Object.entries(result.outputs)) process.stdout.write(`${k}=${String(v)}
`);
  return 0;
}
var verbose = process.argv.slice(2).some((a) => a === "--verbose" || a === "--verbose=true");
var logger = new ConsoleLogger({ verbose });
function fail(err) {
  if (err instanceof CapabilityFailure) process.stdout.write(toText(err.result.report) + "\n\n");
  const { message, stack } = describeFailure(err, { stacks: verbose, howToGetStack: "rerun with --verbose" });
  process.stderr.write(`kubekeep: ${logger.mask(message)}
${stack ? `${logger.mask(stack)}
` : ""}`);
  process.exit(1);
}
process.on("unhandledRejection", fail);
process.on("uncaughtException", fail);
main(process.argv.slice(2), logger).then((code) => process.exit(code), fail);
