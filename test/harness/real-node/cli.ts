/**
 * The real node's one entry: `npm run real-node -- up|down|status`.
 *
 *   up      bring up the kubeadm node (v1.34.4; `--version v1.35.4` for the
 *           other release) and leave it running; prints the kubeconfig path
 *   down    tear it down and restore the host
 *   status  say whether it runs, who holds the lock, where the logs are
 *
 * Needs root. Only one real node per machine: `up` fails naming the holder
 * while another runs.
 */
import { ConsoleLogger } from "../../../src/core/logger.ts";
import { errorMessage } from "../../../src/core/errors.ts";
import { PREVIOUS_KUBERNETES_VERSION } from "../tools/binaries.ts";
import { supervisorPid } from "./kubelet.ts";
import { acquireLock, describeOwner, LOCK_DIR, lockOwner } from "./lock.ts";
import { realNodeDown, realNodeStatus, realNodeUp } from "./node.ts";

const UP_HOLDER = "the real node started by `npm run real-node -- up`";

async function main(argv: string[]): Promise<number> {
  const logger = new ConsoleLogger();
  const [verb, ...rest] = argv;
  const versionIndex = rest.indexOf("--version");
  const version = versionIndex >= 0 ? rest[versionIndex + 1] : PREVIOUS_KUBERNETES_VERSION;
  switch (verb) {
    case "up": {
      const lock = await acquireLock({
        holder: `npm run real-node -- up (pid ${process.pid})`,
        waitMs: 0,
        logger,
      });
      try {
        const info = await realNodeUp({ logger, version });
        lock.handOver(info.supervisorPid, UP_HOLDER);
        process.stdout.write(
          `real node ${info.nodeName} ${info.version} is up (${(info.startMs / 1000).toFixed(1)} s to Ready)\n` +
            `  kubeconfig: ${info.kubeconfig}\n  API server: ${info.server}\n` +
            `  stop it with: npm run real-node -- down\n`,
        );
        return 0;
      } catch (err) {
        logger.error(errorMessage(err));
        logger.info("real node: tearing down what was started");
        await realNodeDown({ logger }).catch((e: unknown) => logger.error(`teardown: ${errorMessage(e)}`));
        lock.release();
        return 1;
      }
    }
    case "down": {
      const lock = await acquireLock({
        holder: `npm run real-node -- down (pid ${process.pid})`,
        waitMs: 0,
        logger,
        takeOver: (owner) => owner.pid === supervisorPid(),
      });
      try {
        await realNodeDown({ logger });
      } finally {
        lock.release();
      }
      return 0;
    }
    case "status": {
      const s = realNodeStatus();
      const owner = lockOwner();
      process.stdout.write(
        [
          `real node: ${s.up ? `up (${s.info?.nodeName} ${s.info?.version})` : "not running"}`,
          s.info ? `  kubeconfig: ${s.info.kubeconfig}` : "",
          `  lock (${LOCK_DIR}): ${owner ? describeOwner(owner) : "free"}`,
          `  kubelet supervisor: ${s.supervisor ?? "not running"}, containerd: ${s.containerd ?? "not running"}`,
          s.leftovers && !s.up
            ? "  leftovers of an earlier run: `npm run real-node -- down` cleans them"
            : "",
          s.info ? `  logs: ${s.info.logDir}` : "",
        ]
          .filter(Boolean)
          .join("\n") + "\n",
      );
      return 0;
    }
    default:
      process.stderr.write("usage: npm run real-node -- up [--version v1.35.4] | down | status\n");
      return 2;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // A held lock, a missing prerequisite: a message, not a stack.
  process.stderr.write(`real node: ${errorMessage(err)}\n`);
  process.exitCode = 1;
}
