// Sending a map selection to the wall: the smallest grid that holds the selection (at most 16 tiles), the
// cameras on tiles 0…n−1 and the rest of the visible tiles cleared. Uses only the wall's existing controls.
import type { WallControls } from '../wall/use-wall-layout';
import { GRID_SIZES, SLOT_COUNT, type GridSize } from '../wall/wall-layout';

export interface WallPlan {
  grid: GridSize;
  cameraIds: string[];
  /** Selected cameras that did not fit. */
  dropped: number;
}

export function gridForCount(count: number): GridSize {
  return GRID_SIZES.find((g) => g >= count) ?? GRID_SIZES[GRID_SIZES.length - 1]!;
}

export function planWall(ids: readonly string[], max = SLOT_COUNT): WallPlan {
  const unique = [...new Set(ids)];
  const cameraIds = unique.slice(0, Math.min(max, SLOT_COUNT));
  return { grid: gridForCount(Math.max(1, cameraIds.length)), cameraIds, dropped: unique.length - cameraIds.length };
}

export function applyWallPlan(wall: Pick<WallControls, 'setGrid' | 'drop' | 'clear'>, plan: WallPlan): void {
  wall.setGrid(plan.grid);
  plan.cameraIds.forEach((cameraId, index) => wall.drop(index, { kind: 'place', cameraId }));
  for (let index = plan.cameraIds.length; index < plan.grid; index++) wall.clear(index);
}
