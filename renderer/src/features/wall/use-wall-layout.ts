import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { DropIntent } from '../../components/ui/drag-data';
import type { Direction } from './layout-geometry';
import { presetShape, type GridSize, type PresetName, type WallShape } from './layout-presets';
import { loadStoredWall, saveStoredWall } from './layout-storage';
import { initialWallState, wallReducer, type LayoutDoc, type WallLayout, type WallState } from './wall-layout';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export interface WallControls {
  state: WallState;
  /** A square grid: 1, 4, 9, 16, 25 or 36 cells. */
  setGrid: (grid: GridSize) => void;
  setPreset: (name: PresetName) => void;
  setShape: (shape: WallShape) => void;
  placeNext: (cameraId: string) => void;
  drop: (index: number, intent: NonNullable<DropIntent>) => void;
  clear: (index: number) => void;
  select: (index: number) => void;
  move: (dir: Direction) => void;
  toggleEnlarge: (index: number, force?: boolean) => void;
  /** Replaces the whole wall (a named layout opened, or a pushed one). */
  load: (layout: WallLayout, doc: LayoutDoc | null) => void;
  /** The wall was saved as (or to) this named layout; `fingerprint` is what was sent. */
  markSaved: (doc: Omit<LayoutDoc, 'savedFingerprint'>, fingerprint: string) => void;
  forgetDoc: () => void;
}

/**
 * Wall state for this window. `persist` (the operator console) keeps shape, cameras and the named layout in
 * localStorage so they survive a reload; the wall mode gets its layout from the gateway instead.
 */
export function useWallLayout(persist = true): WallControls {
  const [state, dispatch] = useReducer(wallReducer, undefined, () => {
    if (!persist) return initialWallState();
    const stored = loadStoredWall(storage());
    return initialWallState(stored.layout, stored.doc);
  });
  const { shape, tiles, doc } = state;
  useEffect(() => {
    if (persist) saveStoredWall(storage(), { layout: { shape, tiles }, doc });
  }, [persist, shape, tiles, doc]);

  const setShape = useCallback((s: WallShape) => dispatch({ type: 'set-shape', shape: s }), []);
  const setPreset = useCallback((name: PresetName) => dispatch({ type: 'set-shape', shape: presetShape(name) }), []);
  const setGrid = useCallback((g: GridSize) => dispatch({ type: 'set-shape', shape: presetShape(`${g}`) }), []);
  const placeNext = useCallback((cameraId: string) => dispatch({ type: 'place-next', cameraId }), []);
  const drop = useCallback((index: number, intent: NonNullable<DropIntent>) => {
    dispatch(intent.kind === 'swap' ? { type: 'swap', from: intent.from, to: index } : { type: 'place', index, cameraId: intent.cameraId });
  }, []);
  const clear = useCallback((index: number) => dispatch({ type: 'clear', index }), []);
  const select = useCallback((index: number) => dispatch({ type: 'select', index }), []);
  const move = useCallback((dir: Direction) => dispatch({ type: 'move', dir }), []);
  const toggleEnlarge = useCallback((index: number, force?: boolean) => dispatch({ type: 'toggle-enlarge', index, force }), []);
  const load = useCallback((layout: WallLayout, d: LayoutDoc | null) => dispatch({ type: 'load', layout, doc: d }), []);
  const markSaved = useCallback((d: Omit<LayoutDoc, 'savedFingerprint'>, fingerprint: string) => dispatch({ type: 'saved', doc: d, fingerprint }), []);
  const forgetDoc = useCallback(() => dispatch({ type: 'forget-doc' }), []);
  return useMemo(
    () => ({ state, setGrid, setPreset, setShape, placeNext, drop, clear, select, move, toggleEnlarge, load, markSaved, forgetDoc }),
    [state, setGrid, setPreset, setShape, placeNext, drop, clear, select, move, toggleEnlarge, load, markSaved, forgetDoc],
  );
}
