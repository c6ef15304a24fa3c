/**
 * A cluster-wide lock on node maintenance: a coordination.k8s.io Lease, so
 * two workflows (or any tool that honours the Lease) never drain at once.
 * Taken with optimistic concurrency (resourceVersion), renewed while work
 * runs, and expiring on its own if a runner dies.
 *
 * Here, unlike on Nodes, the resourceVersion precondition is the point: a
 * 409 Conflict means another run wrote the Lease first (took it, renewed it,
 * let it go). We never retry the same write blindly: we read the Lease again
 * and decide again, and when another holder's lease is live we wait or fail.
 */
import { isApiError, type KubeClient } from "../cluster/client.ts";
import { controlPlaneRestarting } from "../cluster/api-failure.ts";
import { errorMessage, OperationalError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { formatDuration } from "../core/units.ts";
import { sleep } from "../core/sleep.ts";

export interface LockConfig {
  name: string;
  namespace: string;
  holder: string;
  ttlMs: number;
  /** How long to wait for another holder to let go (0: fail at once). */
  waitMs: number;
}

interface Lease {
  apiVersion: "coordination.k8s.io/v1";
  kind: "Lease";
  metadata: {
    name: string;
    namespace: string;
    resourceVersion?: string;
    annotations?: Record<string, string>;
  };
  spec: {
    holderIdentity?: string | null;
    leaseDurationSeconds?: number;
    acquireTime?: string | null;
    renewTime?: string | null;
  };
}

const microTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");

function heldByOther(lease: Lease, holder: string, now: number): boolean {
  const h = lease.spec.holderIdentity;
  if (!h || h === holder) return false;
  const renewed = Date.parse(lease.spec.renewTime ?? lease.spec.acquireTime ?? "");
  const ttl = (lease.spec.leaseDurationSeconds ?? 0) * 1000;
  return Number.isFinite(renewed) && renewed + ttl > now;
}

export class MaintenanceLock {
  private readonly client: KubeClient;
  readonly config: LockConfig;
  private timer: NodeJS.Timeout | undefined;
  private readonly path: string;
  private readonly lostController = new AbortController();
  /**
   * Aborts when the lock is lost while held: another run took the Lease, or
   * renewals failed for so long that it may have expired. Work done under
   * the lock should stop then (two drains at once is what the lock is for).
   */
  readonly lost: AbortSignal = this.lostController.signal;
  /** The Lease as a read started early (prefetch) saw it: acquire's first look. */
  private prefetched: Promise<Lease | undefined> | undefined;
  /** The Lease as we last wrote it: release's first guess (a write guarded by its resourceVersion). */
  private written: Lease | undefined;
  /** The renewal in flight, if any: release() waits for it (see there). */
  private renewal: Promise<void> | undefined;

  constructor(client: KubeClient, config: LockConfig) {
    this.client = client;
    this.config = config;
    this.path = `/apis/coordination.k8s.io/v1/namespaces/${config.namespace}/leases/${config.name}`;
  }

  /** Takes (or renews) the lock and keeps renewing it until release() or stopRenewing(). */
  async acquire(logger: Logger, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + this.config.waitMs;
    let announced = false;
    for (;;) {
      const other = await this.tryAcquire();
      if (other === undefined) break;
      if (Date.now() >= deadline || signal?.aborted) {
        throw new OperationalError(
          `another node maintenance holds the lock (Lease ${this.config.namespace}/${this.config.name}): holder ${JSON.stringify(other)}; ` +
            `waited ${formatDuration(this.config.waitMs)} (input 'lock-wait'); it expires on its own ${formatDuration(this.config.ttlMs)} after its last renewal if that run died`,
        );
      }
      if (!announced) logger.info(`waiting for the lock, held by ${other}`);
      announced = true;
      await sleep(2000, signal);
    }
    logger.info(`lock Lease ${this.config.namespace}/${this.config.name} held by ${this.config.holder}`);
    let renewed = Date.now();
    const lose = (why: string) => {
      logger.warning(why);
      this.stopRenewing();
      this.lostController.abort(new OperationalError(why));
    };
    this.timer = setInterval(
      () => {
        // One renewal at a time: a slow API server must not stack them, and
        // release() waits for the one in flight (see there).
        if (this.renewal) return;
        const started = Date.now();
        this.renewal = this.tryAcquire().then(
          (other) => {
            if (other === undefined) renewed = started;
            else
              lose(
                `lost the lock (Lease ${this.config.namespace}/${this.config.name}) to ${other}; stopping`,
              );
          },
          (err: unknown) => {
            if (Date.now() - renewed < this.config.ttlMs) {
              logger.warning(`could not renew the lock (will retry): ${errorMessage(err)}`);
            } else {
              lose(
                `could not renew the lock for ${formatDuration(this.config.ttlMs)} (lock-ttl), so another run may hold it now; stopping (last error: ${errorMessage(err)})`,
              );
            }
          },
        );
        void this.renewal.finally(() => (this.renewal = undefined));
      },
      Math.max(1000, this.config.ttlMs / 3),
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
  prefetch(): void {
    this.prefetched = this.read();
    this.prefetched.catch(() => {}); // awaited by acquire
  }

  private async read(): Promise<Lease | undefined> {
    try {
      return await this.client.get<Lease>(this.path);
    } catch (err) {
      if (!isApiError(err, 404)) throw err;
      return undefined;
    }
  }

  /** Returns undefined when we hold the lock now, else the other holder. */
  private async tryAcquire(): Promise<string | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      if (attempt > 0) await sleep(100 * attempt * (0.5 + Math.random()));
      const now = Date.now();
      const early = this.prefetched;
      this.prefetched = undefined;
      const lease = await (early ?? this.read());
      if (lease && heldByOther(lease, this.config.holder, now)) return lease.spec.holderIdentity ?? "?";
      const spec = {
        holderIdentity: this.config.holder,
        leaseDurationSeconds: Math.ceil(this.config.ttlMs / 1000),
        acquireTime:
          lease?.spec.holderIdentity === this.config.holder ? lease.spec.acquireTime : microTime(now),
        renewTime: microTime(now),
      };
      try {
        this.written = !lease
          ? await this.client.post<Lease>(
              `/apis/coordination.k8s.io/v1/namespaces/${this.config.namespace}/leases`,
              {
                apiVersion: "coordination.k8s.io/v1",
                kind: "Lease",
                metadata: { name: this.config.name, namespace: this.config.namespace },
                spec,
              },
            )
          : await this.client.put<Lease>(this.path, { ...lease, spec: { ...lease.spec, ...spec } });
        return undefined;
      } catch (err) {
        // Someone else wrote first (409), or created it first (409 on POST):
        // look again, and decide again on what is there now.
        if (!isApiError(err, 409)) throw err;
      }
    }
    throw new OperationalError(
      `could not take the lock (Lease ${this.config.namespace}/${this.config.name}): it changed under us 5 times in a row; check what else writes that Lease`,
    );
  }

  stopRenewing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Lets go of the lock if we hold it. A control plane restarting under the
   * upgrade (403 before its caches fill, 5xx) is waited out for up to
   * `restartWaitMs` (upgrade-node's release): a Lease left held would block a
   * re-run until it expires.
   */
  async release(restartWaitMs = 0): Promise<void> {
    this.stopRenewing();
    // A renewal already in flight would otherwise take the lock back: its
    // guarded write conflicts with our release, so it reads again, finds the
    // Lease free and takes it, and the finished run holds the lock until it
    // expires. Let it end first; its handlers never throw.
    await this.renewal;
    const until = Date.now() + restartWaitMs;
    // First from the Lease as we last wrote it, saving a read: the write is guarded by
    // its resourceVersion, and a conflict (renewed or taken over since) reads it again.
    let guess = this.written;
    this.written = undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      let lease: Lease | undefined;
      try {
        lease = guess ?? (await this.read());
      } catch (err) {
        if (controlPlaneRestarting(err) && Date.now() < until) {
          attempt--;
          await sleep(2000);
          continue;
        }
        throw err;
      }
      if (lease?.spec.holderIdentity !== this.config.holder) return; // gone, or not ours
      try {
        await this.client.put(this.path, {
          ...lease,
          spec: { ...lease.spec, holderIdentity: null, acquireTime: null, renewTime: null },
        });
        return;
      } catch (err) {
        if (isApiError(err, 404)) return; // deleted since our write: nothing to let go
        // Changed since we read it (renewed by our own timer, or taken over): read again.
        if (controlPlaneRestarting(err) && Date.now() < until) {
          attempt--;
          await sleep(2000);
          continue;
        }
        if (!isApiError(err, 409)) throw err;
      }
      if (guess) {
        guess = undefined;
        attempt--; // not a race with another run: read it now, without a pause
        continue;
      }
      await sleep(100 * (attempt + 1) * (0.5 + Math.random()));
    }
  }
}
