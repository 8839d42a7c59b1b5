import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/gateway-harness';

/** The access mechanism every route uses: permission per role, org-unit scope, denial audited. */
describe('roles and township scope', () => {
  let h: Harness;
  let officer = '';
  let viewer = '';
  let ownCamera = '';
  let foreignCamera = '';
  beforeAll(async () => {
    h = await startHarness({ cameras: 1, prewarm: false });
    const mk = async (username: string, role: string, orgUnitId: string | null) => {
      const res = await h.api('POST', '/api/v1/users', { username, displayName: username, password: `${username}-pass-123`, role, orgUnitId }, h.adminToken);
      expect(res.status).toBe(201);
      return (await h.api<{ token: string }>('POST', '/api/v1/session', { username, password: `${username}-pass-123` })).body.token;
    };
    officer = await mk('kangcheng-duty', 'township-officer', '141130101'); // 康城镇
    viewer = await mk('viewer1', 'viewer', null);
    const cam = (org: string, host: string) =>
      h.api<{ id: string }>('POST', '/api/v1/cameras', { name: `cam ${host}`, orgUnitId: org, category: 1, sourceType: 'rtsp', host, mainStreamUri: `rtsp://${host}/main` }, h.adminToken);
    ownCamera = (await cam('141130101200', '10.1.1.1')).body.id; // a village of 康城镇
    foreignCamera = (await cam('141130102', '10.1.1.2')).body.id; // 双池镇
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a township officer sees only their township and its villages', async () => {
    const list = await h.api<{ items: Array<{ id: string }> }>('GET', '/api/v1/cameras', undefined, officer);
    expect(list.body.items.map((c) => c.id)).toEqual([ownCamera]);
    // A filter naming another township is refused (and audited), not answered with an empty list.
    const filtered = await h.api<{ items: Array<{ id: string }> }>('GET', '/api/v1/cameras?orgUnit=141130102', undefined, officer);
    expect(filtered.status).toBe(403);
    const narrowed = await h.api<{ items: Array<{ id: string }> }>('GET', '/api/v1/cameras?orgUnit=141130', undefined, officer);
    expect(narrowed.body.items.map((c) => c.id)).toEqual([ownCamera]);
    expect((await h.api('GET', `/api/v1/cameras/${ownCamera}`, undefined, officer)).status).toBe(200);
    expect((await h.api('GET', `/api/v1/cameras/${foreignCamera}`, undefined, officer)).status).toBe(403);
    expect((await h.api('GET', `/api/v1/cameras/${foreignCamera}/live`, undefined, officer)).status).toBe(403);
    const orgs = await h.api<{ items: Array<{ id: string }> }>('GET', '/api/v1/org-units', undefined, officer);
    const ids = orgs.body.items.map((o) => o.id);
    expect(ids).toContain('141130'); // ancestors, to draw the tree
    expect(ids).toContain('141130101200');
    expect(ids).not.toContain('141130102');
    const denied = h.gw.repos.audit.recent(10, { action: 'access.denied' });
    expect(denied.some((a) => a.username === 'kangcheng-duty' && a.targetId === foreignCamera)).toBe(true);
  });

  it('permissions follow the role', async () => {
    expect((await h.api('POST', '/api/v1/cameras', { name: 'x', orgUnitId: '141130101', category: 1, sourceType: 'rtsp', host: '10.9.9.9', mainStreamUri: 'rtsp://10.9.9.9/a' }, officer)).status).toBe(403);
    expect((await h.api('GET', '/api/v1/users', undefined, officer)).status).toBe(403);
    expect((await h.api('GET', `/api/v1/cameras/${ownCamera}/live?profile=sub`, undefined, viewer)).status).toBe(200);
    expect((await h.api('GET', `/api/v1/cameras/${ownCamera}/live?profile=main`, undefined, viewer)).status).toBe(403);
    expect((await h.api('DELETE', `/api/v1/cameras/${ownCamera}`, undefined, viewer)).status).toBe(403);
  });

  it('logout ends the session', async () => {
    const login = await h.api<{ token: string }>('POST', '/api/v1/session', { username: 'viewer1', password: 'viewer1-pass-123' });
    expect((await h.api('GET', '/api/v1/session', undefined, login.body.token)).status).toBe(200);
    expect((await h.api('DELETE', '/api/v1/session', undefined, login.body.token)).status).toBe(204);
    expect((await h.api('GET', '/api/v1/session', undefined, login.body.token)).status).toBe(401);
  });
});
