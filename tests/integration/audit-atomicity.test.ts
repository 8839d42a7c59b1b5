import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../helpers/gateway-harness';

const KANGCHENG = '141130101';
const KANGCHENG_VILLAGE = '141130101200';

/**
 * Issue 10 item 7: an audited write and its audit row commit together. A trigger on the gateway's own connection makes
 * every audit insert fail (as a crash between the two statements would leave it): the write must not be there either.
 */
describe('audit rows commit with the writes they record', () => {
  let h: Harness;
  const count = (sql: string, ...args: unknown[]) => (h.gw.db.prepare(sql).get(...args) as { n: number }).n;
  const refuseAudit = () => h.gw.db.exec(`CREATE TEMP TRIGGER audit_refused BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused (test)'); END`);
  const incident = () => ({
    clientRequestId: randomUUID(),
    title: '村口占道堆放杂物',
    category: 'environment',
    description: '网格长上报',
    place: { orgUnitId: KANGCHENG_VILLAGE, lat: 37.06, lng: 111.29, address: '村口' },
    reporter: { kind: 'grid-head', name: '李网格', phone: '13912345678' },
  });

  beforeAll(async () => {
    h = await startHarness({ cameras: 1 });
  });
  afterEach(() => h.gw.db.exec('DROP TRIGGER IF EXISTS temp.audit_refused'));
  afterAll(async () => {
    await h?.close();
  });

  it('incident create: no incident, no sequence number used, when its audit row fails', async () => {
    const before = { incidents: count('SELECT count(*) AS n FROM incidents'), seq: count('SELECT coalesce(sum(last), 0) AS n FROM incident_sequences') };
    refuseAudit();
    const res = await h.api('POST', '/api/v1/incidents', incident(), h.adminToken);
    expect(res.status).toBe(500);
    expect(count('SELECT count(*) AS n FROM incidents')).toBe(before.incidents);
    expect(count('SELECT coalesce(sum(last), 0) AS n FROM incident_sequences')).toBe(before.seq);
  });

  it('incident action: the state and timeline do not move when its audit row fails', async () => {
    const created = await h.api<{ id: string }>('POST', '/api/v1/incidents', incident(), h.adminToken);
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE action = 'incident.create' AND target_id = ?`, id)).toBe(1);
    const events = count('SELECT count(*) AS n FROM incident_events WHERE incident_id = ?', id);
    refuseAudit();
    expect((await h.api('POST', `/api/v1/incidents/${id}/analyse`, { note: '属实' }, h.adminToken)).status).toBe(500);
    expect((h.gw.db.prepare('SELECT state FROM incidents WHERE id = ?').get(id) as { state: string }).state).toBe('accepted');
    expect(count('SELECT count(*) AS n FROM incident_events WHERE incident_id = ?', id)).toBe(events);
  });

  it('camera create, update and delete: nothing changes when the audit row fails', async () => {
    const cameraId = h.cameraIds.get(h.fleet.cameras[0]!.index)!;
    const cameras = count('SELECT count(*) AS n FROM cameras');
    const name = (h.gw.db.prepare('SELECT name FROM cameras WHERE id = ?').get(cameraId) as { name: string }).name;
    refuseAudit();
    const body = { name: 'atomic-test', orgUnitId: KANGCHENG, category: 1, sourceType: 'rtsp', host: '127.0.0.1', rtspPort: 554, mainStreamUri: 'rtsp://127.0.0.1:554/atomic', videoCodec: 'h264' };
    expect((await h.api('POST', '/api/v1/cameras', body, h.adminToken)).status).toBe(500);
    expect((await h.api('PATCH', `/api/v1/cameras/${cameraId}`, { name: 'renamed' }, h.adminToken)).status).toBe(500);
    expect((await h.api('DELETE', `/api/v1/cameras/${cameraId}`, undefined, h.adminToken)).status).toBe(500);
    expect(count('SELECT count(*) AS n FROM cameras')).toBe(cameras);
    expect((h.gw.db.prepare('SELECT name FROM cameras WHERE id = ?').get(cameraId) as { name: string }).name).toBe(name);
  });

  it('login: no session row when its audit row fails', async () => {
    const sessions = count('SELECT count(*) AS n FROM sessions');
    refuseAudit();
    expect((await h.api('POST', '/api/v1/session', { username: 'admin', password: ADMIN_PASSWORD })).status).toBe(500);
    expect(count('SELECT count(*) AS n FROM sessions')).toBe(sessions);

    h.gw.db.exec('DROP TRIGGER temp.audit_refused');
    const ok = await h.api<{ token: string }>('POST', '/api/v1/session', { username: 'admin', password: ADMIN_PASSWORD });
    expect(ok.status).toBe(200);
    expect(count('SELECT count(*) AS n FROM sessions')).toBe(sessions + 1);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE action = 'session.login' AND outcome = 'ok'`)).toBe(2); // the harness's and this one
  });

  it('org unit and user create: nothing written when the audit row fails', async () => {
    refuseAudit();
    const unit = { id: '141130101998', name: '原子村', nameEn: null, level: 'village', parentId: KANGCHENG, lat: null, lng: null };
    expect((await h.api('POST', '/api/v1/org-units', unit, h.adminToken)).status).toBe(500);
    expect(count('SELECT count(*) AS n FROM org_units WHERE id = ?', unit.id)).toBe(0);
    const user = { username: 'atomic.user', displayName: '原子', password: 'atomic-user-pw-1', role: 'viewer', orgUnitId: null };
    expect((await h.api('POST', '/api/v1/users', user, h.adminToken)).status).toBe(500);
    expect(count('SELECT count(*) AS n FROM users WHERE username = ?', user.username)).toBe(0);

    // Control: without the trigger the same writes succeed, each with its audit row.
    h.gw.db.exec('DROP TRIGGER temp.audit_refused');
    expect((await h.api('POST', '/api/v1/org-units', unit, h.adminToken)).status).toBe(201);
    expect(count(`SELECT count(*) AS n FROM audit_log WHERE action = 'org-unit.create' AND target_id = ?`, unit.id)).toBe(1);
  });
});
