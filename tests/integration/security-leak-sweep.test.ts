// Secret-leak sweep: a representative scenario (cameras registered with passwords, one with a wrong one, live
// streams, a snapshot, alarms from an external system by API key, failed and successful logins, user admin and
// password changes), capturing every log line, every API response (headers and body) and every WebSocket frame;
// then every secret used must be absent from all of it — except the one response that hands it out.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { withCredentials } from '../../scripts/sim/index';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../helpers/gateway-harness';
import { until, waitForSegments } from '../helpers/media-probe';

interface Captured {
  what: string;
  text: string;
}

describe('secret-leak sweep', () => {
  let h: Harness;
  const captured: Captured[] = [];
  /** secret → the captures allowed to contain it (the response that issued it). */
  const secrets = new Map<string, { kind: string; allowed: Set<string> }>();
  const secret = (value: string, kind: string, allowedIn: string[] = []) => {
    const entry = secrets.get(value) ?? { kind, allowed: new Set<string>() };
    for (const a of allowedIn) entry.allowed.add(a);
    secrets.set(value, entry);
  };
  let n = 0;
  /** fetch that records the response's headers and body under a unique label. */
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const url = path.startsWith('http') ? path : `${h.gw.url}${path}`;
    const res = await fetch(url, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const type = res.headers.get('content-type') ?? '';
    const buf = Buffer.from(await res.arrayBuffer());
    const what = `#${++n} ${method} ${new URL(url).pathname}`;
    const text = [...res.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n') + '\n\n' + (/json|text|mpegurl|csv/.test(type) ? buf.toString('utf8') : buf.toString('latin1'));
    captured.push({ what, text });
    let json: unknown = null;
    try {
      json = JSON.parse(buf.toString('utf8'));
    } catch {
      // not JSON
    }
    return { status: res.status, json: json as Record<string, unknown>, text: buf.toString('utf8'), what };
  };
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    h = await startHarness({ cameras: 3, wrongPasswords: { 3: 'Wrong-Camera-Secret-77' }, auth: { lockoutMaxFailures: 4, ipMaxFailures: 1000 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('runs the scenario and finds no secret where it does not belong', async () => {
    secret(ADMIN_PASSWORD, 'admin password');
    secret('Wrong-Camera-Secret-77', 'camera password');
    for (const cam of h.fleet.cameras) {
      secret(cam.password, 'camera password');
      secret(withCredentials(cam.mainUrl, cam.username, cam.password), 'RTSP URL with credentials');
      secret(`${encodeURIComponent(cam.username)}:${encodeURIComponent(cam.password)}@`, 'RTSP credentials');
    }
    const adminLogin = await call('POST', '/api/v1/session', { username: 'admin', password: ADMIN_PASSWORD });
    const admin = adminLogin.json.token as string;
    secret(admin, 'session token', [adminLogin.what]);
    secret(h.adminToken, 'session token'); // the harness's own login is not captured: allowed nowhere here

    // Every WebSocket frame, on every topic.
    const frames: string[] = [];
    const ws = new WebSocket(`${h.gw.url.replace(/^http/, 'ws')}/api/v1/ws`, { headers: auth(admin) });
    ws.on('message', (m) => frames.push(m.toString()));
    await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['streams', 'cameras', 'alarms', 'incidents', 'discovery'] }));

    // A camera registered now, with a password; read back in every way.
    const extraPassword = `Cam-${randomUUID()}`;
    secret(extraPassword, 'camera password');
    const created = await call('POST', '/api/v1/cameras?test=false', { name: '新点位', orgUnitId: '141130100', category: 2, sourceType: 'rtsp', host: '10.88.0.9', mainStreamUri: 'rtsp://10.88.0.9/main', username: 'operator', password: extraPassword }, auth(admin));
    expect(created.status).toBe(201);
    await call('PATCH', `/api/v1/cameras/${created.json.id as string}?test=false`, { password: `${extraPassword}-2` }, auth(admin));
    secret(`${extraPassword}-2`, 'camera password');
    await call('GET', '/api/v1/cameras?limit=100', undefined, auth(admin));
    for (const id of h.cameraIds.values()) await call('GET', `/api/v1/cameras/${id}`, undefined, auth(admin));
    await call('GET', '/api/v1/cameras/export.csv', undefined, auth(admin));

    // Live streams: the live URL response issues an HLS token; playlists carry it back to their own client.
    const liveIds = [...h.cameraIds.entries()].filter(([i]) => i !== 3).map(([, id]) => id);
    // One of them through the ffmpeg escape hatch: a child process whose command line `ps` shows (below).
    await call('PATCH', `/api/v1/cameras/${liveIds[1]!}?test=false`, { ingest: 'ffmpeg' }, auth(admin));
    for (const id of liveIds) {
      const live = await call('GET', `/api/v1/cameras/${id}/live?profile=sub`, undefined, auth(admin));
      const url = live.json.url as string;
      const token = new URL(url).searchParams.get('token')!;
      const playlistLabels: string[] = [live.what];
      await waitForSegments(url, 1);
      const pl = await call('GET', url);
      playlistLabels.push(pl.what);
      secret(token, 'HLS token', playlistLabels);
      secret(encodeURIComponent(token), 'HLS token', playlistLabels);
    }
    // The wrong-password camera: auth failure, in logs and states.
    const wrongId = h.cameraIds.get(3)!;
    const wrongLive = await call('GET', `/api/v1/cameras/${wrongId}/live?profile=sub`, undefined, auth(admin));
    const wrongToken = new URL(wrongLive.json.url as string).searchParams.get('token')!;
    const wrongPl = await call('GET', wrongLive.json.url as string);
    secret(wrongToken, 'HLS token', [wrongLive.what, wrongPl.what]);
    await until(async () => ((await call('GET', '/api/v1/streams', undefined, auth(admin))).text.includes('auth failed') ? true : null), 20_000, 'auth failed state');
    const snap = await call('GET', `/api/v1/cameras/${liveIds[0]!}/snapshot?profile=sub`, undefined, auth(admin));
    expect(snap.status).toBe(200);
    // What any local user sees with `ps`: the command lines of the gateway's children (the ffmpeg of the escape-hatch
    // camera, connected to it with the camera's password; the in-process streams have none). Only ours: other
    // processes on a shared machine may pull simulated cameras with the same passwords.
    const ps = execFileSync('ps', ['-ww', '-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
    expect(ps.split('\n').filter((line) => /^\s*\d+ \S*ffmpeg /.test(line)).length).toBeGreaterThanOrEqual(1);
    captured.push({ what: 'ps (the gateway\'s children)', text: ps });

    // Alarms from an external system, by API key (one good key, one forged).
    const source = await call('POST', '/api/v1/alarm-sources', { name: 'leak-grid' }, auth(admin));
    const apiKey = source.json.apiKey as string;
    secret(apiKey, 'API key', [source.what]);
    const forgedKey = `${apiKey.slice(0, 12)}${'x'.repeat(Math.max(8, apiKey.length - 12))}`;
    secret(forgedKey, 'API key');
    for (const key of [apiKey, forgedKey]) {
      await call('POST', '/api/v1/alarms', { eventId: randomUUID(), type: 'intrusion', severity: 'major', title: '入侵', cameraId: liveIds[0]! }, { 'x-api-key': key });
    }
    await call('GET', '/api/v1/alarms', undefined, auth(admin));
    await call('GET', '/api/v1/alarm-sources', undefined, auth(admin));

    // Users: created with a password, failed logins (wrong password, someone else's password, unknown user, lockout),
    // a reset, a change.
    const userPassword = `User-${randomUUID()}`;
    const resetPassword = `Reset-${randomUUID()}`;
    const ownPassword = `Own-${randomUUID()}`;
    for (const p of [userPassword, resetPassword, ownPassword]) secret(p, 'user password');
    const u = await call('POST', '/api/v1/users', { username: 'leaky', displayName: '泄露', password: userPassword, role: 'viewer', orgUnitId: null }, auth(admin));
    for (const [name, pw] of [['leaky', 'typo-' + userPassword], ['leaky', ADMIN_PASSWORD], ['ghost', userPassword], ['admin', userPassword]] as const) {
      secret(`typo-${userPassword}`, 'user password');
      expect((await call('POST', '/api/v1/session', { username: name, password: pw })).status).toBe(401);
    }
    for (let i = 0; i < 4; i++) await call('POST', '/api/v1/session', { username: 'ghost', password: `${userPassword}-${i}` });
    await call('POST', `/api/v1/users/${u.json.id as string}/reset-password`, { password: resetPassword }, auth(admin));
    const uLogin = await call('POST', '/api/v1/session', { username: 'leaky', password: resetPassword });
    secret(uLogin.json.token as string, 'session token', [uLogin.what]);
    await call('POST', '/api/v1/session/password', { currentPassword: 'wrong-' + resetPassword, newPassword: ownPassword }, auth(uLogin.json.token as string));
    await call('POST', '/api/v1/session/password', { currentPassword: resetPassword, newPassword: ownPassword }, auth(uLogin.json.token as string));
    await call('GET', '/api/v1/users', undefined, auth(admin));
    await call('GET', '/api/v1/audit?limit=1000', undefined, auth(admin));
    await call('GET', '/api/v1/audit?format=csv', undefined, auth(admin));
    await call('GET', '/api/v1/session', undefined, auth(admin));
    await new Promise((r) => setTimeout(r, 500));
    ws.close();

    const sources: Captured[] = [
      ...captured,
      ...h.logs.lines.map((text, i) => ({ what: `log line ${i + 1}`, text })),
      ...frames.map((text, i) => ({ what: `ws frame ${i + 1}`, text })),
    ];
    expect(h.logs.lines.length).toBeGreaterThan(20);
    expect(frames.length).toBeGreaterThan(3);
    expect(captured.length).toBeGreaterThan(30);
    const leaks: string[] = [];
    for (const [value, { kind, allowed }] of secrets) {
      for (const s of sources) if (!allowed.has(s.what) && s.text.includes(value)) leaks.push(`${kind} in ${s.what}`);
    }
    expect(leaks).toEqual([]);
    // The sweep is not vacuous: the issuing responses do carry their secret.
    expect(captured.find((c) => c.what === source.what)!.text).toContain(apiKey);
  });
});
