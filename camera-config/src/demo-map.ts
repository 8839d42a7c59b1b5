/**
 * The offline base map shipped for the demo county: a county outline, township areas, roads and place labels,
 * generated from the demo org tree. DEMO DATA: the shapes are a geometric construction (township areas are the
 * Voronoi cells of the township seats inside a hull of all villages), not surveyed boundaries.
 */
import type { OrgUnit } from '../../contracts/src/org-unit';
import { DEMO_ORG_UNITS, DEMO_TOWNSHIPS } from './demo-county';

type Pt = [number, number]; // [lng, lat], GeoJSON order

export interface BaseMapFeature {
  type: 'Feature';
  properties: { kind: 'county' | 'township' | 'road' | 'village-road' | 'place'; name: string; nameEn: string; level?: string; demo: true };
  geometry: { type: 'Polygon'; coordinates: Pt[][] } | { type: 'LineString'; coordinates: Pt[] } | { type: 'Point'; coordinates: Pt };
}

export interface BaseMap {
  type: 'FeatureCollection';
  features: BaseMapFeature[];
  bbox: [number, number, number, number];
}

const cross = (o: Pt, a: Pt, b: Pt) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Andrew's monotone chain. */
export function convexHull(points: Pt[]): Pt[] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const lower: Pt[] = [];
  for (const pt of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, pt) <= 0) lower.pop();
    lower.push(pt);
  }
  const upper: Pt[] = [];
  for (const pt of [...p].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, pt) <= 0) upper.pop();
    upper.push(pt);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Pushes each hull vertex away from the centroid so the outline encloses its points with a margin. */
function inflate(poly: Pt[], margin: number): Pt[] {
  const cx = poly.reduce((s, p) => s + p[0], 0) / poly.length;
  const cy = poly.reduce((s, p) => s + p[1], 0) / poly.length;
  return poly.map(([x, y]) => {
    const d = Math.hypot(x - cx, y - cy) || 1;
    return [x + ((x - cx) / d) * margin, y + ((y - cy) / d) * margin];
  });
}

/** Keeps the part of `poly` closer to `a` than to `b` (Sutherland–Hodgman against the bisector half-plane). */
export function clipCloserTo(poly: Pt[], a: Pt, b: Pt): Pt[] {
  const nx = b[0] - a[0];
  const ny = b[1] - a[1];
  const c = (nx * (a[0] + b[0])) / 2 + (ny * (a[1] + b[1])) / 2;
  const inside = (p: Pt) => nx * p[0] + ny * p[1] <= c;
  const out: Pt[] = [];
  for (let i = 0; i < poly.length; i++) {
    const cur = poly[i]!;
    const prev = poly[(i + poly.length - 1) % poly.length]!;
    const inCur = inside(cur);
    const inPrev = inside(prev);
    if (inCur !== inPrev) {
      const t = (c - nx * prev[0] - ny * prev[1]) / (nx * (cur[0] - prev[0]) + ny * (cur[1] - prev[1]));
      out.push([prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])]);
    }
    if (inCur) out.push(cur);
  }
  return out;
}

const round = (p: Pt): Pt => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5];
const ring = (poly: Pt[]): Pt[] => [...poly.map(round), round(poly[0]!)];

export function buildDemoBaseMap(units: readonly OrgUnit[] = DEMO_ORG_UNITS): BaseMap {
  const located = units.filter((u): u is OrgUnit & { lat: number; lng: number } => u.lat !== null && u.lng !== null);
  const county = located.find((u) => u.level === 'county')!;
  const townships = located.filter((u) => u.level === 'township');
  const villages = located.filter((u) => u.level === 'village');
  const outline = inflate(convexHull(located.map((u) => [u.lng, u.lat] as Pt)), 0.035);
  const features: BaseMapFeature[] = [
    { type: 'Feature', properties: { kind: 'county', name: county.name, nameEn: county.nameEn ?? '', demo: true }, geometry: { type: 'Polygon', coordinates: [ring(outline)] } },
  ];
  for (const t of townships) {
    let cell = outline;
    for (const other of townships) if (other !== t) cell = clipCloserTo(cell, [t.lng, t.lat], [other.lng, other.lat]);
    features.push({ type: 'Feature', properties: { kind: 'township', name: t.name, nameEn: t.nameEn ?? '', demo: true }, geometry: { type: 'Polygon', coordinates: [ring(cell)] } });
  }
  const seat = DEMO_TOWNSHIPS.find((t) => t.countySeat)!;
  for (const t of townships) {
    if (t.id === seat.id) continue;
    // A road from the county seat with one bend, so roads do not look ruled.
    const mid: Pt = [(seat.lng + t.lng) / 2 + (t.lat - seat.lat) * 0.15, (seat.lat + t.lat) / 2 - (t.lng - seat.lng) * 0.15];
    features.push({ type: 'Feature', properties: { kind: 'road', name: `${seat.name}—${t.name}`, nameEn: `${seat.nameEn} – ${t.nameEn ?? ''}`, demo: true }, geometry: { type: 'LineString', coordinates: [round([seat.lng, seat.lat]), round(mid), round([t.lng, t.lat])] } });
  }
  for (const v of villages) {
    const t = townships.find((x) => x.id === v.parentId)!;
    features.push({ type: 'Feature', properties: { kind: 'village-road', name: v.name, nameEn: v.nameEn ?? '', demo: true }, geometry: { type: 'LineString', coordinates: [round([t.lng, t.lat]), round([v.lng, v.lat])] } });
  }
  for (const u of [county, ...townships, ...villages]) {
    features.push({ type: 'Feature', properties: { kind: 'place', level: u.level, name: u.name, nameEn: u.nameEn ?? '', demo: true }, geometry: { type: 'Point', coordinates: round([u.lng, u.lat]) } });
  }
  const xs = outline.map((p) => p[0]);
  const ys = outline.map((p) => p[1]);
  return { type: 'FeatureCollection', features, bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
}
