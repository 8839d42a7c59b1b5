import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/connection';
import { migrate } from '../db/migrate';
import { OrgUnitRepository } from '../db/org-unit-repository';
import { IncidentRepository, type NewIncidentRecord } from './incident-repository';
import { finishRow, IncidentStatistics, monthsBetween } from './incident-statistics';

describe('statistics maths', () => {
  it('reproduces the county report: 64,331 accepted, 42,277 handled → 65.72 %', () => {
    const row = finishRow('total', '合计', { accepted: 64_331, handled: 42_277, overdue: 0, supervised: 12, returnVisits: 40, satisfactionSum: 170, disputesInvestigated: 151, disputesResolved: 148 });
    expect(row.handlingRate).toBe(0.6572);
    expect(row.satisfactionAvg).toBe(4.25);
    expect(row.disputesResolved / row.disputesInvestigated).toBeCloseTo(0.98, 2);
  });

  it('has no rates without incidents', () => {
    const row = finishRow('k', 'k', { accepted: 0, handled: 0, overdue: 0, supervised: 0, returnVisits: 0, satisfactionSum: 0, disputesInvestigated: 0, disputesResolved: 0 });
    expect(row.handlingRate).toBeNull();
    expect(row.satisfactionAvg).toBeNull();
  });

  it('lists every local month of a period', () => {
    expect(monthsBetween(Date.parse('2025-01-01T00:00:00+08:00'), Date.parse('2025-04-01T00:00:00+08:00'), 480)).toEqual(['2025-01', '2025-02', '2025-03']);
    expect(monthsBetween(Date.parse('2024-11-15T00:00:00+08:00'), Date.parse('2025-02-02T00:00:00+08:00'), 480)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsBetween(5, 5, 480)).toEqual([]);
  });
});

