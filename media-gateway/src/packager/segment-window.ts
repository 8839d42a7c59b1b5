// The bounded in-memory store of segments and parts, and the media-sequence bookkeeping around it. It knows
// nothing about MP4 or playlists: the packager decides where to cut, the window remembers and forgets.
import type { PartView, SegmentView } from './packager-types';

export interface Part extends PartView {
  /** moof+mdat. Once the segment completes, a view into the segment's bytes (one copy in memory, not two). */
  bytes: Buffer;
  samples: number;
}

export interface Segment extends SegmentView {
  parts: Part[];
  complete: boolean;
  durationSec: number;
  /** Sum of part durations in track ticks: exact, unlike a sum of float seconds. */
  durationTicks: number;
  timescale: number;
  /** All parts concatenated, set on completion. */
  bytes: Buffer | null;
  /** EXT-X-DISCONTINUITY tags before this segment's own: its EXT-X-DISCONTINUITY-SEQUENCE if listed first. */
  discontinuitiesBefore: number;
}

export interface NewSegment {
  initGeneration: number;
  discontinuity: boolean;
  programDateTimeMs: number;
  timescale: number;
}

export class SegmentWindow {
  /** Complete segments, oldest first; at most `capacity`. */
  readonly complete: Segment[] = [];
  current: Segment | null = null;
  private nextMsn = 0;
  private discontinuities = 0;

  constructor(private readonly capacity: number) {}

  /** MSN of the newest complete segment, -1 before the first. */
  get lastCompleteMsn(): number {
    return this.current ? this.current.msn - 1 : this.nextMsn - 1;
  }

  get oldestMsn(): number {
    return this.complete[0]?.msn ?? this.current?.msn ?? this.nextMsn;
  }

  /** The part the next fragment will become if it does not start a new segment. */
  get nextPart(): { msn: number; part: number } {
    return this.current ? { msn: this.current.msn, part: this.current.parts.length } : { msn: this.nextMsn, part: 0 };
  }

  start(s: NewSegment): Segment {
    if (s.discontinuity) this.discontinuities++;
    this.current = {
      ...s,
      msn: this.nextMsn++,
      parts: [],
      complete: false,
      durationSec: 0,
      durationTicks: 0,
      bytes: null,
      discontinuitiesBefore: this.discontinuities - (s.discontinuity ? 1 : 0),
    };
    return this.current;
  }

  append(seg: Segment, bytes: Buffer, durationTicks: number, samples: number, independent: boolean): Part {
    const part: Part = { bytes, durationSec: durationTicks / seg.timescale, independent, samples };
    seg.parts.push(part);
    seg.durationTicks += durationTicks;
    seg.durationSec = seg.durationTicks / seg.timescale;
    return part;
  }

  /** Closes the current segment; returns it (null if there was none). Evicts beyond capacity. */
  finish(): Segment | null {
    const seg = this.current;
    if (!seg) return null;
    this.current = null;
    seg.complete = true;
    seg.bytes = Buffer.concat(seg.parts.map((p) => p.bytes));
    let at = 0;
    for (const p of seg.parts) {
      p.bytes = seg.bytes.subarray(at, at + p.bytes.length);
      at += p.bytes.length;
    }
    this.complete.push(seg);
    while (this.complete.length > this.capacity) this.complete.shift();
    return seg;
  }

  /** A held segment (complete or in progress). */
  find(msn: number): Segment | undefined {
    if (this.current?.msn === msn) return this.current;
    const first = this.complete[0];
    return first ? this.complete[msn - first.msn] : undefined;
  }

  /**
   * Whether the stream has reached segment `msn` (complete) or part `part` of it. Per the LL-HLS spec a part index
   * past the final part of a complete segment means part 0 of the following segment.
   */
  reached(msn: number, part: number | undefined): boolean {
    if (part === undefined) return msn <= this.lastCompleteMsn;
    if (msn <= this.lastCompleteMsn) {
      const seg = this.find(msn);
      if (!seg || part < seg.parts.length) return true; // gone (so long past) or present
      return this.reached(msn + 1, 0);
    }
    return this.current?.msn === msn && part < this.current.parts.length;
  }
}
