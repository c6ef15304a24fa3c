/**
 * Bundles the actions and the CLI into dist/ with esbuild. `--check` builds
 * into a temporary folder and fails when dist/ differs, which CI runs so the
 * committed bundle always matches the source.
 */
import { build, type Plugin } from "esbuild";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bundleProblems } from "./bundle-contents.ts";

const root = path.resolve(import.meta.dirname, "..");
const check = process.argv.includes("--check");
// `--outdir DIR`: build elsewhere than dist/ (test/integration/startup-budget.test.ts
// measures a fresh build without touching the committed bundle).
const outdirAt = process.argv.indexOf("--outdir");
const outdir = check
  ? fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-dist-"))
  : outdirAt >= 0 && process.argv[outdirAt + 1]
    ? path.resolve(process.argv[outdirAt + 1] as string)
    : path.join(root, "dist");

const entryPoints: Record<string, string> = {
  main: "src/actions/main.ts",
  cli: "src/cli/main.ts",
  // A worker thread's script (src/export/write-thread.ts finds it by this name).
  "export-worker": "src/export/export-worker.ts",
};
for (const name of fs.readdirSync(path.join(root, "actions")).sort()) {
  const entry = `src/actions/${name}.ts`;
  if (
    fs.existsSync(path.join(root, "actions", name, "action.yml")) &&
    fs.existsSync(path.join(root, entry))
  ) {
    entryPoints[`actions/${name}`] = entry;
  }
}

/**
 * @actions/core imports its OIDC client (@actions/http-client, which imports
 * undici, ~0.8 MB) and its platform probe (@actions/exec) at its top level, so
 * esbuild keeps them in every action although kubekeep calls neither
 * getIDToken nor platform.getDetails: they would be three quarters of the
 * bytes an action loads before its first line. These packages do nothing at
 * load time, so tell esbuild so ("sideEffects": false, as their package.json
 * could say); it then drops them wherever nothing uses what they export.
 */
const sideEffectFree: Plugin = {
  name: "side-effect-free",
  setup(b) {
    b.onResolve({ filter: /^(undici|tunnel|@actions\/(http-client|exec|io))(\/|$)/ }, async (args) => {
      if (args.pluginData === sideEffectFree) return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: sideEffectFree,
      });
      if (resolved.errors.length) return { errors: resolved.errors };
      return { path: resolved.path, external: resolved.external, sideEffects: false };
    });
  },
};

/**
 * `node:http` through require(), not import: Node builds an ES module facade
 * for an imported builtin by reading every export, and node:http's lazy
 * WebSocket/EventSource getters then load Node's internal undici (~30 ms of
 * CPU before the first line, for a client that never uses them).
 * The bundle's banner defines `require` (createRequire) for this.
 */
const httpByRequire: Plugin = {
  name: "http-by-require",
  setup(b) {
    b.onResolve({ filter: /^(node:)?http$/ }, (args) =>
      // The require() below is Node's own (external), not this module again.
      args.namespace === "http-by-require"
        ? { path: "node:http", external: true }
        : { path: "node:http", namespace: "http-by-require" },
    );
    b.onLoad({ filter: /.*/, namespace: "http-by-require" }, () => ({
      contents: 'module.exports = require("node:http");',
      loader: "js",
    }));
  },
};

if (!check) fs.rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node24",
  mainFields: ["module", "main"],
  chunkNames: "chunks/[name]-[hash]",
  legalComments: "none",
  logLevel: "warning",
  plugins: [sideEffectFree, httpByRequire],
  // Some dependencies are CommonJS and call require(); give ESM bundles one.
  banner: {
    js: "import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);",
  },
});
fs.writeFileSync(path.join(outdir, "package.json"), JSON.stringify({ type: "module" }) + "\n");

// The test tools never ship, and no action loads the sandbox's build recipes.
const problems = bundleProblems(outdir);
if (problems.length) {
  console.error(`the bundle holds what it must not:\n  ${problems.join("\n  ")}`);
  if (check) fs.rmSync(outdir, { recursive: true, force: true });
  process.exit(1);
}

if (check) {
  const list = (dir: string): string[] =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { recursive: true, encoding: "utf8" })
          .filter((f) => fs.statSync(path.join(dir, f)).isFile())
          .sort()
      : [];
  const want = list(outdir);
  const have = list(path.join(root, "dist"));
  const differ = [...new Set([...want, ...have])].filter((f) => {
    const a = path.join(outdir, f);
    const b = path.join(root, "dist", f);
    return !fs.existsSync(a) || !fs.existsSync(b) || !fs.readFileSync(a).equals(fs.readFileSync(b));
  });
  fs.rmSync(outdir, { recursive: true, force: true });
  if (differ.length) {
    console.error(
      `dist/ is out of date (${differ.length} files differ: ${differ.slice(0, 5).join(", ")}); run \`npm run build\` and commit dist/`,
    );
    process.exit(1);
  }
  console.log("dist/ is up to date");
}
