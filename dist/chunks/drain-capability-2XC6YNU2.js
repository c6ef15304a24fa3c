import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  blockerSummary,
  drain,
  drainAll,
  drainCapabilityInputs,
  drainOutputs,
  drainReport,
  parseDrainConfig
} from "./chunk-DPA7LFDV.js";
import "./chunk-SRWS6SDL.js";
import "./chunk-R5UM4QQZ.js";
import "./chunk-CBA3F5TI.js";
import "./chunk-6FTAWW3A.js";
import "./chunk-VVID3JDB.js";
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
