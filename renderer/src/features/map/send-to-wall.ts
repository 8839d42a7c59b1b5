// Sending a map selection to the wall: the smallest square grid that holds the selection (up to the wall's largest),
// the cameras on cells 0…n−1 and the rest of the cells cleared. Uses only the wall's existing controls.
import { GRID_SIZES, type GridSize, type WallControls } from '../wall';

/** The most cameras one send can put on the wall: the largest square grid. */
export const WALL_MAX_CAMERAS: GridSize = GRID_SIZES[GRID_SIZES.length - 1]!;

export interface WallPlan {
  grid: GridSize;
  cameraIds: string[];
  /** Selected cameras that did not fit. */
  dropped: number;
}

export function gridForCount(count: number): GridSize {
  return GRID_SIZES.find((g) => g >= count) ?? WALL_MAX_CAMERAS;
}

export function planWall(ids: readonly string[]): WallPlan {
  const unique = [...new Set(ids)];
  const cameraIds = unique.slice(0, WALL_MAX_CAMERAS);
  return { grid: gridForCount(Math.max(1, cameraIds.length)), cameraIds, dropped: unique.length - cameraIds.length };
}

export function applyWallPlan(wall: Pick<WallControls, 'setGrid' | 'drop' | 'clear'>, plan: WallPlan): void {
  wall.setGrid(plan.grid);
  plan.cameraIds.forEach((cameraId, index) => wall.drop(index, { kind: 'place', cameraId }));
  for (let index = plan.cameraIds.length; index < plan.grid; index++) wall.clear(index);
}
