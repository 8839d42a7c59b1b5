// "Never a frozen frame that looks live": tracks whether video.currentTime is advancing.
export const FROZEN_AFTER_MS = 3_000;
/** A picture frozen this long is not coming back by itself: the player is recreated. */
export const RESTART_AFTER_FROZEN_MS = 10_000;

export interface FreezeState {
  lastTime: number;
  lastAdvanceAt: number;
}

export interface FreezeCheck {
  state: FreezeState;
  /** The playhead moved since the last sample. */
  advanced: boolean;
  /** How long the playhead has not moved, ms. */
  stalledMs: number;
}

export function startFreezeState(currentTime: number, now: number): FreezeState {
  return { lastTime: currentTime, lastAdvanceAt: now };
}

/** One sample. Moving backwards (a seek to the live edge after a restart) counts as movement. */
export function sampleFreeze(prev: FreezeState, currentTime: number, now: number): FreezeCheck {
  if (currentTime !== prev.lastTime) return { state: { lastTime: currentTime, lastAdvanceAt: now }, advanced: true, stalledMs: 0 };
  return { state: prev, advanced: false, stalledMs: now - prev.lastAdvanceAt };
}

export function isFrozen(stalledMs: number): boolean {
  return stalledMs >= FROZEN_AFTER_MS;
}
