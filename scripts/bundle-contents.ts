/**
 * What the bundle must not hold. The tests' tools (act, actionlint, the SSH
 * server, the real node's builds) live under test/ and are in no file of
 * dist/; the sandbox's build recipes and the Go builder serve the CLI's
 * `sandbox` and `demo` commands only, so no action loads them. The markers
 * are strings only those recipes contain (their Go package paths and names).
 */
import fs from "node:fs";
import path from "node:path";

/** In no file of dist/. */
export const TEST_TOOL_MARKERS = [
  "ACTIONLINT_VERSION",
  "ACT_VERSION",
  "github.com/nektos/act",
  "github.com/rhysd/actionlint",
  "kubekeep-sshd",
  "kubekeep-nodeimage",
  "kubernetes-previous",
  "kubernetes-node",
  "PREVIOUS_KUBERNETES_VERSION",
];

/** In no file an action loads (its entry and every chunk it imports, statically or not). */
export const SANDBOX_MARKERS = [
  "k8s.io/kubernetes/cmd/",
  "sigs.k8s.io/kwok/cmd/kwok",
  "github.com/versity/versitygw/cmd/versitygw",
  "gitTreeState=clean",
  "ensureGoComponents",
];

/** The files an entry loads: itself and every chunk it imports, transitively. */
export function loadedBy(outdir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !fs.existsSync(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from\s*|import\s*\(?\s*)["'](\.{1,2}\/[^"']+\.js)["']/g))
      visit(path.resolve(path.dirname(file), m[1] as string));
  };
  visit(path.join(outdir, entry));
  return [...seen];
}

/** The problems found in a built dist/ folder, one line each; empty when it is clean. */
export function bundleProblems(outdir: string): string[] {
  const problems: string[] = [];
  const rel = (f: string) => path.relative(outdir, f);
  const files = fs
    .readdirSync(outdir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".js"))
    .map((f) => path.join(outdir, f));
  for (const f of files) {
    const text = fs.readFileSync(f, "utf8");
    for (const m of TEST_TOOL_MARKERS)
      if (text.includes(m)) problems.push(`${rel(f)} holds ${JSON.stringify(m)}: a test-only tool's recipe`);
  }
  const actionEntries = [
    "main.js",
    ...fs
      .readdirSync(path.join(outdir, "actions"))
      .filter((f) => f.endsWith(".js"))
      .map((f) => `actions/${f}`),
  ];
  const flagged = new Set<string>();
  for (const entry of actionEntries) {
    for (const f of loadedBy(outdir, entry)) {
      const text = fs.readFileSync(f, "utf8");
      for (const m of SANDBOX_MARKERS) {
        const key = `${rel(f)} ${m}`;
        if (text.includes(m) && !flagged.has(key)) {
          flagged.add(key);
          problems.push(
            `${rel(f)}, loaded by ${entry}, holds ${JSON.stringify(m)}: the sandbox's build recipes`,
          );
        }
      }
    }
  }
  return problems;
}
