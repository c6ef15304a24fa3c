import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  require_node_http
} from "./chunk-IZKOCMEM.js";
import "./chunk-DY6RLOVI.js";
export default require_node_http();
