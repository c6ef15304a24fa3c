// `--help` is generated from the same schema as the flags (nothing drifts):
// each input with its type, default and description.
import assert from "node:assert/strict";
import { test } from "node:test";
import { commandHelp, usage, wrap } from "../../src/cli/help.ts";
import { loadAllCapabilities } from "../../src/capabilities.ts";
import { defaultText, typeText } from "../../src/config/schema.ts";

test("each command's help lists every input with type, default and description", async () => {
  for (const cap of await loadAllCapabilities()) {
    const text = commandHelp({
      command: `kubekeep ${cap.name}`,
      description: cap.description,
      inputs: cap.inputs,
      ...(cap.positional ? { positional: cap.positional } : {}),
    });
    assert.match(
      text,
      new RegExp(`^usage: kubekeep ${cap.name} ${cap.positional ? "<node>\\.\\.\\. " : ""}\\[flags\\]`),
    );
    for (const [name, i] of Object.entries(cap.inputs)) {
      const line = text.split("\n").find((l) => l.startsWith(`  --${name} `));
      assert.ok(line, `${cap.name} --${name}`);
      assert.ok(line.includes(`<${typeText(i)}>`), line);
      if (i.required) assert.match(line, /required/);
      const d = defaultText(i);
      if (d) assert.ok(text.replace(/\s+/g, " ").includes(`Default: ${d}.`), `${cap.name} ${name} default`);
    }
    assert.match(text, /--verbose +debug logging/);
    // A single word longer than the width (a path example) may overflow on its own line.
    for (const l of text.split("\n")) assert.ok(l.length <= 80 || !l.trim().includes(" "), `too long: ${l}`);
  }
});

test("help text pieces", () => {
  assert.deepEqual(wrap("one two three four", 2, 12), ["  one two", "  three four"]);
  const text = usage([
    { name: "drain", summary: "drain nodes" },
    { name: "etcd snapshot", summary: "snapshot etcd" },
  ]);
  assert.match(text, /^ {2}drain {10}drain nodes$/m);
  assert.match(text, /^ {2}etcd snapshot {2}snapshot etcd$/m);
});
