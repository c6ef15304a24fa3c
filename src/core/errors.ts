/**
 * A mistake the user can fix (a bad input, a missing file, an unreachable
 * cluster), as opposed to a bug in kubekeep. Entry points print its message
 * alone, without a stack trace, and exit non-zero.
 */
export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

/** Builds the standard "input X: got Y, expected Z" message. */
export function badInput(input: string, value: string, expected: string): ConfigurationError {
  return new ConfigurationError(`input '${input}': got ${JSON.stringify(value)}, expected ${expected}`);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
