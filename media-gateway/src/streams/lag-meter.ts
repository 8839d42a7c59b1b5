/**
 * How far a pipeline's output runs behind real time: wall clock elapsed since this run's first fragment minus media
 * time elapsed (the fragments' durations). A copy of a camera stays near 0; a transcode that cannot keep up grows
 * by (1 − speed) every second, which the fps it reports never shows.
 *
 * Media running ahead (ffmpeg bursting a camera's buffered GOP, a camera clock slightly fast) re-bases the anchor,
 * so only falling behind is counted.
 */
export const LAGGING_AFTER_SEC = 2;
/** Hysteresis: a lagging pipeline is live again below this. */
export const CAUGHT_UP_BELOW_SEC = 1;

export class LagMeter {
  private anchorAt: number | null = null;
  private mediaSinceAnchorSec = 0;
  private lastLagSec: number | null = null;

  /** A new run (ingest restarted): its timeline starts over. */
  reset(): void {
    this.anchorAt = null;
    this.mediaSinceAnchorSec = 0;
    this.lastLagSec = null;
  }

  /** A fragment of `durationSec` media arrived at wall time `at` (ms); returns the lag then, seconds. */
  onFragment(at: number, durationSec: number): number {
    if (this.anchorAt === null) {
      // The first fragment arrives when its media ends: that end is the timeline's zero.
      this.anchorAt = at;
      this.lastLagSec = 0;
      return 0;
    }
    this.mediaSinceAnchorSec += durationSec;
    const lag = (at - this.anchorAt) / 1000 - this.mediaSinceAnchorSec;
    if (lag < 0) {
      this.anchorAt = at;
      this.mediaSinceAnchorSec = 0;
    }
    this.lastLagSec = Math.max(0, lag);
    return this.lastLagSec;
  }

  /** The lag at the newest fragment, null before the first. */
  get lagSec(): number | null {
    return this.lastLagSec;
  }
}

/** The lagging verdict with hysteresis, so a pipeline near the threshold does not flap. */
export function isLagging(lagSec: number | null, wasLagging: boolean): boolean {
  if (lagSec === null) return false;
  return wasLagging ? lagSec >= CAUGHT_UP_BELOW_SEC : lagSec >= LAGGING_AFTER_SEC;
}
