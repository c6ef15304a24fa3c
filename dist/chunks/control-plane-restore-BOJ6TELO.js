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
} from "./chunk-GVYS6UUC.js";
import "./chunk-MUHM5E3O.js";
import "./chunk-GI66DSC2.js";
import "./chunk-I54P7HKH.js";
import "./chunk-2BN52FYM.js";
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
