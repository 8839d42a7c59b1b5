import { describe, expect, it } from 'vitest';
import { dayBounds, dayOf, isRecordedAt, markerSpots, rangeSpans, snapToRecording, timeToPct, viewRange, viewTicks, xToTime } from './timeline-geometry';
import { needsNewWindow, windowFor } from './playback-window';

const day = dayBounds('2026-12-08')!;
const at = (h: number, m = 0, s = 0) => new Date(2026, 11, 8, h, m, s).getTime();

describe('day timeline geometry', () => {
  it('a local day is 00:00 to the next 00:00; unreadable days are refused', () => {
    expect(day).toEqual({ startMs: at(0), endMs: new Date(2026, 11, 9).getTime() });
    expect(dayBounds('2026-02-30')).toBeNull();
    expect(dayBounds('8 Dec')).toBeNull();
    expect(dayOf(at(23, 59))).toBe('2026-12-08');
  });

  it('ranges become percent spans of the day, clipped at its edges, others left out', () => {
    const spans = rangeSpans(
      [
        { startMs: at(6), endMs: at(12) },
        { startMs: at(0) - 3600_000, endMs: at(3) },
        { startMs: at(23), endMs: at(0) + 25 * 3600_000 },
        { startMs: at(0) - 7200_000, endMs: at(0) - 3600_000 },
      ],
      day,
    );
    expect(spans.map((s) => [s.leftPct, s.widthPct].map((n) => Math.round(n * 1000) / 1000))).toEqual([
      [25, 25],
      [0, 12.5],
      [95.833, 4.167],
    ]);
  });

  it('a click x maps to the instant under it (whole seconds, inside the day)', () => {
    expect(xToTime(500, 1000, day)).toBe(at(12));
    expect(xToTime(250, 1000, day)).toBe(at(6));
    expect(xToTime(-20, 1000, day)).toBe(at(0));
    expect(xToTime(1200, 1000, day)).toBe(day.endMs - 1000);
    expect(timeToPct(at(18), day)).toBe(75);
    expect(timeToPct(at(0) - 1, day)).toBe(0);
  });

  it('recorded-at is end-exclusive; the whole day\'s ticks run 00:00–24:00', () => {
    const ranges = [{ startMs: at(6), endMs: at(7) }];
    expect(isRecordedAt(ranges, at(6))).toBe(true);
    expect(isRecordedAt(ranges, at(7))).toBe(false);
    expect(viewTicks(day, 6 * 3600_000, day.startMs)).toEqual([
      { label: '00:00', pct: 0 },
      { label: '06:00', pct: 25 },
      { label: '12:00', pct: 50 },
      { label: '18:00', pct: 75 },
      { label: '24:00', pct: 100 },
    ]);
  });
});

describe('playback window choice', () => {
  it('asks for the hour containing the cursor, and again when the cursor leaves it', () => {
    const w = windowFor(at(10, 17, 42));
    expect(w).toEqual({ fromMs: at(10), toMs: at(11) });
    expect(needsNewWindow(null, at(10, 17))).toBe(true);
    expect(needsNewWindow(w, at(10, 59, 59))).toBe(false);
    expect(needsNewWindow(w, at(11))).toBe(true);
    expect(needsNewWindow(w, at(9, 59, 59))).toBe(true);
  });
});

describe('a click near a thin range snaps into it', () => {
  const ranges = [{ startMs: at(10), endMs: at(10, 0, 8) }];
  it('inside stays; just before goes to its start, just after to its last second; far away stays', () => {
    expect(snapToRecording(ranges, at(10, 0, 3), 300_000)).toBe(at(10, 0, 3));
    expect(snapToRecording(ranges, at(9, 58), 300_000)).toBe(at(10));
    expect(snapToRecording(ranges, at(10, 3), 300_000)).toBe(at(10, 0, 7));
    expect(snapToRecording(ranges, at(11), 300_000)).toBe(at(11));
  });
});

describe('timeline zoom', () => {
  it('an hour centred on the cursor, kept inside the day; the day itself when the span covers it', () => {
    expect(viewRange(day, at(10, 30), 3600_000)).toEqual({ startMs: at(10), endMs: at(11) });
    expect(viewRange(day, at(0, 10), 3600_000)).toEqual({ startMs: at(0), endMs: at(1) });
    expect(viewRange(day, null, 3600_000)).toEqual({ startMs: at(11, 30), endMs: at(12, 30) });
    expect(viewRange(day, at(10), 24 * 3600_000)).toEqual(day);
  });

  it('ticks are whole steps of local time', () => {
    const ticks = viewTicks({ startMs: at(10, 25), endMs: at(10, 35) }, 2 * 60_000, day.startMs);
    expect(ticks.map((x) => x.label)).toEqual(['10:26', '10:28', '10:30', '10:32', '10:34']);
    expect(ticks[2]!.pct).toBe(50);
  });
});

describe('markerSpots', () => {
  it('places the alarms inside the view by time, oldest first, and leaves out the others', () => {
    const view = { startMs: 1000, endMs: 2000 };
    expect(markerSpots([{ id: 'b', atMs: 1750 }, { id: 'a', atMs: 1250 }, { id: 'x', atMs: 2000 }, { id: 'y', atMs: 999 }], view)).toEqual([
      { id: 'a', atMs: 1250, pct: 25 },
      { id: 'b', atMs: 1750, pct: 75 },
    ]);
  });
});
