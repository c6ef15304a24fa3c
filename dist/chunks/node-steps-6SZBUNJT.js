import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  NodeSteps,
  onNode,
  reachedBy,
  recordedRestores
} from "./chunk-GI66DSC2.js";
import "./chunk-I54P7HKH.js";
import "./chunk-2BN52FYM.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-KIVRFQJF.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";
export {
  NodeSteps,
  onNode,
  reachedBy,
  recordedRestores
};
