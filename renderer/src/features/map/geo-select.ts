// Pure area selection: which cameras lie in a dragged rectangle or a freehand (lasso) polygon.
// Coordinates are degrees; the county is small enough that treating lng/lat as planar x/y is exact for the
// shapes the operator drew on a Web-Mercator screen (straight screen edges stay straight in lng/lat per axis).

export interface LatLng {
  lat: number;
  lng: number;
}

export interface LatLngRect {
  south: number;
  west: number;
  north: number;
  east: number;
}

export type SelectionShape = { kind: 'rect'; rect: LatLngRect } | { kind: 'polygon'; points: readonly LatLng[] };

export interface Locatable {
  id: string;
  lat: number;
  lng: number;
}

/** The rectangle spanned by two corners, in any order. */
export function rectFromCorners(a: LatLng, b: LatLng): LatLngRect {
  return { south: Math.min(a.lat, b.lat), west: Math.min(a.lng, b.lng), north: Math.max(a.lat, b.lat), east: Math.max(a.lng, b.lng) };
}

/** Edges count as inside. */
export function pointInRect(p: LatLng, r: LatLngRect): boolean {
  return p.lat >= r.south && p.lat <= r.north && p.lng >= r.west && p.lng <= r.east;
}

/**
 * Even–odd ray casting. The ring may be open or closed (first point repeated); fewer than 3 points contain nothing.
 * Self-intersecting lassos follow the even–odd rule, as a hand-drawn loop is read.
 */
export function pointInPolygon(p: LatLng, ring: readonly LatLng[]): boolean {
  const n = ring.length;
  if (n < 3) return false;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a.lat > p.lat !== b.lat > p.lat) {
      const x = ((b.lng - a.lng) * (p.lat - a.lat)) / (b.lat - a.lat) + a.lng;
      if (p.lng < x) inside = !inside;
    }
  }
  return inside;
}

export function shapeContains(shape: SelectionShape, p: LatLng): boolean {
  return shape.kind === 'rect' ? pointInRect(p, shape.rect) : pointInPolygon(p, shape.points);
}

/** Ids of the points inside the shape, in input order. */
export function selectInShape(points: readonly Locatable[], shape: SelectionShape): string[] {
  return points.filter((p) => shapeContains(shape, p)).map((p) => p.id);
}

/** A new selection replaces the old one, or (Ctrl held) is added to it. */
export function mergeSelection(previous: ReadonlySet<string>, ids: readonly string[], additive: boolean): Set<string> {
  const next = new Set(additive ? previous : []);
  for (const id of ids) next.add(id);
  return next;
}

/** Drops ids that are no longer among the located cameras (deleted, moved out of scope, lost coordinates). */
export function retainSelection(selection: ReadonlySet<string>, present: ReadonlySet<string>): ReadonlySet<string> {
  for (const id of selection) if (!present.has(id)) return new Set([...selection].filter((x) => present.has(x)));
  return selection;
}
