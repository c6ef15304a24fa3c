import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  NODE_SNAPSHOT_DIR,
  NodeSteps,
  onNode,
  recordedRestores
} from "./chunk-FOICGN3K.js";
import "./chunk-VEWTP3ZG.js";
import "./chunk-KKIOPECD.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-KIVRFQJF.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";
export {
  NODE_SNAPSHOT_DIR,
  NodeSteps,
  onNode,
  recordedRestores
};
