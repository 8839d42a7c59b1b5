import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import type { IncidentCreate } from '../../../contracts/src/incident';
import { waitsFor } from '../../../contracts/src/incident-todo';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope-service';
import { AuditRepository } from '../db/audit-repository';
import { openDatabase, type Db } from '../db/connection';
import { migrate } from '../db/migrate';
import { OrgUnitRepository } from '../db/org-unit-repository';
import { EventHub } from '../realtime/event-hub';
import type { AlarmForIncident, AlarmLink } from './alarm-link';
import { IncidentEscalationTimer } from './incident-escalation';
import { ManualClock } from '../platform/testing/manual-clock';
import { IncidentRepository } from './incident-repository';
import { IncidentService } from './incident-service';
import { IncidentStatistics } from './incident-statistics';

/** The alarms module as the incident module sees it: alarms by id, converted at most once. */
class FakeAlarms implements AlarmLink {
  readonly alarms = new Map<string, AlarmForIncident>();
  readonly converted: Array<{ alarmId: string; incidentId: string; by: string; inTransaction: boolean }> = [];
  constructor(private readonly db: () => Db) {}
  get(id: string) {
    return this.alarms.get(id) ?? null;
  }
  markConverted(alarmId: string, incidentId: string, by: { username: string }) {
    const a = this.alarms.get(alarmId)!;
    if (a.state === 'converted') throw new Error('already converted');
    this.alarms.set(alarmId, { ...a, state: 'converted' });
    this.converted.push({ alarmId, incidentId, by: by.username, inTransaction: this.db().inTransaction });
  }
}

const operator: AuthUser = { id: 'u-op', username: 'op', displayName: '值班员甲', role: 'county-operator', orgUnitId: null, sessionId: '' };
const kangcheng: AuthUser = { id: 'u-kc', username: 'kc', displayName: '康城值班', role: 'township-officer', orgUnitId: '141130101', sessionId: '' };
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

function body(over: Partial<IncidentCreate> = {}): IncidentCreate {
  return {
    clientRequestId: randomUUID(),
    title: '占道经营',
    category: 'environment',
    description: '',
    place: { orgUnitId: '141130101', lat: null, lng: null, address: null },
    reporter: { kind: 'grid-head', name: '张三', phone: '13800000000' },
    cameraIds: [],
    alarmIds: [],
    ...over,
  };
}

