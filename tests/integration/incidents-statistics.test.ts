import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentCategory, IncidentStatisticsResponse, IncidentStatisticsRow } from '../../contracts/src/incident';
import type { AuthUser } from '../../media-gateway/src/auth/auth-user';
import { ScopeService } from '../../media-gateway/src/auth/scope-service';
import { IncidentRepository } from '../../media-gateway/src/incidents/incident-repository';
import { IncidentService } from '../../media-gateway/src/incidents/incident-service';
import { IncidentStatistics } from '../../media-gateway/src/incidents/incident-statistics';
import { startHarness, type Harness } from '../helpers/gateway-harness';

/**
 * 50 incidents of 2024 across the seven townships, the county level and the twelve months, taken through the real
 * workflow (service, transactions, timeline) with a clock set to each incident's dates. The expected figures are
 * counted here from the seed table, independently of the SQL; the endpoint's numbers must match exactly.
 */
type Stage = 'accepted' | 'analysed' | 'dispatched' | 'handled' | 'closed' | 'visited';
interface Spec {
  i: number;
  placeId: string;
  /** The township the statistics group it under ('county' for a county-level place). */
  group: string;
  month: number;
  createdAt: number;
  category: IncidentCategory;
  stage: Stage;
  /** Escalated as overdue during handling (deadline passed before the feedback). */
  late: boolean;
  supervisedByHand: boolean;
  disputeResolved: boolean;
  satisfaction: number;
}

const TOWNSHIPS = ['141130100', '141130101', '141130102', '141130103', '141130200', '141130201', '141130202'];
const STAGES: Stage[] = ['accepted', 'analysed', 'dispatched', 'handled', 'closed', 'visited'];
const OTHER_CATEGORIES: IncidentCategory[] = ['public-security', 'work-safety', 'environment', 'traffic', 'other'];
const DAY = 86_400_000;

function seedSpecs(firstVillage: Map<string, string>): Spec[] {
  const specs: Spec[] = [];
  for (let i = 0; i < 50; i++) {
    const t = i % 8;
    const township = TOWNSHIPS[t];
    const placeId = township === undefined ? '141130' : i % 3 === 0 ? firstVillage.get(township)! : township;
    const month = ((i * 5) % 12) + 1;
    const day = 1 + ((i * 7) % 27);
    const stage = STAGES[(i * 7) % 6]!;
    specs.push({
      i,
      placeId,
      group: township ?? 'county',
      month,
      createdAt: Date.parse(`2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00+08:00`),
      category: (i + Math.floor(i / 8)) % 4 === 0 ? 'dispute' : OTHER_CATEGORIES[i % 5]!,
      stage,
      late: ['handled', 'closed', 'visited'].includes(stage) && i % 5 === 0,
      supervisedByHand: i % 7 === 3,
      disputeResolved: i % 8 !== 4,
      satisfaction: 1 + (i % 5),
    });
  }
  return specs;
}

/** The figures, counted by hand from the seed table. */
function expectedRow(key: string, label: string, specs: Spec[]): IncidentStatisticsRow {
  const handledStages: Stage[] = ['handled', 'closed', 'visited'];
  const overdue = (s: Spec) => s.late || s.stage === 'dispatched' || s.stage === 'handled';
  const visited = specs.filter((s) => s.stage === 'visited');
  const accepted = specs.length;
  const handled = specs.filter((s) => handledStages.includes(s.stage)).length;
  return {
    key,
    label,
    accepted,
    handled,
    handlingRate: accepted ? Math.round((handled / accepted) * 10_000) / 10_000 : null,
    overdue: specs.filter(overdue).length,
    supervised: specs.filter((s) => overdue(s) || s.supervisedByHand).length,
    returnVisits: visited.length,
    satisfactionAvg: visited.length ? Math.round((visited.reduce((n, s) => n + s.satisfaction, 0) / visited.length) * 100) / 100 : null,
    disputesInvestigated: specs.filter((s) => s.category === 'dispute').length,
    disputesResolved: specs.filter((s) => s.category === 'dispute' && (s.stage === 'closed' || s.stage === 'visited') && s.disputeResolved).length,
  };
}

