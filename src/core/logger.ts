/**
 * The seam between the core and where it runs: GitHub Actions (annotations,
 * groups, masking) or a terminal (the CLI). The core only ever logs through it.
 */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  /** Runs `fn` inside a collapsible log group named `name`. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Registers a value that must never be printed. */
  setSecret(value: string): void;
}

/** Logger for the CLI and tests: plain lines on stderr, secrets masked. */
export class ConsoleLogger implements Logger {
  private readonly secrets = new Set<string>();
  private readonly verbose: boolean;
  private readonly write: (line: string) => void;

  constructor(options: { verbose?: boolean; write?: (line: string) => void } = {}) {
    this.verbose = options.verbose ?? false;
    this.write = options.write ?? ((line) => process.stderr.write(line + "\n"));
  }

  info(message: string): void {
    this.write(this.mask(message));
  }
  warning(message: string): void {
    this.write(`warning: ${this.mask(message)}`);
  }
  error(message: string): void {
    this.write(`error: ${this.mask(message)}`);
  }
  debug(message: string): void {
    if (this.verbose) this.write(`debug: ${this.mask(message)}`);
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.write(`== ${name}`);
    return fn();
  }
  setSecret(value: string): void {
    // Very short values would mask half the log; Actions skips them too.
    if (value.length >= 4) this.secrets.add(value);
  }

  /** The text with every registered secret replaced by ***. */
  mask(message: string): string {
    let out = message;
    for (const s of this.secrets) out = out.split(s).join("***");
    return out;
  }
}

/** A logger that drops everything: for library calls that should be quiet. */
export const silentLogger: Logger = {
  info() {},
  warning() {},
  error() {},
  debug() {},
  group: (_name, fn) => fn(),
  setSecret() {},
};
