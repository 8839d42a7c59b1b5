// Pure tree building for the camera panel: county → township → village → camera, with online/total counts per
// node and a search filter. No React, so the counting rules are unit-tested.
import type { CameraDto } from '../../../../contracts/src/camera';
import type { OrgLevel, OrgUnit } from '../../../../contracts/src/org-unit';

export const OTHER_NODE_ID = '__other__';

export interface OrgNode {
  kind: 'org';
  id: string;
  /** null for the synthetic "unassigned" group (cameras whose org unit the user cannot see or that is unknown). */
  unit: OrgUnit | null;
  level: OrgLevel | null;
  children: TreeNode[];
  online: number;
  total: number;
}

export interface CameraLeaf {
  kind: 'camera';
  id: string;
  camera: CameraDto;
}

export type TreeNode = OrgNode | CameraLeaf;

export interface TreeRow {
  node: TreeNode;
  depth: number;
}

export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase();
}

function cameraMatches(camera: CameraDto, q: string): boolean {
  return camera.name.toLowerCase().includes(q) || camera.id.toLowerCase().includes(q) || (camera.deviceCode ?? '').includes(q);
}

function unitMatches(unit: OrgUnit, q: string): boolean {
  return unit.name.toLowerCase().includes(q) || (unit.nameEn ?? '').toLowerCase().includes(q) || unit.id.startsWith(q);
}

const byName = (a: CameraDto, b: CameraDto) => a.name.localeCompare(b.name, 'zh-Hans-CN') || a.id.localeCompare(b.id);

/**
 * Builds the forest. Without a query every org unit is shown (an empty village shows 0/0: that is information).
 * With a query, a camera is kept when it matches or when one of its org ancestors matches; org nodes without kept
 * cameras are dropped. Counts are over the cameras shown.
 */
export function buildCameraTree(orgUnits: readonly OrgUnit[], cameras: readonly CameraDto[], query = ''): OrgNode[] {
  const q = normalizeQuery(query);
  const nodes = new Map<string, OrgNode>();
  for (const unit of orgUnits) nodes.set(unit.id, { kind: 'org', id: unit.id, unit, level: unit.level, children: [], online: 0, total: 0 });

  const roots: OrgNode[] = [];
  for (const unit of [...orgUnits].sort((a, b) => a.id.localeCompare(b.id))) {
    const node = nodes.get(unit.id)!;
    const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }

  // Whether an org unit or one of its ancestors matches the query (memoised walk up the parents).
  const matchMemo = new Map<string, boolean>();
  const orgMatches = (id: string, depth = 0): boolean => {
    const known = matchMemo.get(id);
    if (known !== undefined) return known;
    const unit = nodes.get(id)?.unit;
    const result = !!unit && (unitMatches(unit, q) || (!!unit.parentId && depth < 16 && orgMatches(unit.parentId, depth + 1)));
    matchMemo.set(id, result);
    return result;
  };

  const other: OrgNode = { kind: 'org', id: OTHER_NODE_ID, unit: null, level: null, children: [], online: 0, total: 0 };
  for (const camera of [...cameras].sort(byName)) {
    if (q && !cameraMatches(camera, q) && !orgMatches(camera.orgUnitId)) continue;
    (nodes.get(camera.orgUnitId) ?? other).children.push({ kind: 'camera', id: camera.id, camera });
  }
  if (other.children.length > 0) roots.push(other);

  const count = (node: OrgNode): void => {
    for (const child of node.children) {
      if (child.kind === 'camera') {
        node.total++;
        if (child.camera.status === 'online') node.online++;
      } else {
        count(child);
        node.total += child.total;
        node.online += child.online;
      }
    }
    // Sub-units first, then the cameras attached directly to this unit.
    node.children.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'org' ? -1 : 1));
  };
  roots.forEach(count);

  if (!q) return roots;
  const prune = (node: OrgNode): OrgNode | null => {
    if (node.total === 0) return null;
    node.children = node.children.map((c) => (c.kind === 'org' ? prune(c) : c)).filter((c): c is TreeNode => c !== null);
    return node;
  };
  return roots.map(prune).filter((n): n is OrgNode => n !== null);
}

/** The rows to render: depth-first, descending only into expanded org nodes. */
export function flattenTree(roots: readonly OrgNode[], isExpanded: (id: string) => boolean): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (node: TreeNode, depth: number) => {
    rows.push({ node, depth });
    if (node.kind === 'org' && isExpanded(node.id)) for (const child of node.children) walk(child, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  return rows;
}

/** Default expansion: the roots (the county) open, everything below closed. */
export function defaultExpanded(roots: readonly OrgNode[]): Set<string> {
  return new Set(roots.map((r) => r.id));
}
