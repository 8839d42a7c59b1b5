// The wall feature's public surface: what other features may import (lint: renderer/features-public-surface).
export type { WallControls } from './use-wall-layout';
export { GRID_SIZES } from './wall-layout';
export type { GridSize } from './wall-layout';
