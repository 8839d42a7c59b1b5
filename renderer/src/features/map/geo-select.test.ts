import { describe, expect, it } from 'vitest';
import { mergeSelection, pointInPolygon, pointInRect, rectFromCorners, retainSelection, selectInShape, type LatLng } from './geo-select';

const p = (lat: number, lng: number): LatLng => ({ lat, lng });

describe('rectangle selection', () => {
  it('normalises corners given in any order', () => {
    expect(rectFromCorners(p(37, 111.3), p(36.9, 111.1))).toEqual({ south: 36.9, west: 111.1, north: 37, east: 111.3 });
  });
  it('contains points inside and on the edges, not outside', () => {
    const r = rectFromCorners(p(36.9, 111.1), p(37, 111.3));
    expect(pointInRect(p(36.95, 111.2), r)).toBe(true);
    expect(pointInRect(p(36.9, 111.1), r)).toBe(true);
    expect(pointInRect(p(37.01, 111.2), r)).toBe(false);
    expect(pointInRect(p(36.95, 111.31), r)).toBe(false);
  });
  it('selects the ids inside, in input order', () => {
    const cams = [
      { id: 'a', lat: 36.95, lng: 111.2 },
      { id: 'b', lat: 37.5, lng: 111.2 },
      { id: 'c', lat: 36.91, lng: 111.11 },
    ];
    expect(selectInShape(cams, { kind: 'rect', rect: rectFromCorners(p(36.9, 111.1), p(37, 111.3)) })).toEqual(['a', 'c']);
  });
});

describe('point in polygon (lasso)', () => {
  const triangle = [p(0, 0), p(0, 10), p(10, 5)];
  it('tells inside from outside for a triangle, open or closed', () => {
    expect(pointInPolygon(p(3, 5), triangle)).toBe(true);
    expect(pointInPolygon(p(9, 1), triangle)).toBe(false);
    expect(pointInPolygon(p(3, 5), [...triangle, triangle[0]!])).toBe(true);
  });
  it('handles a concave (C-shaped) lasso', () => {
    // A "C" opening to the east: the notch is outside.
    const c = [p(0, 0), p(0, 10), p(3, 10), p(3, 3), p(7, 3), p(7, 10), p(10, 10), p(10, 0)];
    expect(pointInPolygon(p(5, 6), c)).toBe(false);
    expect(pointInPolygon(p(5, 1), c)).toBe(true);
    expect(pointInPolygon(p(1, 8), c)).toBe(true);
  });
  it('contains nothing with fewer than three points', () => {
    expect(pointInPolygon(p(0, 0), [p(0, 0), p(1, 1)])).toBe(false);
    expect(pointInPolygon(p(0, 0), [])).toBe(false);
  });
  it('selects through the polygon shape', () => {
    const cams = [
      { id: 'in', lat: 3, lng: 5 },
      { id: 'out', lat: 9, lng: 1 },
    ];
    expect(selectInShape(cams, { kind: 'polygon', points: triangle })).toEqual(['in']);
  });
});

describe('selection sets', () => {
  it('replaces, or adds when additive', () => {
    expect([...mergeSelection(new Set(['a']), ['b'], false)]).toEqual(['b']);
    expect([...mergeSelection(new Set(['a']), ['b', 'a'], true)].sort()).toEqual(['a', 'b']);
  });
  it('drops ids that left the map and keeps identity otherwise', () => {
    const sel = new Set(['a', 'b']);
    expect(retainSelection(sel, new Set(['a', 'b', 'c']))).toBe(sel);
    expect([...retainSelection(sel, new Set(['b']))]).toEqual(['b']);
  });
});
