// The list (pure): filters → query string, whether a pushed incident belongs on the current page, and the upsert
// by id (the gateway may push the same incident twice; the newer `updatedAt` wins).
import type { IncidentCategory, IncidentDto, IncidentState } from '../../../../contracts/src/incident';

export interface IncidentFilter {
  state: IncidentState | '';
  category: IncidentCategory | '';
  /** A township id ('' = all). */
  township: string;
  supervised: boolean;
  overdue: boolean;
  /** 待我处理: only what waits for the user's step (the gateway decides: `todo=true`). */
  todo: boolean;
  q: string;
  /** DateField values (`YYYY-MM-DD`), local days; `to` is inclusive. */
  from: string;
  to: string;
}

export const EMPTY_FILTER: IncidentFilter = { state: '', category: '', township: '', supervised: false, overdue: false, todo: false, q: '', from: '', to: '' };
export const PAGE_SIZE = 20;

/** A local calendar day (YYYY-MM-DD) plus `addDays`, at local midnight, as an ISO instant; null when malformed. */
export function localDayToIso(day: string, addDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + addDays);
  return Number.isFinite(d.getTime()) ? d.toISOString() : null;
}

export function listQuery(f: IncidentFilter, page: number, pageSize = PAGE_SIZE): string {
  const p = new URLSearchParams();
  if (f.state) p.set('state', f.state);
  if (f.category) p.set('category', f.category);
  if (f.township) p.set('orgUnit', f.township);
  if (f.supervised) p.set('supervised', 'true');
  if (f.overdue) p.set('overdue', 'true');
  if (f.todo) p.set('todo', 'true');
  const q = f.q.trim().slice(0, 100);
  if (q) p.set('q', q);
  const from = localDayToIso(f.from);
  const to = localDayToIso(f.to, 1);
  if (from) p.set('from', from);
  if (to) p.set('to', to);
  p.set('limit', String(pageSize));
  p.set('offset', String(Math.max(0, page) * pageSize));
  return p.toString();
}

/**
 * Does a (pushed) incident satisfy the filter? `within(unit, ancestor)` answers subtree membership; `waits` whether it
 * waits for the user (contracts waitsFor), for the 待我处理 filter.
 */
export function matchesFilter(i: IncidentDto, f: IncidentFilter, within: (unit: string, ancestor: string) => boolean, waits: (i: IncidentDto) => boolean = () => false): boolean {
  if (f.todo && !waits(i)) return false;
  if (f.state && i.state !== f.state) return false;
  if (f.category && i.category !== f.category) return false;
  if (f.township && !within(i.place.orgUnitId, f.township) && !(i.responsibleOrgUnitId !== null && within(i.responsibleOrgUnitId, f.township))) return false;
  if (f.supervised && !i.supervised) return false;
  if (f.overdue && !i.overdue) return false;
  const q = f.q.trim().toLowerCase();
  if (q && ![i.code, i.title, i.description].some((s) => s.toLowerCase().includes(q))) return false;
  const created = Date.parse(i.createdAt);
  const from = localDayToIso(f.from);
  const to = localDayToIso(f.to, 1);
  if (from && created < Date.parse(from)) return false;
  if (to && created >= Date.parse(to)) return false;
  return true;
}

/** `a` is a newer version of the same incident than `b` (equal timestamps: not newer, i.e. a duplicate push). */
export function isNewer(a: Pick<IncidentDto, 'updatedAt'>, b: Pick<IncidentDto, 'updatedAt'>): boolean {
  return Date.parse(a.updatedAt) > Date.parse(b.updatedAt);
}

export interface ListState {
  items: readonly IncidentDto[];
  total: number;
}

/**
 * Applies a pushed incident to the page shown: replaces it when newer, ignores an old or repeated push; an unknown
 * incident that matches the filter is put on top of the first page (new cases come first) and counted.
 * Returns the same object when nothing changed.
 */
export function applyPushed(list: ListState, incident: IncidentDto, opts: { matches: boolean; firstPage: boolean; pageSize?: number }): ListState {
  const index = list.items.findIndex((i) => i.id === incident.id);
  if (index >= 0) {
    if (!isNewer(incident, list.items[index]!)) return list;
    const items = list.items.slice();
    items[index] = incident;
    return { ...list, items };
  }
  if (!opts.matches || !opts.firstPage) return list;
  return { items: [incident, ...list.items].slice(0, opts.pageSize ?? PAGE_SIZE), total: list.total + 1 };
}

export const pageCount = (total: number, pageSize = PAGE_SIZE): number => Math.max(1, Math.ceil(total / pageSize));
