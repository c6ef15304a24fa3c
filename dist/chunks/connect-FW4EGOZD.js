import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  connect,
  kubeconfigSecrets,
  withCluster
} from "./chunk-AQEUWNRQ.js";
import "./chunk-OB3FCZHL.js";
import "./chunk-DY6RLOVI.js";
export {
  connect,
  kubeconfigSecrets,
  withCluster
};
