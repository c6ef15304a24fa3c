import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import "../chunks/chunk-J3U5KYFH.js";
import "../chunks/chunk-LVIQY5NJ.js";
import "../chunks/chunk-HDZ5JIDY.js";
import {
  etcdList
} from "../chunks/chunk-VCKAB7EJ.js";
import "../chunks/chunk-ZEKO2XOK.js";
import "../chunks/chunk-BUQ3IGIY.js";
import "../chunks/chunk-M3FNMRWH.js";
import "../chunks/chunk-E57IVR3K.js";
import "../chunks/chunk-NTLTZJUN.js";
import "../chunks/chunk-BABDBHIL.js";
import "../chunks/chunk-AAKPCODE.js";
import {
  runAction
} from "../chunks/chunk-WWTYFQEP.js";
import "../chunks/chunk-OYAXSSLA.js";
import "../chunks/chunk-5DBXSNUI.js";
import "../chunks/chunk-HIFVFMHY.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-AADN3Z4Y.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/etcd-list.ts
await runAction(etcdList);
