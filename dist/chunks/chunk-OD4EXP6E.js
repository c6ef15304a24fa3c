import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  DEFAULT_STALL_TIMEOUT
} from "./chunk-A2QQ3WGS.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";

// src/config/stall.ts
var stallInputs = {
  "stall-timeout": input.duration({
    description: "How long a network peer (the Kubernetes API, etcd, S3) may send or take no data, or take to connect, before the run fails naming it. A deadline on progress, not on the whole run. Watches get their own server-side end plus this.",
    default: DEFAULT_STALL_TIMEOUT,
    min: "1s"
  })
};
function stallTimeout(src) {
  return readInputs(stallInputs, src)["stall-timeout"];
}

export {
  stallInputs,
  stallTimeout
};
