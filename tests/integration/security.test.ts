// Attacks on the access mechanism: brute force, a township officer probing another township by every door, HLS
// token tampering and replay, user administration outside one's scope, the audit's immutability, HTTP hardening.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { until } from '../helpers/media-probe';

const RENDERER_DIST = resolve(import.meta.dirname, '../../renderer/dist');
const SHUITOU = '141130100'; // 水头镇: the sim cameras' township
const KANGCHENG = '141130101'; // 康城镇

interface Msg {
  type: string;
  topic?: string;
  data?: unknown;
  message?: string;
}

describe('security: attacks on roles, scope, sessions, tokens and the audit', () => {
  let h: Harness;
  let own = ''; // camera in 水头镇
  let foreign = ''; // camera in 康城镇
  let officer = '';
  let officerId = '';
  let apiKey = '';
  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${h.gw.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });
  const denials = (userId: string | null) =>
    h.gw.db.prepare(`SELECT target_type AS targetType, target_id AS targetId, details FROM audit_log WHERE action = 'access.denied' AND user_id IS ?`).all(userId) as Array<{ targetType: string; targetId: string; details: string }>;
  const mkUser = async (username: string, role: string, orgUnitId: string | null, password = `${username}-Pw-2024!`) => {
    const res = await h.api<{ id: string }>('POST', '/api/v1/users', { username, displayName: username, password, role, orgUnitId }, h.adminToken);
    expect(res.status, res.text).toBe(201);
    const s = await h.api<{ token: string }>('POST', '/api/v1/session', { username, password });
    return { id: res.body.id, token: s.body.token, password };
  };

  beforeAll(async () => {
    h = await startHarness({
      cameras: 2,
      rendererDir: existsSync(resolve(RENDERER_DIST, 'index.html')) ? RENDERER_DIST : undefined,
      auth: { lockoutMaxFailures: 3, lockoutWindowSec: 60, lockoutSec: 3, ipMaxFailures: 1000, hlsTokenTtlSec: 2 },
      http: { bodyLimitBytes: 64 * 1024 },
    });
    own = h.cameraIds.get(h.fleet.cameras[0]!.index)!;
    foreign = h.cameraIds.get(h.fleet.cameras[1]!.index)!;
    expect((await h.api('PATCH', `/api/v1/cameras/${foreign}`, { orgUnitId: KANGCHENG }, h.adminToken)).status).toBe(200);
    const o = await mkUser('st-officer', 'township-officer', SHUITOU);
    officer = o.token;
    officerId = o.id;
    apiKey = (await h.api<{ apiKey: string }>('POST', '/api/v1/alarm-sources', { name: 'sec-grid' }, h.adminToken)).body.apiKey;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('brute force: the username locks after 3 failures, for a known and an unknown name alike, and it is audited', async () => {
    await mkUser('victim', 'viewer', null, 'Victim-pw-2024!');
    const attempt = async (name: string, pw: string) => {
      const r = await login(name, pw);
      return { status: r.status, body: await r.text(), retry: r.headers.get('retry-after') };
    };
    const known = [await attempt('victim', 'guess-1'), await attempt('victim', 'guess-2'), await attempt('victim', 'guess-3'), await attempt('victim', 'Victim-pw-2024!')];
    const unknown = [await attempt('nobody', 'guess-1'), await attempt('nobody', 'guess-2'), await attempt('nobody', 'guess-3'), await attempt('nobody', 'Victim-pw-2024!')];
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 429]);
    // Identical answers whether the user exists or not: nothing to enumerate.
    expect(unknown.map((a) => [a.status, a.body])).toEqual(known.map((a) => [a.status, a.body]));
    expect(Number(known[3]!.retry)).toBeGreaterThan(0);
    const rows = h.gw.repos.audit.recent(50).filter((r) => r.username === 'victim' || r.username === 'nobody');
    expect(rows.filter((r) => r.action === 'session.lockout').map((r) => r.username).sort()).toEqual(['nobody', 'victim']);
    expect(rows.filter((r) => r.action === 'session.login' && r.outcome === 'denied').length).toBe(2);
    // After the lockout the right password works again.
    await new Promise((r) => setTimeout(r, 3200));
    expect((await login('victim', 'Victim-pw-2024!')).status).toBe(200);
  });

  it('a township officer cannot reach another township by HLS URL, WS, incident id or list filter — each denial audited', async () => {
    const before = denials(officerId).length;
    // 1. Direct HLS URL: its own (genuine) token on the other township's camera path.
    const ownUrl = await h.liveUrl(own, 'sub', officer);
    expect((await fetch(ownUrl.replace(own, foreign))).status).toBe(403);
    expect((await h.api('GET', `/api/v1/cameras/${foreign}/live?profile=sub`, undefined, officer)).status).toBe(403);
    // 2. WebSocket: subscribed to everything it may, it hears nothing of 康城镇 (alarm, incident, camera status).
    const ws = new WebSocket(`${h.gw.url.replace(/^http/, 'ws')}/api/v1/ws`, { headers: { authorization: `Bearer ${officer}` } });
    const frames: Msg[] = [];
    ws.on('message', (m) => frames.push(JSON.parse(m.toString()) as Msg));
    await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['alarms', 'incidents', 'cameras', 'streams'] }));
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['discovery'] })); // not its role's: refused and audited
    await until(async () => frames.some((f) => f.type === 'error'), 5000, 'topic refusal');
    const alarm = await fetch(`${h.gw.url}/api/v1/alarms`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: JSON.stringify({ eventId: randomUUID(), type: 'intrusion', severity: 'critical', title: '康城入侵', cameraId: foreign }) });
    const alarmId = ((await alarm.json()) as { alarmId: string }).alarmId;
    const incident = await h.api<{ id: string }>('POST', '/api/v1/incidents', { clientRequestId: randomUUID(), title: '康城事件', category: 'public-security', place: { orgUnitId: KANGCHENG }, reporter: { kind: 'grid-head' } }, h.adminToken);
    expect(incident.status).toBe(201);
    await new Promise((r) => setTimeout(r, 500));
    expect(frames.filter((f) => f.type === 'event')).toEqual([]);
    ws.close();
    // 3. By id: the incident, the alarm, the camera.
    expect((await h.api('GET', `/api/v1/incidents/${incident.body.id}`, undefined, officer)).status).toBe(403);
    expect((await h.api('GET', `/api/v1/alarms/${alarmId}`, undefined, officer)).status).toBe(403);
    expect((await h.api('POST', `/api/v1/alarms/${alarmId}/ack`, {}, officer)).status).toBe(403);
    expect((await h.api('GET', `/api/v1/cameras/${foreign}`, undefined, officer)).status).toBe(403);
    // 4. List filters naming the other township.
    for (const path of ['/api/v1/cameras', '/api/v1/alarms', '/api/v1/incidents', '/api/v1/cameras/export.csv']) {
      expect((await h.api('GET', `${path}?orgUnit=${KANGCHENG}`, undefined, officer)).status, path).toBe(403);
    }
    const rows = denials(officerId).slice(before);
    const targets = rows.map((r) => `${r.targetType}:${r.targetId}`);
    expect(targets).toContain(`camera:${foreign}`); // HLS path and live URL
    expect(targets).toContain('ws-topic:discovery');
    expect(targets).toContain(`incident:${incident.body.id}`);
    expect(targets).toContain(`alarm:${alarmId}`);
    expect(targets.filter((t) => t === `org-unit:${KANGCHENG}`).length).toBe(4);
    expect(rows.length).toBeGreaterThanOrEqual(11);
  });

  it('HLS: tampered, foreign-profile and replayed-after-expiry tokens are refused (403); none of them reaches the log', async () => {
    const url = await h.liveUrl(own, 'sub', officer);
    expect((await fetch(url)).status).toBe(200);
    const token = new URL(url).searchParams.get('token')!;
    const [payload, sig] = token.split('.') as [string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const forgedPayload = Buffer.from(Buffer.from(payload, 'base64url').toString().replace(own, foreign)).toString('base64url');
    const withToken = (t: string, cam = own, profile = 'sub') => `${h.gw.url}/hls/${cam}/${profile}/index.m3u8?token=${encodeURIComponent(t)}`;
    expect((await fetch(withToken(`${payload}.${flip(sig)}`))).status).toBe(403); // signature tampered
    expect((await fetch(withToken(`${forgedPayload}.${sig}`, foreign))).status).toBe(403); // payload tampered
    expect((await fetch(withToken(token, own, 'main'))).status).toBe(403); // other profile
    expect((await fetch(withToken(''))).status).toBe(403);
    expect((await fetch(`${h.gw.url}/hls/${own}/sub/index.m3u8`)).status).toBe(403);
    await new Promise((r) => setTimeout(r, 2300)); // hlsTokenTtlSec = 2
    expect((await fetch(url)).status).toBe(403); // replayed after expiry
    expect(denials(officerId).some((r) => r.details.includes('HLS token expired'))).toBe(true);
    expect(h.logs.text()).not.toContain(token);
    expect(h.logs.text()).not.toContain(sig);
  });

  it("a disabled user's and a moved camera's HLS tokens stop working at once", async () => {
    const u = await mkUser('soon-disabled', 'viewer', null);
    const url = await h.liveUrl(own, 'sub', u.token);
    expect((await fetch(url)).status).toBe(200);
    expect((await h.api('PATCH', `/api/v1/users/${u.id}`, { disabled: true }, h.adminToken)).status).toBe(200);
    expect((await fetch(url)).status).toBe(403);
    expect((await h.api('GET', '/api/v1/session', undefined, u.token)).status).toBe(401); // sessions ended
    const failed = await login('soon-disabled', u.password);
    expect([failed.status, await failed.text()]).toEqual([401, JSON.stringify({ error: 'unauthorized', message: 'wrong username or password' })]);
    expect((await h.api('PATCH', `/api/v1/users/${u.id}`, { disabled: false }, h.adminToken)).status).toBe(200);
    expect((await login('soon-disabled', u.password)).status).toBe(200);

    const officerUrl = await h.liveUrl(own, 'sub', officer);
    expect((await fetch(officerUrl)).status).toBe(200);
    expect((await h.api('PATCH', `/api/v1/cameras/${own}`, { orgUnitId: KANGCHENG }, h.adminToken)).status).toBe(200);
    try {
      expect((await fetch(officerUrl)).status).toBe(403);
    } finally {
      expect((await h.api('PATCH', `/api/v1/cameras/${own}`, { orgUnitId: SHUITOU }, h.adminToken)).status).toBe(200);
    }
    const actions = h.gw.repos.audit.recent(30).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.disable', 'user.enable']));
  });

  it('user administration: a scoped admin stays inside its subtree; reset forces a change; own password needs the current one', async () => {
    const scoped = await mkUser('st-admin', 'admin', SHUITOU);
    const body = (username: string, orgUnitId: string | null, role = 'viewer') => ({ username, displayName: username, password: 'Some-pw-2024!', role, orgUnitId });
    expect((await h.api('POST', '/api/v1/users', body('in-scope2', SHUITOU), scoped.token)).status).toBe(201);
    expect((await h.api('POST', '/api/v1/users', body('outside', KANGCHENG), scoped.token)).status).toBe(403);
    expect((await h.api('POST', '/api/v1/users', body('county', null), scoped.token)).status).toBe(403);
    const list = await h.api<{ items: Array<{ username: string; orgUnitId: string | null }> }>('GET', '/api/v1/users', undefined, scoped.token);
    expect(list.body.items.every((u) => u.orgUnitId?.startsWith(SHUITOU))).toBe(true);
    const victim = h.gw.repos.users.findByUsername('victim')!; // county-level: outside the scoped admin
    expect((await h.api('PATCH', `/api/v1/users/${victim.id}`, { role: 'admin' }, scoped.token)).status).toBe(403);
    expect((await h.api('POST', `/api/v1/users/${victim.id}/reset-password`, { password: 'Hijack-pw-2024!' }, scoped.token)).status).toBe(403);
    expect((await h.api('PATCH', `/api/v1/users/${officerId}`, { orgUnitId: KANGCHENG }, scoped.token)).status).toBe(403);
    expect((await h.api('PATCH', `/api/v1/users/${scoped.id}`, { orgUnitId: null }, scoped.token)).status).toBe(403); // not itself
    const scopedDenials = denials(scoped.id);
    expect(scopedDenials.length).toBeGreaterThanOrEqual(6);

    // Reset by an admin: sessions end, the next login must change the password before anything else.
    const u = await mkUser('resettee', 'viewer', null);
    expect((await h.api('POST', `/api/v1/users/${u.id}/reset-password`, { password: 'Temp-pw-2024!' }, h.adminToken)).status).toBe(204);
    expect((await h.api('GET', '/api/v1/session', undefined, u.token)).status).toBe(401);
    const s = await h.api<{ token: string; user: { mustChangePassword?: boolean } }>('POST', '/api/v1/session', { username: 'resettee', password: 'Temp-pw-2024!' });
    expect(s.body.user.mustChangePassword).toBe(true);
    const blocked = await h.api<{ error: string }>('GET', '/api/v1/cameras', undefined, s.body.token);
    expect([blocked.status, blocked.body.error]).toEqual([403, 'password_change_required']);
    expect((await h.api('POST', '/api/v1/session/password', { currentPassword: 'wrong-one', newPassword: 'Mine-pw-2024!' }, s.body.token)).status).toBe(400);
    expect((await h.api('POST', '/api/v1/session/password', { currentPassword: 'Temp-pw-2024!', newPassword: 'short' }, s.body.token)).status).toBe(400);
    expect((await h.api('POST', '/api/v1/session/password', { currentPassword: 'Temp-pw-2024!', newPassword: 'Mine-pw-2024!' }, s.body.token)).status).toBe(204);
    expect((await h.api('GET', '/api/v1/cameras', undefined, s.body.token)).status).toBe(200);
    expect((await login('resettee', 'Temp-pw-2024!')).status).toBe(401);
    expect((await login('resettee', 'Mine-pw-2024!')).status).toBe(200);
    const hash = h.gw.repos.users.findByUsername('resettee')!.passwordHash;
    expect(hash.startsWith('$argon2id$')).toBe(true);
    const actions = h.gw.repos.audit.recent(40).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.password-reset', 'user.password-change', 'user.create']));
  });

  it('audit search: filters, CSV export; no API can change or delete a row (admin included); the table refuses it too', async () => {
    type List = { items: Array<{ id: number; action: string; username: string | null; targetId: string | null; at: string }>; total: number };
    const byCamera = await h.api<List>('GET', `/api/v1/audit?camera=${own}&action=live.*`, undefined, h.adminToken);
    expect(byCamera.status).toBe(200);
    expect(byCamera.body.items.length).toBeGreaterThan(0);
    expect(byCamera.body.items.every((r) => r.targetId === own && r.action.startsWith('live.'))).toBe(true);
    const byUser = await h.api<List>('GET', '/api/v1/audit?user=st-officer&action=access.denied&limit=5', undefined, h.adminToken);
    expect(byUser.body.items.length).toBe(5);
    expect(byUser.body.total).toBeGreaterThan(5);
    const future = await h.api<List>('GET', `/api/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`, undefined, h.adminToken);
    expect(future.body.items).toEqual([]);
    expect((await h.api('GET', '/api/v1/audit?limit=5000', undefined, h.adminToken)).status).toBe(400);
    const csv = await fetch(`${h.gw.url}/api/v1/audit?format=csv&user=st-officer`, { headers: { authorization: `Bearer ${h.adminToken}` } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="audit-\d+\.csv"/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads UTF-8
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('id,time,user_id,username,action,target_type,target_id,outcome,ip,details');
    expect(text).toContain('access.denied');

    const first = byUser.body.items[0]!.id;
    const row = () => h.gw.db.prepare('SELECT * FROM audit_log WHERE id = ?').get(first);
    const original = row();
    for (const [method, path] of [
      ['DELETE', '/api/v1/audit'],
      ['DELETE', `/api/v1/audit/${first}`],
      ['PUT', `/api/v1/audit/${first}`],
      ['PATCH', `/api/v1/audit/${first}`],
      ['POST', '/api/v1/audit'],
      ['PATCH', '/api/v1/audit'],
    ] as const) {
      const res = await h.api(method, path, { action: 'forged', outcome: 'ok' }, h.adminToken);
      expect(res.status, `${method} ${path}`).toBeOneOf([404, 405]);
    }
    expect(row()).toEqual(original);
    expect(h.gw.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'forged'`).get()).toEqual({ n: 0 });
    expect(() => h.gw.db.prepare('UPDATE audit_log SET action = ? WHERE id = ?').run('forged', first)).toThrow(/append-only/);
    expect(() => h.gw.db.prepare('DELETE FROM audit_log WHERE id = ?').run(first)).toThrow(/append-only/);
    expect((await h.api('GET', '/api/v1/audit', undefined, officer)).status).toBe(403);
  });

  it('live view start and stop are both audited with user, camera, profile and address', async () => {
    const u = await mkUser('watcher', 'viewer', null);
    const url = await h.liveUrl(own, 'sub', u.token);
    expect((await fetch(url)).status).toBe(200);
    await h.gw.streams.stopCamera(own);
    const rows = await until(async () => {
      const r = h.gw.repos.audit.recent(100, { userId: u.id }).filter((x) => x.action.startsWith('live.view-'));
      return r.some((x) => x.action === 'live.view-stop') ? r : null;
    }, 10_000, 'view-stop');
    const stop = rows.find((x) => x.action === 'live.view-stop')!;
    expect(stop).toMatchObject({ targetType: 'camera', targetId: own, username: 'watcher', ip: '127.0.0.1' });
    expect(JSON.parse(stop.details!)).toMatchObject({ profile: 'sub' });
    expect(rows.some((x) => x.action === 'live.view-start')).toBe(true);
  });

  it('HTTP hardening: headers and CSP, CORS closed, preflights refused, body limit', async () => {
    if (h.gw.app.hasRoute({ method: 'GET', url: '/*' })) {
      const index = await fetch(`${h.gw.url}/`);
      const csp = index.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
    }
    const api = await fetch(`${h.gw.url}/api/v1/health`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('x-frame-options')).toBe('DENY');
    expect(api.headers.get('referrer-policy')).toBe('no-referrer');
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${h.gw.url}/api/v1/session`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const xsite = await login('admin', 'whatever', { origin: 'https://evil.example' });
    expect(xsite.status).toBe(403);
    expect(xsite.headers.get('access-control-allow-origin')).toBeNull();
    // Same origin (what the console sends) is fine.
    expect((await h.api('GET', '/api/v1/session', undefined, h.adminToken)).status).toBe(200);
    const sameOrigin = await fetch(`${h.gw.url}/api/v1/session`, { headers: { origin: h.gw.url, authorization: `Bearer ${h.adminToken}` } });
    expect(sameOrigin.status).toBe(200);
    // Cross-site WebSocket hijacking: the upgrade is refused.
    const ws = new WebSocket(`${h.gw.url.replace(/^http/, 'ws')}/api/v1/ws`, { headers: { authorization: `Bearer ${h.adminToken}`, origin: 'https://evil.example' } });
    const status = await new Promise<number>((r) => {
      ws.once('unexpected-response', (_q, res) => r(res.statusCode ?? 0));
      ws.once('open', () => r(101));
      ws.once('error', () => r(-1));
    });
    ws.terminate();
    expect(status).toBe(403);
    // Body limit (http.bodyLimitBytes = 64 KiB here).
    const big = await h.api('POST', '/api/v1/layouts', { name: 'x'.repeat(70 * 1024) }, h.adminToken);
    expect(big.status).toBe(413);
  });
});
