/**
 * Writes every file generated from the capabilities' input schemas (each
 * actions/<name>/action.yml, the root action.yml, the reference pages in
 * docs/reference/); `--check` writes nothing and fails when a committed file
 * differs or docs/reference/ holds a page no capability generates, which
 * `npm run check` runs so the files never drift from the schema.
 * Output is formatted with the repository's prettier settings, so the files
 * pass `format:check` as generated.
 */
import fs from "node:fs";
import path from "node:path";
import * as prettier from "prettier";
import { loadAllCapabilities } from "../src/capabilities.ts";
import { actionYml, REFERENCE_DIR, referenceFiles, rootActionYml } from "./docs.ts";
import { GUIDES } from "./guides.ts";

const root = path.resolve(import.meta.dirname, "..");
const check = process.argv.includes("--check");

async function format(file: string, text: string): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}

const caps = await loadAllCapabilities();
const want = new Map<string, string>();
for (const cap of caps) want.set(`actions/${cap.name}/action.yml`, actionYml(cap));
want.set("action.yml", rootActionYml(caps));
for (const [rel, text] of referenceFiles(caps, GUIDES)) want.set(rel, text);

const strays = [
  ...fs
    .readdirSync(path.join(root, "actions"))
    .filter((d) => !caps.some((c) => c.name === d))
    .map((d) => `actions/${d}: no capability of that name in src/capabilities.ts`),
  ...(fs.existsSync(path.join(root, REFERENCE_DIR)) ? fs.readdirSync(path.join(root, REFERENCE_DIR)) : [])
    .map((f) => `${REFERENCE_DIR}/${f}`)
    .filter((rel) => !want.has(rel))
    .map((rel) => `${rel}: generated from no capability (the reference is generated: remove it)`),
];
if (strays.length) {
  console.error(strays.join("\n"));
  process.exit(1);
}

const drifted: string[] = [];
for (const [rel, text] of want) {
  const file = path.join(root, rel);
  const formatted = await format(file, text);
  const have = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  if (have === formatted) continue;
  drifted.push(rel);
  if (!check) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, formatted);
  }
}
if (check && drifted.length) {
  console.error(
    `${drifted.join(", ")} ${drifted.length === 1 ? "differs" : "differ"} from the input schemas; run \`npm run docs\` and commit the result`,
  );
  process.exit(1);
}
console.log(
  check
    ? "generated files match the input schemas"
    : `wrote ${drifted.length ? drifted.join(", ") : "nothing (up to date)"}`,
);
