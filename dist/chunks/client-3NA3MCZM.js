import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  EtcdClient,
  classifyConnectFailure,
  describeGrpcError
} from "./chunk-273D4G2G.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";
export {
  EtcdClient,
  classifyConnectFailure,
  describeGrpcError
};
