/**
 * Bundles the actions and the CLI into dist/ with esbuild. `--check` builds
 * into a temporary folder and fails when dist/ differs, which CI runs so the
 * committed bundle always matches the source.
 */
import { build } from "esbuild";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const check = process.argv.includes("--check");
const outdir = check ? fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-dist-")) : path.join(root, "dist");

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
  chunkNames: "chunks/[name]-[hash]",
  legalComments: "none",
  logLevel: "warning",
  // Some dependencies are CommonJS and call require(); give ESM bundles one.
  banner: {
    js: "import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);",
  },
});
fs.writeFileSync(path.join(outdir, "package.json"), JSON.stringify({ type: "module" }) + "\n");

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
