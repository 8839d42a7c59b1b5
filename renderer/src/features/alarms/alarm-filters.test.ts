import { describe, expect, it } from 'vitest';
import { canManageOrg, DEFAULT_FILTERS, localToIso, manageableOrgIds, orgChoices, pageCount, toQuery } from './alarm-filters';

describe('alarm list filters', () => {
  it('builds the gateway query', () => {
    expect(toQuery(DEFAULT_FILTERS, 0)).toEqual({ state: undefined, type: undefined, severity: undefined, orgUnit: undefined, from: undefined, to: undefined, limit: 50, offset: 0 });
    const q = toQuery({ states: ['new', 'acknowledged'], type: 'motion', severity: 'major', orgUnit: '141130100', from: '2030-01-01T08:00', to: '', }, 2);
    expect(q).toMatchObject({ state: ['new', 'acknowledged'], type: ['motion'], severity: ['major'], orgUnit: '141130100', limit: 50, offset: 100 });
    expect(q.from).toBe(new Date('2030-01-01T08:00').toISOString());
    expect(localToIso('nonsense')).toBeUndefined();
    expect(pageCount(0)).toBe(1);
    expect(pageCount(101)).toBe(3);
  });

  it('org units in tree order with depth', () => {
    const u = (id: string, parentId: string | null) => ({ id, name: id, nameEn: null, level: 'township' as const, parentId, lat: null, lng: null, demo: true });
    expect(orgChoices([u('141130100001', '141130100'), u('141130', null), u('141130100', '141130')], (x) => x.name).map((c) => `${c.depth}:${c.id}`)).toEqual(['0:141130', '1:141130100', '2:141130100001']);
  });

  it('offers a scoped user only its own subtree; site-wide objects are county-level users\' to change', () => {
    const units = [
      { id: '141130', parentId: null },
      { id: '141130100', parentId: '141130' },
      { id: '141130100001', parentId: '141130100' },
      { id: '141130101', parentId: '141130' },
    ];
    expect(manageableOrgIds(units, null)).toBeNull();
    const mine = manageableOrgIds(units, '141130100');
    expect([...mine!].sort()).toEqual(['141130100', '141130100001']);
    expect(canManageOrg(mine, '141130100001')).toBe(true);
    expect(canManageOrg(mine, '141130101')).toBe(false);
    expect(canManageOrg(mine, '141130')).toBe(false);
    expect(canManageOrg(mine, null)).toBe(false);
    expect(canManageOrg(null, null)).toBe(true);
  });
});
