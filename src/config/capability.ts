/**
 * One thing kubekeep does (export, snapshot, drain, ...), described once and
 * run by both front ends: an Action entry and a CLI command. Parsing turns the
 * named inputs into a typed config; running returns outputs and a report.
 */
import type { InputSource } from "./inputs.ts";
import { declaredOnly, type InputSchema, type OutputSchema } from "./schema.ts";
import type { Logger } from "../core/logger.ts";
import type { Report } from "../report/report.ts";
import { OperationalError } from "../core/errors.ts";

export interface RunContext {
  logger: Logger;
  signal?: AbortSignal;
}

export interface Result {
  /** Step outputs; keys are the action.yml output names. */
  outputs: Record<string, string | number | boolean>;
  report: Report;
}

export interface Capability<Config> {
  /** The action folder name and the CLI command. */
  name: string;
  /** One line for `kubekeep --help`. */
  summary: string;
  /** A paragraph: the action.yml description and the top of `kubekeep <name> --help`. */
  description: string;
  /** Every input, declared once (see config/schema.ts): parsing, CLI flags, action.yml, docs/reference/. */
  inputs: InputSchema;
  outputs: OutputSchema;
  /** CLI: the list input bare arguments fill, as kubectl's `drain NODE`. */
  positional?: string;
  /** Builds the typed config from the declared inputs only (reading another one is a bug). */
  parse(src: InputSource): Config;
  run(config: Config, ctx: RunContext): Promise<Result>;
}

/** Erases the config type for registries that hold several capabilities. */
export type AnyCapability = Capability<unknown>;

export function defineCapability<Config>(cap: Capability<Config>): AnyCapability {
  const parse = cap.parse.bind(cap);
  return {
    ...cap,
    parse: (src: InputSource) => parse(declaredOnly(cap.inputs, src, `capability ${cap.name}`)),
  };
}

/**
 * A run that failed after doing work worth reporting (a drain blocked by a
 * disruption budget, an upgrade stopped half-way): front ends still write its
 * outputs and report (the job summary) before failing with the message.
 */
export class CapabilityFailure extends OperationalError {
  override name = "CapabilityFailure";
  readonly result: Result;
  constructor(message: string, result: Result) {
    super(message);
    this.result = result;
  }
}
