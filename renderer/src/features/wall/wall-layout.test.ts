import { describe, expect, it } from 'vitest';
import { acceptsDrag, CAMERA_ID_TYPE, readDrop, TILE_INDEX_TYPE } from '../../components/ui/drag-data';
import { LEGACY_LAYOUT_STORAGE_KEY, LAYOUT_STORAGE_KEY, loadStoredWall, parseLegacyLayout, parseStoredWall, saveStoredWall, serializeStoredWall } from './layout-storage';
import { presetShape, type PresetName } from './layout-presets';
import {
  camerasInCells,
  cellCount,
  emptyLayout,
  emptyTiles,
  initialWallState,
  isDirty,
  layoutFingerprint,
  MAX_SLOTS,
  targetForCamera,
  visibleIndices,
  wallReducer,
  type WallState,
} from './wall-layout';

const withTiles = (preset: PresetName, ids: (string | null)[]): WallState => initialWallState({ shape: presetShape(preset), tiles: emptyTiles().map((_, i) => ids[i] ?? null) });

describe('wall state', () => {
  it('shows every cell of the layout, or the enlarged one alone', () => {
    expect(visibleIndices(initialWallState())).toEqual([0, 1, 2, 3]);
    expect(visibleIndices({ shape: presetShape('1+5'), enlarged: null })).toEqual([0, 1, 2, 3, 4, 5]);
    expect(visibleIndices({ shape: presetShape('16'), enlarged: 7 })).toEqual([7]);
    expect(emptyLayout().tiles).toHaveLength(MAX_SLOTS);
  });

  it('places a camera on a cell and selects it', () => {
    const s = wallReducer(initialWallState(), { type: 'place', index: 2, cameraId: 'c1' });
    expect(camerasInCells(s)).toEqual([null, null, 'c1', null]);
    expect(s.selected).toBe(2);
  });

  it('refuses cells outside the layout', () => {
    const s0 = initialWallState();
    expect(wallReducer(s0, { type: 'place', index: 9, cameraId: 'c1' }).tiles).toBe(s0.tiles);
    expect(wallReducer(s0, { type: 'swap', from: 0, to: 5 })).toBe(s0);
  });

  it('click placement: existing cell, else first empty, else selected', () => {
    const s = withTiles('4', ['a', null, 'b', null]);
    expect(targetForCamera(s, 'b')).toBe(2);
    expect(targetForCamera(s, 'x')).toBe(1);
    const full = { ...withTiles('4', ['a', 'b', 'c', 'd']), selected: 3 };
    expect(targetForCamera(full, 'x')).toBe(3);
    expect(camerasInCells(wallReducer(full, { type: 'place-next', cameraId: 'x' }))).toEqual(['a', 'b', 'c', 'x']);
  });

  it('swaps two cells, including with an empty one', () => {
    const s = withTiles('4', ['a', 'b', null, null]);
    expect(camerasInCells(wallReducer(s, { type: 'swap', from: 0, to: 1 }))).toEqual(['b', 'a', null, null]);
    const moved = wallReducer(s, { type: 'swap', from: 0, to: 3 });
    expect(camerasInCells(moved)).toEqual([null, 'b', null, 'a']);
    expect(moved.selected).toBe(3);
    expect(wallReducer(s, { type: 'swap', from: 1, to: 1 })).toBe(s);
  });

  it('keeps hidden slots when the layout shrinks and grows, up to 36', () => {
    let s = { ...withTiles('36', ['a', 'b', 'c', 'd', 'e']), selected: 4 };
    s.tiles = s.tiles.map((id, i) => (i === 35 ? 'last' : id));
    s = wallReducer(s, { type: 'set-shape', shape: presetShape('4') });
    expect(s.selected).toBe(0);
    expect(cellCount(s)).toBe(4);
    s = wallReducer(s, { type: 'set-shape', shape: presetShape('1+5') });
    expect(camerasInCells(s)).toEqual(['a', 'b', 'c', 'd', 'e', null]);
    s = wallReducer(s, { type: 'set-shape', shape: presetShape('36') });
    expect(s.tiles[4]).toBe('e');
    expect(s.tiles[35]).toBe('last');
  });

  it('ignores an invalid shape', () => {
    const s = initialWallState();
    expect(wallReducer(s, { type: 'set-shape', shape: { cols: 2, rows: 2, cells: [{ x: 0, y: 0, w: 2, h: 2 }, { x: 1, y: 1, w: 1, h: 1 }] } })).toBe(s);
  });

  it('double-click enlarges a cell with a camera, again restores the grid', () => {
    const s = withTiles('9', [null, 'a']);
    expect(wallReducer(s, { type: 'toggle-enlarge', index: 0 })).toBe(s);
    expect(wallReducer(s, { type: 'toggle-enlarge', index: 0, force: true }).enlarged).toBe(0); // a tour's camera
    const big = wallReducer(s, { type: 'toggle-enlarge', index: 1 });
    expect(big.enlarged).toBe(1);
    expect(visibleIndices(big)).toEqual([1]);
    const back = wallReducer(big, { type: 'toggle-enlarge', index: 1 });
    expect(back.enlarged).toBeNull();
    expect(back.selected).toBe(1);
  });

  it('changing the layout or clearing the enlarged cell leaves the single view', () => {
    const big = wallReducer(withTiles('4', ['a']), { type: 'toggle-enlarge', index: 0 });
    expect(wallReducer(big, { type: 'set-shape', shape: presetShape('4') }).enlarged).toBeNull();
    expect(wallReducer(big, { type: 'clear', index: 0 }).enlarged).toBeNull();
  });

  it('a clicked camera goes to the enlarged cell while enlarged', () => {
    const big = wallReducer(withTiles('4', ['a', 'b']), { type: 'toggle-enlarge', index: 1 });
    expect(wallReducer(big, { type: 'place-next', cameraId: 'z' }).tiles[1]).toBe('z');
  });

  it('arrow keys move the selection through merged cells, not while enlarged', () => {
    let s = withTiles('1+5', []);
    s = wallReducer(s, { type: 'move', dir: 'right' });
    expect(s.selected).toBe(1); // the big cell → the small one to its right
    s = wallReducer(s, { type: 'move', dir: 'down' });
    expect(s.selected).toBe(2);
    s = wallReducer(s, { type: 'move', dir: 'left' });
    expect(s.selected).toBe(0);
    expect(wallReducer(s, { type: 'move', dir: 'up' })).toBe(s);
    const big = wallReducer(withTiles('4', ['a']), { type: 'toggle-enlarge', index: 0 });
    expect(wallReducer(big, { type: 'move', dir: 'right' })).toBe(big);
  });

  it('tracks whether a named layout changed since it was saved', () => {
    const s = withTiles('4', ['a']);
    expect(isDirty(s)).toBe(false); // never saved: not "changed"
    const saved = wallReducer(s, { type: 'saved', doc: { id: 'L1', name: '九宫格', ownerId: 'u1', visibility: 'private' }, fingerprint: layoutFingerprint(s) });
    expect(isDirty(saved)).toBe(false);
    const changed = wallReducer(saved, { type: 'place', index: 1, cameraId: 'b' });
    expect(isDirty(changed)).toBe(true);
    expect(isDirty(wallReducer(changed, { type: 'clear', index: 1 }))).toBe(false);
    // Hidden slots do not count: only the cells of the layout are saved.
    const hidden = { ...saved, tiles: saved.tiles.map((id, i) => (i === 20 ? 'x' : id)) };
    expect(isDirty(hidden)).toBe(false);
    expect(wallReducer(changed, { type: 'forget-doc' }).doc).toBeNull();
  });

  it('loading replaces shape, cameras and the named layout', () => {
    const s = wallReducer(withTiles('16', ['a', 'b']), { type: 'load', layout: { shape: presetShape('1+7'), tiles: ['x'] }, doc: null });
    expect(cellCount(s)).toBe(8);
    expect(s.tiles).toHaveLength(MAX_SLOTS);
    expect(camerasInCells(s)[0]).toBe('x');
    expect(s.tiles[1]).toBeNull();
  });
});

