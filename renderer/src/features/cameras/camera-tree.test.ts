import { describe, expect, it } from 'vitest';
import type { CameraDto, CameraStatus } from '../../../../contracts/src/camera';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { areaOf } from '../../components/ui/org-units';
import { buildCameraTree, defaultExpanded, flattenTree, OTHER_NODE_ID, type OrgNode } from './camera-tree';

const unit = (id: string, name: string, level: OrgUnit['level'], parentId: string | null, nameEn: string | null = null): OrgUnit => ({
  id, name, nameEn, level, parentId, lat: null, lng: null, demo: true,
});
const units: OrgUnit[] = [
  unit('141130', '交口县', 'county', null, 'Jiaokou County'),
  unit('141130100', '水头镇', 'township', '141130', 'Shuitou Town'),
  unit('141130101', '康城镇', 'township', '141130', 'Kangcheng Town'),
  unit('141130100001', '东街村', 'village', '141130100'),
  unit('141130100002', '西街村', 'village', '141130100'),
];
const cam = (id: string, name: string, orgUnitId: string, status: CameraStatus = 'online') =>
  ({ id, name, orgUnitId, status, statusReason: null, deviceCode: null }) as CameraDto;
const cameras = [
  cam('c1', '人民路口', '141130100'),
  cam('c2', '东街村委', '141130100001', 'offline'),
  cam('c3', '东街广场', '141130100001'),
  cam('c4', '康城中学', '141130101', 'unknown'),
  cam('c5', '县政府门口', '141130'),
  cam('c9', '外县点位', '999999'),
];

const find = (nodes: readonly OrgNode[], id: string): OrgNode | undefined => {
  for (const n of nodes) {
    if (n.id === id) return n;
    const inner = find(n.children.filter((c): c is OrgNode => c.kind === 'org'), id);
    if (inner) return inner;
  }
  return undefined;
};

describe('buildCameraTree', () => {
  const roots = buildCameraTree(units, cameras);

  it('nests county → township → village → camera', () => {
    expect(roots.map((r) => r.id)).toEqual(['141130', OTHER_NODE_ID]);
    const county = roots[0]!;
    expect(county.children.map((c) => c.id)).toEqual(['141130100', '141130101', 'c5']);
    const shuitou = find(roots, '141130100')!;
    expect(shuitou.children.map((c) => c.id)).toEqual(['141130100001', '141130100002', 'c1']);
  });

  it('counts online and total per node, summing up the tree', () => {
    expect(find(roots, '141130100001')).toMatchObject({ online: 1, total: 2 });
    expect(find(roots, '141130100002')).toMatchObject({ online: 0, total: 0 });
    expect(find(roots, '141130100')).toMatchObject({ online: 2, total: 3 });
    expect(find(roots, '141130101')).toMatchObject({ online: 0, total: 1 });
    expect(find(roots, '141130')).toMatchObject({ online: 3, total: 5 });
    expect(find(roots, OTHER_NODE_ID)).toMatchObject({ online: 1, total: 1 });
  });

  it('filters by camera name and keeps the ancestors, with counts over the matches', () => {
    const filtered = buildCameraTree(units, cameras, ' 东街 ');
    expect(filtered.map((r) => r.id)).toEqual(['141130']);
    expect(find(filtered, '141130')).toMatchObject({ online: 1, total: 2 });
    expect(find(filtered, '141130101')).toBeUndefined();
    expect(find(filtered, '141130100002')).toBeUndefined();
  });

  it('an org-unit match shows its whole subtree, in either language', () => {
    const zh = buildCameraTree(units, cameras, '水头');
    expect(find(zh, '141130100')).toMatchObject({ total: 3 });
    const en = buildCameraTree(units, cameras, 'kangcheng');
    expect(find(en, '141130101')).toMatchObject({ total: 1 });
    expect(find(en, '141130100')).toBeUndefined();
  });

  it('returns nothing when nothing matches', () => {
    expect(buildCameraTree(units, cameras, 'zzz')).toEqual([]);
  });
});

describe('flattenTree', () => {
  it('descends only into expanded nodes', () => {
    const roots = buildCameraTree(units, cameras);
    const closed = flattenTree(roots, (id) => defaultExpanded(roots).has(id));
    expect(closed.map((r) => `${r.depth}:${r.node.id}`)).toEqual(['0:141130', '1:141130100', '1:141130101', '1:c5', `0:${OTHER_NODE_ID}`, '1:c9']);
    const open = flattenTree(roots, (id) => id === '141130' || id === '141130100');
    expect(open.filter((r) => r.depth === 2).map((r) => r.node.id)).toEqual(['141130100001', '141130100002', 'c1']);
  });
});

describe('areaOf', () => {
  const byId = new Map(units.map((u) => [u.id, u]));
  it('finds the township of a village camera', () => {
    expect(areaOf('141130100001', byId)?.name).toBe('水头镇');
    expect(areaOf('141130101', byId)?.name).toBe('康城镇');
  });
  it('falls back to the unit itself above township level, null when unknown', () => {
    expect(areaOf('141130', byId)?.name).toBe('交口县');
    expect(areaOf('000000', byId)).toBeNull();
  });
});
