import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ExecAuth
} from "./chunk-F2GQWQWR.js";
import "./chunk-DY6RLOVI.js";
export {
  ExecAuth
};
