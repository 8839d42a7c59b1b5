import { describe, expect, it } from 'vitest';
import { layoutCreateSchema, layoutProblems, presetCells } from './layout';

describe('layouts', () => {
  it('accepts presets and 1 big + 5 small', () => {
    expect(layoutProblems({ cols: 4, rows: 4, cells: presetCells(4) })).toEqual([]);
    const bigPlusFive = [
      { x: 0, y: 0, w: 2, h: 2, cameraId: null },
      { x: 2, y: 0, w: 1, h: 1, cameraId: null },
      { x: 2, y: 1, w: 1, h: 1, cameraId: null },
      { x: 0, y: 2, w: 1, h: 1, cameraId: null },
      { x: 1, y: 2, w: 1, h: 1, cameraId: null },
      { x: 2, y: 2, w: 1, h: 1, cameraId: null },
    ];
    expect(layoutCreateSchema.safeParse({ name: '1+5', cols: 3, rows: 3, cells: bigPlusFive }).success).toBe(true);
  });
  it('names overlapping and out-of-grid cells', () => {
    const r = layoutCreateSchema.safeParse({ name: 'bad', cols: 2, rows: 2, cells: [{ x: 0, y: 0, w: 2, h: 1, cameraId: null }, { x: 1, y: 0, w: 1, h: 1, cameraId: null }, { x: 1, y: 1, w: 2, h: 1, cameraId: null }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['cells.1: overlaps another cell at 1,0', 'cells.2: lies outside the 2x2 grid']);
  });
});
