import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet, type SimCamera } from '../../scripts/sim/index';
import { startHarness, type Harness } from '../helpers/gateway-harness';

interface Camera {
  id: string;
  name: string;
  videoCodec: string;
  mainWidth: number | null;
  mainHeight: number | null;
  mainFps: number | null;
  subWidth: number | null;
  subHeight: number | null;
  subFps: number | null;
  subVideoCodec: string | null;
}

describe('camera registration with a stream test (real simulator, real ffprobe)', () => {
  let h: Harness;
  let fleet: Fleet;
  let cam: SimCamera;
  const count = () => (h.gw.db.prepare('SELECT COUNT(*) AS n FROM cameras').get() as { n: number }).n;
  const body = (c: SimCamera, extra: Record<string, unknown> = {}) => ({
    name: `${c.name} 登记测试`,
    orgUnitId: '141130101',
    category: 1,
    sourceType: 'rtsp',
    host: c.host,
    rtspPort: c.port,
    mainStreamUri: c.mainUrl,
    subStreamUri: c.subUrl,
    username: c.username,
    password: c.password,
    ...extra,
  });

  beforeAll(async () => {
    // The gateway as configured by default: every create tests its streams.
    h = await startHarness({ cameras: 1, cameraConfig: { testOnCreate: true } });
    // Cameras the gateway does not know yet, on other loopback addresses.
    fleet = await startFleet({ cameras: 3, port: 0, controlPort: null, prewarm: true, baseOctets: [127, 2] });
    await fleet.prewarmDone;
    cam = fleet.cameras[0]!;
  });
  afterAll(async () => {
    await h?.close();
    await fleet?.close();
  });

  it('tests a stream URL before registering: codec, size, fps, time to first frame', async () => {
    const res = await h.api<Record<string, unknown>>('POST', '/api/v1/cameras/test-stream', { url: cam.mainUrl, username: cam.username, password: cam.password }, h.adminToken);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, codec: 'h264', width: 1280, height: 720, fps: 25 });
    expect(res.body.firstFrameMs).toBeGreaterThan(0);
    const sub = await h.api('POST', '/api/v1/cameras/test-stream', { cameraId: h.cameraIds.get(1), profile: 'sub' }, h.adminToken);
    expect(sub.body).toMatchObject({ ok: true, codec: 'h264', width: 640, height: 360, fps: 25 });
    expect(h.gw.repos.audit.recent(5, { action: 'camera.stream-test' })).toHaveLength(2);
  });

  it.each([
    ['a wrong password', () => ({ url: cam.subUrl, username: cam.username, password: 'Wrong-Pass-123' }), 'auth failed'],
    ['a path the camera does not have', () => ({ url: cam.subUrl.replace('/102', '/999'), username: cam.username, password: cam.password }), 'stream not found on camera'],
    ['a closed port', () => ({ url: 'rtsp://127.0.0.1:9/live' }), 'connection refused'],
  ])('says why a stream test fails: %s', async (_label, req, reason) => {
    const res = await h.api<Record<string, unknown>>('POST', '/api/v1/cameras/test-stream', req(), h.adminToken);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, reason });
    expect(res.text).not.toContain('Wrong-Pass-123');
    expect(res.text).not.toContain(cam.password);
  });

  it('refuses a stream test without camera.write, and a non-RTSP URL', async () => {
    const created = await h.api('POST', '/api/v1/users', { username: 'viewer1', displayName: '值班员', password: 'viewer-pw-123456', role: 'viewer', orgUnitId: null }, h.adminToken);
    expect(created.status).toBe(201);
    const login = await h.api<{ token: string }>('POST', '/api/v1/session', { username: 'viewer1', password: 'viewer-pw-123456' });
    expect((await h.api('POST', '/api/v1/cameras/test-stream', { url: cam.subUrl }, login.body.token)).status).toBe(403);
    expect((await h.api('POST', '/api/v1/cameras/test-stream', { url: 'file:///etc/passwd' }, h.adminToken)).status).toBe(400);
  });

  it('creates a good camera and stores what the test measured: h264, 1280x720 main, 640x360 sub, 25 fps', async () => {
    const res = await h.api<Camera>('POST', '/api/v1/cameras', body(cam), h.adminToken);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ videoCodec: 'h264', mainWidth: 1280, mainHeight: 720, mainFps: 25, subWidth: 640, subHeight: 360, subFps: 25, subVideoCodec: 'h264' });
    const row = h.gw.db.prepare('SELECT video_codec, main_width, main_height, main_fps, sub_width, sub_height, sub_fps FROM cameras WHERE id = ?').get(res.body.id);
    expect(row).toEqual({ video_codec: 'h264', main_width: 1280, main_height: 720, main_fps: 25, sub_width: 640, sub_height: 360, sub_fps: 25 });
    expect(h.gw.repos.audit.recent(1, { action: 'camera.create' })[0]?.details).toContain('h264 1280x720@25');
  });

  it('refuses a wrong password with 422 "auth failed" and writes nothing; the password is in no log', async () => {
    const other = fleet.cameras[1]!;
    const before = count();
    const res = await h.api<{ error: string; message: string; details: Record<string, { ok: boolean; reason: string }> }>('POST', '/api/v1/cameras', body(other, { password: 'Wrong-Pass-456' }), h.adminToken);
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('stream_test_failed');
    expect(res.body.message).toContain('auth failed');
    expect(res.body.details.main).toMatchObject({ ok: false, reason: 'auth failed' });
    expect(res.text).not.toContain('Wrong-Pass-456');
    expect(count()).toBe(before);
    expect(h.gw.repos.audit.recent(1, { action: 'camera.create' })[0]).toMatchObject({ outcome: 'failed' });
    expect(h.logs.text()).not.toContain('Wrong-Pass-456');
    expect(h.logs.text()).not.toContain(other.password);
  });

  it('saves a failing camera with ?force=true (measurements unknown) and skips the test with ?test=false', async () => {
    const forced = await h.api<Camera>('POST', '/api/v1/cameras?force=true', body(fleet.cameras[1]!, { password: 'Wrong-Pass-456' }), h.adminToken);
    expect(forced.status).toBe(201);
    expect(forced.body).toMatchObject({ mainWidth: null, subWidth: null, videoCodec: 'unknown' });
    const skipped = await h.api<Camera>('POST', '/api/v1/cameras?test=false', body(fleet.cameras[2]!, { password: 'Wrong-Pass-789' }), h.adminToken);
    expect(skipped.status).toBe(201);
    expect(skipped.body.mainWidth).toBeNull();
    expect((await h.api('POST', '/api/v1/cameras?test=maybe', body(fleet.cameras[2]!), h.adminToken)).status).toBe(400);
  });

  it('re-tests when credentials change: a wrong password is 422 and changes nothing, the right one updates', async () => {
    const id = (h.gw.db.prepare('SELECT id FROM cameras WHERE name = ?').get(`${fleet.cameras[1]!.name} 登记测试`) as { id: string }).id;
    const stored = () => h.gw.db.prepare('SELECT password_enc, updated_at FROM cameras WHERE id = ?').get(id);
    const before = stored();
    const wrong = await h.api<{ message: string }>('PATCH', `/api/v1/cameras/${id}`, { password: 'Still-Wrong-1' }, h.adminToken);
    expect(wrong.status).toBe(422);
    expect(wrong.body.message).toContain('auth failed');
    expect(stored()).toEqual(before);
    const right = await h.api<Camera>('PATCH', `/api/v1/cameras/${id}`, { password: fleet.cameras[1]!.password }, h.adminToken);
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ videoCodec: 'h264', mainWidth: 1280, subHeight: 360 });
    // A rename does not probe anything.
    const renamed = await h.api<Camera>('PATCH', `/api/v1/cameras/${id}`, { name: '康城镇 改名' }, h.adminToken);
    expect(renamed.status).toBe(200);
  });

  it('refuses duplicates with 409 naming the existing camera, before any probing', async () => {
    const existing = h.fleet.cameras[0]!;
    const existingName = `${existing.name} 测试点`;
    const same = await h.api<{ message: string; details: { existingCameraId: string } }>('POST', '/api/v1/cameras', body(existing, { name: 'dup' }), h.adminToken);
    expect(same.status).toBe(409);
    expect(same.body.message).toBe(`camera "${existingName}" (${h.cameraIds.get(1)}) already uses this stream URI`);
    expect(same.body.details.existingCameraId).toBe(h.cameraIds.get(1));
    // the same stream written differently (default port spelled out, trailing slash), as the only URI
    const spelled = existing.subUrl.replace(/\/102$/, '/102/');
    const res2 = await h.api<{ message: string }>('POST', '/api/v1/cameras', body(existing, { name: 'dup2', mainStreamUri: null, subStreamUri: spelled }), h.adminToken);
    expect(res2.status).toBe(409);
    expect(res2.body.message).toContain(existingName);
    // the same GB/T 28181 code
    const code = '14113000001320000099';
    const first = await h.api<Camera>('POST', '/api/v1/cameras?test=false', { ...body(fleet.cameras[2]!), name: 'with code', mainStreamUri: 'rtsp://10.77.0.1/a', subStreamUri: null, deviceCode: code }, h.adminToken);
    expect(first.status).toBe(201);
    const byCode = await h.api<{ message: string }>('POST', '/api/v1/cameras?test=false', { ...body(fleet.cameras[2]!), name: 'code again', mainStreamUri: 'rtsp://10.77.0.2/a', subStreamUri: null, deviceCode: code }, h.adminToken);
    expect(byCode.status).toBe(409);
    expect(byCode.body.message).toBe(`camera "with code" (${first.body.id}) already uses this device code`);
  });
});
