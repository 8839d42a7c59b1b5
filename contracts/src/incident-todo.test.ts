import { describe, expect, it } from 'vitest';
import { incidentListQuerySchema } from './incident';
import { waitsFor } from './incident-todo';

const within = (unit: string, ancestor: string) => unit.startsWith(ancestor);
const county = { role: 'county-operator', orgUnitId: null } as const;
const kangcheng = { role: 'township-officer', orgUnitId: '141130101' } as const;

describe('waitsFor (待我处理)', () => {
  it('gives the county the steps it takes and a township what is dispatched to it', () => {
    const i = (state: 'accepted' | 'analysed' | 'dispatched' | 'handled' | 'closed', responsibleOrgUnitId: string | null = null) => ({ state, responsibleOrgUnitId });
    expect(['accepted', 'analysed', 'handled', 'closed'].map((s) => waitsFor(county, i(s as 'accepted'), within))).toEqual([true, true, true, false]);
    expect(waitsFor(county, i('dispatched', '141130101'), within)).toBe(false);
    expect(waitsFor(county, i('dispatched', null), within)).toBe(true); // a department's case: the county feeds back
    expect(waitsFor(kangcheng, i('dispatched', '141130101'), within)).toBe(true);
    expect(waitsFor(kangcheng, i('dispatched', '141130102'), within)).toBe(false);
    expect(waitsFor(kangcheng, i('dispatched', null), within)).toBe(false);
    expect(waitsFor(kangcheng, i('accepted'), within)).toBe(false);
    expect(waitsFor({ role: 'technician', orgUnitId: null }, i('accepted'), within)).toBe(false);
  });

  it('reads todo=true|false and names the field otherwise', () => {
    expect(incidentListQuerySchema.parse({ todo: 'true' }).todo).toBe(true);
    const bad = incidentListQuerySchema.safeParse({ todo: 'yes' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['todo']);
  });
});
