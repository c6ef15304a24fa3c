/**
 * The text of member-restore.sh (shell kept as shell, linted by shellcheck in
 * `npm run check`; scripts/build.ts bundles it as text in place of this read).
 */
import fs from "node:fs";

export default fs.readFileSync(new URL("./member-restore.sh", import.meta.url), "utf8");
