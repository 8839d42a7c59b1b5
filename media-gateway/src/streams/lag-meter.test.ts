import { describe, expect, it } from 'vitest';
import { isLagging, LagMeter } from './lag-meter';

/** Feeds 200 ms fragments produced at `speed` × real time, starting at t0; returns the meter. */
function feed(meter: LagMeter, fragments: number, speed: number, t0 = 10_000): { meter: LagMeter; end: number } {
  let at = t0;
  for (let i = 0; i < fragments; i++) {
    meter.onFragment(at, 0.2);
    at += 200 / speed;
  }
  return { meter, end: at };
}

describe('LagMeter', () => {
  it('stays at 0 for a real-time stream, with jittered arrivals', () => {
    const m = new LagMeter();
    const jitter = [0, 40, -30, 60, -50, 10];
    for (let i = 0; i < 300; i++) m.onFragment(10_000 + i * 200 + jitter[i % jitter.length]!, 0.2);
    expect(m.lagSec).toBeLessThan(0.1);
  });

  it('grows by (1 − speed) per second for a transcode that cannot keep up', () => {
    // 60 s of wall time at 0.8× speed: 12 s behind (the live-at-25-fps case of issue 11).
    const { meter } = feed(new LagMeter(), 241, 0.8);
    expect(meter.lagSec).toBeCloseTo(12, 1);
  });

  it('ignores media arriving ahead of real time (a burst) and measures from there', () => {
    const m = new LagMeter();
    for (let i = 0; i < 10; i++) m.onFragment(10_000, 0.2); // 2 s of buffered GOP at once
    expect(m.lagSec).toBe(0);
    for (let i = 1; i <= 25; i++) m.onFragment(10_000 + i * 400, 0.2); // then half speed for 10 s
    expect(m.lagSec).toBeCloseTo(5, 1);
  });

  it('starts over after reset (a restarted run)', () => {
    const { meter } = feed(new LagMeter(), 100, 0.5);
    expect(meter.lagSec).toBeGreaterThan(5);
    meter.reset();
    expect(meter.lagSec).toBeNull();
    meter.onFragment(99_000, 0.2);
    expect(meter.lagSec).toBe(0);
  });
});

describe('isLagging', () => {
  it('enters at 2 s and leaves below 1 s', () => {
    expect(isLagging(null, false)).toBe(false);
    expect(isLagging(1.9, false)).toBe(false);
    expect(isLagging(2, false)).toBe(true);
    expect(isLagging(1.2, true)).toBe(true);
    expect(isLagging(0.9, true)).toBe(false);
  });
});
