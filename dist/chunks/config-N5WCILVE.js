import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ACCEPT_NEW_WARNING,
  DEFAULT_POD_IMAGE,
  defaultHolder,
  drainInputs,
  executorInputs,
  filterInputs,
  gateInputs,
  lockInputs,
  maskExecutor,
  maskSshKey,
  nodeInput,
  parseAllowLastControlPlane,
  parseDrainOptions,
  parseExecutor,
  parseFilters,
  parseGates,
  parseKubeadmFlags,
  parseLock,
  parseNodes,
  parsePackageRepository,
  parseSshAccess,
  parseTarget,
  sshInputs,
  targetInput
} from "./chunk-MMPS3OD7.js";
import "./chunk-2HG6AMBK.js";
import "./chunk-I54P7HKH.js";
import "./chunk-2BN52FYM.js";
import "./chunk-FK3ILC2B.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";
export {
  ACCEPT_NEW_WARNING,
  DEFAULT_POD_IMAGE,
  defaultHolder,
  drainInputs,
  executorInputs,
  filterInputs,
  gateInputs,
  lockInputs,
  maskExecutor,
  maskSshKey,
  nodeInput,
  parseAllowLastControlPlane,
  parseDrainOptions,
  parseExecutor,
  parseFilters,
  parseGates,
  parseKubeadmFlags,
  parseLock,
  parseNodes,
  parsePackageRepository,
  parseSshAccess,
  parseTarget,
  sshInputs,
  targetInput
};
