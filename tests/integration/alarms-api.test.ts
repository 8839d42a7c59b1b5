import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmDetailDto, AlarmDto, AlarmListResponse, AlarmRuleDto, AlarmSourceCreated, AlarmSourceDto, ExternalAlarmResponse } from '../../contracts/src/alarm';
import { colourDistance } from '../../scripts/sim/index';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { centrePixel, until } from '../helpers/media-probe';

/** External alarms, storms, handling, scope and snapshots through the real gateway. */
describe('alarms API', () => {
  let h: Harness;
  let key = '';
  let officer = ''; // 康城镇 duty officer; the sim cameras are in 水头镇
  beforeAll(async () => {
    h = await startHarness({ cameras: 3 });
    const created = await h.api<AlarmSourceCreated>('POST', '/api/v1/alarm-sources', { name: 'grid-system' }, h.adminToken);
    expect(created.status).toBe(201);
    key = created.body.apiKey;
    await h.api('POST', '/api/v1/users', { username: 'kc-officer', displayName: '康城值班', password: 'kc-officer-pw-1', role: 'township-officer', orgUnitId: '141130101' }, h.adminToken);
    officer = (await h.api<{ token: string }>('POST', '/api/v1/session', { username: 'kc-officer', password: 'kc-officer-pw-1' })).body.token;
  });
  afterAll(async () => {
    await h?.close();
  });

  const post = async (body: Record<string, unknown>, apiKey = key) => {
    const res = await fetch(`${h.gw.url}/api/v1/alarms`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as ExternalAlarmResponse & { message?: string } };
  };
  const cam = (i: number) => h.cameraIds.get(i)!;
  const list = async (query = '', token = h.adminToken) => (await h.api<AlarmListResponse>('GET', `/api/v1/alarms${query}`, undefined, token)).body;

  it('shows a source key once, stores only its hash, and lists sources without keys', async () => {
    expect(key).toMatch(/^cvgak_[A-Za-z0-9_-]{43}$/);
    const sources = await h.api<{ items: AlarmSourceDto[] }>('GET', '/api/v1/alarm-sources', undefined, h.adminToken);
    expect(sources.body.items).toEqual([expect.objectContaining({ name: 'grid-system', keyPrefix: key.slice(0, 12), revokedAt: null })]);
    expect(sources.text).not.toContain(key);
    const row = h.gw.db.prepare('SELECT key_hash FROM alarm_sources').get() as { key_hash: string };
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(h.gw.db.prepare('SELECT * FROM alarm_sources').all())).not.toContain(key);
    // Only admins manage sources; a second active source of the same name is refused.
    expect((await h.api('GET', '/api/v1/alarm-sources', undefined, officer)).status).toBe(403);
    expect((await h.api('POST', '/api/v1/alarm-sources', { name: 'grid-system' }, h.adminToken)).status).toBe(409);
  });

  it('answers 401 to a wrong or missing key, and audits it', async () => {
    const wrong = await post({ eventId: 'w', type: 'intrusion', severity: 'major', title: 'x', cameraId: cam(1) }, 'cvgak_' + 'A'.repeat(43));
    expect(wrong.status).toBe(401);
    expect((await post({ eventId: 'w', type: 'intrusion', severity: 'major', title: 'x', cameraId: cam(1) }, '')).status).toBe(401);
    const audit = h.gw.repos.audit.recent(10, { action: 'access.denied' }).filter((a) => a.targetId === 'POST /api/v1/alarms');
    expect(audit.map((a) => JSON.parse(a.details!).reason)).toEqual(['API key missing', 'API key invalid or revoked']);
    expect((await list()).total).toBe(0);
  });

  it('coalesces a burst of 200 concurrent webhook alarms over 3 cameras into 3 alarms, none lost', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post({ eventId: `burst-${i}`, type: 'intrusion', severity: 'minor', title: `入侵 ${i}`, cameraId: cam((i % 3) + 1) })),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const ids = new Set(results.map((r) => r.body.alarmId));
    expect(ids.size).toBe(3);
    expect(results.filter((r) => !r.body.coalesced)).toHaveLength(3);
    const alarms = (await list('?type=intrusion')).items;
    expect(alarms).toHaveLength(3);
    expect(alarms.reduce((n, a) => n + a.count, 0)).toBe(200);
    expect(alarms.map((a) => a.count).sort()).toEqual([66, 67, 67]);
    expect((h.gw.db.prepare('SELECT COUNT(*) AS n FROM alarm_external_events').get() as { n: number }).n).toBe(200);
  });

  it('is idempotent on the caller event id: a repeat gets 200 and the same alarm', async () => {
    const first = await post({ eventId: 'report-7781', type: 'grid-report', severity: 'info', title: '占道经营', orgUnitId: '141130100' });
    const again = await post({ eventId: 'report-7781', type: 'grid-report', severity: 'info', title: '占道经营', orgUnitId: '141130100' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    expect((await list('?type=grid-report')).total).toBe(1);
  });

  it('validates the body, the camera and the source scope', async () => {
    const bad = await post({ eventId: 'b1', type: 'Bad Type', severity: 'loud', title: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/body\.type/);
    expect((await post({ eventId: 'b2', type: 'x', severity: 'info', title: 't', cameraId: 'no-such-camera' })).status).toBe(400);
    expect((await post({ eventId: 'b3', type: 'x', severity: 'info', title: 't', orgUnitId: '999999' })).status).toBe(400);
    const kc = await h.api<AlarmSourceCreated>('POST', '/api/v1/alarm-sources', { name: 'kc-grid', allowedOrgUnitId: '141130101' }, h.adminToken);
    expect((await post({ eventId: 'b4', type: 'x', severity: 'info', title: 't', cameraId: cam(1) }, kc.body.apiKey)).status).toBe(403);
    expect((await post({ eventId: 'b5', type: 'x', severity: 'info', title: '康城', orgUnitId: '141130101' }, kc.body.apiKey)).status).toBe(201);
    // Revoked: the key stops working at once.
    expect((await h.api('DELETE', `/api/v1/alarm-sources/${kc.body.id}`, undefined, h.adminToken)).status).toBe(204);
    expect((await post({ eventId: 'b6', type: 'x', severity: 'info', title: 't', orgUnitId: '141130101' }, kc.body.apiKey)).status).toBe(401);
  });

  it('acknowledges then resolves, refuses illegal steps with 409, and records who did what', async () => {
    const { alarmId } = (await post({ eventId: 'flow-1', type: 'smoke', severity: 'critical', title: '烟雾', cameraId: cam(2) })).body;
    const resolveEarly = await h.api<{ message: string }>('POST', `/api/v1/alarms/${alarmId}/resolve`, {}, h.adminToken);
    expect(resolveEarly.status).toBe(409);
    expect(resolveEarly.body.message).toBe('cannot resolve an alarm that is new: acknowledge it first');
    expect((await h.api<AlarmDto>('POST', `/api/v1/alarms/${alarmId}/ack`, undefined, h.adminToken)).body.state).toBe('acknowledged');
    expect((await h.api('POST', `/api/v1/alarms/${alarmId}/dismiss`, {}, h.adminToken)).status).toBe(400); // reason required
    expect((await h.api<AlarmDto>('POST', `/api/v1/alarms/${alarmId}/resolve`, { note: '现场已处置' }, h.adminToken)).body).toMatchObject({ state: 'resolved', resolutionNote: '现场已处置' });
    const again = await h.api<{ message: string }>('POST', `/api/v1/alarms/${alarmId}/ack`, undefined, h.adminToken);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('cannot acknowledge an alarm that is resolved');
    // Whom it may be assigned to: users who may act on alarms and whose scope covers it (here: the admin).
    const assignees = await h.api<{ items: Array<{ username: string; role: string }> }>('GET', `/api/v1/alarms/${alarmId}/assignees`, undefined, h.adminToken);
    expect(assignees.body.items.map((u) => u.username)).toContain('admin');
    expect(assignees.body.items.every((u) => ['admin', 'county-operator', 'township-officer'].includes(u.role))).toBe(true);
    const detail = (await h.api<AlarmDetailDto>('GET', `/api/v1/alarms/${alarmId}`, undefined, h.adminToken)).body;
    expect(detail.history.map((e) => [e.action, e.actor])).toEqual([
      ['raised', 'external:grid-system'],
      ['acknowledged', expect.any(String)],
      ['resolved', expect.any(String)],
    ]);
    expect(h.gw.repos.audit.recent(50).filter((a) => a.targetId === alarmId).map((a) => a.action).reverse()).toEqual(['alarm.acknowledge', 'alarm.resolve']);
    const dismissed = (await post({ eventId: 'flow-2', type: 'smoke', severity: 'minor', title: '烟雾?', cameraId: cam(3) })).body.alarmId;
    expect((await h.api<AlarmDto>('POST', `/api/v1/alarms/${dismissed}/dismiss`, { reason: '误报：炊烟' }, h.adminToken)).body).toMatchObject({ state: 'dismissed', dismissedReason: '误报：炊烟' });
    expect((await h.api('POST', `/api/v1/alarms/${dismissed}/ack`, undefined, h.adminToken)).status).toBe(409);
  });

  it('keeps a township officer out of another township: not listed, 403 on read and act, audited', async () => {
    const shuitou = (await list()).items.filter((a) => a.orgUnitId === '141130100');
    expect(shuitou.length).toBeGreaterThan(0);
    const seen = await list('?limit=500', officer);
    expect(seen.items.every((a) => a.orgUnitId === '141130101')).toBe(true);
    expect(seen.items.map((a) => a.title)).toEqual(['康城']);
    // A filter naming another township is refused and audited (issue 6), not answered with an empty list.
    expect((await h.api('GET', '/api/v1/alarms?orgUnit=141130100', undefined, officer)).status).toBe(403);
    const target = shuitou.find((a) => a.state === 'new')!.id;
    expect((await h.api('GET', `/api/v1/alarms/${target}`, undefined, officer)).status).toBe(403);
    expect((await h.api('GET', `/api/v1/alarms/${target}/snapshot`, undefined, officer)).status).toBe(403);
    expect((await h.api('POST', `/api/v1/alarms/${target}/ack`, undefined, officer)).status).toBe(403);
    expect((await h.api('POST', `/api/v1/alarms/${target}/dismiss`, { reason: 'not mine' }, officer)).status).toBe(403);
    expect(h.gw.repos.audit.recent(10, { action: 'access.denied' }).filter((a) => a.targetId === target)).toHaveLength(4);
    expect((await h.api('GET', `/api/v1/alarms/${target}`, undefined, h.adminToken)).body).toMatchObject({ state: 'new' }); // untouched
  });

  it('stores a snapshot taken at the alarm of an online camera: a JPEG of the camera picture', async () => {
    await h.api('POST', '/api/v1/health/sweep', undefined, h.adminToken); // the cameras are known online
    const sim = h.fleet.cameras[0]!;
    const res = await post({ eventId: 'snap-1', type: 'tamper', severity: 'major', title: '遮挡', cameraId: cam(sim.index) });
    expect(res.status).toBe(201);
    const url = `${h.gw.url}/api/v1/alarms/${res.body.alarmId}/snapshot`;
    const jpeg = await until(async () => {
      const r = await fetch(url, { headers: { authorization: `Bearer ${h.adminToken}` } });
      return r.status === 200 && r.headers.get('content-type') === 'image/jpeg' ? Buffer.from(await r.arrayBuffer()) : null;
    }, 30_000, 'alarm snapshot');
    expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
    const file = join(mkdtempSync(join(tmpdir(), 'cvg-alarm-snap-')), 'snap.jpg');
    writeFileSync(file, jpeg);
    const px = await centrePixel(file, 640, 360);
    expect(colourDistance(px, sim.colour)).toBeLessThan(35);
    expect(colourDistance(px, h.fleet.cameras[1]!.colour)).toBeGreaterThan(35);
    expect((await h.api<AlarmDto>('GET', `/api/v1/alarms/${res.body.alarmId}`, undefined, h.adminToken)).body.hasSnapshot).toBe(true);
    // An alarm without a snapshot: 404.
    const place = (await post({ eventId: 'snap-2', type: 'grid-report', severity: 'info', title: 'no camera', orgUnitId: '141130100' })).body.alarmId;
    expect((await h.api('GET', `/api/v1/alarms/${place}/snapshot`, undefined, h.adminToken)).status).toBe(404);
  });

  it('applies response plans: the alarm carries the actions and the wall is told', async () => {
    const layout = await h.api<{ id: string }>('POST', '/api/v1/layouts', { name: '告警预案', cols: 2, rows: 2, cells: [{ x: 0, y: 0, w: 2, h: 2, cameraId: cam(1) }], visibility: 'everyone' }, h.adminToken);
    const rule = await h.api<AlarmRuleDto>('POST', '/api/v1/alarm-rules', { name: '水头入侵上墙', alarmType: 'fire', orgUnitId: '141130100', minSeverity: 'major', layoutId: layout.body.id, wallId: 'hall-1', interruptTour: true }, h.adminToken);
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ enabled: true, sound: 'by-severity' });
    expect((await h.api('POST', '/api/v1/alarm-rules', { name: 'x', layoutId: 'nope' }, h.adminToken)).status).toBe(400);
    expect((await h.api('GET', '/api/v1/alarm-rules', undefined, officer)).status).toBe(403);
    const before = h.gw.hub.lastSeq;
    const { alarmId } = (await post({ eventId: 'fire-1', type: 'fire', severity: 'critical', title: '火情', cameraId: cam(1) })).body;
    const alarm = (await h.api<AlarmDto>('GET', `/api/v1/alarms/${alarmId}`, undefined, h.adminToken)).body;
    expect(alarm.actions).toEqual([{ ruleId: rule.body.id, ruleName: '水头入侵上墙', layoutId: layout.body.id, wallId: 'hall-1', interruptTour: true, sound: 'siren' }]);
    const wallEvents = (h.gw.hub.since(before) as Array<{ topic: string; data: unknown }>).filter((e) => e.topic === 'wall:hall-1');
    expect(wallEvents.map((e) => e.data)).toEqual([{ type: 'show-layout', layoutId: layout.body.id, layout: expect.objectContaining({ id: layout.body.id }), by: 'alarm', alarmId, interruptTour: true }]);
    expect(h.gw.repos.walls.get('hall-1')?.layoutId).toBe(layout.body.id);
    // PUT replaces, DELETE removes.
    const put = await h.api<AlarmRuleDto>('PUT', `/api/v1/alarm-rules/${rule.body.id}`, { name: '水头火情', alarmType: 'fire', enabled: false }, h.adminToken);
    expect(put.body).toMatchObject({ name: '水头火情', enabled: false, wallId: null, orgUnitId: null });
    expect((await h.api('DELETE', `/api/v1/alarm-rules/${rule.body.id}`, undefined, h.adminToken)).status).toBe(204);
    expect((await h.api<{ items: unknown[] }>('GET', '/api/v1/alarm-rules', undefined, h.adminToken)).body.items).toEqual([]);
  });

  it('filters the list by state, type, org unit, camera and time', async () => {
    const all = (await list('?limit=500')).items;
    const open = (await list('?state=new,acknowledged&limit=500')).items;
    expect(open.every((a) => a.state === 'new' || a.state === 'acknowledged')).toBe(true);
    expect(open.length).toBeLessThan(all.length);
    expect((await list(`?cameraId=${cam(2)}&type=smoke`)).items.map((a) => a.title)).toEqual(['烟雾']);
    expect((await list('?orgUnit=141130101')).items.map((a) => a.title)).toEqual(['康城']);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await list(`?from=${encodeURIComponent(future)}`)).total).toBe(0);
    expect((await list(`?to=${encodeURIComponent(future)}&limit=2`)).items).toHaveLength(2);
    expect((await h.api('GET', '/api/v1/alarms?state=bogus', undefined, h.adminToken)).status).toBe(400);
  });

  it("refuses an API key named like the gateway's own alarm source with a 400 naming the field, nothing written", async () => {
    const before = (await h.api<{ items: AlarmSourceDto[] }>('GET', '/api/v1/alarm-sources', undefined, h.adminToken)).body.items.length;
    const res = await h.api<{ message: string }>('POST', '/api/v1/alarm-sources', { name: 'gateway' }, h.adminToken);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^body\.name: "gateway" is reserved/);
    expect((await h.api<{ items: AlarmSourceDto[] }>('GET', '/api/v1/alarm-sources', undefined, h.adminToken)).body.items).toHaveLength(before);
    // The gateway still raises its own alarms under that source.
    h.gw.alarms.raiseGateway('ingest-fault', '141130', 'test', 'raised by the test', Date.now());
    const own = (await list('?type=ingest-fault')).items;
    expect(own.map((a) => [a.source, a.state])).toEqual([['external:gateway', 'new']]);
    h.gw.alarms.resolveGateway('ingest-fault', 'test over');
  });
});
