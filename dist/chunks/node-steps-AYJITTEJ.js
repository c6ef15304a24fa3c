import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  NODE_SNAPSHOT_DIR,
  NodeSteps,
  onNode,
  recordedRestores
} from "./chunk-3BE43VNY.js";
import "./chunk-VEWTP3ZG.js";
import "./chunk-5ELGPLIK.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-T4ZVIX6G.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";
export {
  NODE_SNAPSHOT_DIR,
  NodeSteps,
  onNode,
  recordedRestores
};
