// Pure wall state: grid size, which camera is on which tile, the selected tile and the enlarged tile.
// Sixteen slots always exist; the grid shows the first N, so switching 16 → 4 → 16 loses nothing.

export const GRID_SIZES = [1, 4, 9, 16] as const;
export type GridSize = (typeof GRID_SIZES)[number];
export const SLOT_COUNT = 16;

export interface WallLayout {
  grid: GridSize;
  /** Camera id per slot, length SLOT_COUNT. */
  tiles: readonly (string | null)[];
}

export interface WallState extends WallLayout {
  selected: number;
  /** The tile shown alone (main profile), or null for the grid. */
  enlarged: number | null;
}

export type WallAction =
  | { type: 'set-grid'; grid: GridSize }
  | { type: 'place'; index: number; cameraId: string }
  | { type: 'place-next'; cameraId: string }
  | { type: 'swap'; from: number; to: number }
  | { type: 'clear'; index: number }
  | { type: 'select'; index: number }
  | { type: 'toggle-enlarge'; index: number };

export function isGridSize(value: unknown): value is GridSize {
  return typeof value === 'number' && (GRID_SIZES as readonly number[]).includes(value);
}

export function gridDimensions(grid: GridSize): { cols: number; rows: number } {
  const side = Math.sqrt(grid);
  return { cols: side, rows: side };
}

export function emptyLayout(grid: GridSize = 4): WallLayout {
  return { grid, tiles: Array.from({ length: SLOT_COUNT }, () => null) };
}

export function initialWallState(layout: WallLayout = emptyLayout()): WallState {
  return { ...layout, selected: 0, enlarged: null };
}

/** Indices shown: the enlarged tile alone, or the first `grid` slots. */
export function visibleIndices(state: Pick<WallState, 'grid' | 'enlarged'>): number[] {
  if (state.enlarged !== null) return [state.enlarged];
  return Array.from({ length: state.grid }, (_, i) => i);
}

const inGrid = (state: WallState, index: number) => Number.isInteger(index) && index >= 0 && index < state.grid;

function setTile(tiles: readonly (string | null)[], index: number, cameraId: string | null): (string | null)[] {
  const next = [...tiles];
  next[index] = cameraId;
  return next;
}

/**
 * Where a clicked camera goes: the tile already showing it (no duplicate from repeated clicks), else the first empty
 * visible tile, else the selected tile.
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
    case 'set-grid':
      if (!isGridSize(action.grid) || (action.grid === state.grid && state.enlarged === null)) return state;
      return { ...state, grid: action.grid, enlarged: null, selected: state.selected < action.grid ? state.selected : 0 };
    case 'place':
      if (!inGrid(state, action.index)) return state;
      if (state.tiles[action.index] === action.cameraId) return wallReducer(state, { type: 'select', index: action.index });
      return { ...state, tiles: setTile(state.tiles, action.index, action.cameraId), selected: action.index };
    case 'place-next': {
      const index = targetForCamera(state, action.cameraId);
      return wallReducer(state, { type: 'place', index, cameraId: action.cameraId });
    }
    case 'swap': {
      const { from, to } = action;
      if (!inGrid(state, from) || !inGrid(state, to) || from === to) return state;
      const tiles = [...state.tiles];
      [tiles[from], tiles[to]] = [tiles[to] ?? null, tiles[from] ?? null];
      return { ...state, tiles, selected: to };
    }
    case 'clear':
      if (!inGrid(state, action.index) || !state.tiles[action.index]) return state;
      return { ...state, tiles: setTile(state.tiles, action.index, null), enlarged: state.enlarged === action.index ? null : state.enlarged };
    case 'select':
      return inGrid(state, action.index) && state.selected !== action.index ? { ...state, selected: action.index } : state;
    case 'toggle-enlarge':
      if (state.enlarged !== null) return { ...state, enlarged: null, selected: state.enlarged };
      if (!inGrid(state, action.index) || !state.tiles[action.index]) return state;
      return { ...state, enlarged: action.index, selected: action.index };
  }
}
