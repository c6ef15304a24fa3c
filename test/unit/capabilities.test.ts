import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { CAPABILITIES } from "../../src/capabilities.ts";

test("each registry entry loads the capability of its name, which has an action folder", async () => {
  for (const entry of CAPABILITIES) {
    const cap = await entry.load();
    assert.equal(cap.name, entry.name);
    assert.ok(cap.summary.length > 10, `${entry.name} has a summary for --help`);
    assert.ok(fs.existsSync(`actions/${entry.name}/action.yml`), `actions/${entry.name}/action.yml exists`);
  }
});
