import { describe, expect, it } from 'vitest';
import {
  MAX_SIM_CAMERAS,
  colourDistance,
  colourHex,
  colourMatches,
  parseSimCameraId,
  simCameraColour,
  simCameraId,
  simCameraIdentity,
  simCameraName,
  simCameraPassword,
} from './camera-identity';

describe('camera identity', () => {
  it('names cameras with four-digit ids', () => {
    expect(simCameraId(1)).toBe('sim-0001');
    expect(simCameraName(880)).toBe('SIM-0880');
    expect(parseSimCameraId('sim-0042')).toBe(42);
    expect(parseSimCameraId('sim-0000')).toBeNull();
    expect(parseSimCameraId('sim-42')).toBeNull();
    expect(parseSimCameraId('SIM-0042')).toBeNull();
    expect(() => simCameraId(0)).toThrow(RangeError);
    expect(() => simCameraId(1.5)).toThrow(RangeError);
  });

  it('derives a stable, distinct password per camera', () => {
    expect(simCameraPassword(1)).toBe(simCameraPassword(1));
    expect(simCameraPassword(7)).toMatch(/^pw-[0-9a-f]{8}-7$/);
    const all = new Set(Array.from({ length: MAX_SIM_CAMERAS }, (_, i) => simCameraPassword(i + 1)));
    expect(all.size).toBe(MAX_SIM_CAMERAS);
    expect(simCameraIdentity(3)).toMatchObject({ id: 'sim-0003', name: 'SIM-0003', username: 'admin' });
  });

  it('keeps colours away from black, white and channel clipping', () => {
    for (let i = 1; i <= MAX_SIM_CAMERAS; i++) {
      const c = simCameraColour(i);
      for (const v of [c.r, c.g, c.b]) {
        expect(v).toBeGreaterThanOrEqual(20);
        expect(v).toBeLessThanOrEqual(235);
      }
      // saturated: some channel spread
      expect(Math.max(c.r, c.g, c.b) - Math.min(c.r, c.g, c.b)).toBeGreaterThan(90);
    }
  });

  it('separates cameras that are close in index (a 4x4 grid page) beyond a ±35 pixel tolerance', () => {
    let min = Infinity;
    for (let i = 1; i <= MAX_SIM_CAMERAS; i++) {
      for (let k = 1; k < 16 && i + k <= MAX_SIM_CAMERAS; k++) {
        min = Math.min(min, colourDistance(simCameraColour(i), simCameraColour(i + k)));
      }
    }
    expect(min).toBeGreaterThanOrEqual(50);
  });

  it('measures per-channel distance', () => {
    expect(colourDistance({ r: 10, g: 20, b: 30 }, { r: 15, g: 60, b: 29 })).toBe(40);
    expect(colourMatches({ r: 100, g: 100, b: 100 }, { r: 130, g: 70, b: 100 })).toBe(true);
    expect(colourMatches({ r: 100, g: 100, b: 100 }, { r: 136, g: 100, b: 100 })).toBe(false);
    expect(colourHex({ r: 32, g: 128, b: 223 })).toBe('#2080df');
  });
});
