import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  clusterInfo,
  listNodes
} from "./chunk-JIXXBO2G.js";
import "./chunk-VVID3JDB.js";
import "./chunk-R7UKN4RD.js";
import "./chunk-MND6YXTW.js";
import "./chunk-OYAXSSLA.js";
import "./chunk-5DBXSNUI.js";
import "./chunk-HIFVFMHY.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-AADN3Z4Y.js";
import "./chunk-DY6RLOVI.js";
export {
  clusterInfo,
  listNodes
};
