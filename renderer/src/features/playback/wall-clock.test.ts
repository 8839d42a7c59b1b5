import { describe, expect, it } from 'vitest';
import { mediaAt, nextRecordedWall, wallAt } from './wall-clock';
import { advanceCursor, cursorWithoutLeader, LIVE_MARGIN_MS, SEEK_DRIFT_MS, syncDecision } from './sync-decision';

// Two segments of 2 s, a hole of 10 s (a discontinuity), then one of 2 s: media time runs on, wall clock jumps.
const T = Date.UTC(2026, 11, 8, 1, 0, 0);
const segs = [
  { start: 0, duration: 2, programDateTime: T },
  { start: 2, duration: 2, programDateTime: T + 2000 },
  { start: 4, duration: 2, programDateTime: T + 14_000 },
];

describe('wall clock of a VOD playlist (PROGRAM-DATE-TIME per segment)', () => {
  it('media position → wall-clock time, across a hole', () => {
    expect(wallAt(segs, 1.5)).toBe(T + 1500);
    expect(wallAt(segs, 4.25)).toBe(T + 14_250);
    expect(wallAt(segs, 6)).toBe(T + 16_000); // paused at the very end
    expect(wallAt(segs, 7)).toBeNull();
  });

  it('wall-clock time → media position; nothing recorded in the hole', () => {
    expect(mediaAt(segs, T + 3000)).toBe(3);
    expect(mediaAt(segs, T + 15_000)).toBe(5);
    expect(mediaAt(segs, T + 8000)).toBeNull();
    expect(mediaAt(segs, T - 1)).toBeNull();
    expect(nextRecordedWall(segs, T + 8000)).toBe(T + 14_000);
    expect(nextRecordedWall(segs, T + 17_000)).toBeNull();
  });
});

describe('sync drift correction', () => {
  it('seeks a follower half a second or more off, or one without a picture', () => {
    expect(syncDecision(10_000 + SEEK_DRIFT_MS, 10_000, 1, 1)).toEqual({ kind: 'seek', toMs: 10_000 });
    expect(syncDecision(9_300, 10_000, 4, 4)).toEqual({ kind: 'seek', toMs: 10_000 });
    expect(syncDecision(null, 10_000, 1, 1)).toEqual({ kind: 'seek', toMs: 10_000 });
  });

  it('nudges the rate for a small drift, and restores it once in step', () => {
    expect(syncDecision(10_200, 10_000, 2, 2)).toEqual({ kind: 'rate', rate: 1.8 }); // ahead: slower
    expect(syncDecision(9_800, 10_000, 2, 2)).toEqual({ kind: 'rate', rate: 2.2 }); // behind: faster
    expect(syncDecision(10_050, 10_000, 2, 1.8)).toEqual({ kind: 'rate', rate: 2 });
    expect(syncDecision(10_050, 10_000, 2, 2)).toEqual({ kind: 'none' });
  });

  it('without a leader the cursor runs on at the chosen speed, but not into the last seconds before now', () => {
    const now = 1_000_000;
    expect(advanceCursor(1000, 250, 8, now)).toBe(3000);
    expect(advanceCursor(now - LIVE_MARGIN_MS - 500, 250, 4, now)).toBe(now - LIVE_MARGIN_MS);
    expect(advanceCursor(now - 2000, 250, 1, now)).toBe(now - 2000); // already past it (a click near now): held, not moved back
  });

  it('without a leader a hole is skipped, an hour with nothing more moves on to the next, the live edge is run up to', () => {
    const now = 10 * 3600_000;
    const hourEnd = 3600_000;
    expect(cursorWithoutLeader(1000, 250, 1, now, 40_000, hourEnd)).toBe(40_000);
    expect(cursorWithoutLeader(1000, 250, 1, now, null, hourEnd)).toBe(hourEnd);
    const liveHourEnd = now + 1800_000;
    expect(cursorWithoutLeader(now - 60_000, 250, 2, now, null, liveHourEnd)).toBe(now - 60_000 + 500);
    expect(cursorWithoutLeader(now - LIVE_MARGIN_MS, 250, 2, now, null, liveHourEnd)).toBe(now - LIVE_MARGIN_MS);
  });
});
