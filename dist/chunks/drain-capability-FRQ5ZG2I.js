import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  blockerSummary,
  drain,
  drainAll,
  drainOutputs,
  drainReport,
  parseDrainConfig
} from "./chunk-QRXBK7U7.js";
import "./chunk-6ZVNXR5G.js";
import "./chunk-DITBQNDZ.js";
import "./chunk-OQMME6AH.js";
import "./chunk-VVID3JDB.js";
import "./chunk-NTLTZJUN.js";
import "./chunk-UERCNKJQ.js";
import "./chunk-UJWQRDF3.js";
import "./chunk-OYAXSSLA.js";
import "./chunk-5DBXSNUI.js";
import "./chunk-HIFVFMHY.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-AADN3Z4Y.js";
import "./chunk-DY6RLOVI.js";
export {
  blockerSummary,
  drain,
  drainAll,
  drainOutputs,
  drainReport,
  parseDrainConfig
};
