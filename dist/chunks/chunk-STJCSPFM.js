import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/core/files.ts
import fs from "node:fs";
function openNew(file, mode = 420) {
  fs.rmSync(file, { force: true });
  return fs.openSync(file, "wx", mode);
}
function writeFileAtomic(file, data, mode = 420) {
  const tmp = `${file}.tmp`;
  const fd = openNew(tmp, mode);
  try {
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export {
  openNew,
  writeFileAtomic
};
