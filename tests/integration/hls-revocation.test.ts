import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../helpers/gateway-harness';

/** Issue 10 item 12: an HLS link dies with the session (logout) or the account's standing (disable, password reset). */
describe('HLS links end with the session that asked for them', () => {
  let h: Harness;
  let cameraId = '';
  beforeAll(async () => {
    h = await startHarness({ cameras: 1 });
    cameraId = h.cameraIds.get(1)!;
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const login = async (username: string, password: string) => {
    const res = await h.api<{ token: string }>('POST', '/api/v1/session', { username, password });
    expect(res.status).toBe(200);
    return res.body.token;
  };
  const play = async (url: string) => (await fetch(url)).status;
  const mkUser = async (username: string, password: string) => {
    const res = await h.api<{ id: string }>('POST', '/api/v1/users', { username, displayName: username, password, role: 'county-operator', orgUnitId: null }, h.adminToken);
    expect(res.status).toBe(201);
    return res.body.id;
  };

  it('logout revokes the links of that session at once, not those of the same user elsewhere', async () => {
    const other = await login('admin', ADMIN_PASSWORD);
    const mine = await h.liveUrl(cameraId, 'sub', other);
    const elsewhere = await h.liveUrl(cameraId, 'sub');
    expect(await play(mine)).toBe(200);
    expect((await h.api('DELETE', '/api/v1/session', undefined, other)).status).toBe(204);
    expect(await play(mine)).toBe(403);
    expect(await play(elsewhere)).toBe(200);
  }, 60_000);

  it('a password reset and a disable revoke every link of the user, also after re-enabling', async () => {
    const id = await mkUser('night-op', 'Night-shift-pw-1');
    const url = await h.liveUrl(cameraId, 'sub', await login('night-op', 'Night-shift-pw-1'));
    expect(await play(url)).toBe(200);
    expect((await h.api('POST', `/api/v1/users/${id}/reset-password`, { password: 'Temp-reset-pw-2' }, h.adminToken)).status).toBeLessThan(300);
    expect(await play(url)).toBe(403);

    const id2 = await mkUser('day-op', 'Day-shift-pw-11');
    const url2 = await h.liveUrl(cameraId, 'sub', await login('day-op', 'Day-shift-pw-11'));
    expect(await play(url2)).toBe(200);
    expect((await h.api('PATCH', `/api/v1/users/${id2}`, { disabled: true }, h.adminToken)).status).toBe(200);
    expect(await play(url2)).toBe(403);
    expect((await h.api('PATCH', `/api/v1/users/${id2}`, { disabled: false }, h.adminToken)).status).toBe(200);
    expect(await play(url2)).toBe(403);
    const denied = h.gw.repos.audit.recent(50).filter((r) => r.outcome === 'denied' && JSON.stringify(r.details ?? '').includes('revoked'));
    expect(denied.length).toBeGreaterThan(0);
  }, 60_000);
});
