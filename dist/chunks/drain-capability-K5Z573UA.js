import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  blockerSummary,
  drain,
  drainAll,
  drainCapabilityInputs,
  drainOutputs,
  drainReport,
  parseDrainConfig
} from "./chunk-WP2VSCW3.js";
import "./chunk-LRVEA32T.js";
import "./chunk-6ZVNXR5G.js";
import "./chunk-CEB3NSHY.js";
import "./chunk-VVID3JDB.js";
import "./chunk-6FTAWW3A.js";
import "./chunk-HI2IWMTQ.js";
import "./chunk-BSE24TIN.js";
import "./chunk-OWYMNPRP.js";
import "./chunk-CUX76FH3.js";
import "./chunk-T4ZVIX6G.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";
export {
  blockerSummary,
  drain,
  drainAll,
  drainCapabilityInputs,
  drainOutputs,
  drainReport,
  parseDrainConfig
};