describe('statistics from the records (SQLite)', () => {
  let db: Db;
  let stats: IncidentStatistics;
  let orgs: OrgUnitRepository;
  const t = (s: string) => Date.parse(s);
  let seq = 0;
  const add = (p: Partial<NewIncidentRecord> & Pick<NewIncidentRecord, 'orgUnitId' | 'townshipId' | 'createdAt'>) => {
    seq++;
    new IncidentRepository(db).insert({
      id: randomUUID(),
      code: `2025-xxx-${String(seq).padStart(5, '0')}`,
      clientRequestId: randomUUID(),
      title: `incident ${seq}`,
      category: 'other',
      description: '',
      lat: null,
      lng: null,
      address: null,
      reporterKind: 'grid-head',
      reporterName: null,
      reporterPhone: null,
      cameraIds: [],
      occurredAt: p.createdAt,
      state: 'accepted',
      responsibleOrgUnitId: null,
      responsibleDepartment: null,
      deadline: null,
      supervised: false,
      overdue: false,
      feedback: null,
      disputeResolved: null,
      visitResult: null,
      visitSatisfaction: null,
      visitedAt: null,
      createdBy: null,
      closedAt: null,
      ...p,
    });
  };

  beforeAll(() => {
    db = openDatabase(':memory:');
    migrate(db);
    orgs = new OrgUnitRepository(db);
    orgs.create({ id: '141130', name: '交口县', nameEn: null, level: 'county', parentId: null, lat: null, lng: null, demo: true });
    orgs.create({ id: '141130101', name: '康城镇', nameEn: null, level: 'township', parentId: '141130', lat: null, lng: null, demo: true });
    orgs.create({ id: '141130102', name: '双池镇', nameEn: null, level: 'township', parentId: '141130', lat: null, lng: null, demo: true });
    orgs.create({ id: '141130101200', name: '某村', nameEn: null, level: 'village', parentId: '141130101', lat: null, lng: null, demo: true });
    stats = new IncidentStatistics(db);
    const K = { orgUnitId: '141130101', townshipId: '141130101' };
    const V = { orgUnitId: '141130101200', townshipId: '141130101' };
    const S = { orgUnitId: '141130102', townshipId: '141130102' };
    // 康城镇, January: 3 incidents (one in a village); one closed dispute resolved with a visit (4), one handled+overdue+supervised, one accepted
    add({ ...K, createdAt: t('2025-01-05T10:00:00+08:00'), category: 'dispute', state: 'closed', disputeResolved: true, visitResult: 'ok', visitSatisfaction: 4, visitedAt: t('2025-01-20T10:00:00+08:00') });
    add({ ...V, createdAt: t('2025-01-31T23:30:00+08:00'), state: 'handled', overdue: true, supervised: true });
    add({ ...K, createdAt: t('2025-01-10T10:00:00+08:00'), category: 'dispute' });
    // 康城镇, February: closed dispute NOT resolved, visited (2)
    add({ ...K, createdAt: t('2025-02-01T00:10:00+08:00'), category: 'dispute', state: 'closed', disputeResolved: false, visitResult: 'unhappy', visitSatisfaction: 2, visitedAt: t('2025-02-10T00:00:00+08:00') });
    // 双池镇, February: dispatched to 康城镇 and supervised by hand
    add({ ...S, createdAt: t('2025-02-14T09:00:00+08:00'), state: 'dispatched', responsibleOrgUnitId: '141130101', supervised: true });
    // county-level place, March: closed, visited (5)
    add({ orgUnitId: '141130', townshipId: null, createdAt: t('2025-03-03T09:00:00+08:00'), state: 'closed', visitResult: 'fine', visitSatisfaction: 5, visitedAt: t('2025-03-05T09:00:00+08:00') });
    // outside the period (2024-12-31 23:59 Beijing time)
    add({ ...K, createdAt: t('2024-12-31T23:59:00+08:00'), state: 'closed' });
  });

  const period = { from: Date.parse('2025-01-01T00:00:00+08:00'), to: Date.parse('2025-04-01T00:00:00+08:00'), utcOffsetMinutes: 480 };

  it('groups by township (with zero rows for quiet townships and a county row)', () => {
    const r = stats.compute({ ...period, groupBy: 'township', orgUnitIds: null }, orgs.list());
    expect(r.rows.map((x) => x.key)).toEqual(['141130101', '141130102', 'county']);
    expect(r.rows[0]).toEqual({
      key: '141130101',
      label: '康城镇',
      accepted: 4,
      handled: 3,
      handlingRate: 0.75,
      overdue: 1,
      supervised: 1,
      returnVisits: 2,
      satisfactionAvg: 3,
      disputesInvestigated: 3,
      disputesResolved: 1,
    });
    expect(r.rows[1]).toMatchObject({ accepted: 1, handled: 0, handlingRate: 0, supervised: 1 });
    expect(r.rows[2]).toMatchObject({ label: '交口县（县级）', accepted: 1, handled: 1, returnVisits: 1, satisfactionAvg: 5 });
    expect(r.total).toMatchObject({ accepted: 6, handled: 4, handlingRate: 0.6667, overdue: 1, supervised: 2, returnVisits: 3, satisfactionAvg: 3.67, disputesInvestigated: 3, disputesResolved: 1 });
  });

  it('groups by local month', () => {
    const r = stats.compute({ ...period, groupBy: 'month', orgUnitIds: null }, orgs.list());
    expect(r.rows.map((x) => [x.key, x.accepted, x.handled])).toEqual([
      ['2025-01', 3, 2],
      ['2025-02', 2, 1],
      ['2025-03', 1, 1],
    ]);
  });

  it('a township sees what is placed in or dispatched to it', () => {
    const r = stats.compute({ ...period, groupBy: 'township', orgUnitIds: orgs.subtreeIds('141130101') }, orgs.list());
    // its own 4, plus the 双池镇 incident dispatched to it (counted under 双池镇, where it happened)
    expect(r.rows.map((x) => [x.key, x.accepted])).toEqual([
      ['141130101', 4],
      ['141130102', 1],
    ]);
    expect(r.total.accepted).toBe(5);
  });
});
