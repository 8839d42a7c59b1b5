import { lookup } from 'node:dns/promises';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMERA_CSV_COLUMNS, DEMO_ORG_UNITS } from '../../camera-config/src/index';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { until } from '../helpers/media-probe';

/**
 * Issue 10 item 5: the stream test must not be a port scanner for the gateway's own machine. Only the simulator's
 * 127.1.0.0/16 is allowed here; a listener on 127.0.0.1 stands in for an internal service.
 */
describe('stream address policy (stream test, create, update)', () => {
  let h: Harness;
  let listener: Server;
  let openPort = 0;
  let closedPort = 0;
  let connections = 0;
  let dnsAnswer = '';

  const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));

  beforeAll(async () => {
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    openPort = await listen(listener);
    const probe = createServer();
    closedPort = await listen(probe);
    await new Promise((r) => probe.close(r));
    h = await startHarness({
      cameras: 1,
      prewarm: false,
      cameraConfig: { allowedNetworks: ['127.1.0.0/16'], testOnCreate: true },
      // A fake DNS: the camera's name answers what the test says (a rebinding attacker's server).
      resolveHost: async (host) => (host === 'cam1.sim.test' ? [dnsAnswer] : (await lookup(host, { all: true })).map((a) => a.address)),
    });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    listener?.close();
  });

  const streamTest = (url: string) => h.api<{ error?: string; message?: string; ok?: boolean }>('POST', '/api/v1/cameras/test-stream', { url }, h.adminToken);

  it('refuses loopback in every numeric spelling, metadata and unspecified, with one answer, before connecting', async () => {
    const urls = [
      `rtsp://127.0.0.1:${openPort}/x`,
      `rtsp://127.0.0.1:${closedPort}/x`,
      `rtsp://0x7f.1:${openPort}/`,
      `rtsp://0177.0.0.1:${openPort}/`,
      `rtsp://2130706433:${openPort}/`,
      `rtsp://127.1:${openPort}/`,
      `rtsp://[::ffff:127.0.0.1]:${openPort}/`,
      `rtsp://[::1]:${openPort}/`,
      `rtsp://localhost:${openPort}/`,
      'rtsp://169.254.169.254/latest/meta-data/',
      'rtsp://169.254.1.1/',
      'rtsp://0.0.0.0/',
      `rtsp://127.1.0.1:${new URL(h.gw.url).port}/`,
    ];
    const messages = new Set<string>();
    for (const url of urls) {
      const res = await streamTest(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error, url).toBe('stream_address_denied');
      messages.add(res.body.message ?? '');
    }
    expect([...messages]).toHaveLength(1);
    expect([...messages][0]).toMatch(/^body\.url: stream address is not allowed/);
    expect(connections).toBe(0);
  });

  it('refuses the same addresses on create and update, whatever ?test and ?force say', async () => {
    const base = { name: 'internal', orgUnitId: '141130101', category: 1, sourceType: 'rtsp', host: '127.0.0.1', rtspPort: openPort };
    const created = await h.api<{ error: string; message: string }>('POST', '/api/v1/cameras?test=false', { ...base, mainStreamUri: `rtsp://0x7f.1:${openPort}/` }, h.adminToken);
    expect(created.status).toBe(400);
    expect(created.body.message).toMatch(/^body\.mainStreamUri: /);
    const forced = await h.api('POST', '/api/v1/cameras?force=true', { ...base, subStreamUri: `rtsp://127.0.0.1:${openPort}/` }, h.adminToken);
    expect(forced.status).toBe(400);

    const camId = h.cameraIds.get(1)!;
    const patched = await h.api<{ message: string }>('PATCH', `/api/v1/cameras/${camId}?test=false`, { mainStreamUri: `rtsp://[::1]:${openPort}/` }, h.adminToken);
    expect(patched.status).toBe(400);
    expect(patched.body.message).toMatch(/^body\.mainStreamUri: /);
    expect(connections).toBe(0);
  });

  it('a CSV import refuses the same addresses, row by row, and writes nothing', async () => {
    const village = DEMO_ORG_UNITS.find((u) => u.level === 'village' && u.parentId === '141130101')!;
    const row = (name: string, main: string) => {
      const cells: Record<string, string> = { name, township: '康城镇', category: '3', village: village.name, rtsp_main: main };
      return CAMERA_CSV_COLUMNS.map((c) => cells[c] ?? '').join(',');
    };
    const csv = [CAMERA_CSV_COLUMNS.join(','), row('lab', 'rtsp://10.60.0.1/ch1'), row('inside', `rtsp://0x7f.1:${openPort}/`), row('meta', 'rtsp://169.254.169.254/')].join('\r\n');
    const post = (path: string) => fetch(`${h.gw.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8', authorization: `Bearer ${h.adminToken}` }, body: csv });
    const dry = (await (await post('/api/v1/cameras/import?dryRun=true')).json()) as { valid: number; issues: Array<{ row: number; field: string; reason: string }> };
    expect(dry.valid).toBe(1);
    expect(dry.issues.map((i) => [i.row, i.field])).toEqual([
      [3, 'rtsp_main'],
      [4, 'rtsp_main'],
    ]);
    expect(dry.issues[0]!.reason).toMatch(/^stream address is not allowed/);
    expect((await post('/api/v1/cameras/import')).status).toBe(422);
    expect(connections).toBe(0);
  });

  it('the allowed simulator range keeps working', async () => {
    const cam = h.fleet.cameras[0]!;
    const res = await h.api<{ ok: boolean }>('POST', '/api/v1/cameras/test-stream', { url: cam.subUrl, username: cam.username, password: cam.password }, h.adminToken);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    const registered = await h.api<{ ok: boolean }>('POST', '/api/v1/cameras/test-stream', { cameraId: h.cameraIds.get(1)!, profile: 'sub' }, h.adminToken);
    expect(registered.body.ok).toBe(true);
  }, 30_000);

  it('a camera name is resolved again at every connect: checked address handed to ffprobe/ffmpeg, rebinding refused', async () => {
    const cam = h.fleet.cameras[0]!;
    const camId = h.cameraIds.get(1)!;
    dnsAnswer = cam.host;
    const byName = (u: string) => u.replace(cam.host, 'cam1.sim.test');
    const patched = await h.api('PATCH', `/api/v1/cameras/${camId}?test=false`, { mainStreamUri: byName(cam.mainUrl), subStreamUri: byName(cam.subUrl) }, h.adminToken);
    expect(patched.status).toBe(200);
    // Digest auth still works with the address in place of the name (ffmpeg sends the same URL as the digest uri).
    const ok = await h.api<{ ok: boolean }>('POST', '/api/v1/cameras/test-stream', { cameraId: camId, profile: 'sub' }, h.adminToken);
    expect(ok.body.ok).toBe(true);

    dnsAnswer = '127.0.0.1'; // the name now points at the gateway's own machine
    const refused = await h.api<{ error: string }>('POST', '/api/v1/cameras/test-stream', { url: byName(cam.subUrl), username: cam.username, password: cam.password }, h.adminToken);
    expect([refused.status, refused.body.error]).toEqual([400, 'stream_address_denied']);
    await h.liveUrl(camId, 'sub').then((url) => fetch(url));
    const state = await until(async () => {
      const { items } = (await h.api<{ items: Array<{ cameraId: string; profile: string; state: string; reason: string | null }> }>('GET', '/api/v1/streams', undefined, h.adminToken)).body;
      const p = items.find((x) => x.cameraId === camId && x.profile === 'sub');
      return p?.state === 'offline' ? p : null;
    }, 10_000, 'pipeline refused');
    expect(state.reason).toMatch(/^stream address is not allowed/);
  }, 30_000);
});
