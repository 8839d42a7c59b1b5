// Pure wall state: the layout shape (cells), which camera is in which slot, the selected and the enlarged cell, and
// the named layout it came from (to tell "saved" from "changed"). Thirty-six slots always exist; cell i shows slot
// i, so switching 16 → 4 → 16 (or to a merged layout and back) loses nothing.
import { neighbourCell, type Direction } from './layout-geometry';
import { isValidShape, MAX_SLOTS, presetShape, type WallShape } from './layout-presets';

export { isGridSize, MAX_SLOTS, SQUARE_GRIDS, type GridSize } from './layout-presets';

/**
 * The square grids up to 16 and their slot count, as in v1: features/map sends a selection onto the smallest of these
 * that fits (at most 16 cameras). The wall itself has 36 slots (MAX_SLOTS) and grids up to 6 × 6 (SQUARE_GRIDS).
 */
export const GRID_SIZES = [1, 4, 9, 16] as const;
export const SLOT_COUNT = 16;

export type Visibility = 'private' | 'everyone';

export interface WallLayout {
  shape: WallShape;
  /** Camera id per slot, length MAX_SLOTS. */
  tiles: readonly (string | null)[];
}

/** The named layout (on the gateway) the wall was loaded from or saved as. */
export interface LayoutDoc {
  id: string;
  name: string;
  ownerId: string;
  visibility: Visibility;
  /** layoutFingerprint() when it was loaded or saved: differs once the operator changes something. */
  savedFingerprint: string;
}

export interface WallState extends WallLayout {
  selected: number;
  /** The cell shown alone (main profile), or null for the grid. */
  enlarged: number | null;
  doc: LayoutDoc | null;
}

export type WallAction =
  | { type: 'set-shape'; shape: WallShape }
  | { type: 'place'; index: number; cameraId: string }
  | { type: 'place-next'; cameraId: string }
  | { type: 'swap'; from: number; to: number }
  | { type: 'clear'; index: number }
  | { type: 'select'; index: number }
  | { type: 'move'; dir: Direction }
  /** `force`: enlarge even an empty slot (a tour shows its own cameras in the cells). */
  | { type: 'toggle-enlarge'; index: number; force?: boolean }
  | { type: 'load'; layout: WallLayout; doc: LayoutDoc | null }
  | { type: 'saved'; doc: Omit<LayoutDoc, 'savedFingerprint'>; fingerprint: string }
  | { type: 'forget-doc' };

export function emptyTiles(): (string | null)[] {
  return Array.from({ length: MAX_SLOTS }, () => null);
}

export function emptyLayout(shape: WallShape = presetShape('4')): WallLayout {
  return { shape, tiles: emptyTiles() };
}

export function initialWallState(layout: WallLayout = emptyLayout(), doc: LayoutDoc | null = null): WallState {
  return { ...layout, selected: 0, enlarged: null, doc };
}

export function cellCount(state: Pick<WallLayout, 'shape'>): number {
  return state.shape.cells.length;
}

/** Cell indices shown: the enlarged one alone, or every cell. */
export function visibleIndices(state: Pick<WallState, 'shape' | 'enlarged'>): number[] {
  if (state.enlarged !== null) return [state.enlarged];
  return state.shape.cells.map((_, i) => i);
}

/** The cameras in the cells of the layout (hidden slots excluded). */
export function camerasInCells(layout: WallLayout): (string | null)[] {
  return layout.shape.cells.map((_, i) => layout.tiles[i] ?? null);
}

/** Identity of what a saved layout holds: shape and the camera of every cell. */
export function layoutFingerprint(layout: WallLayout): string {
  return JSON.stringify([layout.shape.cols, layout.shape.rows, layout.shape.cells.map((c, i) => [c.x, c.y, c.w, c.h, layout.tiles[i] ?? null])]);
}

/** Loaded or saved, and changed since. */
export function isDirty(state: WallState): boolean {
  return state.doc !== null && layoutFingerprint(state) !== state.doc.savedFingerprint;
}

const inCells = (state: WallState, index: number) => Number.isInteger(index) && index >= 0 && index < cellCount(state);

function setTile(tiles: readonly (string | null)[], index: number, cameraId: string | null): (string | null)[] {
  const next = [...tiles];
  next[index] = cameraId;
  return next;
}

/**
 * Where a clicked camera goes: the cell already showing it (no duplicate from repeated clicks), else the first empty
 * cell, else the selected cell.
 */
export function targetForCamera(state: WallState, cameraId: string): number {
  if (state.enlarged !== null) return state.enlarged;
  const visible = visibleIndices(state);
  const existing = visible.find((i) => state.tiles[i] === cameraId);
  if (existing !== undefined) return existing;
  const empty = visible.find((i) => !state.tiles[i]);
  return empty ?? state.selected;
}

export function wallReducer(state: WallState, action: WallAction): WallState {
  switch (action.type) {
    case 'set-shape': {
      if (!isValidShape(action.shape)) return state;
      const n = action.shape.cells.length;
      return { ...state, shape: action.shape, enlarged: null, selected: state.selected < n ? state.selected : 0 };
    }
    case 'place':
      if (!inCells(state, action.index)) return state;
      if (state.tiles[action.index] === action.cameraId) return wallReducer(state, { type: 'select', index: action.index });
      return { ...state, tiles: setTile(state.tiles, action.index, action.cameraId), selected: action.index };
    case 'place-next':
      return wallReducer(state, { type: 'place', index: targetForCamera(state, action.cameraId), cameraId: action.cameraId });
    case 'swap': {
      const { from, to } = action;
      if (!inCells(state, from) || !inCells(state, to) || from === to) return state;
      const tiles = [...state.tiles];
      [tiles[from], tiles[to]] = [tiles[to] ?? null, tiles[from] ?? null];
      return { ...state, tiles, selected: to };
    }
    case 'clear':
      if (!inCells(state, action.index) || !state.tiles[action.index]) return state;
      return { ...state, tiles: setTile(state.tiles, action.index, null), enlarged: state.enlarged === action.index ? null : state.enlarged };
    case 'select':
      return inCells(state, action.index) && state.selected !== action.index ? { ...state, selected: action.index } : state;
    case 'move': {
      if (state.enlarged !== null) return state;
      const index = neighbourCell(state.shape.cells, state.selected, action.dir);
      return index === state.selected ? state : { ...state, selected: index };
    }
    case 'toggle-enlarge':
      if (state.enlarged !== null) return { ...state, enlarged: null, selected: state.enlarged };
      if (!inCells(state, action.index) || (!state.tiles[action.index] && !action.force)) return state;
      return { ...state, enlarged: action.index, selected: action.index };
    case 'load':
      if (!isValidShape(action.layout.shape)) return state;
      return initialWallState({ shape: action.layout.shape, tiles: normaliseTiles(action.layout.tiles) }, action.doc);
    case 'saved':
      return { ...state, doc: { ...action.doc, savedFingerprint: action.fingerprint } };
    case 'forget-doc':
      return state.doc ? { ...state, doc: null } : state;
  }
}

/** Exactly MAX_SLOTS entries, each a plausible camera id or null. */
export function normaliseTiles(tiles: readonly unknown[]): (string | null)[] {
  return emptyTiles().map((_, i) => {
    const id = tiles[i];
    return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : null;
  });
}
