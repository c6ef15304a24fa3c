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
} from "./chunk-NJQQBLOY.js";
import "./chunk-EN36NO3J.js";
import "./chunk-FOICGN3K.js";
import "./chunk-VEWTP3ZG.js";
import "./chunk-KKIOPECD.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-KIVRFQJF.js";
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
