import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  blockerSummary,
  drain,
  drainAll,
  drainCapabilityInputs,
  drainOutputs,
  drainReport,
  parseDrainConfig
} from "./chunk-RD6RNQZX.js";
import "./chunk-CHXZJEX7.js";
import "./chunk-CA6WDUMQ.js";
import "./chunk-QK2V5NCJ.js";
import "./chunk-6FTAWW3A.js";
import "./chunk-VVID3JDB.js";
import "./chunk-Q4WVFWQG.js";
import "./chunk-HNZPUGUT.js";
import "./chunk-RTFYTGIU.js";
import "./chunk-NCWNWNUJ.js";
import "./chunk-P5JCRXJZ.js";
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
