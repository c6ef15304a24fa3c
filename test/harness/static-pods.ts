/**
 * A stand-in for the kubelet's static pods, for tests of etcd-restore on a
 * control plane of several members on one machine: for each node, a folder of
 * manifests; a manifest (`<name>.yaml` holding `command: [...]`) that appears
 * is started as a process, one that disappears is stopped, and a process that
 * exits while its manifest is there is started again (as the kubelet does).
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { startProcess, type ManagedProcess } from "../../src/controlplane/supervisor.ts";

export interface StaticPods {
  stop(): Promise<void>;
  /** The running processes, by `<node>/<manifest>`. */
  running(): string[];
}

export function staticPods(nodes: { node: string; manifests: string; logDir: string }[]): StaticPods {
  const procs = new Map<string, ManagedProcess>();
  let stopped = false;
  let busy = Promise.resolve();
  const sync = async () => {
    for (const n of nodes) {
      const present = new Map<string, string[]>();
      for (const f of fs.existsSync(n.manifests) ? fs.readdirSync(n.manifests) : []) {
        if (!f.endsWith(".yaml")) continue;
        try {
          const doc = parse(fs.readFileSync(path.join(n.manifests, f), "utf8")) as { command?: string[] };
          if (doc.command?.length) present.set(f, doc.command);
        } catch {
          // Being written: next round.
        }
      }
      for (const [f, command] of present) {
        const id = `${n.node}/${f}`;
        const p = procs.get(id);
        if (p && !p.hasExited()) continue;
        procs.set(
          id,
          startProcess({
            name: id,
            command: command[0] ?? "false",
            args: command.slice(1),
            logFile: path.join(n.logDir, `${n.node}-${f}.log`),
          }),
        );
      }
      for (const [id, p] of procs) {
        if (!id.startsWith(`${n.node}/`) || present.has(id.slice(n.node.length + 1))) continue;
        procs.delete(id);
        await p.stop();
      }
    }
  };
  const timer = setInterval(() => {
    if (stopped) return;
    busy = busy.then(sync).catch(() => undefined);
  }, 300);
  return {
    running: () => [...procs].filter(([, p]) => !p.hasExited()).map(([id]) => id),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await busy;
      await Promise.all([...procs.values()].map((p) => p.stop()));
    },
  };
}
