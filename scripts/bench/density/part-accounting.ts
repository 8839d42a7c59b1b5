/**
 * Pure LL-HLS part bookkeeping for the density bench: which parts a reply brings that the viewer has not fetched yet,
 * how many parts of the sequence it will never see (missing), where each part ends in media time, and, joined with the
 * simulator's send schedule, each part's camera→part time and whether it was late.
 */
import type { Parsed, PartInfo } from '../ll-hls-follower';

export interface PartRef {
  msn: number;
  part: number;
}

const cmp = (a: PartRef, b: PartRef): number => a.msn - b.msn || a.part - b.part;

/**
 * Media time (s since the start of segment 0) at which each segment starts, summed from complete segments' EXTINF.
 * Segment 0 starts with the first frame the camera sent in the session the pipeline opened (the simulator starts each
 * session at a keyframe and the packager keeps it), so media time t was sent at the session's start + t.
 */
export class MediaClock {
  private readonly starts = new Map<number, number>([[0, 0]]);

  learn(pl: Parsed): void {
    for (const [msn, durationSec] of [...pl.segments].sort((a, b) => a[0] - b[0])) {
      const start = this.starts.get(msn);
      if (start !== undefined) this.starts.set(msn + 1, start + durationSec);
    }
  }

  /** End of a listed part in media time, or null when its segment's start is unknown or a part before it is not listed. */
  partEnd(pl: Parsed, ref: PartRef): number | null {
    const start = this.starts.get(ref.msn);
    if (start === undefined) return null;
    const before = pl.parts.filter((p) => p.msn === ref.msn && p.part <= ref.part);
    if (before.length !== ref.part + 1) return null;
    return start + before.reduce((s, p) => s + p.durationSec, 0);
  }
}

/** Parts in a segment: as listed; else (no longer listed) its duration over the part target; at least 1. */
function partsIn(msn: number, pl: Parsed): number {
  const listed = pl.parts.filter((p) => p.msn === msn);
  if (listed.length > 0) return Math.max(...listed.map((p) => p.part)) + 1;
  const target = Number.isFinite(pl.partTargetSec) && pl.partTargetSec > 0 ? pl.partTargetSec : NaN;
  const duration = pl.segments.get(msn) ?? pl.targetDurationSec;
  const estimate = Math.round(duration / target);
  return Number.isFinite(estimate) ? Math.max(1, estimate) : 1;
}

/** How many parts lie strictly after `after` up to and including `upTo` in this playlist's segment structure. */
export function partsBetween(after: PartRef, upTo: PartRef, pl: Parsed): number {
  let count = 0;
  for (let msn = after.msn; msn <= upTo.msn; msn++) {
    const from = msn === after.msn ? after.part + 1 : 0;
    const to = msn === upTo.msn ? upTo.part + 1 : partsIn(msn, pl);
    count += Math.max(0, to - from);
  }
  return count;
}

export interface PlaylistStep {
  /** Parts to fetch now, oldest first. */
  fresh: PartInfo[];
  /**
   * Parts of the sequence between the last fetched part and the newest listed one that this reply does not list (they
   * slid out of the part window, which keeps only the last three target durations, or the sequence skipped them): the
   * viewer can never fetch them as parts.
   */
  missing: number;
}

/**
 * One viewer's walk along the part sequence, as hls.js in low-latency mode: it joins at the newest listed part and
 * from then on fetches every part after the last one it fetched.
 */
export class PartSequence {
  private last: PartRef | null = null;

  step(pl: Parsed): PlaylistStep {
    const listed = [...pl.parts].sort(cmp);
    const newest = listed.at(-1);
    if (!newest) return { fresh: [], missing: 0 };
    if (!this.last) {
      this.last = newest;
      return { fresh: [newest], missing: 0 };
    }
    const last = this.last;
    const fresh = listed.filter((p) => cmp(p, last) > 0);
    if (fresh.length === 0) return { fresh, missing: 0 };
    this.last = newest;
    return { fresh, missing: Math.max(0, partsBetween(last, newest, pl) - fresh.length) };
  }
}

/** A part the viewer fetched: which, where it ends in media time, and when the viewer had it (Date.now() ms). */
export interface PartRecord {
  stream: number;
  msn: number;
  part: number;
  /** null: not placeable on the camera's timeline (segment 0 never seen, or after an ingest restart began a new session). */
  mediaEndSec: number | null;
  /** The blocking playlist reload that first listed the part answered at this time. */
  listedAt: number;
  /** The part's own response was complete at this time (always after listedAt: it is requested after that reply). */
  partAt: number;
}

export interface LateRule {
  /** EXT-X-PART-INF PART-TARGET (ms). */
  partTargetMs: number;
  /** Grace beyond PART-TARGET before a part counts as late (ms). */
  marginMs: number;
  /** One frame interval at the camera's frame rate (ms). */
  frameMs: number;
}

export interface PartVerdicts {
  /** camera→part per judged part (ms). */
  cameraToPartMs: number[];
  late: number;
  /** Parts not placeable on the camera's timeline or of a stream without a known session start (not judged). */
  unjudged: number;
}

/**
 * Judges fetched parts against the camera's send schedule, `sessionStart(stream)` = wall time (ms) the simulator sent
 * media time 0 of the session the pipeline opened.
 *
 * - A part **should exist** at `due = sessionStart + mediaEnd`: the camera has then sent the part's last frame and is
 *   sending the first frame of the next part, the first moment a packager can know the part is complete.
 * - The viewer **has** the part when the part's response is complete (`partAt`; the blocking playlist reload that
 *   listed it answered before that, since the part is requested only after that reply).
 * - A part is **late** when `partAt − due > PART-TARGET + margin`: the blocking reload or the part request answered
 *   more than a part target (plus margin) after the part should have existed.
 * - **camera→part** = `partAt − (due − one frame interval)`: from the send of the part's newest frame to the viewer
 *   holding it.
 */
export function judgeParts(records: readonly PartRecord[], sessionStart: (stream: number) => number | null, rule: LateRule): PartVerdicts {
  const out: PartVerdicts = { cameraToPartMs: [], late: 0, unjudged: 0 };
  for (const r of records) {
    const start = sessionStart(r.stream);
    if (start === null || r.mediaEndSec === null) {
      out.unjudged++;
      continue;
    }
    const due = start + r.mediaEndSec * 1000;
    out.cameraToPartMs.push(r.partAt - (due - rule.frameMs));
    if (r.partAt - due > rule.partTargetMs + rule.marginMs) out.late++;
  }
  return out;
}
