import type { IncidentStatisticsRow } from '../../../contracts/src/incident';
import type { OrgUnit } from '../../../contracts/src/org-unit';
import type { Db } from '../db/connection';
import { localMonth } from './incident-code';

/**
 * The figures the county reports upward, computed from the records in SQL. Every count concerns the incidents
 * accepted (created) in [from, to), grouped by the township of their place or by local month of acceptance:
 * - accepted: all of them; handled: those now handled or closed; handlingRate = handled / accepted
 * - overdue: those the escalation sweep marked overdue; supervised: those under 督办 (by hand or by escalation)
 * - returnVisits: those with a 回访 on record; satisfactionAvg: mean of their (latest) satisfaction, 1–5
 * - disputesInvestigated: 矛盾纠纷 accepted; disputesResolved: of those, closed as resolved
 */
export interface RawCounts {
  accepted: number;
  handled: number;
  overdue: number;
  supervised: number;
  returnVisits: number;
  satisfactionSum: number;
  disputesInvestigated: number;
  disputesResolved: number;
}

export const EMPTY_COUNTS: RawCounts = { accepted: 0, handled: 0, overdue: 0, supervised: 0, returnVisits: 0, satisfactionSum: 0, disputesInvestigated: 0, disputesResolved: 0 };

/** Rates: handling rate to 4 decimals (0.6572 = 65.72 %), satisfaction to 2 decimals. */
export function finishRow(key: string, label: string, c: RawCounts): IncidentStatisticsRow {
  return {
    key,
    label,
    accepted: c.accepted,
    handled: c.handled,
    handlingRate: c.accepted === 0 ? null : Math.round((c.handled / c.accepted) * 10_000) / 10_000,
    overdue: c.overdue,
    supervised: c.supervised,
    returnVisits: c.returnVisits,
    satisfactionAvg: c.returnVisits === 0 ? null : Math.round((c.satisfactionSum / c.returnVisits) * 100) / 100,
    disputesInvestigated: c.disputesInvestigated,
    disputesResolved: c.disputesResolved,
  };
}

/** Every 'YYYY-MM' (local) from the month of `from` to the month of `to - 1`, at most `max` of them. */
export function monthsBetween(from: number, to: number, utcOffsetMinutes: number, max = 240): string[] {
  if (to <= from) return [];
  const first = localMonth(from, utcOffsetMinutes);
  const last = localMonth(to - 1, utcOffsetMinutes);
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (let key = first; out.length < max; ) {
    out.push(key);
    if (key === last) break;
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
    key = `${y}-${String(m).padStart(2, '0')}`;
  }
  return out;
}

export const COUNTY_KEY = 'county';

export interface StatisticsRequest {
  from: number;
  to: number;
  groupBy: 'township' | 'month';
  /** null = every incident; otherwise incidents whose place or responsible unit is in this set. */
  orgUnitIds: string[] | null;
  utcOffsetMinutes: number;
}

const COUNTS_SQL = `COUNT(*) AS accepted,
  COALESCE(SUM(state IN ('handled', 'closed')), 0) AS handled,
  COALESCE(SUM(overdue), 0) AS overdue,
  COALESCE(SUM(supervised), 0) AS supervised,
  COALESCE(SUM(visited_at IS NOT NULL), 0) AS returnVisits,
  COALESCE(SUM(CASE WHEN visited_at IS NOT NULL THEN visit_satisfaction ELSE 0 END), 0) AS satisfactionSum,
  COALESCE(SUM(category = 'dispute'), 0) AS disputesInvestigated,
  COALESCE(SUM(category = 'dispute' AND state = 'closed' AND dispute_resolved = 1), 0) AS disputesResolved`;

export class IncidentStatistics {
  constructor(private readonly db: Db) {}

  compute(req: StatisticsRequest, orgUnits: readonly OrgUnit[]): { rows: IncidentStatisticsRow[]; total: IncidentStatisticsRow } {
    const where = ['created_at >= @from', 'created_at < @to'];
    const params: Record<string, unknown> = { from: req.from, to: req.to, offsetMs: req.utcOffsetMinutes * 60_000 };
    if (req.orgUnitIds !== null) {
      where.push('(org_unit_id IN (SELECT value FROM json_each(@orgs)) OR responsible_org_unit_id IN (SELECT value FROM json_each(@orgs)))');
      params.orgs = JSON.stringify(req.orgUnitIds);
    }
    const keyExpr = req.groupBy === 'township' ? `COALESCE(township_id, '${COUNTY_KEY}')` : `strftime('%Y-%m', (created_at + @offsetMs) / 1000, 'unixepoch')`;
    const grouped = this.db
      .prepare(`SELECT ${keyExpr} AS key, ${COUNTS_SQL} FROM incidents WHERE ${where.join(' AND ')} GROUP BY key`)
      .all(params) as Array<RawCounts & { key: string }>;
    const totals = this.db.prepare(`SELECT ${COUNTS_SQL} FROM incidents WHERE ${where.join(' AND ')}`).get(params) as RawCounts;
    const byKey = new Map(grouped.map((g) => [g.key, g]));

    let keys: string[];
    const labels = new Map<string, string>();
    if (req.groupBy === 'township') {
      const visible = req.orgUnitIds === null ? null : new Set(req.orgUnitIds);
      const townships = orgUnits.filter((u) => u.level === 'township' && (visible === null || visible.has(u.id)));
      for (const u of orgUnits) labels.set(u.id, u.name);
      const county = orgUnits.find((u) => u.level === 'county');
      labels.set(COUNTY_KEY, county ? `${county.name}（县级）` : '县级');
      keys = [...new Set([...townships.map((t) => t.id), ...byKey.keys()])].sort((a, b) => (a === COUNTY_KEY ? 1 : b === COUNTY_KEY ? -1 : a.localeCompare(b)));
    } else {
      keys = [...new Set([...monthsBetween(req.from, req.to, req.utcOffsetMinutes), ...byKey.keys()])].sort();
    }
    const rows = keys.map((k) => finishRow(k, labels.get(k) ?? k, byKey.get(k) ?? EMPTY_COUNTS));
    return { rows, total: finishRow('total', '合计', totals) };
  }
}
