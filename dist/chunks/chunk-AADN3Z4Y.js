import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/core/errors.ts
var ConfigurationError = class extends Error {
  name = "ConfigurationError";
};
function badInput(input, value, expected) {
  return new ConfigurationError(`input '${input}': got ${JSON.stringify(value)}, expected ${expected}`);
}
function errorMessage(err) {
  return err instanceof Error ? err.message : String(err);
}

export {
  ConfigurationError,
  badInput,
  errorMessage
};
