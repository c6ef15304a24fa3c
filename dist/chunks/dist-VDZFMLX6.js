import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-DSRMQBMC.js";
import "./chunk-DY6RLOVI.js";
export default require_dist();
