/**
 * `kubekeep --help` and `kubekeep <command> --help`, written from the same
 * input schemas that parse the flags and generate the action.yml files.
 */
import { defaultText, typeText, type InputSchema } from "../config/schema.ts";
import { secretEnvName } from "./args.ts";

const WIDTH = 80;

/** Wraps text to the width, each line indented. */
export function wrap(text: string, indent: number, width = WIDTH): string[] {
  const lines: string[] = [];
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

export interface CommandHelp {
  /** As typed: "kubekeep drain", "kubekeep etcd snapshot". */
  command: string;
  description: string;
  inputs: InputSchema;
  positional?: string;
  /** Inputs to leave out of the list (and what to say instead). */
  note?: string;
}

export function commandHelp(c: CommandHelp): string {
  const usage = c.positional
    ? `usage: ${c.command} <${c.positional}>... [flags]`
    : `usage: ${c.command} [flags]`;
  const out = [usage, "", ...wrap(c.description, 0), "", "flags:"];
  for (const [name, i] of Object.entries(c.inputs)) {
    const bits = [typeText(i)];
    if (i.required) bits.push(name === c.positional ? "required; or as arguments" : "required");
    else if (name === c.positional) bits.push("or as arguments");
    out.push(`  --${name} <${bits[0]}>${bits.length > 1 ? `  (${bits.slice(1).join("; ")})` : ""}`);
    const d = defaultText(i);
    // Secrets are better not typed on a command line, where `ps` shows them.
    const env = i.secret ? ` Or from $${secretEnvName(name)}.` : "";
    out.push(...wrap(i.description + (d ? ` Default: ${d}.` : "") + env, 6));
  }
  out.push(
    "",
    "global flags:",
    "  --verbose   debug logging, and stack traces for failures",
    "  -h, --help  this help",
  );
  if (c.note) out.push("", ...wrap(c.note, 0));
  return out.join("\n");
}

export interface CommandLine {
  name: string;
  summary: string;
}

export function usage(commands: readonly CommandLine[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "usage: kubekeep <command> [flags]",
    "",
    "commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Flags are the inputs of the command's action (kubekeep <command> --help lists them).",
    "global flags: --verbose (debug logging, stack traces), -h/--help, --version",
  ].join("\n");
}
