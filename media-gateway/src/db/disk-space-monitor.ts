import { statfsSync } from 'node:fs';
import type { Logger } from '../platform/logger';

/** Free bytes on the filesystem holding `dir`; behind an interface so the watermark logic is tested with a fake. */
export interface FreeSpaceProbe {
  freeBytes(dir: string): number;
}

export const statfsProbe: FreeSpaceProbe = {
  freeBytes(dir) {
    const s = statfsSync(dir);
    // bavail, not bfree: blocks reserved for root do not help a gateway that may not run as root.
    return Number(s.bavail) * Number(s.bsize);
  },
};

export interface DiskSpaceMonitorOptions {
  dir: string;
  minFreeBytes: number;
  probe: FreeSpaceProbe;
  log: Pick<Logger, 'warn' | 'error'>;
  /** One call per episode, when free space first drops below the watermark or a write found the disk full. */
  onLow: (freeBytes: number, reason: 'watermark' | 'write-refused') => void;
  /** Once per episode, when free space is back above the watermark. */
  onRecovered: (freeBytes: number) => void;
}

/**
 * Measures free space before it is too late: the operator hears of a filling disk while writes still succeed.
 * An episode starts at the watermark (or when a write was refused as full with space still above it, e.g. a tiny
 * disk) and ends when a check finds the watermark cleared; the alarm and its resolution are one per episode.
 */
export class DiskSpaceMonitor {
  private low = false;

  constructor(private readonly o: DiskSpaceMonitorOptions) {}

  isLow(): boolean {
    return this.low;
  }

  check(): void {
    let free: number;
    try {
      free = this.o.probe.freeBytes(this.o.dir);
    } catch (err) {
      this.o.log.warn({ err: { message: (err as Error).message } }, 'free space of the data dir could not be measured');
      return;
    }
    if (!this.low && free < this.o.minFreeBytes) this.enter(free, 'watermark');
    else if (this.low && free >= Math.max(this.o.minFreeBytes, 1)) {
      this.low = false;
      this.o.log.warn({ freeMb: mb(free) }, 'disk space recovered');
      this.o.onRecovered(free);
    }
  }

  /** A write was refused because the disk is full: the episode starts now even if the watermark was not reached. */
  noteWriteRefused(): void {
    if (this.low) return;
    let free = 0;
    try {
      free = this.o.probe.freeBytes(this.o.dir);
    } catch {
      // the refusal is fact enough
    }
    this.enter(free, 'write-refused');
  }

  private enter(free: number, reason: 'watermark' | 'write-refused'): void {
    this.low = true;
    this.o.log.error({ freeMb: mb(free), minFreeMb: mb(this.o.minFreeBytes), reason }, 'data dir disk nearly full');
    this.o.onLow(free, reason);
  }
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
