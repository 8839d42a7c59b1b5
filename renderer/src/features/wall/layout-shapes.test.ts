import { describe, expect, it } from 'vitest';
import { docOf, fromLayoutDto, layoutRights, screenCommand, sortLayouts, toLayoutCells, toLayoutCreate } from './layout-dto';
import { cellGridStyle, gridTemplate, neighbourCell } from './layout-geometry';
import { isValidShape, MERGED_PRESETS, PRESET_NAMES, presetOf, presetShape, SQUARE_GRIDS, squareShape } from './layout-presets';
import { snapshotFileName, safeFilePart, fileTimestamp } from './snapshot-file';
import { emptyTiles, initialWallState, layoutFingerprint, wallReducer } from './wall-layout';
import { shortcutFor, type KeyLike } from './wall-shortcuts';

describe('presets', () => {
  it('square grids 1 … 36', () => {
    expect(SQUARE_GRIDS.map((n) => presetShape(`${n}`).cells.length)).toEqual([1, 4, 9, 16, 25, 36]);
    expect(presetShape('36')).toMatchObject({ cols: 6, rows: 6 });
  });

  it('merged presets: one or two big cells first, the small ones in reading order', () => {
    const p15 = presetShape('1+5');
    expect(p15).toMatchObject({ cols: 3, rows: 3 });
    expect(p15.cells).toEqual([
      { x: 0, y: 0, w: 2, h: 2 },
      { x: 2, y: 0, w: 1, h: 1 },
      { x: 2, y: 1, w: 1, h: 1 },
      { x: 0, y: 2, w: 1, h: 1 },
      { x: 1, y: 2, w: 1, h: 1 },
      { x: 2, y: 2, w: 1, h: 1 },
    ]);
    expect(presetShape('1+7').cells).toHaveLength(8);
    expect(presetShape('1+7').cells[0]).toEqual({ x: 0, y: 0, w: 3, h: 3 });
    const p28 = presetShape('2+8');
    expect(p28.cells.slice(0, 2)).toEqual([
      { x: 0, y: 0, w: 2, h: 2 },
      { x: 2, y: 0, w: 2, h: 2 },
    ]);
    expect(p28.cells).toHaveLength(10);
    expect(presetShape('1+12').cells).toHaveLength(13);
  });

  it('every preset covers its grid exactly and is recognised again', () => {
    for (const name of PRESET_NAMES) {
      const shape = presetShape(name);
      expect(isValidShape(shape), name).toBe(true);
      expect(shape.cells.reduce((n, c) => n + c.w * c.h, 0)).toBe(shape.cols * shape.rows);
      expect(presetOf(shape)).toBe(name);
    }
    expect(MERGED_PRESETS).toContain('1+5');
    expect(presetOf({ cols: 2, rows: 1, cells: [{ x: 0, y: 0, w: 1, h: 1 }, { x: 1, y: 0, w: 1, h: 1 }] })).toBeNull();
  });

  it('rejects shapes outside 6 × 6, overlapping or out-of-grid cells', () => {
    expect(isValidShape(squareShape(7))).toBe(false);
    expect(isValidShape({ cols: 2, rows: 2, cells: [] })).toBe(false);
    expect(isValidShape({ cols: 2, rows: 2, cells: [{ x: 1, y: 0, w: 2, h: 1 }] })).toBe(false);
    expect(isValidShape({ cols: 2, rows: 2, cells: [{ x: 0, y: 0, w: 2, h: 2 }, { x: 1, y: 1, w: 1, h: 1 }] })).toBe(false);
    expect(isValidShape({ cols: 2, rows: 2, cells: [{ x: 0.5, y: 0, w: 1, h: 1 }] })).toBe(false);
    // Gaps are allowed (a custom layout may leave a position empty).
    expect(isValidShape({ cols: 2, rows: 2, cells: [{ x: 0, y: 0, w: 1, h: 1 }] })).toBe(true);
  });
});

