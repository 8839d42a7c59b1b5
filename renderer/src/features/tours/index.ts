// The tours feature's public surface: what other features may import (lint: renderer/features-public-surface).
export { TourIndicator } from './TourIndicator';
export { TourPanel } from './TourPanel';
export { resolveTourCameras } from './tour-cameras';
export { useTourRunner } from './use-tour-runner';
export type { TourRunner } from './use-tour-runner';
export { useTours } from './use-tours';
export type { ToursApi } from './use-tours';
