// Pure: the alarm list's filter form → the gateway query, and the org-unit choices (county, townships, villages,
// indented by level).
import type { AlarmSeverity, AlarmState } from '../../../../contracts/src/alarm';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import type { AlarmListParams } from '../../gateway/gateway-types';

export interface AlarmFilters {
  states: readonly AlarmState[];
  type: string;
  severity: AlarmSeverity | '';
  orgUnit: string;
  /** `datetime-local` values (local time), '' for none. */
  from: string;
  to: string;
}

export const DEFAULT_FILTERS: AlarmFilters = { states: [], type: '', severity: '', orgUnit: '', from: '', to: '' };
export const PAGE_SIZE = 50;

/** A `datetime-local` value as an ISO instant, or undefined when empty or unreadable. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function toQuery(f: AlarmFilters, page: number): AlarmListParams {
  return {
    state: f.states.length ? f.states : undefined,
    type: f.type ? [f.type] : undefined,
    severity: f.severity ? [f.severity] : undefined,
    orgUnit: f.orgUnit || undefined,
    from: localToIso(f.from),
    to: localToIso(f.to),
    limit: PAGE_SIZE,
    offset: Math.max(0, page) * PAGE_SIZE,
  };
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

export interface OrgChoice {
  id: string;
  label: string;
  depth: number;
}

/** Org units in tree order (children under their parent), for the org-unit filter and the rules editor. */
export function orgChoices(units: readonly OrgUnit[], label: (u: OrgUnit) => string): OrgChoice[] {
  const children = new Map<string | null, OrgUnit[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: OrgChoice[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of [...(children.get(parent) ?? [])].sort((a, b) => a.id.localeCompare(b.id))) {
      out.push({ id: u.id, label: label(u), depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/**
 * The org units a user may give an object it manages (a rule, a wall): its own unit's subtree; null = any (county
 * level). The gateway refuses anything else (403); the console only offers what it would accept.
 */
export function manageableOrgIds(units: readonly Pick<OrgUnit, 'id' | 'parentId'>[], userOrgUnitId: string | null): Set<string> | null {
  if (userOrgUnitId === null) return null;
  const out = new Set<string>([userOrgUnitId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId !== null && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Whether an object owned by this org unit (null = site-wide) is the user's to change. */
export const canManageOrg = (manageable: Set<string> | null, ownerOrgUnitId: string | null): boolean =>
  manageable === null || (ownerOrgUnitId !== null && manageable.has(ownerOrgUnitId));
