import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  etcdRestore,
  etcdutlArgs,
  kubeadmRestoreCommands
} from "./chunk-R34FBMX2.js";
import "./chunk-2UF34LJZ.js";
import "./chunk-M3FNMRWH.js";
import "./chunk-E57IVR3K.js";
import "./chunk-6FTAWW3A.js";
import "./chunk-2JDFTOFD.js";
import "./chunk-54QASGDA.js";
import "./chunk-OYAXSSLA.js";
import "./chunk-5DBXSNUI.js";
import "./chunk-HIFVFMHY.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-AADN3Z4Y.js";
import "./chunk-DY6RLOVI.js";
export {
  etcdRestore,
  etcdutlArgs,
  kubeadmRestoreCommands
};
