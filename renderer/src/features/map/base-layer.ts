// Pure reading and styling of the offline base layer (GET /api/v1/map/base-layer): a GeoJSON FeatureCollection with
// the county outline, township areas, roads and place points. Anything malformed is skipped, never thrown.
import type { Language } from '../../i18n/translate';
import type { LatLngRect } from './geo-select';

export const BASE_KINDS = ['county', 'township', 'road', 'village-road', 'place'] as const;
export type BaseKind = (typeof BASE_KINDS)[number];
export type PlaceLevel = 'county' | 'township' | 'village';
type Position = [number, number]; // [lng, lat]

export interface BaseFeature {
  kind: BaseKind;
  name: string;
  nameEn: string;
  level: PlaceLevel | null;
  demo: boolean;
  geometry: { type: 'Polygon'; rings: Position[][] } | { type: 'LineString'; line: Position[] } | { type: 'Point'; point: Position };
}

export interface BaseLayer {
  features: BaseFeature[];
  bounds: LatLngRect | null;
  /** True when any feature is flagged demo: the map must then say so. */
  demo: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isPosition = (v: unknown): v is Position =>
  Array.isArray(v) && v.length >= 2 && Number.isFinite(v[0]) && Number.isFinite(v[1]) && Math.abs(v[0] as number) <= 180 && Math.abs(v[1] as number) <= 90;
const isLine = (v: unknown): v is Position[] => Array.isArray(v) && v.length >= 2 && v.every(isPosition);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function readGeometry(g: unknown): BaseFeature['geometry'] | null {
  if (!isObject(g)) return null;
  if (g.type === 'Point' && isPosition(g.coordinates)) return { type: 'Point', point: [g.coordinates[0], g.coordinates[1]] };
  if (g.type === 'LineString' && isLine(g.coordinates)) return { type: 'LineString', line: g.coordinates };
  if (g.type === 'Polygon' && Array.isArray(g.coordinates) && g.coordinates.length > 0 && g.coordinates.every((r) => isLine(r) && r.length >= 3)) {
    return { type: 'Polygon', rings: g.coordinates as Position[][] };
  }
  return null;
}

export function readBbox(bbox: unknown): LatLngRect | null {
  if (!Array.isArray(bbox) || bbox.length < 4 || !bbox.slice(0, 4).every((n) => Number.isFinite(n))) return null;
  const [west, south, east, north] = bbox as number[];
  if (west! > east! || south! > north!) return null;
  return { south: south!, west: west!, north: north!, east: east! };
}

/** Bounds of every coordinate, for a collection without a usable bbox. */
function boundsOf(features: readonly BaseFeature[]): LatLngRect | null {
  let r: LatLngRect | null = null;
  const add = ([lng, lat]: Position) => {
    r = r ? { south: Math.min(r.south, lat), west: Math.min(r.west, lng), north: Math.max(r.north, lat), east: Math.max(r.east, lng) } : { south: lat, west: lng, north: lat, east: lng };
  };
  for (const f of features) {
    const g = f.geometry;
    if (g.type === 'Point') add(g.point);
    else if (g.type === 'LineString') g.line.forEach(add);
    else g.rings.forEach((ring) => ring.forEach(add));
  }
  return r;
}

export function parseBaseLayer(raw: unknown): BaseLayer {
  const features: BaseFeature[] = [];
  const list = isObject(raw) && Array.isArray(raw.features) ? raw.features : [];
  for (const f of list) {
    if (!isObject(f) || !isObject(f.properties)) continue;
    const p = f.properties;
    const kind = BASE_KINDS.find((k) => k === p.kind);
    const geometry = readGeometry(f.geometry);
    if (!kind || !geometry) continue;
    const level = p.level === 'county' || p.level === 'township' || p.level === 'village' ? p.level : null;
    features.push({ kind, name: str(p.name), nameEn: str(p.nameEn), level, demo: p.demo === true, geometry });
  }
  const bbox = isObject(raw) ? readBbox(raw.bbox) : null;
  return { features, bounds: bbox ?? boundsOf(features), demo: features.some((f) => f.demo) };
}

export interface PathStyle {
  color: string;
  weight: number;
  opacity: number;
  fill: boolean;
  fillColor?: string;
  fillOpacity?: number;
  dashArray?: string;
}

/** Muted, distinct hues for township areas on the dark background. */
export const TOWNSHIP_PALETTE = ['#3d8bfd', '#2fbf71', '#d6a84a', '#b07cf0', '#36b5c9', '#e07a5f', '#8fb339'] as const;

/**
 * Drawing rules. Over an intranet tile layer the township fills get lighter still, so the tiles stay readable.
 * `index` is the feature's position among its kind (township colour).
 */
export function featureStyle(kind: Exclude<BaseKind, 'place'>, index = 0, overTiles = false): PathStyle {
  switch (kind) {
    case 'county':
      return { color: '#6fa8ff', weight: 2.5, opacity: 0.9, fill: false };
    case 'township': {
      const colour = TOWNSHIP_PALETTE[index % TOWNSHIP_PALETTE.length]!;
      return { color: colour, weight: 1, opacity: 0.45, dashArray: '4 4', fill: true, fillColor: colour, fillOpacity: overTiles ? 0.05 : 0.09 };
    }
    case 'road':
      return { color: '#b49a62', weight: 2.5, opacity: 0.75, fill: false };
    case 'village-road':
      return { color: '#5d6673', weight: 1, opacity: 0.7, fill: false };
  }
}

/** Drawing order, bottom first: areas, then roads, then the county outline on top. */
export const KIND_ORDER: readonly BaseKind[] = ['township', 'village-road', 'road', 'county', 'place'];

/** Zoom from which a place label is shown: the county always, towns and villages once they can be read. */
export function labelMinZoom(level: PlaceLevel | null): number {
  return level === 'county' ? 0 : level === 'township' ? 12 : 13;
}

/**
 * Area-weighted centroid of a ring ([lng, lat] pairs, open or closed): where a township's name goes. The demo
 * township areas are convex cells, so the centroid lies inside; a degenerate ring falls back to the vertex mean.
 */
export function polygonCentroid(ring: readonly Position[]): Position {
  const pts = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring.slice(0, -1) : ring;
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x0, y0] = pts[i]!;
    const [x1, y1] = pts[(i + 1) % pts.length]!;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(area) < 1e-12) {
    const n = Math.max(1, pts.length);
    return [pts.reduce((s, p) => s + p[0], 0) / n, pts.reduce((s, p) => s + p[1], 0) / n];
  }
  return [cx / (3 * area), cy / (3 * area)];
}

export function placeName(feature: Pick<BaseFeature, 'name' | 'nameEn'>, lang: Language): string {
  return lang === 'en' && feature.nameEn ? feature.nameEn : feature.name;
}
