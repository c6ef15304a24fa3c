import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  uncordon
} from "./chunk-XGB4QXOF.js";
import "./chunk-6ZVNXR5G.js";
import "./chunk-PTREU54S.js";
import "./chunk-VVID3JDB.js";
import "./chunk-6FTAWW3A.js";
import "./chunk-2SMP5UAZ.js";
import "./chunk-BSE24TIN.js";
import "./chunk-4KLN52HN.js";
import "./chunk-T4ZVIX6G.js";
import "./chunk-NU5444CJ.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";
export {
  uncordon
};
