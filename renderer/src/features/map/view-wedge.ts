// Pure geometry of a camera's view-direction wedge: a small sector polygon, apex at the camera, centred on its
// direction (degrees clockwise from north, as the inventory stores it). Local flat-earth offsets: the wedge is
// a few hundred metres at most, where the error is far below a pixel.
import type { LatLng } from './geo-select';

export const WEDGE_WIDTH_DEG = 60;
/** Wedges are drawn from this zoom on; further out they are clutter. */
export const WEDGE_MIN_ZOOM = 14;
/** On-screen length of a wedge, in CSS pixels. */
export const WEDGE_LENGTH_PX = 44;

const METERS_PER_DEG_LAT = 111_320;
const EARTH_CIRCUMFERENCE_M = 40_075_016.686;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** The point `meters` away from `origin` on the given bearing (0 = north, 90 = east). */
export function offsetByBearing(origin: LatLng, bearingDeg: number, meters: number): LatLng {
  const b = rad(bearingDeg);
  const north = Math.cos(b) * meters;
  const east = Math.sin(b) * meters;
  return {
    lat: origin.lat + north / METERS_PER_DEG_LAT,
    lng: origin.lng + east / (METERS_PER_DEG_LAT * Math.cos(rad(origin.lat))),
  };
}

/** Normalises any angle into [0, 360). */
export function normalizeBearing(deg: number): number {
  const d = deg % 360;
  return d < 0 ? d + 360 : d;
}

/**
 * The wedge ring: the apex, then `steps + 1` points along the arc from direction − width/2 to direction + width/2
 * (clockwise). Open ring; Leaflet closes polygons itself.
 */
export function wedgePolygon(apex: LatLng, directionDeg: number, radiusMeters: number, widthDeg = WEDGE_WIDTH_DEG, steps = 8): LatLng[] {
  const start = normalizeBearing(directionDeg) - widthDeg / 2;
  const ring: LatLng[] = [apex];
  for (let i = 0; i <= steps; i++) ring.push(offsetByBearing(apex, start + (widthDeg * i) / steps, radiusMeters));
  return ring;
}

/** Ground metres per CSS pixel at a latitude and Web-Mercator zoom (256-px tiles). */
export function metersPerPixel(lat: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos(rad(lat))) / 2 ** (zoom + 8);
}

/** Wedge radius that keeps the wedge about WEDGE_LENGTH_PX long on screen at this zoom. */
export function wedgeRadiusMeters(lat: number, zoom: number, lengthPx = WEDGE_LENGTH_PX): number {
  return metersPerPixel(lat, zoom) * lengthPx;
}

export function showWedges(zoom: number): boolean {
  return zoom >= WEDGE_MIN_ZOOM;
}
