// Which VOD window to ask the gateway for (pure). A playlist covers the hour containing the cursor (the gateway caps a
// window at 6 h); a cursor leaving the window asks for the next one.

export interface PlaybackWindow {
  fromMs: number;
  toMs: number;
}

const HOUR_MS = 3600_000;

/** The hour (local, which equals UTC hours for whole-hour zones) containing the cursor. */
export function windowFor(cursorMs: number): PlaybackWindow {
  const d = new Date(cursorMs);
  d.setMinutes(0, 0, 0);
  const fromMs = d.getTime();
  return { fromMs, toMs: fromMs + HOUR_MS };
}

/** Whether the cursor needs another window than the one loaded (none loaded, outside it, or at its very end). */
export function needsNewWindow(current: PlaybackWindow | null, cursorMs: number): boolean {
  return !current || cursorMs < current.fromMs || cursorMs >= current.toMs;
}
