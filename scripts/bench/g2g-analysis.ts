/**
 * Glass-to-glass arithmetic, pure: the page reports (frame index read off the picture, wall-clock display time) for
 * every presented frame and its stall intervals; the simulator's session timing says when each frame went out.
 */
import { latestSendOf, type SessionTiming } from '../sim/frame-timing';

/** One presented frame: the clip frame index read off the canvas (null: unreadable) and its display time (Date.now() ms). */
export interface PresentedFrame {
  index: number | null;
  displayMs: number;
}

export interface LatencyResult {
  /** Display time − send time, ms, one per readable frame with a matching send. */
  latenciesMs: number[];
  /** The display time of each of those frames (same order). */
  shownAtMs: number[];
  /** Frames whose pattern did not decode (no pattern, too little contrast, checksum mismatch). */
  unreadable: number;
  /** Readable frames no session of that stream had sent by their display time (a wrong read or a stale session list). */
  unmatched: number;
}

/**
 * The session a frame came from: the newest of this stream's sessions that had started by the time it was shown (a
 * pipeline restart starts a new RTSP session; its frames cannot be shown before it started).
 */
function sessionAt(sessions: readonly SessionTiming[], stream: SessionTiming['stream'], atMs: number): SessionTiming | null {
  let best: SessionTiming | null = null;
  for (const s of sessions) {
    if (s.stream !== stream || s.startedAt === null || s.startedAt > atMs) continue;
    if (!best || s.startedAt > (best.startedAt ?? -Infinity)) best = s;
  }
  return best;
}

export function glassToGlass(frames: readonly PresentedFrame[], sessions: readonly SessionTiming[], stream: SessionTiming['stream']): LatencyResult {
  const out: LatencyResult = { latenciesMs: [], shownAtMs: [], unreadable: 0, unmatched: 0 };
  for (const f of frames) {
    if (f.index === null) {
      out.unreadable++;
      continue;
    }
    const session = sessionAt(sessions, stream, f.displayMs);
    const sent = session ? latestSendOf(session, f.index, f.displayMs) : null;
    if (sent === null) out.unmatched++;
    else {
      out.latenciesMs.push(f.displayMs - sent);
      out.shownAtMs.push(f.displayMs);
    }
  }
  return out;
}

/** Latencies of the frames shown in [fromMs, toMs): does the player converge on its target or keep its start offset? */
export function latenciesBetween(r: Pick<LatencyResult, 'latenciesMs' | 'shownAtMs'>, fromMs: number, toMs: number): number[] {
  return r.latenciesMs.filter((_, i) => r.shownAtMs[i]! >= fromMs && r.shownAtMs[i]! < toMs);
}

/** A rebuffering interval: from a `waiting` event after the first frame until playback resumed (null: never did). */
export interface Stall {
  startMs: number;
  endMs: number | null;
}

/** Number of stalls and total stalled seconds; a stall still open at the end counts until `endMs`. */
export function stallSummary(stalls: readonly Stall[], endMs: number): { count: number; stalledSec: number } {
  const ms = stalls.reduce((sum, s) => sum + Math.max(0, (s.endMs ?? endMs) - s.startMs), 0);
  return { count: stalls.length, stalledSec: ms / 1000 };
}

/** Sessions seen across several stats snapshots, once each (a session is known by stream and start time). */
export function mergeSessions(...snapshots: ReadonlyArray<readonly SessionTiming[]>): SessionTiming[] {
  const byKey = new Map<string, SessionTiming>();
  for (const s of snapshots.flat()) if (s.startedAt !== null) byKey.set(`${s.stream}@${s.startedAt}`, s);
  return [...byKey.values()];
}
