import { describe, expect, it } from 'vitest';
import { defaultWeek, formFromPlan, paintWeek, planBody, planFormValid, scheduledSlots } from './recording-plan-form';
import { addCamera, jumpParams, readPlaybackParams } from './playback-params';

const empty = () => Array.from({ length: 7 }, () => Array.from({ length: 48 }, () => false));

describe('week grid', () => {
  it('a click toggles one half-hour; a drag fills the rectangle between its corners, either direction', () => {
    const one = paintWeek(empty(), { day: 2, slot: 17 }, { day: 2, slot: 17 }, true);
    expect(scheduledSlots(one)).toBe(1);
    expect(one[2]![17]).toBe(true);
    const rect = paintWeek(one, { day: 4, slot: 20 }, { day: 1, slot: 16 }, true);
    expect(scheduledSlots(rect)).toBe(4 * 5);
    expect(rect[0]!.some(Boolean)).toBe(false);
    const cleared = paintWeek(rect, { day: 1, slot: 16 }, { day: 4, slot: 18 }, false);
    expect(scheduledSlots(cleared)).toBe(4 * 2);
    expect(one[2]![18]).toBe(false); // the grid given is left as it was
  });
});

describe('recording plan form → PUT body', () => {
  it('writes each mode as the gateway reads it', () => {
    const f = formFromPlan({ mode: 'none' });
    expect(planBody(f)).toEqual({ mode: 'none' });
    expect(planBody({ ...f, mode: 'continuous', profile: 'sub' })).toEqual({ mode: 'continuous', profile: 'sub' });
    const week = paintWeek(empty(), { day: 0, slot: 0 }, { day: 0, slot: 1 }, true);
    const body = planBody({ ...f, mode: 'schedule', week });
    expect(body).toEqual({ mode: 'schedule', profile: 'main', week: ['11' + '0'.repeat(46), ...Array(6).fill('0'.repeat(48))] });
    expect(planBody({ ...f, mode: 'event', preSec: 99, postSec: 0 })).toEqual({ mode: 'event', profile: 'main', preSec: 60, postSec: 1 });
  });

  it('reads a plan back into the form, keeping its retention', () => {
    const plan = { mode: 'schedule' as const, profile: 'sub' as const, retentionDays: 7, week: ['1'.repeat(48), ...Array(6).fill('0'.repeat(48))] };
    const f = formFromPlan(plan);
    expect(f.week[0]!.every(Boolean)).toBe(true);
    expect(planBody(f)).toEqual(plan);
    expect(formFromPlan({ mode: 'event', profile: 'main', preSec: 5, postSec: 40 })).toMatchObject({ mode: 'event', preSec: 5, postSec: 40 });
  });

  it('a schedule without a half-hour cannot be saved; the default is working hours', () => {
    expect(planFormValid({ ...formFromPlan({ mode: 'none' }), mode: 'schedule', week: empty() })).toBe(false);
    expect(scheduledSlots(defaultWeek())).toBe(5 * 20);
  });
});

describe('playback parameters', () => {
  it('jumping from an alarm starts 10 s before it', () => {
    expect(jumpParams('cam-1', '2026-12-08T03:00:00.000Z')).toEqual({ cameraIds: 'cam-1', at: '2026-12-08T02:59:50.000Z' });
    expect(readPlaybackParams({ cameraIds: 'a,b,a,c,d,e', at: '2026-12-08T02:59:50Z' })).toEqual({ cameraIds: ['a', 'b', 'c', 'd'], atMs: Date.UTC(2026, 11, 8, 2, 59, 50) });
    expect(readPlaybackParams({})).toEqual({ cameraIds: [], atMs: null });
  });

  it('at most four cameras: a fifth replaces the first added', () => {
    expect(addCamera(['a', 'b'], 'a')).toEqual({ ids: ['a', 'b'], replaced: false });
    expect(addCamera(['a', 'b', 'c', 'd'], 'e')).toEqual({ ids: ['b', 'c', 'd', 'e'], replaced: true });
  });
});
