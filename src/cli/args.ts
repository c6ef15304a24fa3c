/**
 * Command-line flags are the inputs of the command's schema: `--timeout 5m`,
 * `--context=prod`; a boolean stands alone (`--force`) or takes its value
 * after `=` (`--force=false`); a list may repeat (`--node a --node b`, joined
 * with new lines as list inputs accept). Anything else is refused before
 * the command runs: an unknown flag (with the nearest name when one is
 * close), a valued flag without its value (`--node --kubeconfig-path x` must
 * not drain a node called "true"), a scalar given twice, a stray argument.
 */
import { ConfigurationError } from "../core/errors.ts";
import { firstSentence, typeText, type InputSchema } from "../config/schema.ts";
import { didYouMean } from "../core/suggest.ts";

/** Flags every command takes. */
export const GLOBAL_FLAGS = ["verbose", "help"] as const;

export interface FlagSpec {
  /** How the command is written, for messages: "kubekeep drain". */
  command: string;
  inputs: InputSchema;
  /** The list input bare arguments fill (`kubekeep drain node-1`). */
  positional?: string;
}

export interface ParsedFlags {
  /** Raw values by input name, as an InputSource reads them. */
  flags: Record<string, string>;
  verbose: boolean;
  help: boolean;
}

const BOOLEAN_WORD = /^(true|false|yes|no|on|off)$/i;

export function parseFlags(argv: readonly string[], spec: FlagSpec): ParsedFlags {
  const flags: Record<string, string> = {};
  const positionals: string[] = [];
  let verbose = false;
  let help = false;
  const known = [...Object.keys(spec.inputs), ...GLOBAL_FLAGS];
  const helpHint = `(\`${spec.command} --help\` lists its flags)`;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
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
        `unknown flag ${arg}: flags are written --name or --name=value ${helpHint}`,
      );
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (name === "verbose" || name === "help") {
      if (inline !== undefined && !/^(true|false)$/i.test(inline))
        throw new ConfigurationError(`flag --${name}: got ${JSON.stringify(inline)}, expected true or false`);
      const on = inline === undefined || /^true$/i.test(inline);
      if (name === "verbose") verbose = on;
      else help = on;
      continue;
    }
    const decl = spec.inputs[name];
    if (!decl) {
      const near = didYouMean(name, known);
      throw new ConfigurationError(
        `unknown flag --${name}${near ? `; did you mean --${near}?` : ""} ${helpHint}`,
      );
    }
    let value: string;
    if (inline !== undefined) value = inline;
    else if (decl.kind === "boolean") {
      // `--force false` would read "false" as an argument (a node named false): say how to write it.
      const next = argv[i + 1];
      if (next !== undefined && BOOLEAN_WORD.test(next))
        throw new ConfigurationError(
          `a boolean flag takes its value after '=': --${name}=${next.toLowerCase()} (or --${name} alone for true)`,
        );
      value = "true";
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--"))
        throw new ConfigurationError(
          `flag --${name} needs a value (${typeText(decl)}${decl.secret ? "" : `: ${firstSentence(decl.description)}`})` +
            (next === undefined ? "" : `; got the flag ${next} instead`),
        );
      value = next;
      i++;
    }
    if (value.trim() === "" && decl.kind !== "string")
      throw new ConfigurationError(`flag --${name} needs a value (${typeText(decl)})`);
    if (name in flags) {
      if (decl.kind !== "list" && !decl.repeatable)
        throw new ConfigurationError(`flag --${name} is given more than once`);
      flags[name] = `${flags[name]}\n${value}`;
    } else flags[name] = value;
  }

  if (positionals.length) {
    if (!spec.positional) {
      throw new ConfigurationError(
        `unexpected argument ${JSON.stringify(positionals[0])}: it takes flags only ${helpHint}`,
      );
    }
    const joined = positionals.join("\n");
    flags[spec.positional] = spec.positional in flags ? `${flags[spec.positional]}\n${joined}` : joined;
  }
  return { flags, verbose, help };
}

/** The environment variable a secret input may come from: ssh-key -> KUBEKEEP_SSH_KEY. */
export function secretEnvName(input: string): string {
  return `KUBEKEEP_${input.toUpperCase().replace(/-/g, "_")}`;
}

/**
 * The secret inputs of `inputs` the flags did not give, from the environment
 * (KUBEKEEP_SSH_KEY, ...): a flag's value is visible to every user of the
 * machine (`ps`, /proc/<pid>/cmdline), a variable is not. Flags win.
 */
export function secretsFromEnv(
  inputs: InputSchema,
  flags: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, decl] of Object.entries(inputs)) {
    if (!decl.secret || name in flags) continue;
    const v = env[secretEnvName(name)];
    if (v !== undefined && v !== "") out[name] = v;
  }
  return out;
}
