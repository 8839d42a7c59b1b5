/**
 * Pure utilities over a flat `OrgUnit[]` (county → township → village). None of them mutate their input.
 *
 * Lookups are by id; if the list holds duplicate ids the FIRST occurrence wins (validateOrgUnits reports the
 * duplicates). All walks are guarded against parent cycles, so malformed input never loops forever.
 */
import { orgUnitSchema, type OrgLevel, type OrgUnit } from '../../contracts/src/org-unit';

export interface OrgTreeNode extends OrgUnit {
  /** Child units, sorted by id (code order). */
  children: OrgTreeNode[];
}

function indexById(units: readonly OrgUnit[]): Map<string, OrgUnit> {
  const byId = new Map<string, OrgUnit>();
  for (const u of units) if (!byId.has(u.id)) byId.set(u.id, u);
  return byId;
}

function childrenIndex(byId: ReadonlyMap<string, OrgUnit>): Map<string, OrgUnit[]> {
  const children = new Map<string, OrgUnit[]>();
  for (const u of byId.values()) {
    if (u.parentId === null || u.parentId === u.id || !byId.has(u.parentId)) continue;
    const list = children.get(u.parentId);
    if (list) list.push(u);
    else children.set(u.parentId, [u]);
  }
  for (const list of children.values()) list.sort(byCode);
  return children;
}

function byCode(a: OrgUnit, b: OrgUnit): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Nest a flat list into trees. Roots are units without a parent, and also units whose parent is not in the list
 * (so nothing valid-looking disappears from a UI tree). Units caught in a parent cycle have no root and are left
 * out; validateOrgUnits reports them. Roots and children are sorted by id.
 */
export function buildOrgTree(units: readonly OrgUnit[]): OrgTreeNode[] {
  const byId = indexById(units);
  const children = childrenIndex(byId);
  const visited = new Set<string>();
  const build = (u: OrgUnit): OrgTreeNode => {
    visited.add(u.id);
    const kids = (children.get(u.id) ?? []).filter((c) => !visited.has(c.id)).map(build);
    return { ...u, children: kids };
  };
  const roots = [...byId.values()].filter((u) => u.parentId === null || !byId.has(u.parentId)).sort(byCode);
  return roots.map(build);
}

/** Ids of `rootId` and all of its descendants, in pre-order (each level in code order); [] if rootId is unknown. */
export function subtreeIds(units: readonly OrgUnit[], rootId: string): string[] {
  const byId = indexById(units);
  if (!byId.has(rootId)) return [];
  const children = childrenIndex(byId);
  const out: string[] = [];
  const seen = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    const kids = children.get(id) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push((kids[i] as OrgUnit).id);
  }
  return out;
}

/**
 * The ancestors of unit `id`, from the top (county) down to its direct parent; the unit itself is not included.
 * [] for an unknown id or a root. The walk stops at an unknown parent or when it would revisit a unit.
 */
export function ancestors(units: readonly OrgUnit[], id: string): OrgUnit[] {
  const byId = indexById(units);
  const start = byId.get(id);
  if (!start) return [];
  const chain: OrgUnit[] = [];
  const seen = new Set<string>([start.id]);
  let parentId = start.parentId;
  while (parentId !== null && !seen.has(parentId)) {
    const parent = byId.get(parentId);
    if (!parent) break;
    chain.push(parent);
    seen.add(parent.id);
    parentId = parent.parentId;
  }
  return chain.reverse();
}

/** The township that unit `id` belongs to: the unit itself if it is a township, null for the county or an unknown id. */
export function townshipOf(units: readonly OrgUnit[], id: string): OrgUnit | null {
  const unit = indexById(units).get(id);
  if (!unit) return null;
  if (unit.level === 'township') return unit;
  return ancestors(units, id).find((a) => a.level === 'township') ?? null;
}

// ---- validation --------------------------------------------------------------------------------------

export type OrgUnitProblemKind =
  | 'invalid-unit' // fails the contract schema (orgUnitSchema)
  | 'duplicate-id'
  | 'unknown-parent'
  | 'level-nesting' // county must be a root; township under a county; village under a township
  | 'code-length' // county 6 digits, township 9, village 12
  | 'code-prefix' // a unit's code must extend its parent's code
  | 'parent-cycle';

export interface OrgUnitProblem {
  kind: OrgUnitProblemKind;
  /** Id of the unit the problem is about. */
  id: string;
  message: string;
}

const CODE_LENGTH: Record<OrgLevel, number> = { county: 6, township: 9, village: 12 };
const PARENT_LEVEL: Record<OrgLevel, OrgLevel | null> = { county: null, township: 'county', village: 'township' };

/**
 * Every problem in a flat org-unit list, in input order (an empty array means the list is consistent):
 * schema violations, duplicate ids, unknown parents, wrong level nesting (county → township → village),
 * code lengths that do not match the level, codes not prefixed by the parent's code, and parent cycles.
 */
export function validateOrgUnits(units: readonly OrgUnit[]): OrgUnitProblem[] {
  const problems: OrgUnitProblem[] = [];
  const byId = indexById(units);
  const seen = new Set<string>();
  const add = (kind: OrgUnitProblemKind, id: string, message: string) => problems.push({ kind, id, message });

  for (const u of units) {
    const parsed = orgUnitSchema.safeParse(u);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(unit)'}: ${i.message}`).join('; ');
      add('invalid-unit', String(u?.id), `org unit ${String(u?.id)} is invalid: ${detail}`);
    }
    if (typeof u?.id !== 'string') continue;

    if (seen.has(u.id)) {
      add('duplicate-id', u.id, `duplicate org unit id ${u.id}`);
      continue; // the first occurrence is the one every lookup uses; don't report its other checks twice
    }
    seen.add(u.id);

    const expectedLength = CODE_LENGTH[u.level];
    if (expectedLength !== undefined && u.id.length !== expectedLength) {
      add('code-length', u.id, `${u.level} ${u.id} should have a ${expectedLength}-digit code, has ${u.id.length}`);
    }

    const expectedParentLevel = PARENT_LEVEL[u.level];
    if (u.parentId === null || u.parentId === undefined) {
      if (expectedParentLevel) add('level-nesting', u.id, `${u.level} ${u.id} has no parent; it must sit under a ${expectedParentLevel}`);
      continue;
    }
    if (u.level === 'county') {
      add('level-nesting', u.id, `county ${u.id} must be a root but has parent ${u.parentId}`);
    }
    const parent = byId.get(u.parentId);
    if (!parent) {
      add('unknown-parent', u.id, `${u.level} ${u.id} has unknown parent ${u.parentId}`);
      continue;
    }
    if (expectedParentLevel && parent.level !== expectedParentLevel) {
      add('level-nesting', u.id, `${u.level} ${u.id} sits under ${parent.level} ${parent.id}; it must sit under a ${expectedParentLevel}`);
    }
    if (!(u.id.length > parent.id.length && u.id.startsWith(parent.id))) {
      add('code-prefix', u.id, `code ${u.id} does not extend its parent's code ${parent.id}`);
    }
    if (isOnParentCycle(byId, u)) {
      add('parent-cycle', u.id, `${u.level} ${u.id} is its own ancestor`);
    }
  }
  return problems;
}

function isOnParentCycle(byId: ReadonlyMap<string, OrgUnit>, unit: OrgUnit): boolean {
  const seen = new Set<string>();
  let parentId = unit.parentId;
  while (parentId !== null && parentId !== undefined && !seen.has(parentId)) {
    if (parentId === unit.id) return true;
    seen.add(parentId);
    parentId = byId.get(parentId)?.parentId ?? null;
  }
  return false;
}
