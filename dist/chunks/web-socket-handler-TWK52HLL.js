import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  WebSocketHandler
} from "./chunk-ABNOG6LS.js";
import "./chunk-DY6RLOVI.js";
export {
  WebSocketHandler
};
