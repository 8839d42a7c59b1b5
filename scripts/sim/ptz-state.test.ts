import { describe, expect, it } from 'vitest';
import { colourDistance, simCameraColour } from './camera-identity';
import { PROFILE_SPECS } from './clip';
import { buildPtzEncodeArgs, ptzWindow } from './ptz-scene';
import { PTZ_COLS, PtzState, allPtzCells, cellKey, ptzCell, ptzRegionColour, ptzSceneColours } from './ptz-state';

const clockAt = () => {
  const c = { t: 0, now: () => c.t };
  return c;
};

describe('PtzState', () => {
  it('integrates a continuous move and steps through the cells at the pan rate', () => {
    const clock = clockAt();
    const head = new PtzState(clock.now);
    expect(head.cell()).toEqual({ col: 1, row: 1, zoom: 0 });
    head.continuousMove({ pan: 1 });
    clock.t = 500;
    expect(head.position().pan).toBeCloseTo(0.3);
    expect(head.cell().col).toBe(1);
    clock.t = 900;
    expect(head.cell().col).toBe(2);
    expect(head.moving()).toEqual({ panTilt: true, zoom: false });
    clock.t = 5000;
    expect(head.position().pan).toBe(1); // clamped at the end stop
    head.stop();
    clock.t = 9000;
    expect(head.position().pan).toBe(1);
    expect(head.moving()).toEqual({ panTilt: false, zoom: false });
  });

  it('moves tilt up to the top row and zooms in; half speed takes twice as long', () => {
    const clock = clockAt();
    const head = new PtzState(clock.now);
    head.continuousMove({ tilt: 0.5, zoom: 0.5 });
    clock.t = 1000;
    expect(head.position()).toEqual({ pan: 0, tilt: expect.closeTo(0.3, 5), zoom: expect.closeTo(0.3, 5) });
    expect(head.cell()).toEqual({ col: 1, row: 1, zoom: 0 });
    clock.t = 2000;
    expect(head.cell()).toEqual({ col: 1, row: 0, zoom: 1 });
  });

  it('ends a move with a Timeout by itself; stop can keep zoom going', () => {
    const clock = clockAt();
    const head = new PtzState(clock.now);
    head.continuousMove({ pan: -1, zoom: 1 }, 1000);
    clock.t = 3000;
    expect(head.position()).toEqual({ pan: expect.closeTo(-0.6, 5), tilt: 0, zoom: expect.closeTo(0.6, 5) });
    expect(head.moving()).toEqual({ panTilt: false, zoom: false });
    head.continuousMove({ pan: 1, zoom: -1 });
    head.stop(true, false);
    clock.t = 3500;
    expect(head.position().pan).toBeCloseTo(-0.6);
    expect(head.position().zoom).toBeCloseTo(0.3);
  });

  it('keeps presets: save, go to, overwrite, remove', () => {
    const clock = clockAt();
    const head = new PtzState(clock.now);
    head.absoluteMove({ pan: 0.9, tilt: -0.8 });
    const t = head.setPreset('Gate');
    expect(t).toBe('1');
    head.relativeMove({ pan: -2, tilt: 2 });
    expect(head.cell()).toEqual({ col: 0, row: 0, zoom: 0 });
    expect(head.gotoPreset('1')).toBe('ok');
    expect(head.cell()).toEqual({ col: 2, row: 2, zoom: 0 });
    expect(head.gotoPreset('9')).toBe('no-such-preset');
    expect(head.setPreset('x', '9')).toBe('no-such-preset');
    expect(head.listPresets()).toEqual([{ token: '1', name: 'Gate', position: { pan: 0.9, tilt: -0.8, zoom: 0 } }]);
    expect(head.removePreset('1')).toBe('ok');
    expect(head.removePreset('1')).toBe('no-such-preset');
  });
});

describe('cells and the scene', () => {
  it('quantises positions to a 3×3 grid and 2 zoom levels', () => {
    expect(ptzCell({ pan: -1, tilt: 1, zoom: 0 })).toEqual({ col: 0, row: 0, zoom: 0 });
    expect(ptzCell({ pan: 0.49, tilt: -0.49, zoom: 0.49 })).toEqual({ col: 1, row: 1, zoom: 0 });
    expect(ptzCell({ pan: 0.51, tilt: -0.51, zoom: 0.51 })).toEqual({ col: 2, row: 2, zoom: 1 });
    expect(ptzCell({ pan: Number.NaN, tilt: 7, zoom: -3 })).toEqual({ col: 1, row: 0, zoom: 0 });
    expect(new Set(allPtzCells().map(cellKey)).size).toBe(18);
  });

  it('paints the home region in the camera colour and every region distinguishable', () => {
    for (let i = 1; i <= 880; i++) {
      const colours = ptzSceneColours(i);
      expect(colours).toHaveLength(9);
      expect(ptzRegionColour(i, { col: 1, row: 1 })).toEqual(simCameraColour(i));
      for (let a = 0; a < 9; a++) for (let b = a + 1; b < 9; b++) expect(colourDistance(colours[a]!, colours[b]!), `camera ${i} regions ${a}/${b}`).toBeGreaterThanOrEqual(60);
    }
  });

  it('crops a window inside the scene whose centre lies in the cell’s region', () => {
    for (const profile of ['sub', 'main'] as const) {
      const { width, height } = PROFILE_SPECS[profile];
      for (const cell of allPtzCells()) {
        const w = ptzWindow(profile, cell);
        expect(w.x).toBeGreaterThanOrEqual(0);
        expect(w.y).toBeGreaterThanOrEqual(0);
        expect(w.x + w.w).toBeLessThanOrEqual(w.sceneW);
        expect(w.y + w.h).toBeLessThanOrEqual(w.sceneH);
        expect(Math.floor((w.x + w.w / 2) / width)).toBe(cell.col);
        expect(Math.floor((w.y + w.h / 2) / height)).toBe(cell.row);
      }
    }
    expect(ptzWindow('sub', { col: 1, row: 1, zoom: 1 }).w).toBe(480);
    const args = buildPtzEncodeArgs({ index: 3, profile: 'sub', label: 'SIM-0003 sub', font: null, cell: { col: 2, row: 0, zoom: 0 } }, 'out.h264');
    expect(args.join(' ')).toContain(`crop=w=960:h=540:x=960:y=0`);
    expect(args).toContain('libx264');
    expect(PTZ_COLS).toBe(3);
  });
});
