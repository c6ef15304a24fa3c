/**
 * No-progress deadlines for network I/O. A peer that is down answers with an
 * error; a peer that is frozen (a stopped process, a dead NAT entry, a full
 * disk behind a live socket) answers nothing at all, and a job waiting on it
 * sits until its 6-hour limit. Every transfer therefore fails when it makes
 * no progress for the capability's `stall-timeout` (a deadline on progress,
 * not on the whole operation: a large snapshot may stream for an hour).
 */
import { OperationalError } from "./errors.ts";

/** The default `stall-timeout`: long enough for a busy API server or a slow S3 part, short enough to matter. */
export const DEFAULT_STALL_TIMEOUT = "60s";
export const DEFAULT_STALL_TIMEOUT_MS = 60_000;

export interface WatchdogOptions {
  timeoutMs: number;
  /** Called once, when nothing happened for `timeoutMs`; `idleMs` is how long it was quiet. */
  onStall: (idleMs: number) => void;
  /**
   * True while the quiet is not the watched peer's fault (the consumer is
   * not taking data, so the peer is rightly held back): time spent so does
   * not count.
   */
  excused?: () => boolean;
}

/**
 * Calls `onStall` when `progress()` was not called for `timeoutMs`. Checks
 * a few times per timeout (at most every second), so a stall is reported
 * within the timeout plus a fraction of it.
 */
export class StallWatchdog {
  private last = Date.now();
  private readonly timer: NodeJS.Timeout;
  private readonly options: WatchdogOptions;
  private fired = false;

  constructor(options: WatchdogOptions) {
    this.options = options;
    this.timer = setInterval(() => this.check(), Math.max(50, Math.min(1000, options.timeoutMs / 4)));
    // A watchdog never keeps the process alive by itself.
    this.timer.unref();
  }

  progress(): void {
    this.last = Date.now();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    if (this.fired) return;
    if (this.options.excused?.()) return this.progress();
    const idle = Date.now() - this.last;
    if (idle < this.options.timeoutMs) return;
    this.fired = true;
    this.stop();
    this.options.onStall(idle);
  }
}

/**
 * Runs `work` with a signal that aborts after `timeoutMs`; a timeout then
 * rejects with `timedOut()` at once, whether or not `work` honours the
 * signal (a frozen peer may never let it settle). For single requests whose
 * whole duration is bounded: a probe, an abort, a handshake.
 */
export async function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  timedOut: () => Error,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
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

/**
 * The message for a stalled peer: what went quiet, for how long, while
 * doing what, and what to check.
 */
export function stallError(peer: string, doing: string, timeoutMs: number, check: string): OperationalError {
  return new OperationalError(`${peer} ${doing} for ${seconds(timeoutMs)} (stall-timeout); ${check}`);
}

/** 60000 -> "60s", 2500 -> "2.5s": the form the input is written in. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))}s`;
}
