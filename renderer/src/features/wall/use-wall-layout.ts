import { useCallback, useEffect, useMemo, useReducer } from 'react';
import { loadLayout, saveLayout } from './layout-storage';
import { initialWallState, wallReducer, type GridSize, type WallState } from './wall-layout';
import type { DropIntent } from './drag-data';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export interface WallControls {
  state: WallState;
  setGrid: (grid: GridSize) => void;
  placeNext: (cameraId: string) => void;
  drop: (index: number, intent: NonNullable<DropIntent>) => void;
  clear: (index: number) => void;
  select: (index: number) => void;
  toggleEnlarge: (index: number) => void;
}

/** Wall state for this window; grid and tiles persist in localStorage. */
export function useWallLayout(): WallControls {
  const [state, dispatch] = useReducer(wallReducer, undefined, () => initialWallState(loadLayout(storage())));
  const { grid, tiles } = state;
  useEffect(() => saveLayout(storage(), { grid, tiles }), [grid, tiles]);

  const setGrid = useCallback((g: GridSize) => dispatch({ type: 'set-grid', grid: g }), []);
  const placeNext = useCallback((cameraId: string) => dispatch({ type: 'place-next', cameraId }), []);
  const drop = useCallback((index: number, intent: NonNullable<DropIntent>) => {
    dispatch(intent.kind === 'swap' ? { type: 'swap', from: intent.from, to: index } : { type: 'place', index, cameraId: intent.cameraId });
  }, []);
  const clear = useCallback((index: number) => dispatch({ type: 'clear', index }), []);
  const select = useCallback((index: number) => dispatch({ type: 'select', index }), []);
  const toggleEnlarge = useCallback((index: number) => dispatch({ type: 'toggle-enlarge', index }), []);
  return useMemo(() => ({ state, setGrid, placeNext, drop, clear, select, toggleEnlarge }), [state, setGrid, placeNext, drop, clear, select, toggleEnlarge]);
}
