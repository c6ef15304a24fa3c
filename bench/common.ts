/**
 * What every bench shares: the sandbox it runs on, the CLI build it times,
 * the machine's load printed beside the figures, medians and tables.
 *
 * Every bench takes `--sandbox DIR` (use a sandbox already running there,
 * e.g. one from `kubekeep sandbox up`, and leave it running) and `--cli FILE`
 * (the built CLI to time; dist/cli.js by default). The bench smoke test
 * (test/integration/bench-smoke.test.ts) runs each bench at a small size on
 * one shared sandbox with a fresh build, so a flag or API change that breaks
 * a bench fails `npm test`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { KubeClient } from "../src/cluster/client.ts";
import type { Logger } from "../src/core/logger.ts";
import type { SandboxInfo, SandboxOptions } from "../src/sandbox/sandbox.ts";

export const root = path.resolve(import.meta.dirname, "..");

/** The part of a sandbox a bench uses; `stop()` leaves an attached sandbox running. */
export interface BenchSandbox {
  readonly info: SandboxInfo;
  readonly kubeconfig: string;
  /** True when the bench started the sandbox (it may then pin or fill it freely). */
  readonly own: boolean;
  client(): Promise<KubeClient>;
  stop(): Promise<void>;
}

/** Starts a sandbox, or attaches to the one running in `attach` (its sandbox.json). */
export async function benchSandbox(
  attach: string | undefined,
  options: SandboxOptions & { logger?: Logger } = {},
): Promise<BenchSandbox> {
  // Loaded here: the sandbox module brings the S3 SDK, which bench/startup does not need.
  const { readSandboxInfo, startSandbox } = await import("../src/sandbox/sandbox.ts");
  if (attach) {
    const info = readSandboxInfo(attach);
    if (options.s3 !== false && !info.s3) throw new Error(`--sandbox ${attach}: this bench needs S3`);
    return {
      info,
      kubeconfig: info.kubeconfig,
      own: false,
      client: () => KubeClient.fromFile(info.kubeconfig),
      stop: () => Promise.resolve(),
    };
  }
  const sb = await startSandbox(options);
  return {
    info: sb.info,
    kubeconfig: sb.kubeconfig,
    own: true,
    client: () => sb.client(),
    stop: () => sb.stop({ removeDir: true }),
  };
}

/** The built CLI to time: `--cli FILE`, else dist/cli.js (which must exist). */
export function cliPath(flag: string | undefined): string {
  const cli = path.resolve(flag ?? path.join(root, "dist", "cli.js"));
  if (!fs.existsSync(cli)) throw new Error(`${cli} missing: run \`npm run build\` first (or pass --cli)`);
  return cli;
}

/** The 1, 5 and 15 minute load averages, to print beside figures from a shared machine. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  if (s.length === 0) return NaN;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** A plain-text table, columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/**
 * Bundles a floor script into `outDir` the way the CLI is built (ESM, split
 * into chunks: the REST client's kubeconfig-plugin path, client-node's 17 MB,
 * stays in a chunk nobody loads; one file made a floor compile it, +0.15 s),
 * so the floor pays the same start-up as the CLI it is compared with.
 * Returns the bundled script's path.
 */
export async function bundleFloor(entry: string, outDir: string): Promise<string> {
  const { build } = await import("esbuild");
  await build({
    entryPoints: [entry],
    outdir: outDir,
    splitting: true,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node24",
    logLevel: "warning",
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return path.join(outDir, `${path.basename(entry, ".ts")}.js`);
}
