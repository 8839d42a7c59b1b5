/**
 * Flap damping: a camera whose status (online ↔ offline) changes more than `threshold` times within `windowMs` is
 * flapping. While it flaps, its outages are counted on one `camera-flapping` alarm instead of one `camera-offline`
 * alarm each; it stops flapping once its status has held for a whole window. Pure (time is passed in); in memory, and
 * restored at start from the open `camera-flapping` alarms (`restore`).
 */
export interface FlapDetectorOptions {
  threshold: number;
  windowMs: number;
}

export interface FlapObservation {
  /** The camera is flapping (after this change). */
  flapping: boolean;
  /** It started flapping with this change. */
  started: boolean;
  /** Outages (changes to offline) within the window, this one included. */
  outages: number;
}

interface CameraFlaps {
  changes: Array<{ at: number; offline: boolean }>;
  flapping: boolean;
}

export class CameraFlapDetector {
  private readonly cameras = new Map<string, CameraFlaps>();

  constructor(private readonly opts: FlapDetectorOptions) {}

  /** A change of status (not of reason alone) observed at `at`. */
  record(cameraId: string, status: 'online' | 'offline', at: number): FlapObservation {
    const c = this.cameras.get(cameraId) ?? { changes: [], flapping: false };
    this.cameras.set(cameraId, c);
    c.changes = c.changes.filter((ch) => at - ch.at < this.opts.windowMs);
    c.changes.push({ at, offline: status === 'offline' });
    const started = !c.flapping && c.changes.length > this.opts.threshold;
    if (started) c.flapping = true;
    return { flapping: c.flapping, started, outages: c.changes.filter((ch) => ch.offline).length };
  }

  /**
   * After a restart: a camera whose `camera-flapping` alarm is still open is flapping, its last change when the alarm
   * was last seen. Without this the alarm would never be settled (resolved) and the next outages would raise
   * `camera-offline` alarms again until the threshold was reached anew.
   */
  restore(cameraId: string, lastChangeAt: number): void {
    this.cameras.set(cameraId, { changes: [{ at: lastChangeAt, offline: true }], flapping: true });
  }

  isFlapping(cameraId: string): boolean {
    return this.cameras.get(cameraId)?.flapping ?? false;
  }

  /** Cameras that were flapping and whose status has held for a whole window: no longer flapping (forgotten). */
  settle(now: number): string[] {
    const settled: string[] = [];
    for (const [id, c] of this.cameras) {
      const last = c.changes.at(-1)?.at ?? 0;
      if (now - last < this.opts.windowMs) continue;
      this.cameras.delete(id);
      if (c.flapping) settled.push(id);
    }
    return settled;
  }
}
