import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  blockerSummary,
  drain,
  drainAll,
  drainCapabilityInputs,
  drainOutputs,
  drainReport,
  parseDrainConfig
} from "./chunk-5M4IQGZ6.js";
import "./chunk-QKVKAVER.js";
import "./chunk-FOTRPVML.js";
import "./chunk-W66Z2MEX.js";
import "./chunk-VVID3JDB.js";
import "./chunk-MHHRM6JR.js";
import "./chunk-RFV4WAL7.js";
import "./chunk-FK3ILC2B.js";
import "./chunk-UU4DZNBE.js";
import "./chunk-67EMJRJE.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-XIQOQISJ.js";
import "./chunk-TEA3XJ5W.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-7GSFTKQ3.js";
import "./chunk-3J7THEQH.js";
import "./chunk-SYXBBJIO.js";
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
