// Pure timing arithmetic for the start of an ingest run: rebuild decode times from presentation times, and detect and
// plan the repair of the first samples' timestamps that ffmpeg's RTSP demuxer + mp4 muxer get wrong (README: "How
// the start of a run is repaired"). Nothing here knows about boxes; start-repair-filter.ts applies a plan in place.

/** One video sample in decode order, on the media timeline (track ticks). */
export interface TimedSample {
  dts: number;
  /** dts + composition offset. */
  pts: number;
}

/**
 * DTS of samples given in decode order, from their PTS alone: the k-th decode time is the k-th smallest presentation
 * time minus the reorder delay (how far decoding runs ahead of presentation; 0 without B-frames, one frame interval
 * for the usual IBBP). This is how a receiver of RTP (which carries presentation times only) derives DTS; the
 * result is monotonic, and every sample's DTS ≤ its PTS whenever the delay is at least the stream's reorder depth.
 * A live caller sorts over a window longer than the reorder depth; here the whole array is the window.
 */
export function decodeTimesFromPresentation(pts: readonly number[], reorderDelay: number): number[] {
  return [...pts].sort((a, b) => a - b).map((p) => p - reorderDelay);
}

export interface StartRepairPlan {
  /** The repaired samples, same count and order as the input, on the run's new timeline. */
  samples: TimedSample[];
  /**
   * Ticks added to every later sample (and so to every later tfdt) of the run: the repair moves the run's timeline
   * so that its first DTS stays where it was and no composition offset becomes negative.
   */
  shift: number;
  /** How many leading samples had untrustworthy decode times (rebuilt from presentation times). */
  rebuilt: number;
}

/** Decode steps shorter than this (1 ms) are a muxer clamping a non-monotonic DTS, never a real frame interval. */
const TINY_STEP_SEC = 0.001;
/** Trusted samples needed after the defective prefix: a frame interval and the reorder delay are read off them. */
export const MIN_TRUSTED_SAMPLES = 3;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Whether each sample's DTS was clamped: a decode step under 1 ms after the previous sample. */
function clampedSamples(samples: readonly TimedSample[], timescale: number): boolean[] {
  return samples.map((s, k) => k > 0 && s.dts - (samples[k - 1] as TimedSample).dts < timescale * TINY_STEP_SEC);
}

/**
 * How many leading samples have untrustworthy DTS: the keyframe (it came without timestamps) and every sample up
 * to the last clamped one (their DTS were raised to keep DTS monotonic, or derived from a guessed keyframe DTS).
 */
export function defectivePrefixLength(samples: readonly TimedSample[], timescale: number): number {
  return clampedSamples(samples, timescale).lastIndexOf(true) + 1 || 1;
}

/**
 * Looks at the first samples of a run (decode order, first one the keyframe that starts it) and returns how to
 * repair their timestamps, or null when they are fine or cannot be repaired with confidence (then nothing is
 * changed). The defects, read from the data only:
 * - a clamped DTS: a decode step under 1 ms (the muxer raised a non-monotonic DTS to previous + 1). Such a
 *   sample's DTS is lost, and so is its PTS if it was clamped too (then PTS = DTS);
 * - the keyframe's PTS: it arrives without one and the muxer gives it its DTS, which is not where it is shown.
 * Repair: the lost PTS take the frame slots just below the lowest trusted PTS (the keyframe the lowest: a closed
 * GOP starts with it; clamped B-frames next, in decode order), DTS are rebuilt from PTS with the reorder delay that
 * the trusted samples show, and the timeline is shifted so the first DTS keeps its value.
 */
export function planStartRepair(samples: readonly TimedSample[], timescale: number): StartRepairPlan | null {
  const n = samples.length;
  const tiny = timescale * TINY_STEP_SEC;
  const clamped = clampedSamples(samples, timescale);
  const prefix = defectivePrefixLength(samples, timescale);
  if (n - prefix < MIN_TRUSTED_SAMPLES) return null;

  // Frame interval: the decode steps between trusted samples (regular for a camera).
  const steps: number[] = [];
  for (let k = prefix + 1; k < n; k++) steps.push((samples[k] as TimedSample).dts - (samples[k - 1] as TimedSample).dts);
  const frame = median(steps);
  if (!(frame >= tiny)) return null;

  const lost = samples.map((s, k) => k === 0 || (clamped[k] === true && s.pts === s.dts));
  const trusted = samples.filter((_, k) => !lost[k]).map((s) => s.pts).sort((a, b) => a - b);
  const [lowest, second] = trusted;
  // The lowest trusted PTS must start a regular run of frames; a gap there (a dropped frame) leaves slots unknown.
  if (lowest === undefined || second === undefined || Math.abs(second - lowest - frame) > frame / 4) return null;
  const lostCount = lost.filter(Boolean).length;
  let slot = 0;
  const pts = samples.map((s, k) => (lost[k] ? lowest - (lostCount - slot++) * frame : s.pts));

  const keyframeMoved = Math.abs((pts[0] as number) - (samples[0] as TimedSample).pts) >= frame / 2;
  if (!clamped.includes(true) && !keyframeMoved) return null; // a clean start

  // Reorder delay: trusted samples have DTS = k-th smallest PTS − delay; samples not yet seen can only make the
  // window's k-th smallest too large, so the smallest difference is the delay.
  const sorted = [...pts].sort((a, b) => a - b);
  let delay = Infinity;
  for (let k = prefix; k < n; k++) delay = Math.min(delay, (sorted[k] as number) - (samples[k] as TimedSample).dts);
  if (!(delay >= 0)) return null;

  const rebuilt = decodeTimesFromPresentation(pts, delay);
  const dts = samples.map((s, k) => (k < prefix ? (rebuilt[k] as number) : s.dts));
  for (let k = 1; k < n; k++) if ((dts[k] as number) <= (dts[k - 1] as number)) return null;
  for (let k = 0; k < prefix; k++) if ((dts[k] as number) > (pts[k] as number)) return null;
  const shift = (samples[0] as TimedSample).dts - (dts[0] as number);
  if (shift < 0) return null;
  return {
    samples: samples.map((_, k) => ({ dts: (dts[k] as number) + shift, pts: (pts[k] as number) + shift })),
    shift,
    rebuilt: prefix,
  };
}
