import { describe, expect, it } from 'vitest';
import { CameraFlapDetector } from './camera-flap-detector';

describe('CameraFlapDetector', () => {
  it('flaps after more than threshold changes within the window, counting outages', () => {
    const d = new CameraFlapDetector({ threshold: 4, windowMs: 600_000 });
    const seen = ['offline', 'online', 'offline', 'online'].map((s, i) => d.record('c1', s as 'online' | 'offline', i * 1000));
    expect(seen.every((o) => !o.flapping)).toBe(true);
    const fifth = d.record('c1', 'offline', 5000);
    expect(fifth).toEqual({ flapping: true, started: true, outages: 3 });
    expect(d.record('c1', 'online', 6000)).toEqual({ flapping: true, started: false, outages: 3 });
    expect(d.isFlapping('c1')).toBe(true);
    expect(d.isFlapping('c2')).toBe(false);
  });

  it('changes spread wider than the window never flap', () => {
    const d = new CameraFlapDetector({ threshold: 4, windowMs: 60_000 });
    for (let i = 0; i < 20; i++) expect(d.record('c1', i % 2 ? 'online' : 'offline', i * 20_000).flapping).toBe(false);
  });

  it('settles a flapping camera once its status held for a whole window', () => {
    const d = new CameraFlapDetector({ threshold: 2, windowMs: 10_000 });
    d.record('c1', 'offline', 0);
    d.record('c1', 'online', 1000);
    d.record('c2', 'offline', 1000);
    expect(d.record('c1', 'offline', 2000).started).toBe(true);
    expect(d.settle(11_999)).toEqual([]);
    expect(d.settle(12_000)).toEqual(['c1']); // c2 was never flapping: forgotten, not reported
    expect(d.isFlapping('c1')).toBe(false);
    expect(d.record('c1', 'online', 13_000).flapping).toBe(false);
  });

  it('restored after a restart: flapping at once, settled a window after the alarm was last seen', () => {
    const d = new CameraFlapDetector({ threshold: 4, windowMs: 10_000 });
    d.restore('c1', 5000);
    expect(d.isFlapping('c1')).toBe(true);
    expect(d.record('c1', 'online', 6000)).toEqual({ flapping: true, started: false, outages: 1 });
    expect(d.settle(15_999)).toEqual([]);
    expect(d.settle(16_000)).toEqual(['c1']);
  });
});
