// Keeping up to four players on one wall-clock cursor (pure). A follower more than half a second off seeks; a
// smaller drift is taken up by playing a little faster or slower (seeking costs a keyframe load and a visible jump).

export type SyncAction = { kind: 'seek'; toMs: number } | { kind: 'rate'; rate: number } | { kind: 'none' };

export const SEEK_DRIFT_MS = 500;
const NUDGE_DRIFT_MS = 100;
const NUDGE = 0.1;

/**
 * What a follower should do. `followerMs`: the wall-clock time it shows (null: no picture yet); `cursorMs`: the
 * master's; `rate`: the chosen speed; `currentRate`: the follower's playbackRate now.
 */
export function syncDecision(followerMs: number | null, cursorMs: number, rate: number, currentRate: number): SyncAction {
  if (followerMs === null) return { kind: 'seek', toMs: cursorMs };
  const drift = followerMs - cursorMs;
  if (Math.abs(drift) >= SEEK_DRIFT_MS) return { kind: 'seek', toMs: cursorMs };
  const wanted = Math.abs(drift) >= NUDGE_DRIFT_MS ? rate * (drift > 0 ? 1 - NUDGE : 1 + NUDGE) : rate;
  return Math.abs(wanted - currentRate) > 1e-6 ? { kind: 'rate', rate: wanted } : { kind: 'none' };
}

/**
 * How far behind real time the cursor stops when no camera leads. A camera recording now has its newest seconds on
 * disk a fragment or two late, and a playlist lists what was there when it was read: a cursor running at real time
 * (or faster) past that edge would never land in a recording again. Held this far back, the players re-read their
 * window and play the seconds recorded since.
 */
export const LIVE_MARGIN_MS = 8000;

/** The cursor a moment later when no player leads (all without recording): the clock runs on at the chosen speed, never past the live margin. */
export function advanceCursor(cursorMs: number, elapsedMs: number, rate: number, nowMs: number): number {
  return Math.min(cursorMs + elapsedMs * rate, Math.max(cursorMs, nowMs - LIVE_MARGIN_MS));
}

/**
 * The cursor a moment later when no camera leads. `nextRecordedMs`: the earliest instant at or after the cursor that
 * some camera's loaded window has recorded (null: none). A hole is skipped to that instant rather than waited
 * through; with nothing more in this hour the cursor goes to the next hour (whose windows are then read), unless that
 * is the live edge, where it runs on at the chosen speed up to the margin.
 */
export function cursorWithoutLeader(cursorMs: number, elapsedMs: number, rate: number, nowMs: number, nextRecordedMs: number | null, hourEndMs: number): number {
  if (nextRecordedMs !== null && nextRecordedMs >= cursorMs) return nextRecordedMs;
  if (hourEndMs <= nowMs - LIVE_MARGIN_MS) return Math.max(cursorMs, hourEndMs);
  return advanceCursor(cursorMs, elapsedMs, rate, nowMs);
}

/** One frame at 25 fps, the frame step. */
export const FRAME_SEC = 1 / 25;
export const SPEEDS = [1, 2, 4, 8] as const;
