/**
 * When the simulator sent a given frame, for glass-to-glass measurements: a viewer reads frame index N (presentation
 * order, frame-index-pattern.ts) off the picture and the session timing from the control API, and computes the send
 * time of clip frame N in loop K. Pure.
 */

export interface SessionTiming {
  stream: 'main' | 'sub';
  transport: 'tcp' | 'udp';
  playing: boolean;
  /** Wall clock (Date.now() ms) at which session frame 0 was due and sent; null before PLAY. */
  startedAt: number | null;
  fps: number;
  /** Frames per clip loop (100). */
  clipFrames: number;
  /** The clip frame (a keyframe) session frame 0 showed. */
  firstClipFrame: number;
  /** B-frame streams: sendOrder[N] = decode position of presentation frame N within the clip; null when equal to N. */
  sendOrder: number[] | null;
}

/**
 * Wall-clock ms at which clip frame N (presentation index) of loop K went out: loop 0 is the loop the session started
 * in (its frames before firstClipFrame were never sent: negative offsets). Send times follow the schedule even when
 * a frame was skipped (backpressure, stall), so check that the result is not before startedAt.
 */
export function frameSentAt(t: SessionTiming, frame: number, loop: number): number | null {
  if (t.startedAt === null) return null;
  const decodePos = t.sendOrder ? (t.sendOrder[frame] ?? frame) : frame;
  return t.startedAt + ((loop * t.clipFrames + decodePos - t.firstClipFrame) * 1000) / t.fps;
}

/** The latest send time of clip frame N not after `atMs` (the frame a viewer shows at atMs went out then), or null. */
export function latestSendOf(t: SessionTiming, frame: number, atMs: number): number | null {
  const first = frameSentAt(t, frame, 0);
  if (first === null || t.startedAt === null) return null;
  const loopMs = (t.clipFrames * 1000) / t.fps;
  const k = Math.floor((atMs - first) / loopMs);
  const sent = first + k * loopMs;
  return sent >= t.startedAt && sent <= atMs ? sent : null;
}

/** sendOrder for a clip whose decode-order access units have these presentation offsets (null without reordering). */
export function sendOrderOf(ptsOffsets: readonly number[]): number[] | null {
  if (ptsOffsets.every((o) => o === 0)) return null;
  const order = new Array<number>(ptsOffsets.length).fill(0);
  ptsOffsets.forEach((o, d) => {
    order[d + o] = d;
  });
  return order;
}
