import { describe, expect, it } from 'vitest';
import { orgUnitSchema } from '../../contracts/src/org-unit';
import { DEMO_BOUNDS, DEMO_COUNTY_ID, DEMO_ORG_UNITS, DEMO_TOWNSHIPS, demoOrgUnits } from './demo-county';
import { validateOrgUnits } from './org-hierarchy';

const inBounds = (lat: number | null, lng: number | null) =>
  lat !== null && lng !== null && lat >= DEMO_BOUNDS.minLat && lat <= DEMO_BOUNDS.maxLat && lng >= DEMO_BOUNDS.minLng && lng <= DEMO_BOUNDS.maxLng;

/** Great-circle distance in km (haversine). */
function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

describe('demo county', () => {
  const units = DEMO_ORG_UNITS;
  const villages = units.filter((u) => u.level === 'village');
  const townships = units.filter((u) => u.level === 'township');

  it('has exactly 1 county, 7 townships and 95 villages', () => {
    expect(units.filter((u) => u.level === 'county')).toHaveLength(1);
    expect(townships).toHaveLength(7);
    expect(villages).toHaveLength(95);
    expect(units).toHaveLength(103);
  });

  it('is the Jiaokou county with its seven named townships', () => {
    const county = units.find((u) => u.level === 'county');
    expect(county).toMatchObject({ id: '141130', name: '交口县', nameEn: 'Jiaokou County', parentId: null });
    expect(townships.map((t) => t.name)).toEqual(['水头镇', '康城镇', '双池镇', '桃红坡镇', '石口乡', '回龙乡', '温泉乡']);
    expect(townships.map((t) => t.nameEn)).toEqual([
      'Shuitou Town', 'Kangcheng Town', 'Shuangchi Town', 'Taohongpo Town', 'Shikou Township', 'Huilong Township', 'Wenquan Township',
    ]);
    for (const t of townships) {
      expect(t.id).toMatch(/^141130\d{3}$/);
      expect(t.parentId).toBe(DEMO_COUNTY_ID);
    }
  });

  it('distributes villages 20/14/18/14/10/10/9 with 12-digit codes under their township', () => {
    expect(townships.map((t) => villages.filter((v) => v.parentId === t.id).length)).toEqual([20, 14, 18, 14, 10, 10, 9]);
    expect(DEMO_TOWNSHIPS.reduce((n, t) => n + t.villageCount, 0)).toBe(95);
    for (const v of villages) {
      expect(v.id).toMatch(/^\d{12}$/);
      expect(v.id.startsWith(v.parentId ?? '<none>')).toBe(true);
    }
  });

  it('marks every unit as demo data and satisfies the contract schema', () => {
    for (const u of units) {
      expect(u.demo).toBe(true);
      expect(orgUnitSchema.safeParse(u).success).toBe(true);
    }
  });

  it('passes validateOrgUnits with no problems', () => {
    expect(validateOrgUnits(units)).toEqual([]);
  });

  it('puts every coordinate inside 110.9–111.5 E, 36.8–37.2 N', () => {
    for (const u of units) expect(inBounds(u.lat, u.lng), `${u.id} ${u.name} ${u.lat},${u.lng}`).toBe(true);
  });

  it('scatters villages within a few km of their township centre', () => {
    for (const v of villages) {
      const t = townships.find((x) => x.id === v.parentId);
      const d = distanceKm(v as { lat: number; lng: number }, t as { lat: number; lng: number });
      expect(d).toBeLessThanOrEqual(5);
      expect(d).toBeGreaterThan(0.5);
    }
  });

  it('has village names ending in 村 that are unique within each township (and across the county)', () => {
    for (const t of townships) {
      const names = villages.filter((v) => v.parentId === t.id).map((v) => v.name);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(new Set(villages.map((v) => v.name)).size).toBe(95);
    for (const v of villages) {
      expect(v.name).toMatch(/^\p{Script=Han}{2,4}村$/u);
      expect(v.nameEn).toMatch(/^[A-Z][a-z]+ Village$/);
    }
  });

  it('has unique ids', () => {
    expect(new Set(units.map((u) => u.id)).size).toBe(units.length);
  });

  it('is deterministic and demoOrgUnits() returns an equal, independent copy', () => {
    const a = demoOrgUnits();
    const b = demoOrgUnits();
    expect(a).toEqual(units);
    expect(b).toEqual(a);
    (a[0] as { name: string }).name = 'changed';
    expect(units[0]?.name).toBe('交口县');
    expect(b[0]?.name).toBe('交口县');
  });
});
