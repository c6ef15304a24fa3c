import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import {
  etcdSnapshot
} from "../chunks/chunk-3Q527PSP.js";
import "../chunks/chunk-UXIATGTE.js";
import "../chunks/chunk-UJACLOMM.js";
import "../chunks/chunk-PRG6UY7W.js";
import "../chunks/chunk-NNGXUHDR.js";
import "../chunks/chunk-CBH4XVJM.js";
import "../chunks/chunk-LSKKEOJO.js";
import "../chunks/chunk-E57IVR3K.js";
import "../chunks/chunk-NTLTZJUN.js";
import "../chunks/chunk-XXDYOHH3.js";
import "../chunks/chunk-VMH5PXV4.js";
import {
  runAction
} from "../chunks/chunk-WWTYFQEP.js";
import "../chunks/chunk-OYAXSSLA.js";
import "../chunks/chunk-5DBXSNUI.js";
import "../chunks/chunk-HIFVFMHY.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-AADN3Z4Y.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/etcd-snapshot.ts
await runAction(etcdSnapshot);
