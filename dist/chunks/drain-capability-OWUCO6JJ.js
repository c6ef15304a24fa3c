import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  blockerSummary,
  drain,
  drainAll,
  drainCapabilityInputs,
  drainOutputs,
  drainReport,
  parseDrainConfig
} from "./chunk-KNGB6Z4M.js";
import "./chunk-IDN2JDVL.js";
import "./chunk-TW4PVXUZ.js";
import "./chunk-VXMOKLBL.js";
import "./chunk-6FTAWW3A.js";
import "./chunk-VVID3JDB.js";
import "./chunk-FRFV4QZ2.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-XIQOQISJ.js";
import "./chunk-UYTYTXAH.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-HZODL3GU.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-ZTYUF2W2.js";
import "./chunk-CKSLMCTI.js";
import "./chunk-T4ZVIX6G.js";
import "./chunk-A2QQ3WGS.js";
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
