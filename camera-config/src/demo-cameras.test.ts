import { describe, expect, it } from 'vitest';
import { DEMO_BOUNDS, DEMO_ORG_UNITS, DEMO_TOWNSHIPS } from './demo-county';
import { DEMO_CAMERA_TOTAL, demoCameraPlacement, demoCameraPlacements, demoCategory1Count } from './demo-cameras';
import { townshipOf } from './org-hierarchy';

const byId = new Map(DEMO_ORG_UNITS.map((u) => [u.id, u]));

describe('demoCameraPlacement, total 880', () => {
  const all = demoCameraPlacements(880);

  it('gives 200 category-1 then 680 category-3 cameras', () => {
    expect(DEMO_CAMERA_TOTAL).toBe(880);
    expect(all).toHaveLength(880);
    expect(all.filter((c) => c.category === 1)).toHaveLength(200);
    expect(all.filter((c) => c.category === 3)).toHaveLength(680);
    expect(all.slice(0, 200).every((c) => c.category === 1)).toBe(true);
    expect(all.slice(200).every((c) => c.category === 3)).toBe(true);
  });

  it('gives unique names', () => {
    expect(new Set(all.map((c) => c.name)).size).toBe(880);
    for (const c of all) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it('places every camera in an existing org unit: category 1 at township centres, category 3 in villages', () => {
    for (const c of all) {
      const unit = byId.get(c.orgUnitId);
      expect(unit, c.orgUnitId).toBeDefined();
      expect(unit?.level).toBe(c.category === 1 ? 'township' : 'village');
      expect(c.name.startsWith(`${unit?.name} `)).toBe(true);
    }
  });

  it('puts category-1 cameras in every township, most of them at the county seat', () => {
    const cat1 = all.filter((c) => c.category === 1);
    const counts = DEMO_TOWNSHIPS.map((t) => cat1.filter((c) => c.orgUnitId === t.id).length);
    for (const n of counts) expect(n).toBeGreaterThan(0);
    expect(counts[0]).toBe(Math.max(...counts));
  });

  it('puts category-3 cameras in every one of the 95 villages', () => {
    const villages = new Set(all.filter((c) => c.category === 3).map((c) => c.orgUnitId));
    expect(villages.size).toBe(95);
  });

  it('uses coordinates near the org unit, inside the demo bounds, and directions 0–359', () => {
    for (const c of all) {
      const unit = byId.get(c.orgUnitId);
      expect(Math.abs(c.lat - (unit?.lat ?? NaN))).toBeLessThan(0.03);
      expect(Math.abs(c.lng - (unit?.lng ?? NaN))).toBeLessThan(0.03);
      expect(c.lat).toBeGreaterThanOrEqual(DEMO_BOUNDS.minLat);
      expect(c.lat).toBeLessThanOrEqual(DEMO_BOUNDS.maxLat);
      expect(c.lng).toBeGreaterThanOrEqual(DEMO_BOUNDS.minLng);
      expect(c.lng).toBeLessThanOrEqual(DEMO_BOUNDS.maxLng);
      expect(Number.isInteger(c.direction)).toBe(true);
      expect(c.direction).toBeGreaterThanOrEqual(0);
      expect(c.direction).toBeLessThanOrEqual(359);
    }
  });

  it('is deterministic', () => {
    expect(demoCameraPlacements(880)).toEqual(all);
    expect(demoCameraPlacement(1, 880)).toEqual(demoCameraPlacement(1, 880));
    expect(demoCameraPlacement(537, 880)).toEqual(all[536]);
  });

  it('names category-1 and category-3 sites as described', () => {
    expect(all.some((c) => /^水头镇 .+与.+交叉口$/.test(c.name))).toBe(true);
    expect(all.some((c) => / 村委会门口$/.test(c.name))).toBe(true);
    expect(all.some((c) => / 主街东$/.test(c.name))).toBe(true);
  });
});

describe('demoCameraPlacement, other totals', () => {
  it('keeps roughly the 200/880 proportion with at least one of each category', () => {
    expect(demoCategory1Count(1)).toBe(0);
    expect(demoCategory1Count(2)).toBe(1);
    expect(demoCategory1Count(3)).toBe(1);
    expect(demoCategory1Count(44)).toBe(10);
    expect(demoCategory1Count(100)).toBe(23);
    for (let total = 2; total <= 60; total++) {
      const cats = demoCameraPlacements(total).map((c) => c.category);
      expect(cats).toContain(1);
      expect(cats).toContain(3);
    }
  });

  it('puts cameras in every township once total >= 7', () => {
    for (const total of [7, 8, 9, 10, 15, 22, 31, 50, 100]) {
      const covered = new Set(demoCameraPlacements(total).map((c) => townshipOf(DEMO_ORG_UNITS, c.orgUnitId)?.id));
      expect(covered.size, `total ${total}`).toBe(7);
    }
  });

  it('keeps names unique for small and large totals', () => {
    for (const total of [1, 2, 7, 50, 300, 2000]) {
      const names = demoCameraPlacements(total).map((c) => c.name);
      expect(new Set(names).size, `total ${total}`).toBe(total);
    }
  });

  it('rejects an index or total out of range', () => {
    expect(() => demoCameraPlacement(0, 10)).toThrow(RangeError);
    expect(() => demoCameraPlacement(11, 10)).toThrow(RangeError);
    expect(() => demoCameraPlacement(1.5, 10)).toThrow(RangeError);
    expect(() => demoCameraPlacement(1, 0)).toThrow(RangeError);
    expect(() => demoCameraPlacements(-1)).toThrow(RangeError);
  });
});
