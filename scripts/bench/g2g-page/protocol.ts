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

/** TTFF (ttff-bench.ts): start a player and report when its first frame was presented. */
export interface TtffPageOptions {
  mode: 'console' | 'plain';
  profile: 'main' | 'sub';
  /** plain: the playlist URL (the console player fetches its own). */
  url: string;
  /** console: the camera whose live URL the player asks for. */
  cameraId: string;
  timeoutMs: number;
}

export interface TtffPageResult {
  /** From starting the player (console: including its live-URL request) to the first presented frame; null: none. */
  ms: number | null;
  /** From the start until the first playlist response had arrived (the server's share), when seen. */
  playlistMs: number | null;
  /** hls.js ERROR events (`:fatal` appended when fatal), the console player's non-progress events. */
  errors: string[];
}
