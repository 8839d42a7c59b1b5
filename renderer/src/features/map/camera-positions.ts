// Pure: which cameras go on the map and where. A camera with no coordinates is not drawn (it is counted as
// unplaced). A position a technician just saved is kept locally until the inventory poll reports it.
import type { CameraCategory, CameraDto, CameraStatus } from '../../../../contracts/src/camera';
import type { LatLng } from './geo-select';

export interface CameraPoint {
  id: string;
  name: string;
  orgUnitId: string;
  /** 一类/二类/三类点: the layer control shows or hides each. */
  category: CameraCategory;
  status: CameraStatus;
  lat: number;
  lng: number;
  direction: number | null;
}

const hasPosition = (c: Pick<CameraDto, 'lat' | 'lng'>) => typeof c.lat === 'number' && typeof c.lng === 'number' && Number.isFinite(c.lat) && Number.isFinite(c.lng);

export function cameraPoints(cameras: readonly CameraDto[], overrides: ReadonlyMap<string, LatLng> = new Map()): { points: CameraPoint[]; unplaced: number } {
  const points: CameraPoint[] = [];
  let unplaced = 0;
  for (const c of cameras) {
    const o = overrides.get(c.id);
    if (!o && !hasPosition(c)) {
      unplaced++;
      continue;
    }
    points.push({ id: c.id, name: c.name, orgUnitId: c.orgUnitId, category: c.category, status: c.status, lat: o?.lat ?? c.lat!, lng: o?.lng ?? c.lng!, direction: c.direction });
  }
  return { points, unplaced };
}

/** Overrides still needed: the camera exists and the inventory does not report the saved position yet. */
export function pruneOverrides(overrides: ReadonlyMap<string, LatLng>, cameras: ReadonlyMap<string, Pick<CameraDto, 'lat' | 'lng'>>): ReadonlyMap<string, LatLng> {
  let changed = false;
  const next = new Map<string, LatLng>();
  for (const [id, pos] of overrides) {
    const c = cameras.get(id);
    if (!c || (c.lat !== null && c.lng !== null && Math.abs(c.lat - pos.lat) < 1e-7 && Math.abs(c.lng - pos.lng) < 1e-7)) changed = true;
    else next.set(id, pos);
  }
  return changed ? next : overrides;
}

/** Coordinates as stored: 6 decimals (~0.1 m) is finer than a drag can place. */
export function roundCoord(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function formatCoord(value: number): string {
  return value.toFixed(5);
}
