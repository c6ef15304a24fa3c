import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/core/errors.ts
var UserFacingError = class extends Error {
};
var ConfigurationError = class extends UserFacingError {
  name = "ConfigurationError";
};
var OperationalError = class extends UserFacingError {
  name = "OperationalError";
};
function badInput(input, value, expected) {
  return new ConfigurationError(`input '${input}': got ${JSON.stringify(value)}, expected ${expected}`);
}
function errorMessage(err) {
  return err instanceof Error ? err.message : String(err);
}

export {
  UserFacingError,
  ConfigurationError,
  OperationalError,
  badInput,
  errorMessage
};
