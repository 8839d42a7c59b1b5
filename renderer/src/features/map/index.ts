// The map feature's public surface: what other features may import (lint: renderer/features-public-surface).
export { L } from './leaflet-setup';
export { createMapApi } from './map-api';
export { useLeafletMap, usePlaceLabels } from './use-leaflet-map';
export { useMapData } from './use-map-data';
export { offsetByBearing } from './view-wedge';
