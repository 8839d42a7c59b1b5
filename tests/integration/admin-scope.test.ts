// Issue 10 item 3: an administrator scoped to a township acts only within it. The report reproduced exactly: an admin
// of 水头镇 created alarm API keys for the whole site and for 康城镇, raised a critical alarm on a 康城镇 camera with
// one (it popped up on the county console) and revoked the county admin's key, all audited as ok. Here every one of
// those is refused (403), audited as denied, and nothing changed; the same for alarm rules (预案), walls, shared layouts
// and tours, and discovery scans.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { AlarmListResponse, AlarmRuleDto, AlarmSourceCreated, AlarmSourceDto } from '../../contracts/src/alarm';
import { presetCells, type LayoutDto, type TourDto } from '../../contracts/src/layout';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { openWs } from '../helpers/ws-client';
import { until } from '../helpers/media-probe';

const SHUITOU = '141130100'; // 水头镇: the scoped admin's township
const KANGCHENG = '141130101'; // 康城镇: another township

interface Msg {
  type: string;
  topic?: string;
  data?: unknown;
}

describe('a scoped admin acts only within its org unit (issue 10 item 3)', () => {
  let h: Harness;
  let st = ''; // admin of 水头镇
  let stId = '';
  let kc = ''; // admin of 康城镇
  let camST = '';
  let camKC = '';
  let countyKey: AlarmSourceCreated;
  let kcKey: AlarmSourceCreated;
  let countyRule: AlarmRuleDto;
  let kcRule: AlarmRuleDto;
  let countyLayout: LayoutDto;
  let kcLayout: LayoutDto;
  const sockets: Array<{ ws: WebSocket; messages: Msg[] }> = [];

  const as = (token: string) => ({
    get: <T = unknown>(path: string) => h.api<T>('GET', path, undefined, token),
    post: <T = unknown>(path: string, body?: unknown) => h.api<T>('POST', path, body, token),
    put: <T = unknown>(path: string, body: unknown) => h.api<T>('PUT', path, body, token),
    patch: <T = unknown>(path: string, body: unknown) => h.api<T>('PATCH', path, body, token),
    del: (path: string) => h.api('DELETE', path, undefined, token),
  });
  const raise = async (apiKey: string, cameraId: string) => {
    const res = await fetch(`${h.gw.url}/api/v1/alarms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ eventId: randomUUID(), type: 'intrusion', severity: 'critical', title: '区域入侵', cameraId }),
    });
    return { status: res.status, body: (await res.json()) as { alarmId?: string; message?: string } };
  };
  const denialsOf = (userId: string | null) =>
    (h.gw.db.prepare(`SELECT details FROM audit_log WHERE action = 'access.denied' AND outcome = 'denied' AND user_id IS ?`).all(userId) as Array<{ details: string }>).map(
      (r) => (JSON.parse(r.details) as { reason: string }).reason,
    );
  /** Asserts a 403 and that it left one more `access.denied` row for that user. */
  const refused = async (userId: string, call: Promise<{ status: number; text: string }>) => {
    const before = denialsOf(userId).length;
    const res = await call;
    expect(res.status, res.text).toBe(403);
    expect(denialsOf(userId).length).toBe(before + 1);
    return res;
  };

  beforeAll(async () => {
    h = await startHarness({ cameras: 1, prewarm: false });
    const admin = as(h.adminToken);
    const mk = async (username: string, orgUnitId: string) => {
      const created = await admin.post<{ id: string }>('/api/v1/users', { username, displayName: username, password: `${username}-Pass-123`, role: 'admin', orgUnitId });
      expect(created.status, created.text).toBe(201);
      const login = await h.api<{ token: string }>('POST', '/api/v1/session', { username, password: `${username}-Pass-123` });
      return { id: created.body.id, token: login.body.token };
    };
    ({ token: st, id: stId } = await mk('st-admin', SHUITOU));
    ({ token: kc } = await mk('kc-admin', KANGCHENG));
    const cam = async (orgUnitId: string, host: string) => {
      const res = await admin.post<{ id: string }>('/api/v1/cameras', { name: `cam ${host}`, orgUnitId, category: 1, sourceType: 'rtsp', host, mainStreamUri: `rtsp://${host}/main` });
      expect(res.status, res.text).toBe(201);
      return res.body.id;
    };
    camST = await cam(SHUITOU, '127.0.10.1');
    camKC = await cam(KANGCHENG, '127.0.10.2');
    // The county admin's objects: site-wide ones and 康城镇's.
    countyKey = (await admin.post<AlarmSourceCreated>('/api/v1/alarm-sources', { name: 'county-grid' })).body;
    kcKey = (await admin.post<AlarmSourceCreated>('/api/v1/alarm-sources', { name: 'kc-grid', allowedOrgUnitId: KANGCHENG })).body;
    // Setup results are asserted in the tests that rely on them, so that each test fails for its own reason.
    await admin.put('/api/v1/walls/county-hall', { name: '县指挥大厅', layoutId: null });
    await admin.put('/api/v1/walls/kc-hall', { name: '康城镇大屏', layoutId: null, orgUnitId: KANGCHENG });
    countyLayout = (await admin.post<LayoutDto>('/api/v1/layouts', { name: '全县', cols: 2, rows: 2, cells: presetCells(2), visibility: 'everyone' })).body;
    kcLayout = (await as(kc).post<LayoutDto>('/api/v1/layouts', { name: '康城', cols: 1, rows: 1, cells: [{ x: 0, y: 0, w: 1, h: 1, cameraId: camKC }], visibility: 'everyone' })).body;
    countyRule = (await admin.post<AlarmRuleDto>('/api/v1/alarm-rules', { name: '全县火情', alarmType: 'fire', orgUnitId: null, minSeverity: 'major', layoutId: countyLayout.id, wallId: 'county-hall' })).body;
    kcRule = (await admin.post<AlarmRuleDto>('/api/v1/alarm-rules', { name: '康城入侵', alarmType: 'intrusion', orgUnitId: KANGCHENG, minSeverity: 'minor', wallId: 'kc-hall' })).body;
  });

  afterAll(async () => {
    for (const s of sockets) s.ws.close();
    await h?.close();
  });

  it('the report: no site-wide or 康城镇 key, no alarm on a 康城镇 camera, no revoking the county key — each audited as denied', async () => {
    expect(countyKey.allowedOrgUnitId).toBeNull();
    expect(kcKey.allowedOrgUnitId).toBe(KANGCHENG);
    const county = await openWs<Msg>(h, h.adminToken, { topics: ['alarms'] });
    const kcConsole = await openWs<Msg>(h, kc, { topics: ['alarms'] });
    const stConsole = await openWs<Msg>(h, st, { topics: ['alarms'] });
    sockets.push(county, kcConsole, stConsole);

    // API keys for the whole site or for another township: refused, nothing stored.
    await refused(stId, as(st).post('/api/v1/alarm-sources', { name: 'st-all', allowedOrgUnitId: null }));
    await refused(stId, as(st).post('/api/v1/alarm-sources', { name: 'st-kangcheng', allowedOrgUnitId: KANGCHENG }));
    expect((h.gw.db.prepare(`SELECT COUNT(*) AS n FROM alarm_sources WHERE name IN ('st-all', 'st-kangcheng')`).get() as { n: number }).n).toBe(0);
    // Without a scope the key covers the admin's own township, not the site.
    const own = await as(st).post<AlarmSourceCreated>('/api/v1/alarm-sources', { name: 'st-grid' });
    expect(own.status, own.text).toBe(201);
    expect(own.body.allowedOrgUnitId).toBe(SHUITOU);

    // The township's key raises nothing on a 康城镇 camera (403 naming it, audited); on its own camera it does.
    const foreign = await raise(own.body.apiKey, camKC);
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toContain(camKC);
    expect(denialsOf(null).some((r) => r.includes(camKC))).toBe(true);
    const county0 = (await as(h.adminToken).get<AlarmListResponse>(`/api/v1/alarms?cameraId=${camKC}`)).body;
    expect(county0.total).toBe(0);
    const mine = await raise(own.body.apiKey, camST);
    expect(mine.status).toBe(201);
    // …and reaches the consoles whose scope covers 水头镇 only: the county's and its own, never 康城镇's.
    const heard = (c: { messages: Msg[] }, id: string) => c.messages.some((m) => m.topic === 'alarms' && JSON.stringify(m.data).includes(id));
    await until(async () => heard(county, mine.body.alarmId!) && heard(stConsole, mine.body.alarmId!), 5000, 'alarm on the county and 水头镇 consoles');
    await new Promise((r) => setTimeout(r, 300));
    expect(heard(kcConsole, mine.body.alarmId!)).toBe(false);

    // The county's key and 康城镇's: listed (the site-wide one read-only) or not at all, never revocable.
    const listed = (await as(st).get<{ items: AlarmSourceDto[] }>('/api/v1/alarm-sources')).body.items.map((s) => s.name).sort();
    expect(listed).toEqual(['county-grid', 'st-grid']);
    await refused(stId, as(st).del(`/api/v1/alarm-sources/${countyKey.id}`));
    await refused(stId, as(st).del(`/api/v1/alarm-sources/${kcKey.id}`));
    expect((await raise(countyKey.apiKey, camKC)).status).toBe(201); // still works
    expect((await raise(kcKey.apiKey, camKC)).status).toBe(201);
    // Its own key it revokes.
    expect((await as(st).del(`/api/v1/alarm-sources/${own.body.id}`)).status).toBe(204);

    // The audit tells the truth: no `ok` row for anything refused.
    const okRows = h.gw.db.prepare(`SELECT action, target_id AS targetId, details FROM audit_log WHERE user_id = ? AND outcome = 'ok' AND action LIKE 'alarm-source.%'`).all(stId) as Array<{ action: string; targetId: string; details: string }>;
    expect(okRows.map((r) => r.action).sort()).toEqual(['alarm-source.create', 'alarm-source.revoke']);
    expect(okRows.every((r) => r.targetId === own.body.id)).toBe(true);
  });

  it('alarm rules: created, seen and changed only within the township', async () => {
    const me = as(st);
    expect((await me.put('/api/v1/walls/st-hall', { name: '水头镇大屏', layoutId: null })).status).toBe(200);
    const rule = { name: '水头入侵', alarmType: 'intrusion', minSeverity: 'major' };
    await refused(stId, me.post('/api/v1/alarm-rules', { ...rule, orgUnitId: null }));
    await refused(stId, me.post('/api/v1/alarm-rules', { ...rule, orgUnitId: KANGCHENG }));
    await refused(stId, me.post('/api/v1/alarm-rules', { ...rule, orgUnitId: SHUITOU, wallId: 'county-hall' }));
    await refused(stId, me.post('/api/v1/alarm-rules', { ...rule, orgUnitId: SHUITOU, wallId: 'kc-hall' }));
    await refused(stId, me.post('/api/v1/alarm-rules', { ...rule, orgUnitId: SHUITOU, layoutId: kcLayout.id }));
    const created = await me.post<AlarmRuleDto>('/api/v1/alarm-rules', { ...rule, orgUnitId: SHUITOU, wallId: 'st-hall', layoutId: countyLayout.id });
    expect(created.status, created.text).toBe(201);

    // Seen: its own and the site-wide rule (which also covers 水头镇), not 康城镇's.
    expect((await me.get<{ items: AlarmRuleDto[] }>('/api/v1/alarm-rules')).body.items.map((r) => r.name).sort()).toEqual(['全县火情', '水头入侵'].sort());
    expect((await me.get(`/api/v1/alarm-rules/${countyRule.id}`)).status).toBe(200);
    await refused(stId, me.get(`/api/v1/alarm-rules/${kcRule.id}`));
    // Changed: never 康城镇's, nor the site-wide one (not even by narrowing it to 水头镇: that would take it over).
    await refused(stId, me.put(`/api/v1/alarm-rules/${kcRule.id}`, { ...rule, orgUnitId: SHUITOU }));
    await refused(stId, me.put(`/api/v1/alarm-rules/${countyRule.id}`, { ...rule, orgUnitId: SHUITOU }));
    await refused(stId, me.del(`/api/v1/alarm-rules/${kcRule.id}`));
    await refused(stId, me.del(`/api/v1/alarm-rules/${countyRule.id}`));
    const after = (await as(h.adminToken).get<{ items: AlarmRuleDto[] }>('/api/v1/alarm-rules')).body.items;
    expect(after.find((r) => r.id === countyRule.id)).toEqual(countyRule);
    expect(after.find((r) => r.id === kcRule.id)).toEqual(kcRule);
    expect((await me.put(`/api/v1/alarm-rules/${created.body.id}`, { ...rule, orgUnitId: SHUITOU, enabled: false })).status).toBe(200);
    expect((await me.del(`/api/v1/alarm-rules/${created.body.id}`)).status).toBe(204);
  });

  it('walls: defined, listed and driven only within the township; commands reach only consoles that cover the wall', async () => {
    const me = as(st);
    expect(h.gw.repos.walls.get('county-hall')).toMatchObject({ orgUnitId: null });
    expect(h.gw.repos.walls.get('kc-hall')).toMatchObject({ orgUnitId: KANGCHENG });
    const own = (await me.get<{ wall: { orgUnitId: string | null } }>('/api/v1/walls/st-hall/state')).body.wall;
    expect(own.orgUnitId).toBe(SHUITOU);
    await refused(stId, me.put('/api/v1/walls/county-hall', { name: '改名', layoutId: null }));
    await refused(stId, me.put('/api/v1/walls/kc-hall', { name: '改名', layoutId: null }));
    await refused(stId, me.put('/api/v1/walls/new-wall', { name: 'x', layoutId: null, orgUnitId: null }));
    await refused(stId, me.put('/api/v1/walls/new-wall', { name: 'x', layoutId: null, orgUnitId: KANGCHENG }));
    await refused(stId, me.put('/api/v1/walls/st-hall', { name: '水头镇大屏', layoutId: null, orgUnitId: KANGCHENG })); // giving it away
    await refused(stId, me.put('/api/v1/walls/st-hall', { name: '水头镇大屏', layoutId: kcLayout.id }));
    await refused(stId, me.post('/api/v1/walls/county-hall/commands', { type: 'show-layout', layoutId: countyLayout.id }));
    await refused(stId, me.post('/api/v1/walls/kc-hall/commands', { type: 'stop-tour' }));
    await refused(stId, me.post('/api/v1/walls/st-hall/commands', { type: 'show-layout', layoutId: kcLayout.id }));
    await refused(stId, me.post('/api/v1/walls/st-hall/commands', { type: 'show-camera', cameraId: camKC }));
    await refused(stId, me.del('/api/v1/walls/kc-hall'));
    await refused(stId, me.del('/api/v1/walls/county-hall'));
    await refused(stId, me.get('/api/v1/walls/kc-hall/state'));
    expect((await me.get<{ items: Array<{ id: string }> }>('/api/v1/walls')).body.items.map((w) => w.id)).toEqual(['county-hall', 'st-hall']);
    expect(h.gw.repos.walls.get('county-hall')).toMatchObject({ name: '县指挥大厅', layoutId: null, orgUnitId: null });
    expect(h.gw.repos.walls.get('kc-hall')).toMatchObject({ name: '康城镇大屏', orgUnitId: KANGCHENG });

    const kcConsole = await openWs<Msg>(h, kc, { topics: ['wall:st-hall'] });
    const county = await openWs<Msg>(h, h.adminToken, { topics: ['wall:st-hall'] });
    sockets.push(kcConsole, county);
    const pushed = await me.post<{ seq: number }>('/api/v1/walls/st-hall/commands', { type: 'show-layout', layoutId: countyLayout.id });
    expect(pushed.status, pushed.text).toBe(202);
    await until(async () => county.messages.some((m) => m.topic === 'wall:st-hall'), 5000, 'wall command on the county console');
    await new Promise((r) => setTimeout(r, 300));
    expect(kcConsole.messages.some((m) => m.topic === 'wall:st-hall')).toBe(false);
    // A wall first named by a command is the caller's.
    expect((await me.post('/api/v1/walls/st-hall-2/commands', { type: 'show-layout', layoutId: countyLayout.id })).status).toBe(202);
    expect(h.gw.repos.walls.get('st-hall-2')?.orgUnitId).toBe(SHUITOU);
  });

  it('shared layouts and tours: another township\'s are neither seen nor changed; cameras stay within the scope', async () => {
    const me = as(st);
    expect(countyLayout.ownerOrgUnitId).toBeNull();
    expect(kcLayout.ownerOrgUnitId).toBe(KANGCHENG);
    const layouts = (await me.get<{ items: LayoutDto[] }>('/api/v1/layouts')).body.items;
    expect(layouts.map((l) => l.id)).toContain(countyLayout.id);
    expect(layouts.map((l) => l.id)).not.toContain(kcLayout.id);
    await refused(stId, me.get(`/api/v1/layouts/${kcLayout.id}`));
    await refused(stId, me.patch(`/api/v1/layouts/${kcLayout.id}`, { name: '改名' }));
    await refused(stId, me.del(`/api/v1/layouts/${kcLayout.id}`));
    await refused(stId, me.patch(`/api/v1/layouts/${countyLayout.id}`, { name: '改名' }));
    await refused(stId, me.del(`/api/v1/layouts/${countyLayout.id}`));
    await refused(stId, me.post('/api/v1/layouts', { name: 'x', cols: 1, rows: 1, cells: [{ x: 0, y: 0, w: 1, h: 1, cameraId: camKC }], visibility: 'everyone' }));
    const mine = await me.post<LayoutDto>('/api/v1/layouts', { name: '水头', cols: 1, rows: 1, cells: [{ x: 0, y: 0, w: 1, h: 1, cameraId: camST }], visibility: 'everyone' });
    expect(mine.status, mine.text).toBe(201);
    expect(mine.body.ownerOrgUnitId).toBe(SHUITOU);
    await refused(stId, me.patch(`/api/v1/layouts/${mine.body.id}`, { cells: [{ x: 0, y: 0, w: 1, h: 1, cameraId: camKC }] }));
    // 康城镇's admin does not see 水头镇's shared layout; the county does, and may change it.
    expect((await as(kc).get<{ items: LayoutDto[] }>('/api/v1/layouts')).body.items.map((l) => l.id)).not.toContain(mine.body.id);
    expect((await as(h.adminToken).patch(`/api/v1/layouts/${mine.body.id}`, { name: '水头（县改）' })).status).toBe(200);

    const kcTour = (await as(kc).post<TourDto>('/api/v1/tours', { name: '康城轮巡', dwellSec: 10, cameraIds: [camKC], visibility: 'everyone' })).body;
    expect(kcTour.ownerOrgUnitId).toBe(KANGCHENG);
    expect((await me.get<{ items: TourDto[] }>('/api/v1/tours')).body.items.map((t) => t.id)).not.toContain(kcTour.id);
    await refused(stId, me.put(`/api/v1/tours/${kcTour.id}`, { name: 'x', dwellSec: 10, cameraIds: [camST], visibility: 'everyone' }));
    await refused(stId, me.del(`/api/v1/tours/${kcTour.id}`));
    await refused(stId, me.post('/api/v1/walls/st-hall/commands', { type: 'start-tour', tourId: kcTour.id }));
    await refused(stId, me.post('/api/v1/tours', { name: 'x', dwellSec: 10, cameraIds: [camKC] }));
    await refused(stId, me.post('/api/v1/tours', { name: 'x', dwellSec: 10, orgUnitId: KANGCHENG }));
    expect((await me.post('/api/v1/tours', { name: '水头轮巡', dwellSec: 10, orgUnitId: SHUITOU })).status).toBe(201);
  });

  it('discovery: a scan is stopped only by users whose scope covers whoever started it', async () => {
    const started = await as(h.adminToken).post<{ id: string }>('/api/v1/discovery/scans', { mode: 'unicast', ranges: ['127.0.0.1'], windowMs: 200 });
    expect(started.status, started.text).toBe(202);
    await refused(stId, as(st).del(`/api/v1/discovery/scans/${started.body.id}`));
    expect((await as(h.adminToken).del(`/api/v1/discovery/scans/${started.body.id}`)).status).toBe(204);
  });
});
