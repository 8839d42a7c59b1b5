import { describe, expect, it } from 'vitest';
import { featureStyle, KIND_ORDER, labelMinZoom, parseBaseLayer, placeName, polygonCentroid, readBbox, TOWNSHIP_PALETTE } from './base-layer';

const collection = {
  type: 'FeatureCollection',
  bbox: [110.9, 36.8, 111.5, 37.2],
  features: [
    { type: 'Feature', properties: { kind: 'county', name: '交口县', nameEn: 'Jiaokou County', demo: true }, geometry: { type: 'Polygon', coordinates: [[[110.9, 36.8], [111.5, 36.8], [111.2, 37.2], [110.9, 36.8]]] } },
    { type: 'Feature', properties: { kind: 'road', name: 'r', nameEn: 'r', demo: true }, geometry: { type: 'LineString', coordinates: [[111, 37], [111.1, 37.1]] } },
    { type: 'Feature', properties: { kind: 'place', level: 'township', name: '水头镇', nameEn: 'Shuitou Town', demo: true }, geometry: { type: 'Point', coordinates: [111.18, 36.98] } },
    { type: 'Feature', properties: { kind: 'river', name: 'x', demo: true }, geometry: { type: 'Point', coordinates: [111, 37] } },
    { type: 'Feature', properties: { kind: 'place', name: 'bad' }, geometry: { type: 'Point', coordinates: ['a', 37] } },
    null,
  ],
};

describe('parseBaseLayer', () => {
  it('keeps known kinds with valid geometry, skips the rest', () => {
    const layer = parseBaseLayer(collection);
    expect(layer.features.map((f) => f.kind)).toEqual(['county', 'road', 'place']);
    expect(layer.features[2]).toMatchObject({ level: 'township', nameEn: 'Shuitou Town', geometry: { type: 'Point', point: [111.18, 36.98] } });
  });
  it('reads the bbox as bounds and flags demo data', () => {
    const layer = parseBaseLayer(collection);
    expect(layer.bounds).toEqual({ south: 36.8, west: 110.9, north: 37.2, east: 111.5 });
    expect(layer.demo).toBe(true);
  });
  it('derives bounds without a bbox and is not demo when nothing says so', () => {
    const layer = parseBaseLayer({ features: [{ properties: { kind: 'road', name: 'r' }, geometry: { type: 'LineString', coordinates: [[111, 37], [111.2, 36.9]] } }] });
    expect(layer.bounds).toEqual({ south: 36.9, west: 111, north: 37, east: 111.2 });
    expect(layer.demo).toBe(false);
  });
  it('survives garbage', () => {
    expect(parseBaseLayer('nope')).toEqual({ features: [], bounds: null, demo: false });
    expect(readBbox([1, 2, 0, 3])).toBeNull();
  });
});

describe('base-layer style rules', () => {
  it('outlines the county without a fill, above areas and roads', () => {
    expect(featureStyle('county')).toMatchObject({ fill: false, weight: 2.5 });
    expect(KIND_ORDER.indexOf('county')).toBeGreaterThan(KIND_ORDER.indexOf('road'));
    expect(KIND_ORDER.indexOf('road')).toBeGreaterThan(KIND_ORDER.indexOf('township'));
  });
  it('fills townships subtly with distinct colours, lighter over tiles', () => {
    const a = featureStyle('township', 0);
    const b = featureStyle('township', 1);
    expect(a.fill).toBe(true);
    expect(a.fillColor).not.toBe(b.fillColor);
    expect(a.fillOpacity).toBeLessThanOrEqual(0.1);
    expect(featureStyle('township', 0, true).fillOpacity).toBeLessThan(a.fillOpacity!);
    expect(featureStyle('township', TOWNSHIP_PALETTE.length).fillColor).toBe(a.fillColor);
  });
  it('draws main roads heavier than village roads', () => {
    expect(featureStyle('road').weight).toBeGreaterThan(featureStyle('village-road').weight);
  });
  it('shows village labels only close in, and names in the UI language', () => {
    expect(labelMinZoom('village')).toBeGreaterThan(labelMinZoom('township'));
    expect(placeName({ name: '水头镇', nameEn: 'Shuitou Town' }, 'en')).toBe('Shuitou Town');
    expect(placeName({ name: '水头镇', nameEn: '' }, 'en')).toBe('水头镇');
    expect(placeName({ name: '水头镇', nameEn: 'Shuitou Town' }, 'zh-CN')).toBe('水头镇');
  });
  it('puts an area label at the polygon centroid', () => {
    expect(polygonCentroid([[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]])).toEqual([2, 1]);
    // Area-weighted, not the vertex mean: extra vertices on one edge do not pull it.
    const [x, y] = polygonCentroid([[0, 0], [1, 0], [2, 0], [3, 0], [4, 0], [4, 4], [0, 4]]);
    expect(x).toBeCloseTo(2, 9);
    expect(y).toBeCloseTo(2, 9);
    expect(polygonCentroid([[1, 1], [1, 1], [1, 1]])).toEqual([1, 1]);
  });
});
