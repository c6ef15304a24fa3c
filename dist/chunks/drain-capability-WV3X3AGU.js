import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  blockerSummary,
  drain,
  drainAll,
  drainCapabilityInputs,
  drainOutputs,
  drainReport,
  parseDrainConfig
} from "./chunk-IHFNJZBY.js";
import "./chunk-77JFNSKW.js";
import "./chunk-L6PRN5PU.js";
import "./chunk-KNBUQ7WK.js";
import "./chunk-6FTAWW3A.js";
import "./chunk-VVID3JDB.js";
import "./chunk-UT3AYOY3.js";
import "./chunk-QZPFLFHE.js";
import "./chunk-74O2KZYY.js";
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
