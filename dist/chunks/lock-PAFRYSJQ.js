import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  MaintenanceLock
} from "./chunk-KAC2KONT.js";
import "./chunk-EALCEIBV.js";
import "./chunk-UU4DZNBE.js";
import "./chunk-UEOO7UL3.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-XIQOQISJ.js";
import "./chunk-KNDO3OP3.js";
import "./chunk-T4ZVIX6G.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";
export {
  MaintenanceLock
};
