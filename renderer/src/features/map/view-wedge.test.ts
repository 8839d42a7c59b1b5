import { describe, expect, it } from 'vitest';
import { metersPerPixel, normalizeBearing, offsetByBearing, showWedges, wedgePolygon, wedgeRadiusMeters, WEDGE_MIN_ZOOM } from './view-wedge';

const apex = { lat: 36.98, lng: 111.18 };
const centroid = (ring: { lat: number; lng: number }[]) => ({
  lat: ring.reduce((s, q) => s + q.lat, 0) / ring.length,
  lng: ring.reduce((s, q) => s + q.lng, 0) / ring.length,
});

describe('view wedge geometry', () => {
  it('direction 0 points north', () => {
    const c = centroid(wedgePolygon(apex, 0, 100));
    expect(c.lat).toBeGreaterThan(apex.lat);
    expect(Math.abs(c.lng - apex.lng)).toBeLessThan(1e-9);
  });
  it('direction 90 points east, 180 south, 270 west', () => {
    const east = centroid(wedgePolygon(apex, 90, 100));
    expect(east.lng).toBeGreaterThan(apex.lng);
    expect(Math.abs(east.lat - apex.lat)).toBeLessThan(1e-9);
    expect(centroid(wedgePolygon(apex, 180, 100)).lat).toBeLessThan(apex.lat);
    expect(centroid(wedgePolygon(apex, 270, 100)).lng).toBeLessThan(apex.lng);
  });
  it('starts at the camera and spans 60° on the given radius', () => {
    const ring = wedgePolygon(apex, 45, 200, 60, 6);
    expect(ring).toHaveLength(8);
    expect(ring[0]).toEqual(apex);
    const first = ring[1]!;
    const last = ring[7]!;
    // Edges at bearings 15° and 75°, both 200 m away (in local metres).
    const toMeters = (q: { lat: number; lng: number }) => ({ n: (q.lat - apex.lat) * 111_320, e: (q.lng - apex.lng) * 111_320 * Math.cos((apex.lat * Math.PI) / 180) });
    const a = toMeters(first);
    const b = toMeters(last);
    expect(Math.hypot(a.n, a.e)).toBeCloseTo(200, 6);
    expect((Math.atan2(a.e, a.n) * 180) / Math.PI).toBeCloseTo(15, 6);
    expect((Math.atan2(b.e, b.n) * 180) / Math.PI).toBeCloseTo(75, 6);
  });
  it('offsets by bearing on a flat local frame', () => {
    const north = offsetByBearing(apex, 0, 111_320);
    expect(north.lat).toBeCloseTo(apex.lat + 1, 9);
    expect(normalizeBearing(-90)).toBe(270);
    expect(normalizeBearing(450)).toBe(90);
  });
  it('keeps a constant on-screen length and is only shown close in', () => {
    expect(metersPerPixel(0, 0)).toBeCloseTo(156_543.03, 1);
    expect(wedgeRadiusMeters(apex.lat, 15) * 2).toBeCloseTo(wedgeRadiusMeters(apex.lat, 14), 6);
    expect(showWedges(WEDGE_MIN_ZOOM - 1)).toBe(false);
    expect(showWedges(WEDGE_MIN_ZOOM)).toBe(true);
  });
});
