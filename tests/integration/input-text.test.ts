import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/gateway-harness';

/** Issue 10 item 11: malformed text is a 400 naming the field (not a 500), names refuse bidi controls, tours refuse unknown cameras. */
describe('text inputs and tour cameras', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ cameras: 1, prewarm: false });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  type Err = { error: string; message: string };
  const camera = () => {
    const cam = h.fleet.cameras[0]!;
    return { name: 'text test', orgUnitId: '141130100', category: 1, sourceType: 'rtsp', host: cam.host, rtspPort: cam.port, mainStreamUri: `${cam.mainUrl}?t=${randomUUID()}`, username: cam.username, password: cam.password };
  };

  it('an unpaired surrogate in a camera username or password is a 400 naming the field, on the stream test and on create and update', async () => {
    const cam = h.fleet.cameras[0]!;
    for (const [field, body] of [
      ['body.username', { url: cam.subUrl, username: '\uD800', password: cam.password }],
      ['body.password', { url: cam.subUrl, username: cam.username, password: 'pw\uDC00' }],
    ] as const) {
      const res = await h.api<Err>('POST', '/api/v1/cameras/test-stream', body, h.adminToken);
      expect(res.status, field).toBe(400);
      expect(res.body.message).toContain(field);
    }
    const created = await h.api<Err>('POST', '/api/v1/cameras?test=true', { ...camera(), password: '\uD800x' }, h.adminToken);
    expect(created.status).toBe(400);
    expect(created.body.message).toContain('body.password');
    const updated = await h.api<Err>('PATCH', `/api/v1/cameras/${h.cameraIds.get(1)!}?test=true`, { username: 'a\uDBFF' }, h.adminToken);
    expect(updated.status).toBe(400);
    expect(updated.body.message).toContain('body.username');
    // Any route, any field: the boundary check names the path.
    const nested = await h.api<Err>('POST', '/api/v1/layouts', { name: 'ok', cols: 1, rows: 1, cells: [{ x: 0, y: 0, w: 1, h: 1, cameraId: '\uD800' }] }, h.adminToken);
    expect(nested.status).toBe(400);
    expect(nested.body.message).toContain('body.cells.0.cameraId');
  });

  it('names refuse right-to-left override and other bidi controls', async () => {
    const spoof = (bidi: string) => `invoice${bidi}gnp.exe`;
    const cases: Array<[string, string, string, (name: string) => unknown]> = [
      ['camera', 'POST', '/api/v1/cameras?test=false', (name) => ({ ...camera(), name })],
      ['org unit', 'POST', '/api/v1/org-units', (name) => ({ id: '141130100998', name, nameEn: null, level: 'village', parentId: '141130100', lat: null, lng: null })],
      ['layout', 'POST', '/api/v1/layouts', (name) => ({ name, cols: 1, rows: 1, cells: [{ x: 0, y: 0, w: 1, h: 1, cameraId: null }] })],
      ['tour', 'POST', '/api/v1/tours', (name) => ({ name, dwellSec: 10, cameraIds: [h.cameraIds.get(1)!] })],
      ['user', 'POST', '/api/v1/users', (name) => ({ username: `u${Date.now()}`, displayName: name, password: 'long-enough-pass-1', role: 'viewer', orgUnitId: null })],
    ];
    for (const [what, method, path, body] of cases) {
      for (const bidi of ['\u202E', '\u2066', '\u200F']) {
        const res = await h.api<Err>(method, path, body(spoof(bidi)), h.adminToken);
        expect(res.status, `${what} U+${bidi.codePointAt(0)!.toString(16)}`).toBe(400);
        expect(res.body.message, what).toMatch(/body\.(name|displayName): must not contain bidirectional control characters/);
      }
    }
    const title = await h.api<Err>(
      'POST',
      '/api/v1/incidents',
      { clientRequestId: randomUUID(), title: spoof('\u202E'), category: 'environment', place: { orgUnitId: '141130100' }, reporter: { kind: 'grid-head' } },
      h.adminToken,
    );
    expect(title.status).toBe(400);
    expect(title.body.message).toContain('body.title');
    const user = await h.api<{ id: string }>('POST', '/api/v1/users', { username: 'plain-user', displayName: 'Plain', password: 'long-enough-pass-1', role: 'viewer', orgUnitId: null }, h.adminToken);
    expect(user.status).toBe(201);
    const renamed = await h.api<Err>('PATCH', `/api/v1/users/${user.body.id}`, { displayName: spoof('\u202D') }, h.adminToken);
    expect(renamed.status).toBe(400);
    expect(renamed.body.message).toContain('body.displayName');
  });

  it('a tour naming cameras that do not exist is refused, naming them', async () => {
    const real = h.cameraIds.get(1)!;
    const res = await h.api<Err & { details: { unknownCameraIds: string[] } }>('POST', '/api/v1/tours', { name: 'ghosts', dwellSec: 10, cameraIds: [real, 'no-such-cam', 'gone-too'] }, h.adminToken);
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/body\.cameraIds: .*no-such-cam, gone-too/);
    expect(res.body.details.unknownCameraIds).toEqual(['no-such-cam', 'gone-too']);
    const ok = await h.api<{ id: string }>('POST', '/api/v1/tours', { name: 'real', dwellSec: 10, cameraIds: [real] }, h.adminToken);
    expect(ok.status).toBe(201);
    const put = await h.api<Err>('PUT', `/api/v1/tours/${ok.body.id}`, { name: 'real', dwellSec: 10, cameraIds: ['nope'] }, h.adminToken);
    expect(put.status).toBe(422);
    expect(put.body.message).toContain('nope');
  });
});
