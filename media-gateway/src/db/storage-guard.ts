import { backoffDelay, type BackoffOptions } from '../platform/backoff';
import { isStorageUnavailable } from '../platform/errors';
import type { Logger } from '../platform/logger';

export interface StorageGuardOptions {
  log: Pick<Logger, 'warn' | 'error'>;
  now: () => number;
  /** Writes failing this long make one storage-fault episode: one error line and one `onFault`. */
  faultAfterMs: number;
  /** Raises the alarm. It is itself a write, so it is queued like the others and lands when the database does. */
  onFault?: (since: number, cause: unknown) => void;
  /** Told of every refusal as it happens (a full disk starts the storage-full episode at once, not when it lands). */
  onRefused?: (err: unknown) => void;
  retry?: BackoffOptions;
  /** Above this many queued writes the oldest are dropped (with an error line): memory must not grow without end. */
  maxPending?: number;
  setTimer?: (fn: () => void, ms: number) => { unref?: () => void };
  clearTimer?: (handle: unknown) => void;
}

/**
 * Background writes (camera status from pipelines and the health check, alarm raising, view records, audits of
 * background actions) run from timers and event handlers, where nobody can answer a 503 and an exception would
 * end the process. Through `run` such a write never throws: when the database is locked by another process or the
 * disk refuses, it is queued and retried with backoff, one attempt per retry (each attempt may block for the
 * connection's busy_timeout, so a queue of hundreds must not try them all at once); while writes wait, new ones queue
 * behind them in order. A write that fails for any other reason is a bug: logged and dropped.
 */
export class StorageGuard {
  private readonly pending = new Map<string, () => void>();
  private seq = 0;
  private attempt = 0;
  private timer: unknown = null;
  private failingSince: number | null = null;
  private faultRaised = false;
  private lastError: unknown = null;
  private dropped = 0;
  private retried = 0;
  private stopped = false;

  constructor(private readonly o: StorageGuardOptions) {}

  /**
   * Writes now or, while the database is unavailable, later. With a key, a newer write replaces a queued one of the
   * same key (the latest camera status wins); without one, every write is kept.
   */
  run(key: string | null, write: () => void): void {
    const k = key ?? `#${++this.seq}`;
    if (this.pending.size > 0 || this.stopped) {
      this.enqueue(k, write);
      return;
    }
    if (!this.attemptWrite(k, write)) {
      this.enqueue(k, write);
      this.noteFailure();
      this.schedule();
    }
  }

  /** For tests and the health page: how many writes wait and since when the episode lasts. */
  status(): { pending: number; failingSince: number | null; faultRaised: boolean; dropped: number } {
    return { pending: this.pending.size, failingSince: this.failingSince, faultRaised: this.faultRaised, dropped: this.dropped };
  }

  /** One last try for what is queued (the database closes right after), then nothing more is scheduled. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) (this.o.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout)))(this.timer);
    this.timer = null;
    this.flush();
    if (this.pending.size > 0) this.o.log.error({ pending: this.pending.size }, 'stopping with background writes the database did not take');
  }

  /** False when the database is unavailable (retry); other failures are logged and count as done. */
  private attemptWrite(key: string, write: () => void): boolean {
    try {
      write();
      return true;
    } catch (err) {
      if (isStorageUnavailable(err)) {
        this.lastError = err;
        this.o.onRefused?.(err);
        return false;
      }
      this.o.log.error({ err: { message: (err as Error).message, code: (err as { code?: string }).code }, write: key.startsWith('#') ? undefined : key }, 'background write failed');
      return true;
    }
  }

  private enqueue(key: string, write: () => void): void {
    this.pending.set(key, write);
    const max = this.o.maxPending ?? 10_000;
    while (this.pending.size > max) {
      const oldest = this.pending.keys().next().value as string;
      this.pending.delete(oldest);
      if (this.dropped++ === 0) this.o.log.error({ max }, 'storage fault: background write queue full, dropping the oldest writes');
    }
  }

  private flush(): void {
    for (const [key, write] of this.pending) {
      if (!this.attemptWrite(key, write)) {
        this.noteFailure();
        return void this.schedule();
      }
      this.pending.delete(key);
      this.retried++;
    }
    this.recovered();
  }

  private schedule(): void {
    if (this.stopped || this.timer !== null) return;
    const delay = backoffDelay(this.attempt++, this.o.retry ?? { initialMs: 250, maxMs: 5000 });
    const set = this.o.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    const handle = set(() => {
      this.timer = null;
      this.flush();
    }, delay);
    handle.unref?.();
    this.timer = handle;
  }

  private noteFailure(): void {
    const now = this.o.now();
    if (this.failingSince === null) {
      this.failingSince = now;
      this.o.log.warn({ pending: this.pending.size }, 'database unavailable: background writes queued for retry');
    }
    if (!this.faultRaised && now - this.failingSince >= this.o.faultAfterMs) {
      this.faultRaised = true;
      this.o.log.error({ since: new Date(this.failingSince).toISOString(), pending: this.pending.size }, 'storage fault: background writes have failed for too long');
      const since = this.failingSince;
      const cause = this.lastError;
      if (this.o.onFault) this.enqueue('storage-fault-alarm', () => this.o.onFault!(since, cause));
    }
  }

  private recovered(): void {
    if (this.failingSince === null) return;
    this.o.log.warn({ seconds: Math.round((this.o.now() - this.failingSince) / 1000), retried: this.retried, dropped: this.dropped }, 'database available again: queued background writes done');
    this.failingSince = null;
    this.faultRaised = false;
    this.attempt = 0;
    this.retried = 0;
    this.dropped = 0;
  }
}
