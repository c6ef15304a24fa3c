import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/export/resource-type.ts
function groupVersion(r) {
  return r.group === "" ? r.version : `${r.group}/${r.version}`;
}
function apiPath(r) {
  return r.group === "" ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
}
function resourceId(r) {
  return r.group === "" ? r.resource : `${r.resource}.${r.group}`;
}

export {
  groupVersion,
  apiPath,
  resourceId
};
