/**
 * ONVIF discovery end to end: 50 simulated ONVIF cameras (WS-Discovery on UDP 3702 of 127.31.0.1–50, SOAP on
 * ephemeral ports) and ten hostile responders on 127.32.0.x, scanned through the gateway's API with unicast
 * Probes only (no multicast is ever sent by this test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveredDevice, DiscoveryScanDto } from '../../contracts/src/discovery';
import { HOSTILE_KINDS, startHostileDevice, type HostileDevice } from '../../scripts/sim/onvif/hostile-devices';
import { onvifQuirks, startFleet, type Fleet, type SimCamera } from '../../scripts/sim/index';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { openWs } from '../helpers/ws-client';
import { until } from '../helpers/media-probe';

const FLEET_NET = '127.31.0';
const HOSTILE_NET = '127.32.0';
/** Registered with a wrong password: a plain device (401 + Digest challenge), a SOAP-fault one, a digest-only one. */
const WRONG = new Set([2, 9, 27]);
/** Registered as a camera before the scan, to be reported as alreadyRegistered. */
const REGISTERED = 12;

interface WsMsg {
  type: string;
  topic?: string;
  data?: { id?: string; state?: string; found?: number };
  message?: string;
}

describe('ONVIF discovery', () => {
  let h: Harness;
  let fleet: Fleet;
  let hostile: HostileDevice[] = [];
  let registeredId = '';

  const scan = async (body: unknown, token = h.adminToken): Promise<DiscoveryScanDto> => {
    const res = await h.api<{ id: string }>('POST', '/api/v1/discovery/scans', body, token);
    expect(res.status, res.text).toBe(202);
    return until(
      async () => {
        const r = await h.api<DiscoveryScanDto>('GET', `/api/v1/discovery/scans/${res.body.id}`, undefined, token);
        return r.body.state !== 'running' && r.body;
      },
      60_000,
      'scan to finish',
      200,
    );
  };

  const credentials = (cams: readonly SimCamera[]) =>
    cams.map((c) => ({ username: c.username, password: WRONG.has(c.index) ? 'wrong-password' : c.password, hosts: [c.host] }));

  beforeAll(async () => {
    h = await startHarness({ cameras: 1, prewarm: false });
    fleet = await startFleet({ cameras: 50, port: 0, controlPort: null, baseOctets: [127, 31], onvif: { port: 0 } });
    hostile = await Promise.all(HOSTILE_KINDS.map((kind, i) => startHostileDevice(kind, `${HOSTILE_NET}.${i + 1}`)));
    const cam = fleet.cameras[REGISTERED - 1]!;
    const res = await h.api<{ id: string }>(
      'POST',
      '/api/v1/cameras',
      { name: 'ONVIF 已登记', orgUnitId: '141130100', category: 1, sourceType: 'onvif', host: cam.host, rtspPort: cam.port, mainStreamUri: cam.mainUrl, subStreamUri: cam.subUrl, username: cam.username, password: cam.password, videoCodec: 'h264' },
      h.adminToken,
    );
    expect(res.status, res.text).toBe(201);
    registeredId = res.body.id;
  });

  afterAll(async () => {
    await Promise.all(hostile.map((d) => d.close()));
    await fleet?.close();
    await h?.close();
  });

  it('finds all 50 devices once, with profiles and stream URIs pinned to the camera; wrong credentials are auth-required', async () => {
    const events = await openWs<WsMsg>(h, h.adminToken);
    events.ws.send(JSON.stringify({ type: 'subscribe', topics: ['discovery'] }));
    await until(async () => events.messages.some((m) => m.type === 'hello'), 5000, 'hello');

    const started = performance.now();
    const r = await scan({ mode: 'unicast', ranges: [`${FLEET_NET}.1-${FLEET_NET}.60`], credentials: credentials(fleet.cameras), windowMs: 1000 });
    const ms = performance.now() - started;
    expect(r).toMatchObject({ state: 'done', probed: 60, found: 50, queried: 50, failed: 0, authRequired: WRONG.size, credentialCount: 50, error: null });
    expect(r.devices).toHaveLength(50);
    expect(new Set(r.devices.map((d) => d.uuid)).size).toBe(50);
    expect(r.skipped).toEqual([]);
    expect(ms).toBeLessThan(20_000);

    const byUuid = new Map<string, DiscoveredDevice>(r.devices.map((d) => [d.uuid, d]));
    for (const cam of fleet.cameras) {
      const d = byUuid.get(cam.uuid);
      const q = onvifQuirks(cam.index);
      expect(d, cam.id).toBeDefined();
      if (!d) continue;
      expect(d.address).toBe(cam.host);
      expect(d.deviceServiceUrl).toBe(`http://${cam.host}:${cam.onvifPort}/onvif/device_service`);
      expect(d.scopeName).toBe(cam.name);
      if (WRONG.has(cam.index)) {
        expect(d, cam.id).toMatchObject({ status: 'auth-required', reason: 'none of the 1 credential(s) tried was accepted', mainStreamUri: null });
        continue;
      }
      expect(d.status, `${cam.id}: ${d.reason}`).toBe('ok');
      expect(d.mainStreamUri, cam.id).toBe(cam.mainUrl);
      expect(d.subStreamUri, cam.id).toBe(cam.subUrl);
      expect(d.streamUriRepinned).toBe(q.wrongStreamHost);
      expect(d.snapshotUri?.startsWith(`http://${cam.host}:${cam.onvifPort}/`)).toBe(true);
      const main = d.profiles.find((p) => p.token === d.mainProfileToken);
      const sub = d.profiles.find((p) => p.token === d.subProfileToken);
      expect([main?.width, main?.height, main?.codec, main?.fps]).toEqual([1280, 720, 'H264', 25]);
      expect([sub?.width, sub?.height, sub?.codec]).toEqual([640, 360, 'H264']);
      expect(d.profiles).toHaveLength(q.thirdProfile ? 3 : 2);
      expect(d.ptz).toBe(q.ptz);
      expect(Math.abs((d.clockOffsetSec ?? NaN) - q.clockOffsetMin * 60)).toBeLessThanOrEqual(2);
      expect(d.make).toBe(cam.index % 2 ? 'SIMVISION' : 'SimHua');
      expect(d.firmware).toBe(cam.index % 2 ? 'V5.7.10 build 230210' : '2.820.0000000.10');
      expect(d.mac).toMatch(/^02:[0-9a-f]{2}:5e:00:00:[0-9a-f]{2}$/);
      expect(d.serial).toBeTruthy();
      expect(d.alreadyRegistered).toBe(cam.index === REGISTERED);
      expect(d.registeredCameraId).toBe(cam.index === REGISTERED ? registeredId : null);
    }

    // The match by URI is remembered as the camera's ONVIF uuid.
    const row = h.gw.db.prepare('SELECT onvif_uuid FROM cameras WHERE id = ?').get(registeredId) as { onvif_uuid: string | null };
    expect(row.onvif_uuid).toBe(fleet.cameras[REGISTERED - 1]!.uuid);

    // Progress arrived over the WebSocket, the last event being the finished scan.
    await until(async () => events.messages.some((m) => m.topic === 'discovery' && m.data?.id === r.id && m.data.state === 'done'), 5000, 'done event');
    const mine = events.messages.filter((m) => m.topic === 'discovery' && m.data?.id === r.id);
    expect(mine.some((m) => m.data?.state === 'running')).toBe(true);
    expect(mine.at(-1)?.data).toMatchObject({ state: 'done', found: 50 });
    expect(mine.length).toBeLessThan(100);
    events.ws.close();

    // Credentials are never returned nor logged.
    const text = JSON.stringify(r) + h.logs.text() + JSON.stringify((await h.api('GET', '/api/v1/discovery/scans', undefined, h.adminToken)).body);
    for (const cam of fleet.cameras) expect(text).not.toContain(cam.password);
    expect(text).not.toContain('wrong-password');
  });

  it('skips every hostile device with a reason, and the scan still completes', async () => {
    const started = performance.now();
    const normal = fleet.cameras.slice(0, 1);
    const r = await scan({ mode: 'unicast', ranges: [`${HOSTILE_NET}.1-${HOSTILE_NET}.${HOSTILE_KINDS.length}`, `${FLEET_NET}.1`], credentials: credentials(normal), windowMs: 500 });
    const ms = performance.now() - started;
    expect(r.state).toBe('done');
    expect(ms).toBeLessThan(30_000);

    const at = (kind: string) => `${HOSTILE_NET}.${HOSTILE_KINDS.indexOf(kind as never) + 1}`;
    const skippedAt = (kind: string) => r.skipped.filter((s) => s.address === at(kind)).map((s) => s.reason);
    const deviceAt = (kind: string) => r.devices.filter((d) => d.address === at(kind));

    expect(skippedAt('malformed-probe-match')).toEqual([expect.stringContaining('malformed XML')]);
    expect(skippedAt('no-xaddrs')).toEqual(['ProbeMatch without XAddrs']);
    expect(skippedAt('doctype-probe-match')).toEqual(['DOCTYPE refused']);
    const flood = deviceAt('probe-flood');
    expect(flood.length).toBeGreaterThan(0);
    expect(flood.length).toBeLessThanOrEqual(8); // datagrams taken per source
    for (const d of flood) expect(d).toMatchObject({ status: 'error', reason: expect.stringContaining('ECONNREFUSED') });
    const reasons: Record<string, RegExp> = {
      'huge-reply': /reply too large \(Content-Length 1048576/,
      'huge-chunked': /reply too large \(over 262144 bytes\)/,
      'slow-loris': /no complete reply within 3000 ms/,
      'silent-http': /no complete reply within 3000 ms/,
      'doctype-soap': /DOCTYPE refused/,
      'malformed-soap': /malformed XML/,
    };
    for (const [kind, reason] of Object.entries(reasons)) {
      const [d] = deviceAt(kind);
      expect(d, kind).toMatchObject({ status: 'error', reason: expect.stringMatching(reason) });
    }
    expect(r.devices.find((d) => d.address === `${FLEET_NET}.1`)).toMatchObject({ status: 'ok', mainStreamUri: normal[0]!.mainUrl });
    expect(r.failed).toBe(3 + flood.length + Object.keys(reasons).length);
    expect(h.logs.text()).toContain('discovery: device skipped');

    // The gateway is fine afterwards.
    expect((await h.api('GET', '/api/v1/discovery/scans', undefined, h.adminToken)).status).toBe(200);
    expect((await h.api('GET', '/api/v1/cameras', undefined, h.adminToken)).status).toBe(200);
  });

  it('validates scan requests before sending anything, and checks permissions', async () => {
    const post = (body: unknown, token = h.adminToken) => h.api<{ message?: string }>('POST', '/api/v1/discovery/scans', body, token);
    expect(await post({ mode: 'unicast', ranges: ['127.31.0.0/16'] })).toMatchObject({ status: 400, text: expect.stringContaining('more than the 4096') });
    expect(await post({ mode: 'unicast', ranges: ['239.255.255.250'] })).toMatchObject({ status: 400, text: expect.stringContaining('multicast') });
    expect(await post({ mode: 'unicast', ranges: ['::1'] })).toMatchObject({ status: 400 });
    expect(await post({ mode: 'unicast' })).toMatchObject({ status: 400, text: expect.stringContaining('needs ranges') });
    expect(await post({ mode: 'multicast', interface: 'no-such-if0' })).toMatchObject({ status: 400, text: expect.stringContaining('no IPv4 interface') });
    expect(await post({ mode: 'unicast', ranges: ['127.31.0.1'], credentials: [{ username: 'a', password: 'b', hosts: ['10.0.0.300'] }] })).toMatchObject({ status: 400 });
    expect(await post({ mode: 'unicast', ranges: ['127.31.0.1'], extra: 1 })).toMatchObject({ status: 400 });

    const mkUser = async (username: string, role: string) => {
      const password = `${username}-pw-12345`;
      const res = await h.api('POST', '/api/v1/users', { username, displayName: username, password, role, orgUnitId: null }, h.adminToken);
      expect(res.status, res.text).toBe(201);
      return (await h.api<{ token: string }>('POST', '/api/v1/session', { username, password })).body.token;
    };
    const viewer = await mkUser('disc-viewer', 'viewer');
    const tech = await mkUser('disc-tech', 'technician');
    expect((await post({ mode: 'unicast', ranges: ['127.31.0.1'] }, viewer)).status).toBe(403);
    expect((await h.api('GET', '/api/v1/discovery/scans', undefined, viewer)).status).toBe(403);
    const r = await scan({ mode: 'unicast', ranges: [`${FLEET_NET}.1`], windowMs: 300 }, tech);
    expect(r.devices).toEqual([expect.objectContaining({ address: `${FLEET_NET}.1`, status: 'auth-required', reason: expect.stringContaining('gave none') })]);
    expect((await h.api('GET', '/api/v1/discovery/scans/6f1d0c1e-0000-4000-8000-000000000000', undefined, tech)).status).toBe(404);
    expect((await h.api('GET', '/api/v1/discovery/scans/not-an-id', undefined, tech)).status).toBe(400);

    const ws = await openWs<WsMsg>(h, viewer);
    ws.ws.send(JSON.stringify({ type: 'subscribe', topics: ['discovery'] }));
    await until(async () => ws.messages.some((m) => m.type === 'error'), 5000, 'refusal');
    expect(ws.messages.find((m) => m.type === 'error')?.message).toContain('not permitted');
    ws.ws.close();
  });
});
