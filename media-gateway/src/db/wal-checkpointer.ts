import type { Logger } from '../platform/logger';
import type { Db } from './connection';

/** A checkpoint slower than this is worth a warning: it ran on the event loop. */
const SLOW_MS = 200;

export interface WalCheckpointResult {
  /** SQLite could not finish (a reader or writer held the database); tried again next time. */
  busy: boolean;
  /** Frames in the WAL before it was truncated. */
  frames: number;
  ms: number;
}

/**
 * SQLite's automatic checkpoints copy the WAL back into the database but never shrink the -wal file, so after a
 * burst of writes (an import, an alarm storm) it keeps its peak size until a clean shutdown. A TRUNCATE checkpoint
 * on a timer resets it. The busy timeout is dropped to 0 for the call so a lock held elsewhere (a backup, a second
 * process reading) makes SQLite report busy at once instead of blocking the event loop for up to busy_timeout.
 */
export class WalCheckpointer {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  /** Every `intervalSec` (0 = never). */
  start(intervalSec: number): this {
    if (intervalSec > 0 && !this.timer) {
      this.timer = setInterval(() => this.checkpoint(), intervalSec * 1000);
      this.timer.unref();
    }
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  checkpoint(): WalCheckpointResult | null {
    if (!this.db.open || this.db.inTransaction) return null;
    const t0 = performance.now();
    const busyTimeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    try {
      this.db.pragma('busy_timeout = 0');
      const [row] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
      const result = { busy: (row?.busy ?? 0) !== 0, frames: Math.max(0, row?.log ?? 0), ms: performance.now() - t0 };
      if (result.busy) this.log.debug({ frames: result.frames }, 'WAL checkpoint skipped: database busy');
      else if (result.ms > SLOW_MS) this.log.warn({ frames: result.frames, ms: Math.round(result.ms) }, 'slow WAL checkpoint');
      return result;
    } catch (err) {
      // SQLITE_BUSY/LOCKED surface as errors on some paths: the next round tries again.
      this.log.debug({ err: (err as Error).message }, 'WAL checkpoint skipped');
      return null;
    } finally {
      this.db.pragma(`busy_timeout = ${Number(busyTimeout) || 0}`);
    }
  }
}
