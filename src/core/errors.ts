/**
 * Three kinds of failure, told apart so each is reported the right way:
 * - ConfigurationError: a mistake the user can fix (a bad input, a missing
 *   file); the message names the input, the bad value and the expected form.
 * - OperationalError: the world failed (a peer refused or stalled, S3 answered
 *   500, a disruption budget said no); the message names what failed and what
 *   to check.
 * - anything else is a bug in kubekeep and keeps its stack trace.
 * Entry points print the first two as their message alone (stacks only on
 * request: --verbose or runner debug logging) and exit non-zero.
 */
export abstract class UserFacingError extends Error {}

export class ConfigurationError extends UserFacingError {
  override name = "ConfigurationError";
}

export class OperationalError extends UserFacingError {
  override name = "OperationalError";
}

/** Builds the standard "input X: got Y, expected Z" message. */
export function badInput(input: string, value: string, expected: string): ConfigurationError {
  return new ConfigurationError(`input '${input}': got ${JSON.stringify(value)}, expected ${expected}`);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
