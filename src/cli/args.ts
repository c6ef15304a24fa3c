/**
 * Command-line flags are the action's input names: `--kubeconfig-path x`,
 * `--dry-run` (a bare flag means "true"), `--context=prod`. Repeated flags
 * join with new lines, which list inputs accept.
 */
import { ConfigurationError } from "../core/errors.ts";

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    let name: string;
    let value: string;
    if (eq > 0) {
      name = arg.slice(2, eq);
      value = arg.slice(eq + 1);
    } else {
      name = arg.slice(2);
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith("--")) {
        value = next;
        i++;
      } else value = "true";
    }
    if (!/^[a-z][a-z0-9-]*$/.test(name))
      throw new ConfigurationError(
        `unknown flag ${JSON.stringify(arg)}: flags look like --name or --name=value`,
      );
    flags[name] = name in flags ? `${flags[name]}\n${value}` : value;
  }
  return { positionals, flags };
}
