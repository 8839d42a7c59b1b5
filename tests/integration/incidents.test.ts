import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentAttachmentDto, IncidentDetailDto, IncidentDto, IncidentListResponse } from '../../contracts/src/incident';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { openWs } from '../helpers/ws-client';
import { until } from '../helpers/media-probe';

const KANGCHENG = '141130101'; // 康城镇
const SHUANGCHI = '141130102'; // 双池镇
const KANGCHENG_VILLAGE = '141130101200';

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF fake jpeg body')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake png body')]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');

interface Msg {
  type: string;
  topic?: string;
  data?: { action: string; incident: IncidentDto };
}

describe('incidents: workflow, scope, durability, attachments', () => {
  let h: Harness;
  const tokens: Record<'operator' | 'kangcheng' | 'shuangchi' | 'viewer', string> = { operator: '', kangcheng: '', shuangchi: '', viewer: '' };

  const newIncident = (over: Record<string, unknown> = {}) => ({
    clientRequestId: randomUUID(),
    title: '村口占道堆放杂物',
    category: 'environment',
    description: '网格长上报：村口道路被杂物占用',
    place: { orgUnitId: KANGCHENG_VILLAGE, lat: 37.06, lng: 111.29, address: '村口' },
    reporter: { kind: 'grid-head', name: '李网格', phone: '13912345678' },
    ...over,
  });
  const create = async (token = tokens.operator, over: Record<string, unknown> = {}) => {
    const res = await h.api<IncidentDto>('POST', '/api/v1/incidents', newIncident(over), token);
    expect(res.status, res.text).toBe(201);
    return res.body;
  };
  const act = (id: string, action: string, body: unknown, token = tokens.operator) => h.api<IncidentDto & { message: string }>('POST', `/api/v1/incidents/${id}/${action}`, body, token);
  const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
  const upload = (id: string, body: Buffer | FormData, contentType: string | null, token = tokens.operator) =>
    fetch(`${h.gw.url}/api/v1/incidents/${id}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) },
      body,
    });

  beforeAll(async () => {
    h = await startHarness({ cameras: 1, prewarm: false });
    const mk = async (username: string, role: string, orgUnitId: string | null) => {
      const res = await h.api('POST', '/api/v1/users', { username, displayName: `${username} 显示名`, password: `${username}-pass-123`, role, orgUnitId }, h.adminToken);
      expect(res.status, res.text).toBe(201);
      return (await h.api<{ token: string }>('POST', '/api/v1/session', { username, password: `${username}-pass-123` })).body.token;
    };
    tokens.operator = await mk('county-op', 'county-operator', null);
    tokens.kangcheng = await mk('kc-duty', 'township-officer', KANGCHENG);
    tokens.shuangchi = await mk('sc-duty', 'township-officer', SHUANGCHI);
    tokens.viewer = await mk('viewer1', 'viewer', null);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('runs the whole workflow, with every step on the timeline and pushed to the right consoles', async () => {
    const kcWs = await openWs<Msg>(h, tokens.kangcheng, { topics: ['incidents'] });
    const scWs = await openWs<Msg>(h, tokens.shuangchi, { topics: ['incidents'] });
    const camera = h.cameraIds.get(h.fleet.cameras[0]!.index)!;

    const inc = await create(tokens.operator, { cameraIds: [camera] });
    expect(inc.code).toMatch(/^\d{4}-101-\d{5}$/);
    expect(inc).toMatchObject({ state: 'accepted', place: { orgUnitId: KANGCHENG_VILLAGE, townshipId: KANGCHENG }, reporter: { phone: '13912345678' }, cameraIds: [camera] });

    expect((await act(inc.id, 'analyse', { note: '属实，需乡镇处置' })).body.state).toBe('analysed');
    const deadline = inDays(3);
    const dispatched = await act(inc.id, 'dispatch', { responsibleOrgUnitId: KANGCHENG, deadline, note: '请三日内清理' });
    expect(dispatched.body).toMatchObject({ state: 'dispatched', responsibleOrgUnitId: KANGCHENG, deadline });
    const handled = await act(inc.id, 'handle', { feedback: '已组织清理完毕' }, tokens.kangcheng);
    expect(handled.status, handled.text).toBe(200);
    expect(handled.body).toMatchObject({ state: 'handled', feedback: '已组织清理完毕', reporter: { phone: null } });
    expect((await act(inc.id, 'close', { note: '核实办结' })).body.state).toBe('closed');
    const visited = await act(inc.id, 'visit', { result: '群众满意', satisfaction: 5 });
    expect(visited.body.visit).toMatchObject({ result: '群众满意', satisfaction: 5 });

    const detail = (await h.api<IncidentDetailDto>('GET', `/api/v1/incidents/${inc.id}`, undefined, tokens.operator)).body;
    expect(detail.timeline.map((e) => [e.action, e.fromState, e.toState, e.username])).toEqual([
      ['create', null, 'accepted', 'county-op'],
      ['analyse', 'accepted', 'analysed', 'county-op'],
      ['dispatch', 'analysed', 'dispatched', 'county-op'],
      ['handle', 'dispatched', 'handled', 'kc-duty'],
      ['close', 'handled', 'closed', 'county-op'],
      ['visit', 'closed', 'closed', 'county-op'],
    ]);
    expect(detail.timeline[3]).toMatchObject({ displayName: 'kc-duty 显示名', note: '已组织清理完毕' });
    expect(detail.closedAt).not.toBeNull();

    // Pushed on `incidents` to 康城镇 (its place), never to 双池镇; the phone is never pushed.
    await until(async () => kcWs.messages.filter((m) => m.type === 'event').length >= 6, 5000, 'incident events');
    const kcEvents = kcWs.messages.filter((m) => m.type === 'event' && m.data?.incident.id === inc.id);
    expect(kcEvents.map((m) => m.data!.action)).toEqual(['create', 'analyse', 'dispatch', 'handle', 'close', 'visit']);
    expect(JSON.stringify(kcWs.messages)).not.toContain('13912345678');
    expect(scWs.messages.filter((m) => m.type === 'event')).toEqual([]);
    kcWs.ws.close();
    scWs.ws.close();
  });

  it('refuses illegal transitions with 409, naming the state and the action', async () => {
    const inc = await create();
    const close = await act(inc.id, 'close', {});
    expect(close.status).toBe(409);
    expect(close.body.message).toContain('cannot close');
    expect(close.body.message).toContain('accepted (受理)');
    expect(close.body.message).toContain(inc.code);
    expect((await act(inc.id, 'dispatch', { responsibleOrgUnitId: KANGCHENG, deadline: inDays(1) })).status).toBe(409);
    expect((await act(inc.id, 'visit', { result: 'x', satisfaction: 3 })).status).toBe(409);
    expect((await act(inc.id, 'return', { reason: 'x' })).status).toBe(409);
    expect((await act(inc.id, 'analyse', {})).status).toBe(200);
    const again = await act(inc.id, 'analyse', {});
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('analysed (研判)');
    // Bad bodies are 400 and change nothing.
    expect((await act(inc.id, 'dispatch', { deadline: inDays(1) })).status).toBe(400);
    expect((await act(inc.id, 'dispatch', { responsibleOrgUnitId: KANGCHENG, deadline: inDays(-1) })).status).toBe(400);
    expect((await act(inc.id, 'dispatch', { responsibleOrgUnitId: KANGCHENG_VILLAGE, deadline: inDays(1) })).status).toBe(400);
    // Return to sender: the township sends it back with a reason; it is the county's again.
    await act(inc.id, 'dispatch', { responsibleOrgUnitId: KANGCHENG, deadline: inDays(1) });
    const ret = await act(inc.id, 'return', { reason: '不属于本镇职责' }, tokens.kangcheng);
    expect(ret.status, ret.text).toBe(200);
    expect(ret.body).toMatchObject({ state: 'analysed', responsibleOrgUnitId: null });
    // Supervision in any open state, not after close.
    expect((await act(inc.id, 'supervise', { note: '县领导批示，限期办理' })).body.supervised).toBe(true);
    const unknown = await h.api('POST', `/api/v1/incidents/${randomUUID()}/analyse`, {}, tokens.operator);
    expect(unknown.status).toBe(404);
  });

  it('keeps each township to its own incidents', async () => {
    const inc = await create();
    await act(inc.id, 'analyse', {});
    await act(inc.id, 'dispatch', { responsibleOrgUnitId: KANGCHENG, deadline: inDays(2) });

    // 双池镇 sees nothing of it and can do nothing with it.
    expect((await h.api('GET', `/api/v1/incidents/${inc.id}`, undefined, tokens.shuangchi)).status).toBe(403);
    expect((await act(inc.id, 'handle', { feedback: 'x' }, tokens.shuangchi)).status).toBe(403);
    expect((await act(inc.id, 'return', { reason: 'x' }, tokens.shuangchi)).status).toBe(403);
    expect((await upload(inc.id, JPEG, 'image/jpeg', tokens.shuangchi)).status).toBe(403);
    const scList = await h.api<IncidentListResponse>('GET', '/api/v1/incidents?limit=500', undefined, tokens.shuangchi);
    expect(scList.body.items.map((i) => i.id)).not.toContain(inc.id);
    // A filter naming another township is refused and audited (issue 6), not answered with an empty list.
    expect((await h.api<IncidentListResponse>('GET', `/api/v1/incidents?orgUnit=${KANGCHENG}`, undefined, tokens.shuangchi)).status).toBe(403);
    expect(h.gw.repos.audit.recent(20, { action: 'access.denied' }).some((a) => a.username === 'sc-duty' && a.targetId === inc.id)).toBe(true);

    // 康城镇 sees it, without the reporter's phone; the county role decides, not the township.
    const kc = await h.api<IncidentDetailDto>('GET', `/api/v1/incidents/${inc.id}`, undefined, tokens.kangcheng);
    expect(kc.status).toBe(200);
    expect(kc.body.reporter.phone).toBeNull();
    expect((await act(inc.id, 'close', {}, tokens.kangcheng)).status).toBe(403);
    expect((await act(inc.id, 'supervise', { note: 'x' }, tokens.kangcheng)).status).toBe(403);

    // An incident placed in 双池镇 but dispatched to 康城镇 is visible to 康城镇, which may handle it.
    const sc = await create(tokens.operator, { place: { orgUnitId: SHUANGCHI } });
    await act(sc.id, 'analyse', {});
    await act(sc.id, 'dispatch', { responsibleOrgUnitId: KANGCHENG, deadline: inDays(2) });
    expect((await act(sc.id, 'handle', { feedback: '已处置' }, tokens.kangcheng)).status).toBe(200);
    expect((await h.api('GET', `/api/v1/incidents/${sc.id}`, undefined, tokens.shuangchi)).status).toBe(200);
    // ...but 双池镇, where it happened, sees it and may not feed back for 康城镇.
    expect((await act(sc.id, 'handle', { feedback: 'x' }, tokens.shuangchi)).status).toBe(403);

    // Township officers may report in their own township only; viewers read only.
    expect((await h.api('POST', '/api/v1/incidents', newIncident(), tokens.kangcheng)).status).toBe(201);
    expect((await h.api('POST', '/api/v1/incidents', newIncident({ place: { orgUnitId: SHUANGCHI } }), tokens.kangcheng)).status).toBe(403);
    expect((await h.api('POST', '/api/v1/incidents', newIncident(), tokens.viewer)).status).toBe(403);
    const viewed = await h.api<IncidentDetailDto>('GET', `/api/v1/incidents/${inc.id}`, undefined, tokens.viewer);
    expect(viewed.status).toBe(200);
    expect(viewed.body.reporter.phone).toBeNull();
    expect((await act(inc.id, 'handle', { feedback: 'x' }, tokens.viewer)).status).toBe(403);
  });

  it('creates idempotently with the client-generated id', async () => {
    const body = newIncident();
    const first = await h.api<IncidentDto>('POST', '/api/v1/incidents', body, tokens.operator);
    expect(first.status).toBe(201);
    const before = (await h.api<IncidentListResponse>('GET', '/api/v1/incidents?limit=1', undefined, tokens.operator)).body.total;
    const retry = await h.api<IncidentDto>('POST', '/api/v1/incidents', body, tokens.operator);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect((await h.api<IncidentListResponse>('GET', '/api/v1/incidents?limit=1', undefined, tokens.operator)).body.total).toBe(before);
    // The same id from someone who cannot see that incident is a conflict, not a leak.
    const stranger = await h.api('POST', '/api/v1/incidents', { ...body, place: { orgUnitId: SHUANGCHI } }, tokens.shuangchi);
    expect(stranger.status).toBe(409);
    // The acknowledged row is on disk in the database file (committed), with its timeline.
    const row = h.gw.db.prepare('SELECT code FROM incidents WHERE client_request_id = ?').get(body.clientRequestId) as { code: string };
    expect(row.code).toBe(first.body.code);
  });

  it('escalates an overdue case: supervised + overdue, recorded as the system', async () => {
    const inc = await create();
    await act(inc.id, 'analyse', {});
    await act(inc.id, 'dispatch', { responsibleOrgUnitId: KANGCHENG, deadline: new Date(Date.now() + 1200).toISOString() });
    await new Promise((r) => setTimeout(r, 1500));
    const sweep = await h.api<{ escalated: number }>('POST', '/api/v1/incidents/escalation-sweep', undefined, tokens.operator);
    expect(sweep.body.escalated).toBeGreaterThanOrEqual(1);
    const d = (await h.api<IncidentDetailDto>('GET', `/api/v1/incidents/${inc.id}`, undefined, tokens.operator)).body;
    expect(d).toMatchObject({ state: 'dispatched', overdue: true, supervised: true });
    expect(d.timeline.at(-1)).toMatchObject({ action: 'escalate', userId: null, username: 'system' });
    const overdue = await h.api<IncidentListResponse>('GET', '/api/v1/incidents?overdue=true&supervised=true&limit=500', undefined, tokens.kangcheng);
    expect(overdue.body.items.map((i) => i.id)).toContain(inc.id);
    // A second sweep changes nothing; the township can still feed back.
    await h.api('POST', '/api/v1/incidents/escalation-sweep', undefined, tokens.operator);
    expect((await h.api<IncidentDetailDto>('GET', `/api/v1/incidents/${inc.id}`, undefined, tokens.operator)).body.timeline.filter((e) => e.action === 'escalate')).toHaveLength(1);
    expect((await act(inc.id, 'handle', { feedback: '延期处置完毕' }, tokens.kangcheng)).status).toBe(200);
    expect((await h.api('POST', '/api/v1/incidents/escalation-sweep', undefined, tokens.kangcheng)).status).toBe(403);
  });

  it('stores attachments safely: type and size limits, generated names, downloads as attachments', async () => {
    const inc = await create();
    const jpeg = await upload(inc.id, JPEG, 'image/jpeg');
    expect(jpeg.status).toBe(201);
    const a = (await jpeg.json()) as IncidentAttachmentDto;
    expect(a).toMatchObject({ kind: 'file', contentType: 'image/jpeg', size: JPEG.length, fileName: `${inc.code}-01.jpg` });

    // multipart with a hostile file name: the name is ignored
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), '../../../etc/cron.d/evil.png');
    const png = await upload(inc.id, form, null, tokens.kangcheng);
    expect(png.status).toBe(201);
    const p = (await png.json()) as IncidentAttachmentDto;
    expect(p.fileName).toBe(`${inc.code}-02.png`);
    expect((await upload(inc.id, PDF, 'application/pdf')).status).toBe(201);

    const download = await fetch(`${h.gw.url}${a.url}`, { headers: { authorization: `Bearer ${tokens.viewer}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${inc.code}-01.jpg"`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(JPEG)).toBe(true);
    const pngBack = await fetch(`${h.gw.url}${p.url}`, { headers: { authorization: `Bearer ${tokens.operator}` } });
    expect(Buffer.from(await pngBack.arrayBuffer()).equals(PNG)).toBe(true);

    // refused: other types, a type that lies about the content, empty, too large, viewers, other townships
    expect((await upload(inc.id, Buffer.from('hello'), 'text/plain')).status).toBe(415);
    expect((await upload(inc.id, Buffer.from('MZ\x90\x00binary'), 'application/octet-stream')).status).toBe(415);
    expect((await upload(inc.id, PDF, 'image/jpeg')).status).toBe(415);
    expect((await upload(inc.id, Buffer.from('<svg/>'), 'image/svg+xml')).status).toBe(415);
    expect((await upload(inc.id, Buffer.alloc(0), 'image/jpeg')).status).toBe(400);
    const big = Buffer.concat([JPEG, Buffer.alloc(10 * 1024 * 1024 + 1 - JPEG.length)]);
    expect((await upload(inc.id, big, 'image/jpeg')).status).toBe(413);
    const huge = Buffer.concat([JPEG, Buffer.alloc(12 * 1024 * 1024)]);
    expect((await upload(inc.id, huge, 'image/jpeg')).status).toBe(413);
    expect((await upload(inc.id, JPEG, null)).status).toBe(415);
    expect((await upload(inc.id, JPEG, 'image/jpeg', tokens.viewer)).status).toBe(403);
    expect((await fetch(`${h.gw.url}/api/v1/incidents/${inc.id}/attachments`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: JPEG })).status).toBe(401);
    expect((await fetch(`${h.gw.url}${a.url}`, { headers: { authorization: `Bearer ${tokens.shuangchi}` } })).status).toBe(403);
    expect((await fetch(`${h.gw.url}/api/v1/incidents/${inc.id}/attachments/..%2F..%2Fgateway.sqlite`, { headers: { authorization: `Bearer ${tokens.operator}` } })).status).toBe(404);

    const list = await h.api<{ items: IncidentAttachmentDto[] }>('GET', `/api/v1/incidents/${inc.id}/attachments`, undefined, tokens.operator);
    expect(list.body.items.map((x) => x.fileName)).toEqual([`${inc.code}-01.jpg`, `${inc.code}-02.png`, `${inc.code}-03.pdf`]);
    const timeline = (await h.api<IncidentDetailDto>('GET', `/api/v1/incidents/${inc.id}`, undefined, tokens.operator)).body.timeline;
    expect(timeline.filter((e) => e.action === 'attach').map((e) => e.username)).toEqual(['county-op', 'kc-duty', 'county-op']);
  });

  it('opens an incident from an alarm, pre-filled, with its snapshot, and the alarm module marks it converted', async () => {
    const camera = h.cameraIds.get(h.fleet.cameras[0]!.index)!;
    const source = await h.api<{ apiKey: string }>('POST', '/api/v1/alarm-sources', { name: 'grid-system' }, h.adminToken);
    expect(source.status, source.text).toBe(201);
    const occurredAt = new Date(Date.now() - 60_000).toISOString();
    const raise = (eventId: string) =>
      fetch(`${h.gw.url}/api/v1/alarms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': source.body.apiKey },
        body: JSON.stringify({ eventId, type: 'motion', severity: 'major', cameraId: camera, title: '移动侦测告警', detail: '人员聚集', occurredAt }),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { alarmId: string } }));
    const raised = await raise(`evt-${randomUUID()}`);
    expect(raised.status).toBe(201);
    const alarmId = raised.body.alarmId;
    h.gw.alarms.storeSnapshot(alarmId, camera, JPEG); // as the alarm snapshotter would (the sim camera is not live here)

    const clientRequestId = randomUUID();
    const res = await h.api<IncidentDto>('POST', `/api/v1/incidents/from-alarm/${alarmId}`, { clientRequestId, category: 'public-security' }, tokens.operator);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      title: '移动侦测告警',
      description: '人员聚集',
      cameraIds: [camera],
      alarmIds: [alarmId],
      place: { orgUnitId: '141130100', townshipId: '141130100' },
      reporter: { kind: 'alarm', name: 'motion' },
      occurredAt,
    });
    expect(res.body.code).toMatch(/^\d{4}-100-00001$/);
    const d = (await h.api<IncidentDetailDto>('GET', `/api/v1/incidents/${res.body.id}`, undefined, tokens.operator)).body;
    expect(d.attachments).toEqual([expect.objectContaining({ kind: 'snapshot', contentType: 'image/jpeg', sourceAlarmId: alarmId, size: JPEG.length })]);
    const snap = await fetch(`${h.gw.url}${d.attachments[0]!.url}`, { headers: { authorization: `Bearer ${tokens.operator}` } });
    expect(Buffer.from(await snap.arrayBuffer()).equals(JPEG)).toBe(true);
    expect(d.alarms).toEqual([expect.objectContaining({ id: alarmId, type: 'motion', severity: 'major', cameraId: camera })]);

    // The alarm side: converted, pointing at the incident, with the step in its history.
    const alarm = await h.api<{ state: string; incidentId: string; history: Array<{ action: string; actor: string }> }>('GET', `/api/v1/alarms/${alarmId}`, undefined, tokens.operator);
    expect(alarm.body).toMatchObject({ state: 'converted', incidentId: res.body.id });
    expect(alarm.body.history.some((e) => e.action === 'converted' && e.actor === 'county-op 显示名')).toBe(true);

    expect((await h.api('POST', `/api/v1/incidents/from-alarm/${alarmId}`, { clientRequestId, category: 'public-security' }, tokens.operator)).status).toBe(200);
    const twice = await h.api<{ message: string }>('POST', `/api/v1/incidents/from-alarm/${alarmId}`, { clientRequestId: randomUUID() }, tokens.operator);
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain(res.body.code);
    expect((await h.api('POST', '/api/v1/incidents/from-alarm/no-such-alarm', { clientRequestId: randomUUID() }, tokens.operator)).status).toBe(404);
    // a 康城镇 officer cannot turn a 水头镇 alarm into an incident
    const other = await raise(`evt-${randomUUID()}`);
    expect((await h.api('POST', `/api/v1/incidents/from-alarm/${other.body.alarmId}`, { clientRequestId: randomUUID() }, tokens.kangcheng)).status).toBe(403);
  });

  it('lists with filters and search', async () => {
    const marker = `搜索标记${Date.now()}`;
    const inc = await create(tokens.operator, { title: marker, category: 'traffic' });
    const found = await h.api<IncidentListResponse>('GET', `/api/v1/incidents?q=${encodeURIComponent(marker)}`, undefined, tokens.operator);
    expect(found.body.items.map((i) => i.id)).toEqual([inc.id]);
    const byCode = await h.api<IncidentListResponse>('GET', `/api/v1/incidents?q=${inc.code}`, undefined, tokens.operator);
    expect(byCode.body.items.map((i) => i.id)).toEqual([inc.id]);
    const traffic = await h.api<IncidentListResponse>('GET', `/api/v1/incidents?category=traffic&state=accepted&orgUnit=${KANGCHENG}`, undefined, tokens.operator);
    expect(traffic.body.items.every((i) => i.category === 'traffic' && i.state === 'accepted')).toBe(true);
    expect(traffic.body.items.map((i) => i.id)).toContain(inc.id);
    expect((await h.api('GET', '/api/v1/incidents?state=nonsense', undefined, tokens.operator)).status).toBe(400);
    const window = await h.api<IncidentListResponse>('GET', `/api/v1/incidents?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, undefined, tokens.operator);
    expect(window.body.total).toBe(0);
  });
});
