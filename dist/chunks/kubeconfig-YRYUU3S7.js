import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  materializeKubeconfig,
  writeKubeconfig
} from "./chunk-6TJFEJRL.js";
import "./chunk-XIQOQISJ.js";
import "./chunk-DY6RLOVI.js";
export {
  materializeKubeconfig,
  writeKubeconfig
};
