// fMP4 from ingest → LL-HLS in memory. Every fragment becomes a part; segments are cut at keyframes once they
// reach the target duration; a bounded window of segments is kept and served from RAM (see README.md).
import { codecsAttribute } from './codec-string';
import { FragmentAssembler } from './fragment-assembler';
import type { AssembledItem, Fragment, InitSegment } from './fragment-assembler';
import { renderMediaPlaylist } from './hls-playlist';
import { parseMediaUri } from './media-uris';
import { Mp4BoxReader } from './mp4-box-reader';
import { PlaylistCache } from './playlist-cache';
import type {
  BlockingRequestClass,
  FragmentEvent,
  HlsPackagerOptions,
  PackagerStats,
  RenderPlaylistOptions,
  WaitResult,
} from './packager-types';
import { RollingRate } from './rolling-rate';
import { SegmentWindow } from './segment-window';
import type { Segment } from './segment-window';
import { StartRepairFilter } from './start-repair-filter';
import type { Mp4Box } from './mp4-box-reader';

// One import for the stream manager and HTTP routes: the class, its types, its errors and the URI grammar.
export type * from './packager-types';
export { Mp4BoxError } from './mp4-box-reader';
export { Fmp4ParseError } from './fmp4-parser';
export { parseMediaUri } from './media-uris';
export type { MediaUri } from './media-uris';

/** Cut at a keyframe once the segment is within 10% of the target (a 0.96 s GOP must not make 1.92 s segments). */
const CUT_TOLERANCE = 0.1;
/** Without keyframes a segment would grow forever; past this it is cut anyway (not INDEPENDENT) to bound memory. */
const MAX_SEGMENT_SEC = 30;
/** Media time and wall clock drift apart (camera clocks, stalls); re-anchor PROGRAM-DATE-TIME beyond this. */
const PDT_REANCHOR_MS = 2000;
/**
 * RFC 8216 §4.3.3.1: every EXTINF, rounded to the nearest integer, must be ≤ EXT-X-TARGETDURATION, which must not
 * change. A segment is therefore cut before it would reach TARGETDURATION + 0.5 s (1 ms below, for the 3-decimal EXTINF).
 */
const ROUNDING_HEADROOM_SEC = 0.499;
/** Keyframe intervals remembered for stats().gopSec: enough to see an irregular camera's longest recent GOP. */
const GOP_HISTORY = 8;
/** A remembered GOP beyond this is not trusted for a quick start (the segment cap would cut it anyway). */
const MAX_EXPECTED_GOP_SEC = 10;

interface Waiter {
  msn: number;
  part: number | undefined;
  finish(result: WaitResult): void;
}

const isIndex = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

export class HlsPackager {
  private readonly opts: Required<Omit<HlsPackagerOptions, 'expectedGopSec'>>;
  private readonly reader = new Mp4BoxReader();
  /** Repairs ffmpeg's broken timestamps at the start of each ingest run (README: "How the start of a run is repaired"). */
  private readonly startRepair = new StartRepairFilter();
  private readonly assembler = new FragmentAssembler();
  private readonly window: SegmentWindow;
  /** Init segments by generation: the current one plus any still referenced by held segments. */
  private readonly inits = new Map<number, InitSegment>();
  private generation = -1;
  private discontinuityPending = false;
  /** A segment (and so playback) must begin with a keyframe: leading non-sync fragments are dropped. */
  private awaitingKeyframe = true;
  private pdtAnchor: { wallMs: number; mediaSec: number } | null = null;
  /** EXT-X-TARGETDURATION, fixed when the first segment completes (see README: "Target duration"). */
  private declaredTargetDuration: number | null = null;
  private longestPartSec = 0;
  /** Segment 0 ends once it holds PART-HOLD-BACK of media (the GOP was known up front); see README "Quick start". */
  private quickStart: boolean;
  private lastKeyframe: { ticks: number; timescale: number } | null = null;
  private readonly gops: number[] = [];
  private failed: Error | null = null;
  private closed = false;
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(event: FragmentEvent) => void>();
  /** Rendered playlists until the window next changes (every change goes through accept() or discontinuity()). */
  private readonly playlists = new PlaylistCache();
  private readonly rate = new RollingRate(5);
  private fragments = 0;
  private bytesIn = 0;
  private lastFragmentAt: number | null = null;

