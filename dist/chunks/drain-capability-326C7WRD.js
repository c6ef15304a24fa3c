import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  blockerSummary,
  drain,
  drainAll,
  drainCapabilityInputs,
  drainOutputs,
  drainReport,
  parseDrainConfig
} from "./chunk-6K7LXVDV.js";
import "./chunk-UZJQQHTI.js";
import "./chunk-L6PRN5PU.js";
import "./chunk-EYYKHCOX.js";
import "./chunk-6FTAWW3A.js";
import "./chunk-VVID3JDB.js";
import "./chunk-JPJMUCKZ.js";
import "./chunk-QZPFLFHE.js";
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
