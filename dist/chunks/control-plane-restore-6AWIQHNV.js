import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  Progress,
  RESTORE_ID_RE,
  RESTORE_STEPS,
  ROLLBACK_STEPS,
  checkMembers,
  membersInput,
  newRestoreId,
  plannedSteps,
  restoreToRollBack,
  runSteps,
  unfinishedRestore
} from "./chunk-KEO4CYSD.js";
import "./chunk-EN36NO3J.js";
import "./chunk-3BE43VNY.js";
import "./chunk-VEWTP3ZG.js";
import "./chunk-5ELGPLIK.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-T4ZVIX6G.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";
export {
  Progress,
  RESTORE_ID_RE,
  RESTORE_STEPS,
  ROLLBACK_STEPS,
  checkMembers,
  membersInput,
  newRestoreId,
  plannedSteps,
  restoreToRollBack,
  runSteps,
  unfinishedRestore
};