  constructor(options: HlsPackagerOptions = {}) {
    this.opts = {
      targetSegmentSec: options.targetSegmentSec ?? 1,
      partTargetSec: options.partTargetSec ?? 0.2,
      windowSegments: options.windowSegments ?? 6,
      retainSegments: options.retainSegments ?? 2,
      lowLatency: options.lowLatency ?? true,
      now: options.now ?? Date.now,
    };
    const o = this.opts;
    if (!(o.targetSegmentSec > 0) || !(o.partTargetSec > 0)) throw new RangeError('segment and part targets must be > 0');
    if (!Number.isInteger(o.windowSegments) || o.windowSegments < 1) throw new RangeError('windowSegments must be an integer ≥ 1');
    if (!Number.isInteger(o.retainSegments) || o.retainSegments < 0) throw new RangeError('retainSegments must be an integer ≥ 0');
    this.window = new SegmentWindow(o.windowSegments + o.retainSegments);
    const gop = options.expectedGopSec;
    this.quickStart = typeof gop === 'number' && gop > 0 && gop <= MAX_EXPECTED_GOP_SEC;
    if (this.quickStart) this.declaredTargetDuration = this.targetDurationFor(gop as number);
  }

  /**
   * Feeds ingest bytes (any chunking). Throws Mp4BoxError / Fmp4ParseError when the stream is unusable; input is
   * then ignored until discontinuity() (the caller restarts ingest). Ignored after close().
   */
  push(chunk: Buffer): void {
    if (this.closed || this.failed) return;
    this.bytesIn += chunk.length;
    try {
      for (const box of this.reader.push(chunk)) this.assemble(this.startRepair.push(box));
    } catch (err) {
      this.failed = err instanceof Error ? err : new Error(String(err));
      this.reader.reset();
      this.startRepair.restart();
      this.assembler.restart();
      throw this.failed;
    }
  }

  /** The ingest restarted: close the current segment; the next one carries EXT-X-DISCONTINUITY (and its new init). */
  discontinuity(): void {
    if (this.closed) return;
    this.playlists.invalidate();
    if (!this.failed) {
      try {
        this.assemble(this.startRepair.flush());
      } catch {
        // fragments held at the start of a run that ends unreadable: the run is over anyway
      }
      for (const item of this.assembler.flush()) this.accept(item);
    }
    this.reader.reset();
    this.startRepair.restart();
    this.assembler.restart();
    this.failed = null;
    this.endRun();
  }

  /** Resolves every pending waitFor with 'closed' and ignores further input. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.reader.reset();
    for (const w of [...this.waiters]) w.finish('closed');
  }

  /**
   * The media playlist, or null until the first segment is complete. A playlist of parts without a complete
   * segment is one players cannot start from (hls.js: levelEmptyError "No Segments found in Playlist"), and its
   * EXT-X-TARGETDURATION is not known yet.
   */
  renderPlaylist(opts: RenderPlaylistOptions = {}): string | null {
    return this.playlists.get(opts, (o) => this.render(o));
  }

  private render(opts: RenderPlaylistOptions): string | null {
    const ll = this.opts.lowLatency;
    const segments = this.window.complete.slice(-this.opts.windowSegments);
    const inProgress = ll ? this.window.current : null;
    const first = segments[0];
    const targetDuration = this.declaredTargetDuration;
    if (!first || targetDuration === null) return null;
    const model = {
      lowLatency: ll,
      targetDuration,
      partTargetSec: this.partTargetSec(),
      segments,
      inProgress,
      discontinuitySequence: first.discontinuitiesBefore,
      preloadHint: this.window.nextPart,
    };
    return renderMediaPlaylist(model, opts);
  }

