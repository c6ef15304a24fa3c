import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  __commonJS,
  __require
} from "./chunk-DY6RLOVI.js";

// http-by-require:node:http
var require_node_http = __commonJS({
  "http-by-require:node:http"(exports, module) {
    module.exports = __require("node:http");
  }
});

export {
  require_node_http
};
