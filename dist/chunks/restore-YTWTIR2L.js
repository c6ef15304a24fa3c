import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  etcdRestore,
  etcdutlArgs,
  kubeadmRestoreCommands
} from "./chunk-4GT2DU6C.js";
import "./chunk-T3YJGVU5.js";
import "./chunk-M3FNMRWH.js";
import "./chunk-E57IVR3K.js";
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
  etcdRestore,
  etcdutlArgs,
  kubeadmRestoreCommands
};