describe('incident statistics against a seeded year', () => {
  let h: Harness;
  let specs: Spec[] = [];
  let officer = '';
  const period = `from=${encodeURIComponent('2024-01-01T00:00:00+08:00')}&to=${encodeURIComponent('2025-01-01T00:00:00+08:00')}`;

  beforeAll(async () => {
    h = await startHarness({ cameras: 1, prewarm: false });
    const mk = async (username: string, role: string, orgUnitId: string | null) => {
      await h.api('POST', '/api/v1/users', { username, displayName: username, password: `${username}-pass-123`, role, orgUnitId }, h.adminToken);
      return (await h.api<{ token: string; user: { id: string } }>('POST', '/api/v1/session', { username, password: `${username}-pass-123` })).body;
    };
    const op = await mk('stats-op', 'county-operator', null);
    officer = (await mk('stats-kc', 'township-officer', '141130101')).token;
    const units = h.gw.repos.orgUnits.list();
    const firstVillage = new Map(TOWNSHIPS.map((t) => [t, units.find((u) => u.parentId === t && u.level === 'village')!.id]));
    specs = seedSpecs(firstVillage);

    // Seed through the real workflow with a clock of our own. Synchronous from start to end: the gateway's own
    // escalation timer cannot run in between.
    let now = 0;
    const svc = new IncidentService({
      repo: new IncidentRepository(h.gw.db),
      statistics: new IncidentStatistics(h.gw.db),
      orgUnits: h.gw.repos.orgUnits,
      cameras: h.gw.repos.cameras,
      scope: new ScopeService(h.gw.repos.orgUnits),
      hub: h.gw.hub,
      alarms: { get: () => null, markConverted: () => undefined },
      audit: h.gw.repos.audit,
      log: h.gw.log,
      now: () => now,
      utcOffsetMinutes: 480,
    });
    const user: AuthUser = { id: op.user.id, username: 'stats-op', displayName: 'stats-op', role: 'county-operator', orgUnitId: null, sessionId: '' };
    for (const s of specs) {
      now = s.createdAt;
      const { incident } = svc.create(user, {
        clientRequestId: randomUUID(),
        title: `seed ${s.i}`,
        category: s.category,
        description: '',
        place: { orgUnitId: s.placeId, lat: null, lng: null, address: null },
        reporter: { kind: 'grid-head', name: null, phone: null },
        cameraIds: [],
        alarmIds: [],
      });
      const step = () => (now += 3_600_000);
      if (s.supervisedByHand) svc.act(user, incident.id, 'supervise', { note: '重点督办' });
      if (s.stage === 'accepted') continue;
      step();
      svc.act(user, incident.id, 'analyse', { note: '' });
      if (s.stage === 'analysed') continue;
      step();
      const target = s.group === 'county' ? { responsibleDepartment: '县公安局' } : { responsibleOrgUnitId: s.group };
      svc.act(user, incident.id, 'dispatch', { ...target, deadline: new Date(now + 3 * DAY).toISOString(), note: '' });
      if (s.stage === 'dispatched') continue;
      if (s.late) {
        now += 4 * DAY;
        expect(svc.escalateOverdue()).toBeGreaterThanOrEqual(1);
      }
      step();
      svc.act(user, incident.id, 'handle', { feedback: '已处置' });
      if (s.stage === 'handled') continue;
      step();
      svc.act(user, incident.id, 'close', { note: '', disputeResolved: s.disputeResolved });
      if (s.stage === 'closed') continue;
      step();
      svc.act(user, incident.id, 'visit', { result: '回访完成', satisfaction: s.satisfaction });
    }
    // The gateway's sweep (real time) now finds every seeded case still dispatched/handled overdue.
    await h.api('POST', '/api/v1/incidents/escalation-sweep', undefined, h.adminToken);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the seed covers what it should', () => {
    expect(specs).toHaveLength(50);
    expect(new Set(specs.map((s) => s.group)).size).toBe(8);
    expect(new Set(specs.map((s) => s.month)).size).toBe(12);
    expect(new Set(specs.map((s) => s.stage)).size).toBe(6);
    expect(specs.some((s) => s.late)).toBe(true);
    expect(specs.some((s) => s.category === 'dispute' && s.stage === 'closed' && !s.disputeResolved)).toBe(true);
  });

  it('by township: every number matches the hand count', async () => {
    const res = await h.api<IncidentStatisticsResponse>('GET', `/api/v1/incidents/statistics?${period}&groupBy=township`, undefined, h.adminToken);
    expect(res.status, res.text).toBe(200);
    const names = new Map(h.gw.repos.orgUnits.list().map((u) => [u.id, u.name]));
    const expected = [...TOWNSHIPS, 'county'].map((k) => expectedRow(k, k === 'county' ? '交口县（县级）' : names.get(k)!, specs.filter((s) => s.group === k)));
    expect(res.body.rows).toEqual(expected);
    expect(res.body.total).toEqual(expectedRow('total', '合计', specs));
    expect(res.body.total.accepted).toBe(50);
    expect(res.body.groupBy).toBe('township');
  });

  it('by month: every number matches the hand count', async () => {
    const res = await h.api<IncidentStatisticsResponse>('GET', `/api/v1/incidents/statistics?${period}&groupBy=month`, undefined, h.adminToken);
    const expected = Array.from({ length: 12 }, (_, m) => {
      const key = `2024-${String(m + 1).padStart(2, '0')}`;
      return expectedRow(key, key, specs.filter((s) => s.month === m + 1));
    });
    expect(res.body.rows).toEqual(expected);
    expect(res.body.total).toEqual(expectedRow('total', '合计', specs));
  });

  it('a township officer gets the figures of their own township only', async () => {
    const res = await h.api<IncidentStatisticsResponse>('GET', `/api/v1/incidents/statistics?${period}&groupBy=township`, undefined, officer);
    expect(res.body.rows.map((r) => r.key)).toEqual(['141130101']);
    const own = specs.filter((s) => s.group === '141130101');
    expect(res.body.rows[0]).toEqual(expectedRow('141130101', '康城镇', own));
    expect(res.body.total).toEqual(expectedRow('total', '合计', own));
    // a narrower query by a county user gives the same
    const narrowed = await h.api<IncidentStatisticsResponse>('GET', `/api/v1/incidents/statistics?${period}&orgUnit=141130101`, undefined, h.adminToken);
    expect(narrowed.body.total).toEqual(expectedRow('total', '合计', own));
  });

  it('exports the same figures as CSV', async () => {
    const res = await fetch(`${h.gw.url}/api/v1/incidents/statistics?${period}&groupBy=township&format=csv`, { headers: { authorization: `Bearer ${h.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="incident-statistics-township-2024-01-01-2024-12-31.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel reads the Chinese names
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('key,name,accepted,handled,handling_rate_percent,overdue,supervised,return_visits,satisfaction_avg,disputes_investigated,disputes_resolved');
    expect(lines).toHaveLength(1 + 8 + 1);
    const kc = expectedRow('141130101', '康城镇', specs.filter((s) => s.group === '141130101'));
    const pct = (r: number | null) => (r === null ? '' : (r * 100).toFixed(2));
    expect(lines).toContain(
      ['141130101', '康城镇', kc.accepted, kc.handled, pct(kc.handlingRate), kc.overdue, kc.supervised, kc.returnVisits, kc.satisfactionAvg === null ? '' : kc.satisfactionAvg.toFixed(2), kc.disputesInvestigated, kc.disputesResolved].join(','),
    );
    const total = expectedRow('total', '合计', specs);
    expect(lines.at(-1)).toBe(['total', '合计', 50, total.handled, pct(total.handlingRate), total.overdue, total.supervised, total.returnVisits, total.satisfactionAvg!.toFixed(2), total.disputesInvestigated, total.disputesResolved].join(','));
    expect(h.gw.repos.audit.recent(5, { action: 'incident.statistics-export' })).toHaveLength(1);
  });

  it('validates its query', async () => {
    expect((await h.api('GET', '/api/v1/incidents/statistics?groupBy=week', undefined, h.adminToken)).status).toBe(400);
    expect((await h.api('GET', `/api/v1/incidents/statistics?from=${encodeURIComponent('2024-06-01T00:00:00Z')}&to=${encodeURIComponent('2024-01-01T00:00:00Z')}`, undefined, h.adminToken)).status).toBe(400);
    // without a period: this year so far (the 2024 seed is not in it)
    const current = await h.api<IncidentStatisticsResponse>('GET', '/api/v1/incidents/statistics', undefined, h.adminToken);
    expect(current.status).toBe(200);
    expect(current.body.total.accepted).toBe(0);
  });
});
