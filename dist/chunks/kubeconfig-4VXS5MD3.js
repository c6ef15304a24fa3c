import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  materializeKubeconfig,
  writeKubeconfig
} from "./chunk-OMVTDRDU.js";
import "./chunk-DSRMQBMC.js";
import "./chunk-DY6RLOVI.js";
export {
  materializeKubeconfig,
  writeKubeconfig
};
