import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  MEMBER_FORM,
  NAME_RE,
  NODE_RE,
  PEER_URL_RE,
  checkMember,
  discoverMembers,
  flagValue,
  formatMember,
  initialCluster,
  isSafePath,
  parseMembers,
  withAddresses
} from "./chunk-MUHM5E3O.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";
export {
  MEMBER_FORM,
  NAME_RE,
  NODE_RE,
  PEER_URL_RE,
  checkMember,
  discoverMembers,
  flagValue,
  formatMember,
  initialCluster,
  isSafePath,
  parseMembers,
  withAddresses
};
