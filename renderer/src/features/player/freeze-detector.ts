// "Never a frozen frame that looks live": tracks whether the playhead is really moving forward.
export const FROZEN_AFTER_MS = 3_000;
/** A picture frozen this long is not coming back by itself: the player is recreated. */
export const RESTART_AFTER_FROZEN_MS = 10_000;
/** Never live within this long after (re)creating the player: recreate it. */
export const CONNECT_TIMEOUT_MS = 20_000;

export interface FreezeState {
  lastTime: number;
  lastAdvanceAt: number;
  lastSampleAt: number;
}

export interface PlayheadSample {
  currentTime: number;
  paused: boolean;
  seeking: boolean;
}

export interface FreezeCheck {
  state: FreezeState;
  /** The playhead moved forward by playing (not by a seek) since the last sample. */
  advanced: boolean;
  /** How long the playhead has not advanced by playing, ms. */
  stalledMs: number;
}

export function startFreezeState(currentTime: number, now: number): FreezeState {
  return { lastTime: currentTime, lastAdvanceAt: now, lastSampleAt: now };
}

/**
 * One sample. Playing forward means: not paused, not seeking, and the playhead moved ahead by no more than the
 * elapsed wall time allows (catch-up plays at most 1.2×; a bigger jump is a seek, e.g. hls.js skipping to the
 * live edge, and proves nothing about new pictures).
 */
export function sampleFreeze(prev: FreezeState, s: PlayheadSample, now: number): FreezeCheck {
  const delta = s.currentTime - prev.lastTime;
  const elapsedSec = Math.max(0, now - prev.lastSampleAt) / 1000;
  const played = !s.paused && !s.seeking && delta > 0 && delta <= elapsedSec * 1.5 + 0.5;
  if (played) return { state: { lastTime: s.currentTime, lastAdvanceAt: now, lastSampleAt: now }, advanced: true, stalledMs: 0 };
  return { state: { lastTime: s.currentTime, lastAdvanceAt: prev.lastAdvanceAt, lastSampleAt: now }, advanced: false, stalledMs: now - prev.lastAdvanceAt };
}

export function isFrozen(stalledMs: number): boolean {
  return stalledMs >= FROZEN_AFTER_MS;
}
