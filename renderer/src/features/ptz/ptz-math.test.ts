import { describe, expect, it } from 'vitest';
import { STOPPED, dragVelocity, keysVelocity, padVelocity, sameVelocity, wheelZoom } from './ptz-math';

describe('dragVelocity', () => {
  it('maps the drag vector to direction and speed (screen y down = tilt down)', () => {
    // 800x450 tile: full speed at 240 px horizontally, 135 px vertically.
    expect(dragVelocity(240, 0, 800, 450)).toEqual({ pan: 1, tilt: 0, zoom: 0 });
    expect(dragVelocity(-120, 0, 800, 450)).toEqual({ pan: -0.5, tilt: 0, zoom: 0 });
    expect(dragVelocity(0, -135, 800, 450)).toEqual({ pan: 0, tilt: 1, zoom: 0 });
    expect(dragVelocity(0, 67.5, 800, 450)).toEqual({ pan: 0, tilt: -0.5, zoom: 0 });
  });

  it('keeps the direction when the drag goes past full speed, and quantises', () => {
    const v = dragVelocity(1000, -1000 * (135 / 240), 800, 450);
    expect(v.pan).toBeCloseTo(0.7, 5);
    expect(v.tilt).toBeCloseTo(0.7, 5);
    expect(dragVelocity(241, 1, 800, 450)).toEqual(dragVelocity(239, -1, 800, 450));
  });

  it('ignores a click-sized drag and a tile without size', () => {
    expect(dragVelocity(10, 5, 800, 450)).toEqual(STOPPED);
    expect(dragVelocity(300, 0, 0, 450)).toEqual(STOPPED);
  });
});

describe('pad, keys and wheel', () => {
  it('pad directions at pad speed', () => {
    expect(padVelocity('up')).toEqual({ pan: 0, tilt: 0.6, zoom: 0 });
    expect(padVelocity('down-left', 1)).toEqual({ pan: -1, tilt: -1, zoom: 0 });
  });

  it('combines held arrow keys; opposite keys cancel; +/- zoom', () => {
    expect(keysVelocity(new Set(['ArrowUp', 'ArrowRight']))).toEqual({ pan: 0.6, tilt: 0.6, zoom: 0 });
    expect(keysVelocity(new Set(['ArrowLeft', 'ArrowRight']))).toEqual(STOPPED);
    expect(keysVelocity(new Set(['+']))).toEqual({ pan: 0, tilt: 0, zoom: 0.6 });
    expect(keysVelocity(new Set(['-', 'ArrowDown']))).toEqual({ pan: 0, tilt: -0.6, zoom: -0.6 });
    expect(keysVelocity(new Set())).toEqual(STOPPED);
  });

  it('wheel up zooms in, down zooms out', () => {
    expect(wheelZoom(-100)).toEqual({ pan: 0, tilt: 0, zoom: 0.6 });
    expect(wheelZoom(3)).toEqual({ pan: 0, tilt: 0, zoom: -0.6 });
    expect(wheelZoom(0)).toBeNull();
    expect(sameVelocity(wheelZoom(-1)!, wheelZoom(-50)!)).toBe(true);
  });
});
