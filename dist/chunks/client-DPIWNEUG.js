import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ApiError,
  KubeClient,
  apiStalled,
  isApiError,
  readBody,
  readText,
  toApiError,
  watchEvents
} from "./chunk-GSHV4ADS.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-XIQOQISJ.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";
export {
  ApiError,
  KubeClient,
  apiStalled,
  isApiError,
  readBody,
  readText,
  toApiError,
  watchEvents
};
