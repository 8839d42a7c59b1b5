import { useCallback, useState } from 'react';
import type { WallControls } from '../wall';
import { applyWallPlan, planWall } from './send-to-wall';

/** A request to show one camera on the map; seq makes a repeated click on the same camera a new request. */
export interface MapFocus {
  cameraId: string;
  seq: number;
}

/** 'wall', 'map', or the id of a registered section (app/sections.ts). */
export type MainView = string;

export interface MainViewControls {
  view: MainView;
  setView: (view: MainView) => void;
  focus: MapFocus | null;
  /** Tree selection while the map is shown: pan to the camera and open its preview. */
  focusCamera: (cameraId: string) => void;
  /** Puts the cameras on the wall (smallest fitting grid) and shows the wall. */
  sendToWall: (cameraIds: readonly string[]) => void;
}

export function useMainView(wall: Pick<WallControls, 'setGrid' | 'drop' | 'clear'>, initialView: MainView = 'wall'): MainViewControls {
  const [view, setViewState] = useState<MainView>(initialView);
  const [focus, setFocus] = useState<MapFocus | null>(null);
  const setView = useCallback((next: MainView) => {
    setViewState(next);
    if (next !== 'map') setFocus(null);
  }, []);
  const focusCamera = useCallback((cameraId: string) => setFocus((f) => ({ cameraId, seq: (f?.seq ?? 0) + 1 })), []);
  const { setGrid, drop, clear } = wall;
  const sendToWall = useCallback(
    (cameraIds: readonly string[]) => {
      if (cameraIds.length === 0) return;
      applyWallPlan({ setGrid, drop, clear }, planWall(cameraIds));
      setView('wall');
    },
    [setGrid, drop, clear, setView],
  );
  return { view, setView, focus, focusCamera, sendToWall };
}
