import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/core/logger.ts
var ConsoleLogger = class {
  secrets = /* @__PURE__ */ new Set();
  verbose;
  write;
  constructor(options = {}) {
    this.verbose = options.verbose ?? false;
    this.write = options.write ?? ((line) => process.stderr.write(line + "\n"));
  }
  info(message) {
    this.write(this.mask(message));
  }
  warning(message) {
    this.write(`warning: ${this.mask(message)}`);
  }
  error(message) {
    this.write(`error: ${this.mask(message)}`);
  }
  debug(message) {
    if (this.verbose) this.write(`debug: ${this.mask(message)}`);
  }
  async group(name, fn) {
    this.write(`== ${name}`);
    return fn();
  }
  setSecret(value) {
    if (value.length >= 4) this.secrets.add(value);
  }
  /** The text with every registered secret replaced by ***. */
  mask(message) {
    let out = message;
    for (const s of this.secrets) out = out.split(s).join("***");
    return out;
  }
};
var silentLogger = {
  info() {
  },
  warning() {
  },
  error() {
  },
  debug() {
  },
  group: (_name, fn) => fn(),
  setSecret() {
  }
};

export {
  ConsoleLogger,
  silentLogger
};
