import { describe, expect, it } from 'vitest';
import { computeAvailability, rate } from './availability';

describe('computeAvailability', () => {
  it('credits time per state, clipped to the period', () => {
    const before = [{ cameraId: 'a', status: 'online' as const, at: -500 }];
    const within = [
      { cameraId: 'a', status: 'offline' as const, at: 300 },
      { cameraId: 'b', status: 'online' as const, at: 500 },
      { cameraId: 'a', status: 'online' as const, at: 600 },
    ];
    const m = computeAvailability(before, within, 0, 1000);
    expect(m.get('a')).toEqual({ online: 700, known: 1000 });
    expect(m.get('b')).toEqual({ online: 500, known: 500 });
    expect(rate(m.get('a'))).toBeCloseTo(0.7);
    expect(rate(undefined)).toBeNull();
  });
  it('does not count unknown time', () => {
    const m = computeAvailability([{ cameraId: 'c', status: 'unknown', at: 0 }], [{ cameraId: 'c', status: 'offline', at: 400 }], 0, 1000);
    expect(m.get('c')).toEqual({ online: 0, known: 600 });
  });
});
