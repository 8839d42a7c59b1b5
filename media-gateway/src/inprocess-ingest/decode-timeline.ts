// Decode times for access units that arrive (in decode order) with presentation times only, as RTP carries them
// (RFC 6184 §5.1, RFC 7798 §4.1). fMP4 needs a strictly increasing DTS ≤ PTS per sample.
//
// With a reorder depth R (B-frames: a picture is presented at most R pictures after its decode position), the k-th
// access unit's DTS is the (k − R)-th smallest PTS of the stream: known once access unit k arrives, always ≤ its PTS,
// strictly increasing. The first R access units get DTS extrapolated back from the first PTS by the frame interval,
// so the stream is held back by R frames, as every muxer must. R comes from the SPS (H.265 always has it; H.264 in the
// VUI bitstream restriction, 0 for POC type 2 and Baseline); a stream whose depth was unknown starts at 0 and reports
// `reorder-grew` when a picture arrives that shows a deeper reordering (the caller restarts the muxer with the new R).
//
// Timestamp jumps (a camera stepping its clock) are removed: after `rebase()` the next access unit continues one frame
// interval after the latest presentation time so far, so players see one continuous timeline.
import type { VideoAccessUnit } from '../../../contracts/src/media-units';

/** Output timestamps start here, so an extrapolated first DTS (R frames before the first PTS) is never negative. */
export const TIMELINE_ORIGIN_90K = 90_000;
/** Until two pictures have been seen: 25 fps. */
const DEFAULT_INTERVAL_90K = 3600;
/** More than any stream declares (H.264/H.265 DPBs hold at most 16 pictures). */
const MAX_REORDER_DEPTH = 16;

export interface TimedAccessUnit {
  au: VideoAccessUnit;
  dts90k: number;
}

export type TimelineResult = { ok: true; units: TimedAccessUnit[] } | { ok: false; reorderDepth: number };

export class DecodeTimeline {
  /** Presentation times of access units not yet given a DTS, ascending. */
  private readonly pendingPts: number[] = [];
  private readonly queue: VideoAccessUnit[] = [];
  /** The last R+1 smallest PTS taken off pendingPts (s_{k−R} … s_k). */
  private readonly taken: number[] = [];
  private offset: number | null = null;
  private rebasePending = false;
  private maxPts = -Infinity;
  /** The last pictures' presentation times in decode order (how deep a reordering goes). */
  private readonly recentPts: number[] = [];
  private lastDts = -Infinity;
  private intervalEstimate = DEFAULT_INTERVAL_90K;
  private emitted = 0;

  readonly depth: number;

  /**
   * @param depth the reorder depth the stream declared, or the least one learnt so far
   * @param learning the stream did not declare it: report a deeper reordering instead of absorbing it
   */
  constructor(
    depth: number,
    private readonly learning = false,
  ) {
    this.depth = Math.min(MAX_REORDER_DEPTH, Math.max(0, depth));
  }

  /** Added to input presentation times to put them on the output timeline (0 before the first access unit). */
  get offset90k(): number {
    return this.offset ?? 0;
  }

  /** The next access unit follows a timestamp jump: continue the timeline from where it is. */
  rebase(): void {
    this.rebasePending = true;
  }

  /** Adds one access unit; returns those whose DTS is now known, or the deeper reorder depth this one showed. */
  push(au: VideoAccessUnit): TimelineResult {
    if (this.offset === null) this.offset = TIMELINE_ORIGIN_90K - au.pts90k;
    else if (this.rebasePending) this.offset = this.maxPts + this.intervalEstimate - au.pts90k;
    this.rebasePending = false;
    const pts = au.pts90k + this.offset;
    if (this.learning && pts < this.maxPts && this.depth < MAX_REORDER_DEPTH) {
      // Presented before pictures decoded earlier: the depth is at least how many of those there are.
      const overtaken = this.recentPts.filter((p) => p > pts).length;
      if (overtaken > this.depth) return { ok: false, reorderDepth: Math.min(MAX_REORDER_DEPTH, overtaken) };
    }
    this.recentPts.push(pts);
    if (this.recentPts.length > MAX_REORDER_DEPTH + 1) this.recentPts.shift();
    this.maxPts = Math.max(this.maxPts, pts);
    insertSorted(this.pendingPts, pts);
    this.queue.push({ ...au, pts90k: pts });

    const units: TimedAccessUnit[] = [];
    while (this.queue.length > this.depth) {
      // Any positive interval keeps the first R decode times valid; a wrong one only lengthens the first samples, so
      // with B-frames (neighbouring presentation times not yet seen) the smaller of the step seen and 25 fps.
      if (this.emitted === 0) this.intervalEstimate = Math.min(smallestStep(this.pendingPts) ?? DEFAULT_INTERVAL_90K, this.depth > 0 ? DEFAULT_INTERVAL_90K : Infinity);
      const next = this.queue.shift() as VideoAccessUnit;
      const smallest = this.pendingPts.shift() as number;
      const previous = this.taken[this.taken.length - 1];
      if (previous !== undefined && smallest > previous && smallest - previous < 90_000) this.intervalEstimate = smallest - previous;
      this.taken.push(smallest);
      if (this.taken.length > this.depth + 1) this.taken.shift();
      const first = this.taken[0] as number;
      let dts = this.taken.length > this.depth ? first : first - (this.depth - this.emitted) * this.intervalEstimate;
      // Equal or backward presentation times (a broken camera) must not stop the muxer: one tick on.
      if (dts <= this.lastDts) dts = this.lastDts + 1;
      this.lastDts = dts;
      this.emitted++;
      units.push({ au: dts > next.pts90k ? { ...next, pts90k: dts } : next, dts90k: dts });
    }
    return { ok: true, units };
  }
}

/** The smallest positive step between neighbours of an ascending list (one frame interval), if any. */
function smallestStep(sorted: readonly number[]): number | null {
  let best: number | null = null;
  for (let i = 1; i < sorted.length; i++) {
    const step = (sorted[i] as number) - (sorted[i - 1] as number);
    if (step > 0 && step < 90_000 && (best === null || step < best)) best = step;
  }
  return best;
}

function insertSorted(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && (list[i - 1] as number) > value) i--;
  list.splice(i, 0, value);
}

/** The reorder depth an SPS declares; null when it does not say (H.264 without VUI bitstream restriction). */
export function declaredReorderDepth(sps: { codec: 'h264'; profileIdc: number; pocType: number; maxNumReorderFrames: number | null } | { codec: 'h265'; maxNumReorderPics: number }): number | null {
  if (sps.codec === 'h265') return sps.maxNumReorderPics;
  if (sps.maxNumReorderFrames !== null) return sps.maxNumReorderFrames;
  // POC type 2: output order is decode order (§8.2.1.3). Baseline has no B slices.
  if (sps.pocType === 2 || sps.profileIdc === 66) return 0;
  return null;
}
