/**
 * The text of pod-wrapper.sh (shell kept as shell, linted by shellcheck in
 * `npm run check`). Run from source, it is read beside this module;
 * scripts/build.ts bundles it as text in place of this read (every
 * `<name>.sh.ts` becomes its `<name>.sh`), so dist/ needs no file beside it.
 */
import fs from "node:fs";

export default fs.readFileSync(new URL("./pod-wrapper.sh", import.meta.url), "utf8");
