// The latency target is hls.js's own computation (the real library, fed a playlist's numbers), not our reading of it.
import Hls from 'hls.js';
import { describe, expect, it } from 'vitest';
import { liveHlsConfig, liveMaxLatencySec } from './hls-config';

/** What hls.js aims for with our config, for a live playlist with these SERVER-CONTROL numbers. */
function targetLatency(lowLatency: boolean, details: { targetduration: number; partHoldBack: number; holdBack: number }): number | null {
  const hls = new Hls(liveHlsConfig({ getToken: () => '', workerPath: null, lowLatency }));
  Object.defineProperty(hls, 'latestLevelDetails', { get: () => ({ ...details, live: true }) });
  const target = hls.targetLatency;
  hls.destroy();
  return target;
}

describe('hold-back', () => {
  it("sits at the server's PART-HOLD-BACK in low-latency mode (no liveSyncDuration overriding it)", () => {
    expect(targetLatency(true, { targetduration: 1, partHoldBack: 0.6, holdBack: 0 })).toBeCloseTo(0.6);
    expect(targetLatency(true, { targetduration: 4, partHoldBack: 0.6, holdBack: 0 })).toBeCloseTo(0.6);
  });

  it('without low latency, HOLD-BACK or three target durations (RFC 8216 §4.4.3.8)', () => {
    expect(targetLatency(false, { targetduration: 2, partHoldBack: 0.6, holdBack: 0 })).toBeCloseTo(6);
    expect(targetLatency(false, { targetduration: 2, partHoldBack: 0.6, holdBack: 4 })).toBeCloseTo(4);
  });

  it('leaves room above the target before seeking to the live position', () => {
    expect(liveMaxLatencySec({ targetduration: 1, partHoldBack: 0.6, holdBack: 0 }, true)).toBe(4);
    expect(liveMaxLatencySec({ targetduration: 4, partHoldBack: 0.6, holdBack: 0 }, true)).toBeCloseTo(9.6);
    expect(liveMaxLatencySec({ targetduration: 1, partHoldBack: 0.6, holdBack: 0 }, false)).toBe(6);
    expect(liveMaxLatencySec({ targetduration: 0, partHoldBack: 0, holdBack: 0 }, true)).toBe(6);
  });
});