describe('layout storage', () => {
  const memory = () => {
    const map = new Map<string, string>();
    return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
  };

  it('round-trips shape, cameras and the named layout', () => {
    const layout = { shape: presetShape('1+5'), tiles: emptyTiles().map((_, i) => (i === 4 ? 'cam-4' : null)) };
    const doc = { id: 'L1', name: '全县 1+5', ownerId: 'u1', visibility: 'everyone' as const, savedFingerprint: layoutFingerprint(layout) };
    expect(parseStoredWall(serializeStoredWall({ layout, doc }))).toEqual({ layout, doc });
  });

  it('falls back safely on garbage', () => {
    expect(parseStoredWall('not json')).toEqual({ layout: emptyLayout(), doc: null });
    expect(parseStoredWall('{"cols":2,"rows":2,"cells":[{"x":0,"y":0,"w":3,"h":1}]}').layout).toEqual(emptyLayout());
    const stored = parseStoredWall(JSON.stringify({ cols: 1, rows: 1, cells: [{ x: 0, y: 0, w: 1, h: 1 }], tiles: [1, 'ok'], doc: { id: '' } }));
    expect(stored.layout.tiles.slice(0, 2)).toEqual([null, 'ok']);
    expect(stored.doc).toBeNull();
  });

  it('reads the v1 format (grid + 16 tiles)', () => {
    expect(parseLegacyLayout('{"grid":9,"tiles":["a",null,"c"]}')?.layout).toEqual({ shape: presetShape('9'), tiles: emptyTiles().map((_, i) => (i === 0 ? 'a' : i === 2 ? 'c' : null)) });
    const storage = memory();
    storage.setItem(LEGACY_LAYOUT_STORAGE_KEY, '{"grid":16,"tiles":[]}');
    expect(loadStoredWall(storage).layout.shape).toEqual(presetShape('16'));
  });

  it('reads and writes through a storage object, tolerating failures', () => {
    const storage = memory();
    const wall = { layout: { shape: presetShape('36'), tiles: emptyTiles().map((_, i) => (i === 35 ? 'last' : null)) }, doc: null };
    saveStoredWall(storage, wall);
    expect(storage.map.has(LAYOUT_STORAGE_KEY)).toBe(true);
    expect(loadStoredWall(storage)).toEqual(wall);
    expect(() => saveStoredWall({ setItem: () => { throw new Error('quota'); } }, wall)).not.toThrow();
    expect(loadStoredWall({ getItem: () => { throw new Error('denied'); } })).toEqual({ layout: emptyLayout(), doc: null });
  });
});

describe('drag data', () => {
  const transfer = (data: Record<string, string>) => ({ types: Object.keys(data), getData: (t: string) => data[t] ?? '' });
  it('a tile index means swap, a camera id means place', () => {
    expect(readDrop(transfer({ [TILE_INDEX_TYPE]: '3', [CAMERA_ID_TYPE]: 'c1' }))).toEqual({ kind: 'swap', from: 3 });
    expect(readDrop(transfer({ [TILE_INDEX_TYPE]: '35' }))).toEqual({ kind: 'swap', from: 35 });
    expect(readDrop(transfer({ [CAMERA_ID_TYPE]: 'c1' }))).toEqual({ kind: 'place', cameraId: 'c1' });
    expect(readDrop(transfer({ 'text/plain': 'x' }))).toBeNull();
  });
  it('accepts only our types', () => {
    expect(acceptsDrag([CAMERA_ID_TYPE])).toBe(true);
    expect(acceptsDrag(['Files'])).toBe(false);
  });
});
