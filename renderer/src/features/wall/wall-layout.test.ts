import { describe, expect, it } from 'vitest';
import { readDrop, acceptsDrag, CAMERA_ID_TYPE, TILE_INDEX_TYPE } from './drag-data';
import { loadLayout, parseLayout, saveLayout, serializeLayout } from './layout-storage';
import { emptyLayout, gridDimensions, initialWallState, targetForCamera, visibleIndices, wallReducer, type WallState } from './wall-layout';

const withTiles = (grid: WallState['grid'], ids: (string | null)[]): WallState => {
  const tiles = emptyLayout(grid).tiles.map((_, i) => ids[i] ?? null);
  return { ...initialWallState({ grid, tiles }) };
};

describe('grid maths', () => {
  it('maps grid sizes to square dimensions', () => {
    expect(gridDimensions(1)).toEqual({ cols: 1, rows: 1 });
    expect(gridDimensions(4)).toEqual({ cols: 2, rows: 2 });
    expect(gridDimensions(9)).toEqual({ cols: 3, rows: 3 });
    expect(gridDimensions(16)).toEqual({ cols: 4, rows: 4 });
  });
  it('shows the first N tiles, or the enlarged one alone', () => {
    expect(visibleIndices({ grid: 4, enlarged: null })).toEqual([0, 1, 2, 3]);
    expect(visibleIndices({ grid: 16, enlarged: 7 })).toEqual([7]);
  });
});

describe('wallReducer', () => {
  it('places a camera on a tile and selects it', () => {
    const s = wallReducer(initialWallState(), { type: 'place', index: 2, cameraId: 'c1' });
    expect(s.tiles.slice(0, 4)).toEqual([null, null, 'c1', null]);
    expect(s.selected).toBe(2);
  });

  it('refuses tiles outside the grid', () => {
    const s0 = initialWallState();
    expect(wallReducer(s0, { type: 'place', index: 9, cameraId: 'c1' }).tiles).toBe(s0.tiles);
    expect(wallReducer(s0, { type: 'swap', from: 0, to: 5 })).toBe(s0);
  });

  it('click placement: existing tile, else first empty, else selected', () => {
    const s = withTiles(4, ['a', null, 'b', null]);
    expect(targetForCamera(s, 'b')).toBe(2);
    expect(targetForCamera(s, 'x')).toBe(1);
    const full = { ...withTiles(4, ['a', 'b', 'c', 'd']), selected: 3 };
    expect(targetForCamera(full, 'x')).toBe(3);
    expect(wallReducer(full, { type: 'place-next', cameraId: 'x' }).tiles.slice(0, 4)).toEqual(['a', 'b', 'c', 'x']);
  });

  it('swaps two tiles, including with an empty one', () => {
    const s = withTiles(4, ['a', 'b', null, null]);
    expect(wallReducer(s, { type: 'swap', from: 0, to: 1 }).tiles.slice(0, 4)).toEqual(['b', 'a', null, null]);
    const moved = wallReducer(s, { type: 'swap', from: 0, to: 3 });
    expect(moved.tiles.slice(0, 4)).toEqual([null, 'b', null, 'a']);
    expect(moved.selected).toBe(3);
    expect(wallReducer(s, { type: 'swap', from: 1, to: 1 })).toBe(s);
  });

  it('keeps hidden slots when the grid shrinks and grows', () => {
    let s = withTiles(16, ['a', 'b', 'c', 'd', 'e']);
    s = { ...s, selected: 4 };
    s = wallReducer(s, { type: 'set-grid', grid: 4 });
    expect(s.selected).toBe(0);
    s = wallReducer(s, { type: 'set-grid', grid: 16 });
    expect(s.tiles[4]).toBe('e');
  });

  it('double-click enlarges a tile with a camera and double-click again restores the grid', () => {
    const s = withTiles(9, [null, 'a']);
    expect(wallReducer(s, { type: 'toggle-enlarge', index: 0 })).toBe(s);
    const big = wallReducer(s, { type: 'toggle-enlarge', index: 1 });
    expect(big.enlarged).toBe(1);
    expect(visibleIndices(big)).toEqual([1]);
    const back = wallReducer(big, { type: 'toggle-enlarge', index: 1 });
    expect(back.enlarged).toBeNull();
    expect(back.selected).toBe(1);
  });

  it('changing the grid or clearing the enlarged tile leaves the single view', () => {
    const big = wallReducer(withTiles(4, ['a']), { type: 'toggle-enlarge', index: 0 });
    expect(wallReducer(big, { type: 'set-grid', grid: 4 }).enlarged).toBeNull();
    expect(wallReducer(big, { type: 'clear', index: 0 }).enlarged).toBeNull();
  });

  it('a clicked camera goes to the enlarged tile while enlarged', () => {
    const big = wallReducer(withTiles(4, ['a', 'b']), { type: 'toggle-enlarge', index: 1 });
    expect(wallReducer(big, { type: 'place-next', cameraId: 'z' }).tiles[1]).toBe('z');
  });
});

describe('layout storage', () => {
  it('round-trips grid and tiles', () => {
    const layout = { grid: 9 as const, tiles: emptyLayout().tiles.map((_, i) => (i === 4 ? 'cam-4' : null)) };
    expect(parseLayout(serializeLayout(layout))).toEqual(layout);
  });
  it('falls back safely on garbage', () => {
    expect(parseLayout('not json')).toEqual(emptyLayout());
    expect(parseLayout('{"grid":5,"tiles":[1,"ok",""]}')).toEqual({ grid: 4, tiles: emptyLayout().tiles.map((_, i) => (i === 1 ? 'ok' : null)) });
    expect(parseLayout(null)).toEqual(emptyLayout());
  });
  it('reads and writes through a storage object, tolerating failures', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    const layout = { grid: 16 as const, tiles: emptyLayout().tiles.map((_, i) => (i === 15 ? 'last' : null)) };
    saveLayout(storage, layout);
    expect(loadLayout(storage)).toEqual(layout);
    expect(() => saveLayout({ setItem: () => { throw new Error('quota'); } }, layout)).not.toThrow();
    expect(loadLayout({ getItem: () => { throw new Error('denied'); } })).toEqual(emptyLayout());
  });
});

describe('drag data', () => {
  const transfer = (data: Record<string, string>) => ({ types: Object.keys(data), getData: (t: string) => data[t] ?? '' });
  it('a tile index means swap, a camera id means place', () => {
    expect(readDrop(transfer({ [TILE_INDEX_TYPE]: '3', [CAMERA_ID_TYPE]: 'c1' }))).toEqual({ kind: 'swap', from: 3 });
    expect(readDrop(transfer({ [CAMERA_ID_TYPE]: 'c1' }))).toEqual({ kind: 'place', cameraId: 'c1' });
    expect(readDrop(transfer({ 'text/plain': 'x' }))).toBeNull();
  });
  it('accepts only our types', () => {
    expect(acceptsDrag([CAMERA_ID_TYPE])).toBe(true);
    expect(acceptsDrag(['Files'])).toBe(false);
  });
});
