// What the benchmark passes to the page and gets back (no DOM types: Node's tsconfig reads this file, not page.ts).

export interface G2gPageOptions {
  mode: 'console' | 'plain';
  profile: 'main' | 'sub';
  /** plain: the playlist URL (the console player fetches its own through `liveUrl`). */
  url: string;
  /** Frames are recorded for this long after the first one. */
  durationMs: number;
  /** Give up when no frame was shown this long after start. */
  firstFrameTimeoutMs: number;
  /** URL of hls.worker.js on the page's origin (the console's own worker), or null. */
  workerPath: string | null;
}

export interface G2gPageResult {
  /** Per presented frame: [frame index or -1 when unreadable, display time as Date.now() ms]. */
  frames: Array<[number, number]>;
  stalls: Array<{ startMs: number; endMs: number | null }>;
  /** hls.js ERROR events, `details` (`:fatal` appended when fatal). */
  errors: string[];
  /** console: the LivePlayer's own events other than progress (connect, starting, failed, frozen, …). */
  playerEvents: string[];
  /** Every 500 ms while playing: hls.js latency and target latency (s), playback rate, buffer ahead (s). */
  samples: Array<{ latency: number; target: number; rate: number; ahead: number }>;
  firstFrameAt: number | null;
  endedAt: number;
  droppedFrames: number;
  totalFrames: number;
}
