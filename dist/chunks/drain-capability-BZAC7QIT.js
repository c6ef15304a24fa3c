import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  blockerSummary,
  drain,
  drainAll,
  drainCapabilityInputs,
  drainOutputs,
  drainReport,
  parseDrainConfig
} from "./chunk-AEUV4PFF.js";
import "./chunk-RQMUIBYA.js";
import "./chunk-LWBPAOXN.js";
import "./chunk-N75ZUTL4.js";
import "./chunk-C5YG47NS.js";
import "./chunk-UU4DZNBE.js";
import "./chunk-FK3ILC2B.js";
import "./chunk-MHHRM6JR.js";
import "./chunk-RFV4WAL7.js";
import "./chunk-XVJD3LXS.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-DSRMQBMC.js";
import "./chunk-VVID3JDB.js";
import "./chunk-RGWNLHOT.js";
import "./chunk-KNDO3OP3.js";
import "./chunk-7GSFTKQ3.js";
import "./chunk-3J7THEQH.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-T4ZVIX6G.js";
import "./chunk-VVDQKYP6.js";
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
