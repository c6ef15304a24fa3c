/**
 * The `command` executor: the user's own command (a cloud CLI that replaces
 * the node, an Ansible play, ...) run through the shell with the node and the
 * versions in its environment. A command that runs out of time has failed,
 * whatever it exits with (see process.ts).
 */
import { OperationalError } from "../../core/errors.ts";
import type { Executor, UpgradeTarget } from "./executor.ts";
import { atStep, upgradeEnv } from "./executor.ts";
import { describeEnd, lastLines, runShell } from "../../core/process.ts";

export class CommandExecutor implements Executor {
  readonly kind = "command";
  private readonly command: string;
  private readonly timeoutMs: number;
  private readonly env: Record<string, string>;

  constructor(command: string, timeoutMs: number, env: Record<string, string> = {}) {
    this.command = command;
    this.timeoutMs = timeoutMs;
    this.env = env;
  }

  async upgrade(target: UpgradeTarget, log: (line: string) => void, signal?: AbortSignal): Promise<void> {
    const res = await runShell(this.command, {
      // The user's command: what it would see in a run: step, plus the upgrade's variables.
      inherit: "user",
      env: { ...this.env, ...upgradeEnv(target) },
      timeoutMs: this.timeoutMs,
      onLine: (l) => log(`[${target.node}] ${l}`),
      ...(signal ? { signal } : {}),
    });
    if (res.code !== 0 || res.timedOut || res.aborted) {
      throw new OperationalError(
        `upgrade command for ${target.node}${atStep(res.output)} ${describeEnd(res, this.timeoutMs)}: ${lastLines(res.output, 5)} (check the command's output above; upgrade-timeout bounds it)`,
      );
    }
  }
}
