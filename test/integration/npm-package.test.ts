// The install path (issue 23): the CLI is an npm package. Packed as
// `npm publish` would pack it, it holds only the runtime files, installs into
// an empty folder with no network and an empty npm cache (the bundle needs no
// dependency), and the installed `kubekeep` runs: --version, --help, and
// cluster-info and an export against a real control plane (the export's
// worker thread is a separate file, so a package missing it fails there).
import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { useSandbox } from "../harness/sandbox.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  version: string;
  files: string[];
  private?: boolean;
  dependencies?: Record<string, string>;
};
const fx = useSandbox({ s3: false });

/** This Node (24) first on PATH, for npm and for the bin's `#!/usr/bin/env node`. */
const env = {
  ...process.env,
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}`,
  npm_config_update_notifier: "false",
};

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const res = spawnSync(cmd, args, { cwd, env, encoding: "utf8", timeout: 300_000 });
  assert.equal(res.status, 0, `${cmd} ${args.join(" ")}:\n${res.stdout}\n${res.stderr}`);
  return res;
}

let tmp = "";
let packed: string[] = [];
let bin = "";

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-npm-"));
  // The package as the repository would publish it: its metadata, a fresh
  // build of dist/ (the committed one is checked against the source by
  // dist:check), the sandbox's Go modules, and files it must leave out.
  const stage = path.join(tmp, "stage");
  fs.mkdirSync(stage);
  for (const f of ["package.json", "README.md", "LICENSE", "CHANGELOG.md"])
    fs.copyFileSync(path.join(root, f), path.join(stage, f));
  fs.cpSync(path.join(root, "src"), path.join(stage, "src"), { recursive: true });
  fs.mkdirSync(path.join(stage, "test"));
  fs.writeFileSync(path.join(stage, "test", "decoy.test.ts"), "// not for users\n");
  run(process.execPath, ["scripts/build.ts", "--outdir", path.join(stage, "dist")], root);

  const out = run("npm", ["pack", "--json", "--pack-destination", tmp], stage);
  const [info] = JSON.parse(out.stdout) as { filename: string; files: { path: string }[] }[];
  assert.ok(info);
  packed = info.files.map((f) => f.path).sort();

  // An empty folder, an empty cache, --offline: nothing may come from a registry.
  const app = path.join(tmp, "app");
  fs.mkdirSync(app);
  run(
    "npm",
    [
      "install",
      "--offline",
      "--no-audit",
      "--no-fund",
      "--cache",
      path.join(tmp, "npm-cache"),
      path.join(tmp, info.filename),
    ],
    app,
  );
  bin = path.join(app, "node_modules", ".bin", "kubekeep");
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test("package.json: publishable, no runtime dependencies to install (the CLI is bundled)", () => {
  assert.equal(pkg.private, undefined);
  assert.deepEqual(pkg.dependencies ?? {}, {});
  assert.ok(pkg.files.includes("dist/cli.js"));
});

test("the tarball holds only the runtime files", () => {
  const allowed = [
    /^package\.json$/,
    /^README\.md$/,
    /^LICENSE$/,
    /^CHANGELOG\.md$/,
    /^dist\/(cli|export-worker)\.js$/,
    /^dist\/package\.json$/,
    /^dist\/chunks\/[\w-]+\.js$/,
    /^src\/sandbox\/go\/[\w-]+\/(go\.mod|go\.sum|[\w/.-]+\.go)$/,
  ];
  const stray = packed.filter((f) => !allowed.some((re) => re.test(f)));
  assert.deepEqual(stray, [], "files a user does not need");
  for (const f of ["dist/cli.js", "dist/export-worker.js", "dist/package.json", "LICENSE"])
    assert.ok(packed.includes(f), `${f} is missing`);
  assert.ok(packed.some((f) => f.startsWith("dist/chunks/")));
  // Action bundles, sources and tests stay out.
  for (const f of packed) assert.doesNotMatch(f, /^(dist\/actions\/|dist\/main\.js|src\/cli\/|test\/)/);
});

test("the installed kubekeep answers --version and --help", () => {
  const version = run(bin, ["--version"], tmp);
  assert.equal(version.stdout.trim(), `kubekeep ${pkg.version}`);
  const help = run(bin, ["--help"], tmp);
  assert.match(help.stdout, /^usage: kubekeep <command>/);
  assert.match(help.stdout, /etcd snapshot/);
  const exportHelp = run(bin, ["export", "--help"], tmp);
  assert.match(exportHelp.stdout, /--kubeconfig-path/);
});

test("the installed kubekeep reads a real cluster and exports it", async () => {
  await fx.ready();
  const kubeconfig = fx.sandbox.kubeconfig;
  const info = run(bin, ["cluster-info", "--kubeconfig-path", kubeconfig], tmp);
  assert.match(info.stdout, /v1\.35\.4/);
  const tree = path.join(tmp, "export");
  const exp = run(bin, ["export", "--kubeconfig-path", kubeconfig, "--path", tree], tmp);
  assert.match(exp.stdout + exp.stderr, /objects/);
  assert.ok(fs.existsSync(path.join(tree, "kubekeep-index.yaml")));
  assert.ok(fs.existsSync(path.join(tree, "cluster", "core", "Namespace", "default.yaml")));
});
