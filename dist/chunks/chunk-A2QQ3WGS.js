import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  OperationalError
} from "./chunk-YBANDQLS.js";

// src/core/stall.ts
var DEFAULT_STALL_TIMEOUT = "60s";
var DEFAULT_STALL_TIMEOUT_MS = 6e4;
var StallWatchdog = class {
  last = Date.now();
  timer;
  options;
  fired = false;
  constructor(options) {
    this.options = options;
    this.timer = setInterval(() => this.check(), Math.max(50, Math.min(1e3, options.timeoutMs / 4)));
    this.timer.unref();
  }
  progress() {
    this.last = Date.now();
  }
  stop() {
    clearInterval(this.timer);
  }
  check() {
    if (this.fired) return;
    if (this.options.excused?.()) return this.progress();
    const idle = Date.now() - this.last;
    if (idle < this.options.timeoutMs) return;
    this.fired = true;
    this.stop();
    this.options.onStall(idle);
  }
};
async function withDeadline(work, timeoutMs, timedOut) {
  const controller = new AbortController();
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const err = timedOut();
      controller.abort(err);
      reject(err);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
function stallError(peer, doing, timeoutMs, check) {
  return new OperationalError(`${peer} ${doing} for ${seconds(timeoutMs)} (stall-timeout); ${check}`);
}
function seconds(ms) {
  return `${Number((ms / 1e3).toFixed(1))}s`;
}

export {
  DEFAULT_STALL_TIMEOUT,
  DEFAULT_STALL_TIMEOUT_MS,
  StallWatchdog,
  withDeadline,
  stallError,
  seconds
};
