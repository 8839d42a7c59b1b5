import type { Logger } from '../platform/logger';

export type SnapshotTaker = (cameraId: string) => Promise<Buffer>;
export type SnapshotStore = (alarmId: string, cameraId: string, jpeg: Buffer) => void;

/**
 * Takes the snapshot of a new camera alarm in the background, so the API answers at once: a few at a time (each may
 * start a pipeline), a bounded queue behind them, and beyond that the alarm simply has no snapshot (logged).
 */
export class AlarmSnapshotter {
  private active = 0;
  private readonly queue: Array<{ alarmId: string; cameraId: string }> = [];
  private readonly idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(
    private readonly take: SnapshotTaker,
    private readonly store: SnapshotStore,
    private readonly log: Logger,
    private readonly opts: { concurrency: number; maxQueued: number },
  ) {}

  /** False when the queue is full (or closed) and no snapshot will be taken. */
  request(alarmId: string, cameraId: string): boolean {
    if (this.closed) return false;
    if (this.active >= this.opts.concurrency && this.queue.length >= this.opts.maxQueued) {
      this.log.warn({ alarmId, cameraId, queued: this.queue.length }, 'alarm snapshot skipped: queue full');
      return false;
    }
    this.queue.push({ alarmId, cameraId });
    this.pump();
    return true;
  }

  get pending(): number {
    return this.active + this.queue.length;
  }

  /** Settles once nothing is queued or being taken. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking new snapshots; those in flight are dropped when they arrive. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    if (this.active === 0) this.settleIdle();
  }

  private pump(): void {
    while (!this.closed && this.active < this.opts.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.active++;
      void this.run(job.alarmId, job.cameraId).finally(() => {
        this.active--;
        this.pump();
        if (this.pending === 0) this.settleIdle();
      });
    }
  }

  private async run(alarmId: string, cameraId: string): Promise<void> {
    const started = Date.now();
    try {
      const jpeg = await this.take(cameraId);
      if (this.closed) return;
      this.store(alarmId, cameraId, jpeg);
      this.log.info({ alarmId, cameraId, bytes: jpeg.length, ms: Date.now() - started }, 'alarm snapshot stored');
    } catch (err) {
      if (!this.closed) this.log.warn({ alarmId, cameraId, err: (err as Error).message }, 'alarm snapshot failed');
    }
  }

  private settleIdle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