  /**
   * Whether a new LL-HLS player can start now. It starts PART-HOLD-BACK behind the live edge, from the independent
   * part before that point *in the same segment* (hls.js: getNextPart); a segment that does not begin with a
   * keyframe (the rest of a quick start's first GOP, a forced cut) has none, and hls.js then waits for the whole
   * segment, whose frames MSE drops up to the next keyframe (bufferAppendNoProgress, a start measured at 12 s).
   * Plain (non-LL) playlists: always true.
   */
  startable(): boolean {
    if (!this.opts.lowLatency) return true;
    const holdBack = 3 * this.partTargetSec();
    const segments = [...this.window.complete.slice(-this.opts.windowSegments), ...(this.window.current ? [this.window.current] : [])];
    let fromEdge = 0;
    for (let i = segments.length - 1; i >= 0; i--) {
      const seg = segments[i]!;
      fromEdge += seg.durationSec;
      if (fromEdge >= holdBack - 1e-6 || i === 0) return seg.parts[0]?.independent ?? false;
    }
    return false;
  }

  /** Resolves true once startable() (a new part may make it so), false on timeout or close. */
  async waitUntilStartable(timeoutMs: number): Promise<boolean> {
    const deadline = this.opts.now() + timeoutMs;
    while (!this.closed && !this.startable()) {
      const left = deadline - this.opts.now();
      if (left <= 0) return false;
      const next = this.window.nextPart;
      if ((await this.waitFor(next.msn, next.part, left)) !== 'ready') return this.startable();
    }
    return !this.closed;
  }

  /** Init segment of a generation (default: the current one). */
  getInit(generation: number = this.generation): Buffer | null {
    return this.inits.get(generation)?.bytes ?? null;
  }

  /**
   * The media still held from about `sinceMs` (wall clock) on, for pre-event recording: the complete segments of the
   * current init from the last keyframe-started one at or before `sinceMs` (or the first held), then the parts of the
   * segment in progress. What follows arrives as fragments (onFragment), so the two join without a gap.
   */
  recentMedia(sinceMs: number): Array<{ bytes: Buffer; independent: boolean; durationSec: number }> {
    type Unit = { bytes: Buffer; independent: boolean; durationSec: number; startMs: number };
    const units: Unit[] = this.window.complete
      .filter((s) => s.initGeneration === this.generation && s.bytes)
      .map((s) => ({ bytes: s.bytes!, independent: s.parts[0]?.independent ?? false, durationSec: s.durationSec, startMs: s.programDateTimeMs }));
    const current = this.window.current;
    if (current && current.initGeneration === this.generation) {
      let at = current.programDateTimeMs;
      for (const p of current.parts) {
        units.push({ bytes: p.bytes, independent: p.independent, durationSec: p.durationSec, startMs: at });
        at += p.durationSec * 1000;
      }
    }
    let from = units.findIndex((u) => u.independent);
    if (from < 0) return [];
    for (let i = from; i < units.length; i++) if (units[i]!.independent && units[i]!.startMs <= sinceMs) from = i;
    return units.slice(from).map(({ bytes, independent, durationSec }) => ({ bytes, independent, durationSec }));
  }

  /** A complete segment still held, else null. */
  getSegment(msn: number): Buffer | null {
    const seg = this.window.find(msn);
    return seg?.complete ? seg.bytes : null;
  }

  getPart(msn: number, part: number): Buffer | null {
    return this.window.find(msn)?.parts[part]?.bytes ?? null;
  }

  /** Resolves a playlist-relative path (`init.mp4`, `seg/3.m4s`, `part/3.1.m4s`) to bytes, else null (404). */
  getResource(path: string): Buffer | null {
    const uri = parseMediaUri(path);
    if (!uri) return null;
    if (uri.kind === 'init') return this.getInit(uri.generation);
    return uri.kind === 'segment' ? this.getSegment(uri.msn) : this.getPart(uri.msn, uri.part);
  }

