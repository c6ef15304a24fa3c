import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  controlPlaneRestarting
} from "./chunk-MEXL324I.js";
import {
  isApiError
} from "./chunk-GSHV4ADS.js";
import {
  sleep
} from "./chunk-UU4DZNBE.js";
import {
  formatDuration
} from "./chunk-KIVRFQJF.js";
import {
  OperationalError,
  errorMessage
} from "./chunk-YBANDQLS.js";

// src/nodes/lock.ts
var microTime = (ms) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
function heldByOther(lease, holder, now) {
  const h = lease.spec.holderIdentity;
  if (!h || h === holder) return false;
  const renewed = Date.parse(lease.spec.renewTime ?? lease.spec.acquireTime ?? "");
  const ttl = (lease.spec.leaseDurationSeconds ?? 0) * 1e3;
  return Number.isFinite(renewed) && renewed + ttl > now;
}
var MaintenanceLock = class {
  client;
  config;
  timer;
  path;
  lostController = new AbortController();
  /**
   * Aborts when the lock is lost while held: another run took the Lease, or
   * renewals failed for so long that it may have expired. Work done under
   * the lock should stop then (two drains at once is what the lock is for).
   */
  lost = this.lostController.signal;
  /** The Lease as a read started early (prefetch) saw it: acquire's first look. */
  prefetched;
  /** The Lease as we last wrote it: release's first guess (a write guarded by its resourceVersion). */
  written;
  /** The renewal in flight, if any: release() waits for it (see there). */
  renewal;
  constructor(client, config) {
    this.client = client;
    this.config = config;
    this.path = `/apis/coordination.k8s.io/v1/namespaces/${config.namespace}/leases/${config.name}`;
  }
  /** Takes (or renews) the lock and keeps renewing it until release() or stopRenewing(). */
  async acquire(logger, signal) {
    const deadline = Date.now() + this.config.waitMs;
    let announced = false;
    for (; ; ) {
      const other = await this.tryAcquire();
      if (other === void 0) break;
      if (Date.now() >= deadline || signal?.aborted) {
        throw new OperationalError(
          `another node maintenance holds the lock (Lease ${this.config.namespace}/${this.config.name}): holder ${JSON.stringify(other)}; waited ${formatDuration(this.config.waitMs)} (input 'lock-wait'); it expires on its own ${formatDuration(this.config.ttlMs)} after its last renewal if that run died`
        );
      }
      if (!announced) logger.info(`waiting for the lock, held by ${other}`);
      announced = true;
      await sleep(2e3, signal);
    }
    logger.info(`lock Lease ${this.config.namespace}/${this.config.name} held by ${this.config.holder}`);
    let renewed = Date.now();
    const lose = (why) => {
      logger.warning(why);
      this.stopRenewing();
      this.lostController.abort(new OperationalError(why));
    };
    this.timer = setInterval(
      () => {
        if (this.renewal) return;
        const started = Date.now();
        this.renewal = this.tryAcquire().then(
          (other) => {
            if (other === void 0) renewed = started;
            else
              lose(
                `lost the lock (Lease ${this.config.namespace}/${this.config.name}) to ${other}; stopping`
              );
          },
          (err) => {
            if (Date.now() - renewed < this.config.ttlMs) {
              logger.warning(`could not renew the lock (will retry): ${errorMessage(err)}`);
            } else {
              lose(
                `could not renew the lock for ${formatDuration(this.config.ttlMs)} (lock-ttl), so another run may hold it now; stopping (last error: ${errorMessage(err)})`
              );
            }
          }
        );
        void this.renewal.finally(() => this.renewal = void 0);
      },
      Math.max(1e3, this.config.ttlMs / 3)
    );
    this.timer.unref();
  }
  /**
   * Reads the Lease now, so that acquire() starts from that read instead of
   * making its own: a read only, to overlap with what must pass before the
   * lock is taken (a drain's safety check). Safe however stale the read is
   * by then: the write that takes the lock is guarded by the resourceVersion
   * read (or, for a Lease not there, by its creation), and a conflict means
   * reading again.
   */
  prefetch() {
    this.prefetched = this.read();
    this.prefetched.catch(() => {
    });
  }
  async read() {
    try {
      return await this.client.get(this.path);
    } catch (err) {
      if (!isApiError(err, 404)) throw err;
      return void 0;
    }
  }
  /** Returns undefined when we hold the lock now, else the other holder. */
  async tryAcquire() {
    for (let attempt = 0; attempt < 5; attempt++) {
      if (attempt > 0) await sleep(100 * attempt * (0.5 + Math.random()));
      const now = Date.now();
      const early = this.prefetched;
      this.prefetched = void 0;
      const lease = await (early ?? this.read());
      if (lease && heldByOther(lease, this.config.holder, now)) return lease.spec.holderIdentity ?? "?";
      const spec = {
        holderIdentity: this.config.holder,
        leaseDurationSeconds: Math.ceil(this.config.ttlMs / 1e3),
        acquireTime: lease?.spec.holderIdentity === this.config.holder ? lease.spec.acquireTime : microTime(now),
        renewTime: microTime(now)
      };
      try {
        this.written = !lease ? await this.client.post(
          `/apis/coordination.k8s.io/v1/namespaces/${this.config.namespace}/leases`,
          {
            apiVersion: "coordination.k8s.io/v1",
            kind: "Lease",
            metadata: { name: this.config.name, namespace: this.config.namespace },
            spec
          }
        ) : await this.client.put(this.path, { ...lease, spec: { ...lease.spec, ...spec } });
        return void 0;
      } catch (err) {
        if (!isApiError(err, 409)) throw err;
      }
    }
    throw new OperationalError(
      `could not take the lock (Lease ${this.config.namespace}/${this.config.name}): it changed under us 5 times in a row; check what else writes that Lease`
    );
  }
  stopRenewing() {
    if (this.timer) clearInterval(this.timer);
    this.timer = void 0;
  }
  /**
   * Lets go of the lock if we hold it. A control plane restarting under the
   * upgrade (403 before its caches fill, 5xx) is waited out for up to
   * `restartWaitMs` (upgrade-node's release): a Lease left held would block a
   * re-run until it expires.
   */
  async release(restartWaitMs = 0) {
    this.stopRenewing();
    await this.renewal;
    const until = Date.now() + restartWaitMs;
    let guess = this.written;
    this.written = void 0;
    for (let attempt = 0; attempt < 5; attempt++) {
      let lease;
      try {
        lease = guess ?? await this.read();
      } catch (err) {
        if (controlPlaneRestarting(err) && Date.now() < until) {
          attempt--;
          await sleep(2e3);
          continue;
        }
        throw err;
      }
      if (lease?.spec.holderIdentity !== this.config.holder) return;
      try {
        await this.client.put(this.path, {
          ...lease,
          spec: { ...lease.spec, holderIdentity: null, acquireTime: null, renewTime: null }
        });
        return;
      } catch (err) {
        if (isApiError(err, 404)) return;
        if (controlPlaneRestarting(err) && Date.now() < until) {
          attempt--;
          await sleep(2e3);
          continue;
        }
        if (!isApiError(err, 409)) throw err;
      }
      if (guess) {
        guess = void 0;
        attempt--;
        continue;
      }
      await sleep(100 * (attempt + 1) * (0.5 + Math.random()));
    }
  }
};

export {
  MaintenanceLock
};
