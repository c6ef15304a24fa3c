import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  readText,
  toApiError,
  watchEvents
} from "./chunk-GSHV4ADS.js";
import {
  sleep
} from "./chunk-UU4DZNBE.js";
import {
  seconds
} from "./chunk-A2QQ3WGS.js";
import {
  OperationalError,
  errorMessage
} from "./chunk-YBANDQLS.js";

// src/cluster/list-watch.ts
var WATCH_SECONDS = 10;
var ListWatch = class {
  client;
  options;
  present = /* @__PURE__ */ new Map();
  /** Every key ever present: an absent key never seen is unknown, not gone. */
  seen = /* @__PURE__ */ new Set();
  /** When the last list that completed was sent (0: none yet). */
  listSentAt = 0;
  wakers = /* @__PURE__ */ new Set();
  abort = new AbortController();
  resourceVersion = "";
  loop;
  /** When the API server was last heard from (a list, a watch event, a watch's end). */
  heard = Date.now();
  lastError;
  constructor(client, options) {
    this.client = client;
    this.options = options;
  }
  /** Lists and starts watching; returns what was listed. */
  async start() {
    const items = await this.relist();
    this.loop = this.watchLoop();
    return items;
  }
  async stop() {
    this.abort.abort();
    await this.loop;
  }
  items() {
    return [...this.present.values()];
  }
  get(key) {
    return this.present.get(key);
  }
  /**
   * True when the object with `key`, known to exist at time `existedAt`
   * (from a read of its own), is known to be gone: absent now, and either
   * seen here before (so it left in an event or a later list) or missing
   * from a list sent after `existedAt`. An object this view has never heard
   * of is not gone: its events may simply not have arrived yet.
   */
  gone(key, existedAt) {
    if (this.present.has(key)) return false;
    return this.seen.has(key) || this.listSentAt > existedAt;
  }
  /**
   * `check()`'s first answer that is not undefined, asked again on every
   * change; undefined at the deadline or when `signal` aborts. Throws when
   * the API server has not been heard from for longer than a watch lasts
   * plus the stall timeout: what is known is then stale, and waiting on it
   * until the whole budget is spent would only hide that the server is gone.
   */
  async until(check, deadline, signal) {
    for (; ; ) {
      const answer = check();
      if (answer !== void 0) return answer;
      const left = deadline - Date.now();
      if (left <= 0 || signal?.aborted) return void 0;
      this.checkFresh();
      await new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.wakers.delete(wake);
          signal?.removeEventListener("abort", wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 1e3));
        this.wakers.add(wake);
        signal?.addEventListener("abort", wake, { once: true });
      });
    }
  }
  checkFresh() {
    const quiet = Date.now() - this.heard;
    if (quiet <= WATCH_SECONDS * 1e3 + this.client.stallTimeoutMs) return;
    throw new OperationalError(
      `lost touch with the Kubernetes API at ${this.client.server}: no ${this.options.what} for ${seconds(quiet)} (stall-timeout ${seconds(this.client.stallTimeoutMs)})` + (this.lastError ? `; last error: ${errorMessage(this.lastError)}` : "")
    );
  }
  changed() {
    for (const wake of [...this.wakers]) wake();
  }
  selectors() {
    const { fieldSelector, labelSelector } = this.options;
    return { ...fieldSelector ? { fieldSelector } : {}, ...labelSelector ? { labelSelector } : {} };
  }
  async relist(signal) {
    const sent = Date.now();
    const list = await this.client.request(
      "GET",
      this.options.path,
      { query: this.selectors(), ...signal ? { signal } : {} }
    );
    this.heard = Date.now();
    this.present.clear();
    for (const o of list.items) {
      const k = this.options.key(o);
      if (k) {
        this.present.set(k, o);
        this.seen.add(k);
      }
    }
    this.listSentAt = sent;
    this.resourceVersion = list.metadata?.resourceVersion ?? "";
    this.changed();
    return list.items;
  }
  async watchLoop() {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const opened = Date.now();
      try {
        await this.watchOnce(signal);
        if (Date.now() - opened >= 1e3) continue;
      } catch (err) {
        this.lastError = err;
      }
      if (signal.aborted) return;
      try {
        await this.relist(signal);
      } catch (err) {
        this.lastError = err;
        await sleep(500, signal);
      }
    }
  }
  async watchOnce(signal) {
    const { path } = this.options;
    const res = await this.client.open("GET", path, {
      query: {
        watch: 1,
        ...this.selectors(),
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: WATCH_SECONDS
      },
      signal,
      // Quiet is normal on a watch (nothing changed) until the server ends it.
      timeoutMs: WATCH_SECONDS * 1e3 + this.client.stallTimeoutMs
    });
    this.heard = Date.now();
    if (res.statusCode !== 200) throw toApiError(res.statusCode ?? 0, await readText(res), "GET", path);
    for await (const event of watchEvents(res)) {
      this.heard = Date.now();
      if (event.type === "ERROR") throw new Error("watch expired");
      const rv = event.object.metadata.resourceVersion;
      if (rv) this.resourceVersion = rv;
      const k = this.options.key(event.object);
      if (!k || event.type === "BOOKMARK") continue;
      if (event.type === "DELETED") this.present.delete(k);
      else {
        this.present.set(k, event.object);
        this.seen.add(k);
      }
      this.changed();
    }
    this.heard = Date.now();
  }
};

export {
  ListWatch
};
