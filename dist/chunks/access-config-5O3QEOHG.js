import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  etcdAccessInputs,
  maskEtcdSecrets,
  parseEtcdAccess
} from "./chunk-S7ZV73AW.js";
import "./chunk-MHHRM6JR.js";
import "./chunk-RFV4WAL7.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-3J7THEQH.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-T4ZVIX6G.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";
export {
  etcdAccessInputs,
  maskEtcdSecrets,
  parseEtcdAccess
};
