import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/gateway-harness';

const valid = {
  name: '康城镇 府前街口',
  orgUnitId: '141130101',
  category: 1,
  sourceType: 'rtsp',
  host: '10.20.30.40',
  rtspPort: 554,
  mainStreamUri: 'rtsp://10.20.30.40:554/Streaming/Channels/101',
  subStreamUri: 'rtsp://10.20.30.40:554/Streaming/Channels/102',
  username: 'admin',
  password: 'Cam-Secret-9876',
  lat: 37.0,
  lng: 111.1,
  direction: 90,
};

describe('camera and org-unit API (real SQLite)', () => {
  let h: Harness;
  const count = () => (h.gw.db.prepare('SELECT COUNT(*) AS n FROM cameras').get() as { n: number }).n;
  beforeAll(async () => {
    h = await startHarness({ cameras: 1, prewarm: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses anonymous and badly authenticated callers', async () => {
    expect((await h.api('GET', '/api/v1/cameras')).status).toBe(401);
    expect((await h.api('GET', '/api/v1/cameras', undefined, 'x'.repeat(43))).status).toBe(401);
    expect((await h.api('POST', '/api/v1/session', { username: 'admin', password: 'wrong' })).status).toBe(401);
    const audit = h.gw.repos.audit.recent(10, { action: 'session.login' });
    expect(audit.some((a) => a.outcome === 'failed')).toBe(true);
  });

  it('creates, reads, filters, updates and deletes a camera; the password never comes back', async () => {
    const created = await h.api<Record<string, unknown>>('POST', '/api/v1/cameras', valid, h.adminToken);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: valid.name, hasPassword: true, status: 'unknown', category: 1 });
    expect(created.text).not.toContain(valid.password);
    expect(created.body).not.toHaveProperty('password');
    const id = created.body.id as string;
    // Stored encrypted
    const row = h.gw.db.prepare('SELECT password_enc FROM cameras WHERE id = ?').get(id) as { password_enc: string };
    expect(row.password_enc).not.toContain(valid.password);
    expect(h.gw.cipher.decrypt(row.password_enc)).toBe(valid.password);

    const byTownship = await h.api<{ items: Array<{ id: string }>; total: number }>('GET', '/api/v1/cameras?orgUnit=141130101', undefined, h.adminToken);
    expect(byTownship.body.items.map((c) => c.id)).toEqual([id]);
    expect((await h.api<{ total: number }>('GET', '/api/v1/cameras?orgUnit=141130102', undefined, h.adminToken)).body.total).toBe(0);
    // the county subtree holds this camera and the harness's simulated one
    expect((await h.api<{ total: number }>('GET', '/api/v1/cameras?orgUnit=141130', undefined, h.adminToken)).body.total).toBe(1 + h.fleet.cameras.length);
    expect((await h.api<{ total: number }>('GET', `/api/v1/cameras?q=${encodeURIComponent('府前')}`, undefined, h.adminToken)).body.total).toBe(1);
    expect((await h.api<{ total: number }>('GET', '/api/v1/cameras?status=online', undefined, h.adminToken)).body.total).toBe(0);
    expect((await h.api<{ total: number }>('GET', '/api/v1/cameras?category=3', undefined, h.adminToken)).body.total).toBe(0);

    const patched = await h.api<Record<string, unknown>>('PATCH', `/api/v1/cameras/${id}`, { name: '康城镇 新名称', password: 'New-Secret-1' }, h.adminToken);
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe('康城镇 新名称');
    expect(patched.text).not.toContain('New-Secret-1');
    expect(h.gw.repos.audit.recent(5, { action: 'camera.credentials-change' })[0]?.details).not.toContain('New-Secret-1');

    expect((await h.api('POST', '/api/v1/cameras', { ...valid, name: 'dup' }, h.adminToken)).status).toBe(409);
    expect((await h.api('DELETE', `/api/v1/cameras/${id}`, undefined, h.adminToken)).status).toBe(204);
    expect((await h.api('GET', `/api/v1/cameras/${id}`, undefined, h.adminToken)).status).toBe(404);
  });

  it.each([
    ['file: URL', { mainStreamUri: 'file:///etc/passwd' }, 'mainStreamUri'],
    ['concat: URL', { subStreamUri: 'concat:rtsp://a|rtsp://b' }, 'subStreamUri'],
    ['option-looking URL', { mainStreamUri: '-i' }, 'mainStreamUri'],
    ['newline in URL', { mainStreamUri: 'rtsp://10.0.0.1/a\n-f' }, 'mainStreamUri'],
    ['credentials in URL', { mainStreamUri: 'rtsp://admin:pw@10.0.0.1/a' }, 'mainStreamUri'],
    ['bad category', { category: 5 }, 'category'],
    ['bad org unit code', { orgUnitId: 'abc' }, 'orgUnitId'],
    ['latitude out of range', { lat: 123 }, 'lat'],
    ['unknown field', { rogue: true }, '(root)'],
    ['empty name', { name: '' }, 'name'],
  ])('rejects %s with 400 naming the field, and writes nothing', async (_label, patch, field) => {
    const before = count();
    const res = await h.api<{ message: string; details: { issues: Array<{ field: string }> } }>('POST', '/api/v1/cameras', { ...valid, ...patch }, h.adminToken);
    expect(res.status).toBe(400);
    expect(res.body.details.issues.map((i) => i.field)).toContain(field);
    expect(res.body.message).toContain(`body.${field}`);
    expect(count()).toBe(before);
  });

  it('rejects an unknown org unit and bad JSON without writing', async () => {
    const before = count();
    const unknownOrg = await h.api<{ message: string }>('POST', '/api/v1/cameras', { ...valid, orgUnitId: '141130999' }, h.adminToken);
    expect(unknownOrg.status).toBe(400);
    expect(unknownOrg.body.message).toContain('orgUnitId');
    const res = await fetch(`${h.gw.url}/api/v1/cameras`, { method: 'POST', headers: { authorization: `Bearer ${h.adminToken}`, 'content-type': 'application/json' }, body: '{"name":' });
    expect(res.status).toBe(400);
    expect(count()).toBe(before);
  });

  it('lists the demo org tree and manages org units', async () => {
    const list = await h.api<{ items: Array<{ level: string }> }>('GET', '/api/v1/org-units', undefined, h.adminToken);
    expect(list.body.items.filter((u) => u.level === 'township')).toHaveLength(7);
    expect(list.body.items.filter((u) => u.level === 'village')).toHaveLength(95);
    const created = await h.api('POST', '/api/v1/org-units', { id: '141130100999', name: '测试村', nameEn: null, level: 'village', parentId: '141130100', lat: 37, lng: 111.2 }, h.adminToken);
    expect(created.status).toBe(201);
    expect((await h.api('POST', '/api/v1/org-units', { id: '141130101998', name: 'x', nameEn: null, level: 'village', parentId: '141130100', lat: null, lng: null }, h.adminToken)).status).toBe(400);
    expect((await h.api('DELETE', '/api/v1/org-units/141130100', undefined, h.adminToken)).status).toBe(409);
    expect((await h.api('DELETE', '/api/v1/org-units/141130100999', undefined, h.adminToken)).status).toBe(204);
  });

  it('hands out HLS URLs whose token is bound to camera and profile', async () => {
    const cam = await h.api<{ id: string }>('POST', '/api/v1/cameras', { ...valid, mainStreamUri: 'rtsp://10.20.30.41/a', subStreamUri: null }, h.adminToken);
    const other = await h.api<{ id: string }>('POST', '/api/v1/cameras', { ...valid, mainStreamUri: 'rtsp://10.20.30.42/a', subStreamUri: null }, h.adminToken);
    const url = new URL(await h.liveUrl(cam.body.id, 'sub'));
    const token = url.searchParams.get('token')!;
    const forOther = `${h.gw.url}/hls/${other.body.id}/sub/init.mp4?token=${encodeURIComponent(token)}`;
    expect((await fetch(forOther)).status).toBe(403);
    expect((await fetch(`${h.gw.url}/hls/${cam.body.id}/main/init.mp4?token=${encodeURIComponent(token)}`)).status).toBe(403);
    const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    expect((await fetch(`${h.gw.url}/hls/${cam.body.id}/sub/index.m3u8?token=${encodeURIComponent(tampered)}`)).status).toBe(403);
    expect((await fetch(`${h.gw.url}/hls/${cam.body.id}/sub/index.m3u8`)).status).toBe(403);
    expect(h.gw.repos.audit.recent(20, { action: 'access.denied' }).length).toBeGreaterThanOrEqual(4);
    expect((await h.api('GET', `/api/v1/cameras/${cam.body.id}/live?profile=hd`, undefined, h.adminToken)).status).toBe(400);
  });
});
