// Public types of the packager, kept apart from the implementation so the stream manager and HTTP routes can
// depend on them without pulling the parsing code into their tests.

export interface HlsPackagerOptions {
  /** A new segment starts at the first keyframe once the current one is this long (≈ GOP when GOP ≥ target). */
  targetSegmentSec?: number;
  /** Declared LL-HLS part target; raised (never lowered) if a fragment is longer. */
  partTargetSec?: number;
  /** Complete segments listed in the playlist. */
  windowSegments?: number;
  /** Extra older segments still served (not listed) for slow clients. */
  retainSegments?: number;
  /** LL-HLS (parts, preload hint, blocking reload) or a plain live playlist. */
  lowLatency?: boolean;
  /** Wall clock in ms; injected so tests are deterministic. */
  now?: () => number;
  /**
   * The camera's keyframe interval as observed in an earlier run (`stats().gopSec`), or null for a camera not seen
   * yet. Known, it fixes TARGETDURATION up front and lets the first segment end after PART-HOLD-BACK instead of a
   * whole GOP, so a cold start does not wait for the camera's second keyframe (README: "Quick start").
   */
  expectedGopSec?: number | null;
}

export interface RenderPlaylistOptions {
  /** Appended to every URI, e.g. `token=abc` (without `_HLS_*` parameters). */
  query?: string;
  /** Delta update (`_HLS_skip=YES`): segments older than CAN-SKIP-UNTIL become one EXT-X-SKIP. */
  skip?: boolean;
}

/**
 * Answer to a blocking request (`_HLS_msn`/`_HLS_part`, or a part/segment URI):
 * - `ready`: it exists now: serve it.
 * - `wait`: not yet, but soon: `waitFor` it (then serve, or 503/timeout).
 * - `too-far`: more than two segments beyond the last complete one: HTTP 400 (LL-HLS spec).
 * - `expired`: the stream is past it and the bytes are gone: serve the playlist for a playlist request, 404 for media.
 * - `invalid`: not a non-negative integer: HTTP 400.
 */
export type BlockingRequestClass = 'ready' | 'wait' | 'too-far' | 'expired' | 'invalid';

/** `ready` also when the stream has already moved past the requested point (the playlist then has it or newer). */
export type WaitResult = 'ready' | 'timeout' | 'closed';

export interface PackagerStats {
  /** Fragments accepted (each one an LL-HLS part) since creation. */
  fragments: number;
  /** Bytes pushed since creation. */
  bytes: number;
  /** Clock ms of the last accepted fragment, null before the first. */
  lastFragmentAt: number | null;
  /** Frames per second over the last ~5 s of media, null until known. */
  fps: number | null;
  /** Fragment bytes × 8 per media second over the last ~5 s, null until known. */
  bitrateBps: number | null;
  codec: string | null;
  /** RFC 6381 codec of the audio track muxed with the video (`mp4a.40.2`), null when there is none. */
  audioCodec: string | null;
  /** Every track's codec for a CODECS attribute: `avc1.4d401f,mp4a.40.2`; null before the first init. */
  codecs: string | null;
  width: number | null;
  height: number | null;
  /** Complete segments currently held in memory (listed + retained). */
  segments: number;
  /** Media sequence number of the newest complete segment, null before the first. */
  latestMsn: number | null;
  /** Message of the error that made the packager drop input, null when healthy. */
  lastError: string | null;
  /** Longest keyframe interval among the last few of this run (media time), null until two keyframes arrived. */
  gopSec: number | null;
}

/** Passed to onFragment listeners (the stall watchdog only needs the call; the rest is for logs/metrics). */
export interface FragmentEvent {
  msn: number;
  part: number;
  durationSec: number;
  independent: boolean;
  bytes: number;
  at: number;
}

/** What the playlist renderer needs to know about a part. */
export interface PartView {
  readonly durationSec: number;
  readonly independent: boolean;
}

/** What the playlist renderer needs to know about a segment (complete or in progress). */
export interface SegmentView {
  readonly msn: number;
  readonly initGeneration: number;
  /** Preceded by EXT-X-DISCONTINUITY (first segment after an ingest restart). */
  readonly discontinuity: boolean;
  readonly programDateTimeMs: number;
  readonly durationSec: number;
  readonly complete: boolean;
  readonly parts: readonly PartView[];
}
