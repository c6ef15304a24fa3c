/** The executor an ExecutorConfig asks for (nodes/config.ts parses it), or none. */
import type { KubeClient } from "../../cluster/client.ts";
import type { ExecutorConfig } from "../config.ts";
import { CommandExecutor } from "./command.ts";
import type { Executor } from "./executor.ts";
import { PodExecutor } from "./pod.ts";
import { SshExecutor } from "./ssh.ts";

export function makeExecutor(config: ExecutorConfig, client: KubeClient): Executor | undefined {
  switch (config.kind) {
    case "command":
      return new CommandExecutor(config.command, config.timeoutMs, config.env);
    case "ssh":
      return new SshExecutor(config);
    case "pod":
      return new PodExecutor(client, config);
    case "replace": // not an in-place upgrade: nodes/replace/ does it
    case "none":
      return undefined;
  }
}
