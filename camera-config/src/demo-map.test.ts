import { describe, expect, it } from 'vitest';
import { DEMO_BOUNDS, DEMO_ORG_UNITS } from './demo-county';
import { buildDemoBaseMap, clipCloserTo, convexHull } from './demo-map';

describe('demo base map', () => {
  const map = buildDemoBaseMap();
  const byKind = (k: string) => map.features.filter((f) => f.properties.kind === k);

  it('has a county outline, 7 township areas, roads and a label per org unit, all marked demo', () => {
    expect(byKind('county')).toHaveLength(1);
    expect(byKind('township')).toHaveLength(7);
    expect(byKind('road')).toHaveLength(6);
    expect(byKind('village-road')).toHaveLength(95);
    expect(byKind('place')).toHaveLength(DEMO_ORG_UNITS.length);
    expect(map.features.every((f) => f.properties.demo)).toBe(true);
  });

  it('stays near the demo bounds and its township areas are closed rings containing their seats', () => {
    const [w, s, e, n] = map.bbox;
    expect(w).toBeGreaterThan(DEMO_BOUNDS.minLng - 0.1);
    expect(e).toBeLessThan(DEMO_BOUNDS.maxLng + 0.1);
    expect(s).toBeGreaterThan(DEMO_BOUNDS.minLat - 0.1);
    expect(n).toBeLessThan(DEMO_BOUNDS.maxLat + 0.1);
    for (const f of byKind('township')) {
      const coords = (f.geometry as { coordinates: Array<Array<[number, number]>> }).coordinates[0]!;
      expect(coords[0]).toEqual(coords[coords.length - 1]);
      expect(coords.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('geometry helpers', () => {
    expect(convexHull([[0, 0], [1, 0], [1, 1], [0, 1], [0.5, 0.5]])).toHaveLength(4);
    const half = clipCloserTo([[0, 0], [2, 0], [2, 2], [0, 2]], [0, 1], [2, 1]);
    expect(Math.max(...half.map((p) => p[0]))).toBeCloseTo(1);
  });
});