  /** How to answer a blocking request for segment `msn` (or part `part` of it); see BlockingRequestClass. */
  classifyBlockingRequest(msn: number, part?: number): BlockingRequestClass {
    if (!isIndex(msn) || (part !== undefined && !isIndex(part))) return 'invalid';
    if (this.window.reached(msn, part)) return msn < this.window.oldestMsn ? 'expired' : 'ready';
    return msn > this.window.lastCompleteMsn + 2 ? 'too-far' : 'wait';
  }

  /** Resolves once segment `msn` is complete (or its part `part` exists), on timeout, or on close(). */
  waitFor(msn: number, part: number | undefined, timeoutMs: number): Promise<WaitResult> {
    if (this.closed) return Promise.resolve('closed');
    if (this.window.reached(msn, part)) return Promise.resolve('ready');
    return new Promise((resolve) => {
      const timer = setTimeout(() => waiter.finish('timeout'), timeoutMs);
      timer.unref(); // a parked HTTP request must not keep the process alive
      const waiter: Waiter = {
        msn,
        part,
        finish: (result) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(result);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Called after every accepted fragment (the stall watchdog). Returns an unsubscribe function. */
  onFragment(listener: (event: FragmentEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stats(): PackagerStats {
    const info = this.inits.get(this.generation)?.info;
    const latest = this.window.lastCompleteMsn;
    return {
      fragments: this.fragments,
      bytes: this.bytesIn,
      lastFragmentAt: this.lastFragmentAt,
      fps: this.rate.fps,
      bitrateBps: this.rate.bitrateBps,
      codec: info?.codec ?? null,
      audioCodec: info?.audio?.codec ?? null,
      codecs: info ? codecsAttribute(info) : null,
      width: info?.width ?? null,
      height: info?.height ?? null,
      segments: this.window.complete.length,
      latestMsn: latest >= 0 ? latest : null,
      lastError: this.failed?.message ?? null,
      gopSec: this.gops.length > 0 ? Math.max(...this.gops) : null,
    };
  }

  /** Boxes (after the start-of-run repair) → init segments and fragments. */
  private assemble(boxes: Mp4Box[]): void {
    for (const box of boxes) for (const item of this.assembler.push(box)) this.accept(item);
  }

  private accept(item: AssembledItem): void {
    this.playlists.invalidate();
    if (item.kind === 'fragment') return this.acceptFragment(item.fragment);
    // A new init while a segment is open means the input restarted without discontinuity() being called.
    if (this.window.current) this.endRun();
    const current = this.inits.get(this.generation);
    // Byte-identical init (same camera, same settings): keep its URI so players need not reload it.
    if (!current?.bytes.equals(item.init.bytes)) this.inits.set(++this.generation, item.init);
    this.pruneInits();
  }

  private acceptFragment(f: Fragment): void {
    const { info } = f;
    if (info.sampleCount === 0 || f.durationTicks <= 0) return;
    const independent = info.firstSampleIsSync;
    if (this.awaitingKeyframe && !independent) return;
    this.awaitingKeyframe = false;
    if (independent) this.noteKeyframe(f);
    const now = this.opts.now();
    const open = this.window.current;
    // A segment that a forced cut left without a keyframe at its start ends at the next keyframe, however short,
    // so segments line up with GOPs again as soon as possible.
    const long = open && (open.durationSec >= this.opts.targetSegmentSec * (1 - CUT_TOLERANCE) || !open.parts[0]?.independent);
    if (open && ((independent && long) || this.wouldOverrun(open, f) || open.durationSec >= MAX_SEGMENT_SEC)) this.finishSegment();
    const seg = this.window.current ?? this.startSegment(f, now);
    const part = this.window.append(seg, f.bytes, f.durationTicks, info.sampleCount, independent);
    this.longestPartSec = Math.max(this.longestPartSec, part.durationSec);
    this.fragments++;
    this.lastFragmentAt = now;
    this.rate.add(part.durationSec, info.sampleCount, f.bytes.length);
    // Quick start: the first segment is complete as soon as a player can hold back PART-HOLD-BACK inside it.
    if (this.quickStart && seg.durationSec >= 3 * this.partTargetSec() - 1e-6) {
      this.quickStart = false;
      this.finishSegment();
    }
    this.wake();
    const event: FragmentEvent = {
      msn: seg.msn,
      part: seg.parts.length - 1,
      durationSec: part.durationSec,
      independent,
      bytes: f.bytes.length,
      at: now,
    };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener bug must not corrupt packaging or look like bad ingest data.
      }
    }
  }

  private startSegment(f: Fragment, now: number): Segment {
    // PROGRAM-DATE-TIME follows media time from the first arrival, so segment times stay evenly spaced even
    // when ffmpeg delivers in bursts; re-anchored at each restart or when the two drift apart.
    const mediaSec = f.startTicks / f.timescale;
    const anchor = this.pdtAnchor;
    let pdt = anchor ? anchor.wallMs + (mediaSec - anchor.mediaSec) * 1000 : now;
    if (!anchor || Math.abs(pdt - now) > PDT_REANCHOR_MS) {
      this.pdtAnchor = { wallMs: now, mediaSec };
      pdt = now;
    }
    const discontinuity = this.discontinuityPending;
    this.discontinuityPending = false;
    return this.window.start({ initGeneration: this.generation, discontinuity, programDateTimeMs: Math.round(pdt), timescale: f.timescale });
  }

  private finishSegment(): void {
    const seg = this.window.finish();
    if (!seg) return;
    this.declaredTargetDuration ??= this.targetDurationFor(seg.durationSec);
    // A run that ended before the quick start's first segment was complete starts the normal way.
    this.quickStart = false;
    this.pruneInits();
    this.wake();
  }

  /** End of one ingest run (explicit or implied by a new init). */
  private endRun(): void {
    this.finishSegment();
    if (this.window.lastCompleteMsn >= 0) this.discontinuityPending = true;
    this.awaitingKeyframe = true;
    this.lastKeyframe = null;
    this.pdtAnchor = null;
    this.rate.reset();
  }

  private pruneInits(): void {
    const used = new Set([this.generation, ...this.window.complete.map((s) => s.initGeneration)]);
    if (this.window.current) used.add(this.window.current.initGeneration);
    for (const gen of this.inits.keys()) if (!used.has(gen)) this.inits.delete(gen);
  }

  private wake(): void {
    for (const w of [...this.waiters]) if (this.window.reached(w.msn, w.part)) w.finish('ready');
  }

  /**
   * Whether appending `f` would make the open segment too long for the declared target duration. Then it is cut
   * at this fragment even without a keyframe (a camera whose GOP grew after the first segment): the segment after
   * it is not independent, but TARGETDURATION holds. Before the first segment completes nothing is declared yet.
   */
  private wouldOverrun(open: Segment, f: Fragment): boolean {
    const td = this.declaredTargetDuration;
    return td !== null && open.durationSec + f.durationTicks / f.timescale >= td + ROUNDING_HEADROOM_SEC;
  }

  /** EXT-X-TARGETDURATION for segments of about this length (at least 1 s and the configured target). */
  private targetDurationFor(segmentSec: number): number {
    return Math.max(1, Math.ceil(this.opts.targetSegmentSec - 0.001), Math.round(segmentSec));
  }

  private noteKeyframe(f: Fragment): void {
    const last = this.lastKeyframe;
    if (last && last.timescale === f.timescale && f.startTicks > last.ticks) {
      this.gops.push((f.startTicks - last.ticks) / f.timescale);
      if (this.gops.length > GOP_HISTORY) this.gops.shift();
    }
    this.lastKeyframe = { ticks: f.startTicks, timescale: f.timescale };
  }

  /** max(configured, longest part seen), rounded up to whole ms (the spec forbids parts longer than this). */
  private partTargetSec(): number {
    return Math.ceil(Math.max(this.opts.partTargetSec, this.longestPartSec) * 1000 - 1e-6) / 1000;
  }
}