describe('IncidentService (SQLite in memory)', () => {
  let db: Db;
  let clock: ManualClock;
  let hub: EventHub;
  let svc: IncidentService;
  let alarms: FakeAlarms;

  beforeEach(() => {
    db = openDatabase(':memory:');
    migrate(db);
    const orgs = new OrgUnitRepository(db);
    orgs.create({ id: '141130', name: '交口县', nameEn: null, level: 'county', parentId: null, lat: null, lng: null, demo: true });
    orgs.create({ id: '141130101', name: '康城镇', nameEn: null, level: 'township', parentId: '141130', lat: null, lng: null, demo: true });
    orgs.create({ id: '141130102', name: '双池镇', nameEn: null, level: 'township', parentId: '141130', lat: null, lng: null, demo: true });
    orgs.create({ id: '141130101200', name: '某村', nameEn: null, level: 'village', parentId: '141130101', lat: null, lng: null, demo: true });
    clock = new ManualClock(Date.parse('2025-03-01T08:00:00+08:00'));
    hub = new EventHub(1000, clock.now);
    alarms = new FakeAlarms(() => db);
    svc = new IncidentService({
      repo: new IncidentRepository(db),
      statistics: new IncidentStatistics(db),
      orgUnits: orgs,
      cameras: { get: () => null },
      scope: new ScopeService(orgs),
      hub,
      alarms,
      audit: new AuditRepository(db, clock.now),
      log: pino({ level: 'silent' }),
      now: clock.now,
      utcOffsetMinutes: 480,
    });
  });

  it('numbers incidents per township and year, villages counting for their township', () => {
    const codes = [
      svc.create(operator, body()).incident.code,
      svc.create(operator, body({ place: { orgUnitId: '141130101200', lat: null, lng: null, address: null } })).incident.code,
      svc.create(operator, body({ place: { orgUnitId: '141130102', lat: null, lng: null, address: null } })).incident.code,
      svc.create(operator, body({ place: { orgUnitId: '141130', lat: null, lng: null, address: null } })).incident.code,
      svc.create(operator, body()).incident.code,
    ];
    expect(codes).toEqual(['2025-101-00001', '2025-101-00002', '2025-102-00001', '2025-000-00001', '2025-101-00003']);
    clock.t = Date.parse('2026-01-01T00:00:01+08:00');
    expect(svc.create(operator, body()).incident.code).toBe('2026-101-00001');
  });

  it('hides the reporter phone from roles without incident.write, and from pushes', () => {
    const seen: unknown[] = [];
    hub.subscribe((e) => seen.push(e.data));
    const { incident } = svc.create(operator, body());
    expect(incident.reporter.phone).toBe('13800000000');
    expect(svc.detail(kangcheng, incident.id).reporter.phone).toBeNull();
    expect(JSON.stringify(seen)).not.toContain('13800000000');
  });

  it('escalates overdue dispatched incidents on the timer, as the system, once', () => {
    const { incident } = svc.create(operator, body());
    svc.act(operator, incident.id, 'analyse', { note: '' });
    svc.act(operator, incident.id, 'dispatch', { responsibleOrgUnitId: '141130101', deadline: new Date(clock.t + 3_600_000).toISOString(), note: '' });
    const timer = new IncidentEscalationTimer(() => svc.escalateOverdue(), clock, pino({ level: 'silent' }), 60);
    timer.start();
    clock.advance(3_540_000);
    expect(svc.detail(operator, incident.id)).toMatchObject({ overdue: false, supervised: false });
    clock.advance(120_000);
    const d = svc.detail(operator, incident.id);
    expect(d).toMatchObject({ overdue: true, supervised: true, state: 'dispatched' });
    clock.advance(600_000);
    const escalations = svc.detail(operator, incident.id).timeline.filter((e) => e.action === 'escalate');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ userId: null, username: 'system', fromState: 'dispatched', toState: 'dispatched' });
    timer.stop();
  });

  it('opens an incident from an alarm: pre-filled, snapshot copied, alarm converted inside the transaction, only once', () => {
    const at = Date.parse('2025-02-28T23:00:00+08:00');
    alarms.alarms.set('a1', { id: 'a1', type: 'motion', severity: 'major', title: '移动侦测', detail: '画面变化', at, cameraIds: [], orgUnitId: '141130101200', lat: 37.05, lng: 111.28, state: 'acknowledged', snapshot: { contentType: 'image/jpeg', data: JPEG } });
    const cid = randomUUID();
    const { incident, created } = svc.createFromAlarm(operator, 'a1', { clientRequestId: cid, category: 'public-security' });
    expect(created).toBe(true);
    expect(incident).toMatchObject({
      title: '移动侦测',
      description: '画面变化',
      place: { orgUnitId: '141130101200', townshipId: '141130101', lat: 37.05, lng: 111.28 },
      reporter: { kind: 'alarm', name: 'motion' },
      alarmIds: ['a1'],
      occurredAt: new Date(at).toISOString(),
    });
    const d = svc.detail(operator, incident.id);
    expect(d.attachments).toHaveLength(1);
    expect(d.attachments[0]).toMatchObject({ kind: 'snapshot', contentType: 'image/jpeg', size: JPEG.length, sourceAlarmId: 'a1', fileName: `${incident.code}-01.jpg` });
    expect(d.alarms[0]).toMatchObject({ id: 'a1', type: 'motion', severity: 'major' });
    expect(alarms.converted).toEqual([{ alarmId: 'a1', incidentId: incident.id, by: 'op', inTransaction: true }]);
    expect(svc.createFromAlarm(operator, 'a1', { clientRequestId: cid, category: 'public-security' })).toMatchObject({ created: false, incident: { id: incident.id } });
    expect(() => svc.createFromAlarm(operator, 'a1', { clientRequestId: randomUUID(), category: 'public-security' })).toThrow(/already converted/);
  });

  it('rolls the incident back when the alarms module refuses the conversion', () => {
    alarms.alarms.set('a2', { id: 'a2', type: 'tamper', severity: 'minor', title: null, detail: null, at: null, cameraIds: [], orgUnitId: '141130102', lat: null, lng: null, state: 'new', snapshot: null });
    alarms.markConverted = () => {
      throw new Error('refused by the alarms module');
    };
    expect(() => svc.createFromAlarm(operator, 'a2', { clientRequestId: randomUUID(), category: 'other' })).toThrow(/refused/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM incidents').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM incident_events').get()).toEqual({ n: 0 });
    // the sequence number was not used up either
    alarms.alarms.set('a2', { ...alarms.alarms.get('a2')!, state: 'new' });
    expect(svc.create(operator, body({ place: { orgUnitId: '141130102', lat: null, lng: null, address: null } })).incident.code).toBe('2025-102-00001');
  });

  it('counts 待我处理 per scope: the county what waits for the county, a township only what is dispatched to it', () => {
    const shuangchi: AuthUser = { ...kangcheng, id: 'u-sc', username: 'sc', orgUnitId: '141130102' };
    const village: AuthUser = { ...kangcheng, id: 'u-v', username: 'v', orgUnitId: '141130101200' };
    const technician: AuthUser = { ...operator, id: 'u-t', username: 't', role: 'technician' };
    const deadline = () => new Date(clock.t + 86_400_000).toISOString();
    const make = (orgUnitId: string) => svc.create(operator, body({ place: { orgUnitId, lat: null, lng: null, address: null } })).incident.id;
    const accepted = make('141130101');
    const toKangcheng = make('141130102'); // happens in 双池, dispatched to 康城
    const toShuangchi = make('141130101');
    const toDepartment = make('141130101');
    const handled = make('141130101');
    for (const id of [toKangcheng, toShuangchi, toDepartment, handled]) svc.act(operator, id, 'analyse', { note: '' });
    svc.act(operator, toKangcheng, 'dispatch', { responsibleOrgUnitId: '141130101', deadline: deadline(), note: '' });
    svc.act(operator, toShuangchi, 'dispatch', { responsibleOrgUnitId: '141130102', deadline: deadline(), note: '' });
    svc.act(operator, toDepartment, 'dispatch', { responsibleDepartment: '县公安局', deadline: deadline(), note: '' });
    svc.act(operator, handled, 'dispatch', { responsibleOrgUnitId: '141130101', deadline: deadline(), note: '' });
    svc.act(kangcheng, handled, 'handle', { feedback: '已处理' });
    const orgs = new OrgUnitRepository(db);
    const todo = (user: AuthUser) => {
      const r = svc.list(user, { todo: true, limit: 50, offset: 0 });
      const ids = r.items.map((i) => i.id).sort();
      // The console's rule for pushed incidents (contracts waitsFor) picks the same ones out of everything visible.
      const pushed = svc.list(user, { limit: 50, offset: 0 }).items.filter((i) => waitsFor(user, i, (u, a) => orgs.isWithin(u, a)));
      expect(pushed.map((i) => i.id).sort()).toEqual(ids);
      return { total: r.total, ids };
    };
    expect(todo(operator)).toEqual({ total: 3, ids: [accepted, toDepartment, handled].sort() });
    expect(todo(kangcheng)).toEqual({ total: 1, ids: [toKangcheng] });
    expect(todo(shuangchi)).toEqual({ total: 1, ids: [toShuangchi] });
    expect(todo(village).total).toBe(0);
    expect(todo(technician).total).toBe(0);
    // Without the filter a township still sees what happens in it (not only its to-do).
    expect(svc.list(kangcheng, { limit: 50, offset: 0 }).total).toBe(5);
    // Fed back: it leaves the township's to-do and joins the county's; returned: the county's again.
    svc.act(kangcheng, toKangcheng, 'handle', { feedback: '已到场' });
    expect(todo(kangcheng).total).toBe(0);
    expect(todo(operator).total).toBe(4);
    // Returned: the township that held it hears so (its console's count drops without a reload), though the place is
    // not in its scope: the payload goes to 康城镇 (the place) and to 双池镇 (which held it).
    const pushedTo: Array<string | null> = [];
    hub.subscribe((e) => pushedTo.push(e.orgUnitId));
    svc.act(operator, toShuangchi, 'return', { reason: '不属本镇' });
    expect(pushedTo).toEqual(['141130101', '141130102']);
    expect(todo(shuangchi).total).toBe(0);
    expect(todo(operator).total).toBe(5);
  });
});
