import { describe, expect, it } from 'vitest';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import { ScopeService } from './scope-service';

// county 141130 → townships 水头镇 141130100 (village 141130100001) and 康城镇 141130101
const PARENT: Record<string, string | null> = { '141130': null, '141130100': '141130', '141130100001': '141130100', '141130101': '141130' };
const isWithin = (id: string, ancestorId: string): boolean => {
  for (let at: string | null | undefined = id; at; at = PARENT[at]) if (at === ancestorId) return true;
  return false;
};
const orgUnits = { isWithin, subtreeIds: (root: string) => Object.keys(PARENT).filter((id) => isWithin(id, root)) } as unknown as OrgUnitRepository;
const scope = new ScopeService(orgUnits);

const county = { orgUnitId: null };
const shuitou = { orgUnitId: '141130100' };
const village = { orgUnitId: '141130100001' };

describe('ScopeService: who manages and who sees an object owned by an org unit', () => {
  it('manages only within its own subtree; site-wide objects only at county level', () => {
    expect(scope.canManage(county, null)).toBe(true);
    expect(scope.canManage(county, '141130101')).toBe(true);
    expect(scope.canManage(shuitou, '141130100')).toBe(true);
    expect(scope.canManage(shuitou, '141130100001')).toBe(true);
    expect(scope.canManage(shuitou, '141130101')).toBe(false); // another township
    expect(scope.canManage(shuitou, '141130')).toBe(false); // the county's
    expect(scope.canManage(shuitou, null)).toBe(false); // site-wide
    expect(scope.canManage(village, '141130100')).toBe(false); // its township's
  });

  it('sees its subtree\'s and those owned above it, never a sibling\'s', () => {
    expect(scope.canSeeShared(shuitou, null)).toBe(true);
    expect(scope.canSeeShared(shuitou, '141130100001')).toBe(true);
    expect(scope.canSeeShared(village, '141130100')).toBe(true);
    expect(scope.canSeeShared(village, '141130')).toBe(true);
    expect(scope.canSeeShared(shuitou, '141130101')).toBe(false);
    expect(scope.canSeeShared(village, '141130101')).toBe(false);
    expect(scope.canSeeShared(county, '141130101')).toBe(true);
  });
});
