import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('grows exponentially up to the cap, with jitter in [exp/2, exp]', () => {
    const lo = (a: number) => backoffDelay(a, { initialMs: 1000, maxMs: 30_000, random: () => 0 });
    const hi = (a: number) => backoffDelay(a, { initialMs: 1000, maxMs: 30_000, random: () => 1 });
    expect([lo(0), hi(0)]).toEqual([500, 1000]);
    expect([lo(3), hi(3)]).toEqual([4000, 8000]);
    expect([lo(10), hi(10)]).toEqual([15_000, 30_000]);
  });
});
