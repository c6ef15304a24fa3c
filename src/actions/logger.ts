import * as core from "@actions/core";
import type { Logger } from "../core/logger.ts";

/** Logger backed by the Actions toolkit: annotations, log groups, masking. */
export class ActionsLogger implements Logger {
  info(message: string): void {
    core.info(message);
  }
  warning(message: string): void {
    core.warning(message);
  }
  error(message: string): void {
    core.error(message);
  }
  debug(message: string): void {
    core.debug(message);
  }
  group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return core.group(name, fn);
  }
  setSecret(value: string): void {
    core.setSecret(value);
  }
}