describe('geometry', () => {
  it('places cells on CSS grid lines', () => {
    expect(cellGridStyle({ x: 0, y: 0, w: 2, h: 2 })).toEqual({ gridColumn: '1 / span 2', gridRow: '1 / span 2' });
    expect(cellGridStyle({ x: 3, y: 1, w: 1, h: 1 })).toEqual({ gridColumn: '4 / span 1', gridRow: '2 / span 1' });
    expect(gridTemplate({ cols: 3, rows: 2 })).toEqual({ gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gridTemplateRows: 'repeat(2, minmax(0, 1fr))' });
  });

  it('moves through a square grid without wrapping', () => {
    const cells = presetShape('9').cells;
    expect(neighbourCell(cells, 4, 'left')).toBe(3);
    expect(neighbourCell(cells, 4, 'right')).toBe(5);
    expect(neighbourCell(cells, 4, 'up')).toBe(1);
    expect(neighbourCell(cells, 4, 'down')).toBe(7);
    expect(neighbourCell(cells, 2, 'right')).toBe(2);
    expect(neighbourCell(cells, 6, 'down')).toBe(6);
  });

  it('moves in and out of big cells', () => {
    const cells = presetShape('1+7').cells; // big 3×3 at 0,0; 1,2,3 down the right; 4…7 along the bottom
    expect(neighbourCell(cells, 0, 'right')).toBe(1); // the top-most of the cells beside it
    expect(neighbourCell(cells, 0, 'down')).toBe(4);
    expect(neighbourCell(cells, 2, 'left')).toBe(0);
    expect(neighbourCell(cells, 6, 'up')).toBe(0);
    expect(neighbourCell(cells, 7, 'up')).toBe(3);
    const two = presetShape('2+8').cells;
    expect(neighbourCell(two, 0, 'right')).toBe(1);
    expect(neighbourCell(two, 1, 'down')).toBe(4);
    expect(neighbourCell(two, 5, 'up')).toBe(1);
  });
});

describe('layouts on the gateway', () => {
  const layout = { shape: presetShape('1+5'), tiles: emptyTiles().map((_, i) => (i === 0 ? 'big' : i === 5 ? 'last' : null)) };

  it('cells carry their cameras', () => {
    const cells = toLayoutCells(layout);
    expect(cells).toHaveLength(6);
    expect(cells[0]).toEqual({ x: 0, y: 0, w: 2, h: 2, cameraId: 'big' });
    expect(cells[5]?.cameraId).toBe('last');
    expect(toLayoutCreate(layout, '  全县 1+5  ', 'everyone')).toMatchObject({ name: '全县 1+5', cols: 3, rows: 3, visibility: 'everyone' });
  });

  it('reads a layout back, and refuses one that cannot be shown', () => {
    const dto = { ...toLayoutCreate(layout, 'x'), id: 'L1', ownerId: 'u1', ownerName: 'op', createdAt: '', updatedAt: '' };
    const back = fromLayoutDto(dto);
    expect(back).toEqual(layout);
    expect(docOf(dto, back!)).toEqual({ id: 'L1', name: 'x', ownerId: 'u1', visibility: 'private', savedFingerprint: layoutFingerprint(layout) });
    expect(fromLayoutDto({ cols: 7, rows: 7, cells: [] })).toBeNull();
  });

  it('only the owner (or an admin) may change a layout; sharing needs layout.share too', () => {
    const me = { id: 'u1', role: 'county-operator' };
    expect(layoutRights({ ownerId: 'u1' }, me, true)).toEqual({ canEdit: true, canShare: true });
    expect(layoutRights({ ownerId: 'u1' }, me, false)).toEqual({ canEdit: true, canShare: false });
    expect(layoutRights({ ownerId: 'u2' }, me, true)).toEqual({ canEdit: false, canShare: false });
    expect(layoutRights({ ownerId: 'u2' }, { id: 'a', role: 'admin' }, true).canEdit).toBe(true);
    expect(layoutRights(null, me, true).canEdit).toBe(false);
  });

  it('a push sends the screen as it is: a saved 4x4 switched to four tiles goes as four cells, under its name', () => {
    const saved = { shape: squareShape(4), tiles: emptyTiles().map((_, i) => `cam-${i}`) };
    const dto = { ...toLayoutCreate(saved, '四乘四'), id: 'L16', ownerId: 'u1', ownerName: 'op', createdAt: '', updatedAt: '' };
    const onScreen = wallReducer(initialWallState(saved, docOf(dto, saved)), { type: 'set-shape', shape: squareShape(2) });
    const cmd = screenCommand(onScreen);
    expect(cmd).toMatchObject({ type: 'show-cells', name: '四乘四', cols: 2, rows: 2 });
    expect(cmd.cells.map((c) => c.cameraId)).toEqual(['cam-0', 'cam-1', 'cam-2', 'cam-3']);
    expect(screenCommand(initialWallState()).name).toBeNull();
  });

  it('sorts own layouts first', () => {
    const items = [
      { ownerId: 'u2', name: 'A' },
      { ownerId: 'u1', name: 'B' },
      { ownerId: 'u1', name: 'A' },
    ];
    expect(sortLayouts(items, 'u1').map((l) => `${l.ownerId}${l.name}`)).toEqual(['u1A', 'u1B', 'u2A']);
  });
});

