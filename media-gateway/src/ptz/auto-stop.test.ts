import { describe, expect, it } from 'vitest';
import { AutoStopTimers } from './auto-stop';
import { ManualClock } from '../platform/testing/manual-clock';

describe('AutoStopTimers', () => {
  it('fires once, timeout after the last arm', () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    const timers = new AutoStopTimers(clock, 1000, (k) => fired.push(`${k}@${clock.now()}`));
    timers.arm('cam');
    clock.advance(600);
    timers.arm('cam'); // a repeated move
    clock.advance(600);
    expect(fired).toEqual([]);
    clock.advance(400);
    expect(fired).toEqual(['cam@1600']);
    clock.advance(5000);
    expect(fired).toHaveLength(1);
    expect(timers.armed('cam')).toBe(false);
  });

  it('does not fire after disarm; keeps cameras apart; close() reports those still armed', () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    const timers = new AutoStopTimers(clock, 1000, (k) => fired.push(k));
    timers.arm('a');
    timers.arm('b');
    expect(timers.disarm('a')).toBe(true);
    expect(timers.disarm('a')).toBe(false);
    clock.advance(1000);
    expect(fired).toEqual(['b']);
    timers.arm('c');
    expect(timers.close()).toEqual(['c']);
    expect(clock.pending).toBe(0);
  });
});
