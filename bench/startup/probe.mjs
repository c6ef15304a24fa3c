// Preloaded with `node --import` by bench/startup/run.ts and the startup-budget test:
// records every file the process loads (import and require both pass through
// module.registerHooks) and, at the first write to stdout or stderr, the CPU
// (user+sys) and wall time spent so far (workflow commands that show nothing,
// ::add-mask:: and ::debug::, do not count as a line), as one JSON line of the file $KK_PROBE_OUT;
// a second line at exit lists every file loaded in the whole run.
// Plain .mjs so that it runs the same under any Node without type stripping.
import fs from "node:fs";
import { registerHooks } from "node:module";
import { fileURLToPath } from "node:url";

const out = process.env.KK_PROBE_OUT;
const loaded = new Set();
registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith("file:")) loaded.add(fileURLToPath(url));
    return nextLoad(url, context);
  },
});

function snapshot(line) {
  const ru = process.resourceUsage();
  const files = [...loaded].map((file) => {
    let bytes = 0;
    try {
      bytes = fs.statSync(file).size;
    } catch {
      // A file that went away is counted as nothing.
    }
    return { file, bytes };
  });
  fs.appendFileSync(
    out,
    JSON.stringify({
      cpuMs: (ru.userCPUTime + ru.systemCPUTime) / 1000,
      wallMs: performance.now(),
      maxRssKb: ru.maxRSS,
      firstLine: line,
      files,
    }) + "\n",
  );
}

let done = false;
function record(line) {
  if (done || !out) return;
  done = true;
  snapshot(line);
}

for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => {
    const line = String(chunk).split("\n")[0];
    // Masking and debug commands are not lines anyone sees in the log.
    if (!/^::(add-mask|debug)::/.test(line)) record(line);
    return write(chunk, ...rest);
  };
}
process.on("exit", () => {
  record(null);
  if (out) snapshot(null);
});