describe('keyboard shortcuts', () => {
  const key = (k: Partial<KeyLike>): KeyLike => ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...k });
  it('Alt+1 … Alt+6 pick the square grids by physical key', () => {
    expect(shortcutFor(key({ key: '¡', code: 'Digit1', altKey: true }))).toEqual({ type: 'grid', grid: 1 });
    expect(shortcutFor(key({ key: '6', code: 'Digit6', altKey: true }))).toEqual({ type: 'grid', grid: 36 });
    expect(shortcutFor(key({ key: '7', code: 'Digit7', altKey: true }))).toBeNull();
    expect(shortcutFor(key({ key: '1', code: 'Digit1' }))).toBeNull();
  });
  it('arrows, Enter, Escape, Delete and Ctrl+S', () => {
    expect(shortcutFor(key({ key: 'ArrowLeft' }))).toEqual({ type: 'move', dir: 'left' });
    expect(shortcutFor(key({ key: 'ArrowDown' }))).toEqual({ type: 'move', dir: 'down' });
    expect(shortcutFor(key({ key: 'Enter' }))).toEqual({ type: 'toggle-enlarge' });
    expect(shortcutFor(key({ key: 'Escape' }))).toEqual({ type: 'restore' });
    expect(shortcutFor(key({ key: 'Delete' }))).toEqual({ type: 'clear' });
    expect(shortcutFor(key({ key: 's', ctrlKey: true }))).toEqual({ type: 'save' });
    expect(shortcutFor(key({ key: 'S', metaKey: true }))).toEqual({ type: 'save' });
    expect(shortcutFor(key({ key: 'ArrowLeft', shiftKey: true }))).toBeNull();
    expect(shortcutFor(key({ key: 'Enter', ctrlKey: true }))).toBeNull();
  });
});

describe('snapshot file name', () => {
  it('is 快照-<camera>-<local time>.jpg with unsafe characters replaced', () => {
    const at = new Date(2030, 0, 2, 3, 4, 5);
    expect(fileTimestamp(at)).toBe('20300102-030405');
    expect(snapshotFileName('快照', '人民路口/东向', at)).toBe('快照-人民路口_东向-20300102-030405.jpg');
    expect(safeFilePart('  a:b*c?  ')).toBe('a_b_c_');
    expect(safeFilePart('...')).toBe('camera');
    expect(safeFilePart('x'.repeat(100))).toHaveLength(60);
  });
});
