import { describe, expect, it } from 'vitest';
import { recordingPlanSchema, wantsContinuous, weekSlot } from './recording-plan';

const day = (open: number[]): string => Array.from({ length: 48 }, (_, i) => (open.includes(i) ? '1' : '0')).join('');

describe('recording plans', () => {
  it('fills the defaults and names the field of a bad value', () => {
    expect(recordingPlanSchema.parse({ mode: 'event' })).toEqual({ mode: 'event', profile: 'main', preSec: 10, postSec: 30 });
    const bad = recordingPlanSchema.safeParse({ mode: 'schedule', week: [day([]), 'x'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['week.1', 'week']));
    expect(recordingPlanSchema.safeParse({ mode: 'continuous', extra: 1 }).success).toBe(false);
    expect(recordingPlanSchema.safeParse({ mode: 'sometimes' }).success).toBe(false);
  });

  it('reads the week grid in the county time zone, not UTC', () => {
    // 2026-12-07 is a Monday. 16:10 UTC is 00:10 on Tuesday in Shanghai (UTC+8).
    const at = Date.UTC(2026, 11, 7, 16, 10);
    expect(weekSlot(at, 'Asia/Shanghai')).toEqual({ day: 1, halfHour: 0 });
    expect(weekSlot(at, 'UTC')).toEqual({ day: 0, halfHour: 32 });
    const nights = { mode: 'schedule' as const, profile: 'main' as const, week: [day([]), day([0, 1]), day([]), day([]), day([]), day([]), day([])] };
    expect(wantsContinuous(nights, at, 'Asia/Shanghai')).toBe(true);
    expect(wantsContinuous(nights, at, 'UTC')).toBe(false);
    expect(wantsContinuous(nights, at + 60 * 60_000, 'Asia/Shanghai')).toBe(false); // 01:10: past the two half-hours
  });

  it('continuous always, none and event never (events start their own recordings)', () => {
    expect(wantsContinuous({ mode: 'continuous', profile: 'sub' }, 0, 'UTC')).toBe(true);
    expect(wantsContinuous({ mode: 'none' }, 0, 'UTC')).toBe(false);
    expect(wantsContinuous({ mode: 'event', profile: 'main', preSec: 10, postSec: 30 }, 0, 'UTC')).toBe(false);
  });
});
