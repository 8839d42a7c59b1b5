import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '../../contracts/src/org-unit';
import { DEMO_ORG_UNITS, demoOrgUnits } from './demo-county';
import { ancestors, buildOrgTree, subtreeIds, townshipOf, validateOrgUnits, type OrgUnitProblemKind } from './org-hierarchy';

const SEAT = '141130100'; // 水头镇
const WENQUAN = '141130202'; // 温泉乡

function unit(id: string, level: OrgUnit['level'], parentId: string | null): OrgUnit {
  return { id, name: `unit ${id}`, nameEn: null, level, parentId, lat: null, lng: null, demo: true };
}

/** A small valid county: 1 county, 2 townships, 3 villages. */
function small(): OrgUnit[] {
  return [
    unit('141130', 'county', null),
    unit('141130100', 'township', '141130'),
    unit('141130200', 'township', '141130'),
    unit('141130100200', 'village', '141130100'),
    unit('141130100201', 'village', '141130100'),
    unit('141130200200', 'village', '141130200'),
  ];
}

const kinds = (units: OrgUnit[]): OrgUnitProblemKind[] => validateOrgUnits(units).map((p) => p.kind);

describe('buildOrgTree', () => {
  it('nests the demo county as one root with 7 townships and 95 villages', () => {
    const roots = buildOrgTree(DEMO_ORG_UNITS);
    expect(roots).toHaveLength(1);
    const county = roots[0];
    expect(county?.id).toBe('141130');
    expect(county?.children).toHaveLength(7);
    expect(county?.children.map((t) => t.children.length)).toEqual([20, 14, 18, 14, 10, 10, 9]);
    expect(county?.children.flatMap((t) => t.children).every((v) => v.level === 'village' && v.children.length === 0)).toBe(true);
  });

  it('sorts children by code regardless of input order and does not mutate the input', () => {
    const input = small().reverse();
    const before = JSON.stringify(input);
    const [root] = buildOrgTree(input);
    expect(root?.children.map((c) => c.id)).toEqual(['141130100', '141130200']);
    expect(root?.children[0]?.children.map((c) => c.id)).toEqual(['141130100200', '141130100201']);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('keeps units with an unknown parent as roots and leaves out parent cycles', () => {
    const units = [...small(), unit('999999100', 'township', '999999'), unit('141130300', 'township', '141130301'), unit('141130301', 'township', '141130300')];
    const ids = buildOrgTree(units).map((r) => r.id);
    expect(ids).toEqual(['141130', '999999100']);
  });
});

describe('subtreeIds', () => {
  it('of a township contains only the township and its villages', () => {
    const ids = subtreeIds(DEMO_ORG_UNITS, SEAT);
    expect(ids[0]).toBe(SEAT);
    expect(ids).toHaveLength(21);
    const villages = DEMO_ORG_UNITS.filter((u) => u.parentId === SEAT).map((u) => u.id);
    expect(new Set(ids)).toEqual(new Set([SEAT, ...villages]));
    for (const id of ids.slice(1)) expect(DEMO_ORG_UNITS.find((u) => u.id === id)?.level).toBe('village');
  });

  it('of the county contains everything; of a village only itself; of an unknown id nothing', () => {
    expect(new Set(subtreeIds(DEMO_ORG_UNITS, '141130'))).toEqual(new Set(DEMO_ORG_UNITS.map((u) => u.id)));
    expect(subtreeIds(DEMO_ORG_UNITS, '141130202200')).toEqual(['141130202200']);
    expect(subtreeIds(DEMO_ORG_UNITS, '000000')).toEqual([]);
  });

  it('terminates on a parent cycle', () => {
    const units = [unit('141130300', 'township', '141130301'), unit('141130301', 'township', '141130300')];
    expect(new Set(subtreeIds(units, '141130300'))).toEqual(new Set(['141130300', '141130301']));
  });
});

describe('ancestors and townshipOf', () => {
  it('lists ancestors from the county down to the direct parent', () => {
    expect(ancestors(DEMO_ORG_UNITS, '141130202200').map((u) => u.id)).toEqual(['141130', WENQUAN]);
    expect(ancestors(DEMO_ORG_UNITS, WENQUAN).map((u) => u.id)).toEqual(['141130']);
    expect(ancestors(DEMO_ORG_UNITS, '141130')).toEqual([]);
    expect(ancestors(DEMO_ORG_UNITS, 'nope')).toEqual([]);
  });

  it('terminates on a parent cycle', () => {
    const units = [unit('141130300', 'township', '141130301'), unit('141130301', 'township', '141130300')];
    expect(ancestors(units, '141130300').map((u) => u.id)).toEqual(['141130301']);
  });

  it('finds the township of a village, a township itself, and null for the county or unknown ids', () => {
    expect(townshipOf(DEMO_ORG_UNITS, '141130202200')?.name).toBe('温泉乡');
    expect(townshipOf(DEMO_ORG_UNITS, SEAT)?.name).toBe('水头镇');
    expect(townshipOf(DEMO_ORG_UNITS, '141130')).toBeNull();
    expect(townshipOf(DEMO_ORG_UNITS, 'nope')).toBeNull();
  });
});

describe('validateOrgUnits', () => {
  it('accepts a valid list and the demo county', () => {
    expect(validateOrgUnits(small())).toEqual([]);
    expect(validateOrgUnits(demoOrgUnits())).toEqual([]);
    expect(validateOrgUnits([])).toEqual([]);
  });

  it('catches duplicate ids', () => {
    const problems = validateOrgUnits([...small(), unit('141130100200', 'village', '141130100')]);
    expect(problems).toEqual([expect.objectContaining({ kind: 'duplicate-id', id: '141130100200' })]);
  });

  it('catches unknown parents', () => {
    const problems = validateOrgUnits([...small(), unit('141130100299', 'village', '141130199')]);
    expect(problems).toEqual([expect.objectContaining({ kind: 'unknown-parent', id: '141130100299' })]);
  });

  it('catches wrong level nesting', () => {
    // village directly under the county (its code also has the wrong length for that position, but the prefix is fine)
    expect(kinds([...small(), unit('141130300', 'village', '141130')])).toEqual(['code-length', 'level-nesting']);
    // township under a township
    expect(kinds([...small(), unit('141130100300', 'township', '141130100')])).toEqual(['code-length', 'level-nesting']);
    // village under a village
    expect(kinds([...small(), unit('141130100202', 'village', '141130100200')])).toEqual(['level-nesting', 'code-prefix']);
    // county with a parent, township without one
    expect(kinds([...small(), unit('141131', 'county', '141130')])).toEqual(['level-nesting', 'code-prefix']);
    expect(kinds([...small(), unit('141130400', 'township', null)])).toEqual(['level-nesting']);
  });

  it('catches codes that do not extend the parent code', () => {
    const problems = validateOrgUnits([...small(), unit('141130200201', 'village', '141130100')]);
    expect(problems).toEqual([expect.objectContaining({ kind: 'code-prefix', id: '141130200201' })]);
  });

  it('catches code lengths that do not match the level', () => {
    const problems = validateOrgUnits([...small(), unit('141132100', 'county', null)]);
    expect(problems).toEqual([expect.objectContaining({ kind: 'code-length', id: '141132100' })]);
  });

  it('catches parent cycles and schema violations', () => {
    expect(kinds([unit('141130300', 'township', '141130300')])).toEqual(['level-nesting', 'code-prefix', 'parent-cycle']);
    const bad = { ...unit('14113', 'county', null), name: '' };
    expect(kinds([bad])).toEqual(['invalid-unit', 'code-length']);
  });

  it('reports each problem once, in input order', () => {
    const units = [...small(), unit('141130200201', 'village', '141130100'), unit('141130100200', 'village', '141130100'), unit('141130100299', 'village', '141130199')];
    expect(validateOrgUnits(units).map((p) => [p.kind, p.id])).toEqual([
      ['code-prefix', '141130200201'],
      ['duplicate-id', '141130100200'],
      ['unknown-parent', '141130100299'],
    ]);
    for (const p of validateOrgUnits(units)) expect(p.message.length).toBeGreaterThan(0);
  });
});
