// Session expiry with short lifetimes: idle (no request for sessionIdleSec) and absolute (sessionTtlSec whatever the
// activity) both end in 401, and so does logout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/gateway-harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('session expiry', () => {
  let h: Harness;
  const login = async () => (await h.api<{ token: string }>('POST', '/api/v1/session', { username: 'sess-user', password: 'Sess-user-pw-1' })).body.token;
  const whoami = async (token: string) => (await h.api('GET', '/api/v1/session', undefined, token)).status;

  beforeAll(async () => {
    // The admin token of the harness is used only right after start.
    h = await startHarness({ cameras: 1, prewarm: false, auth: { sessionIdleSec: 2, sessionTtlSec: 5 } });
    expect((await h.api('POST', '/api/v1/users', { username: 'sess-user', displayName: 's', password: 'Sess-user-pw-1', role: 'viewer', orgUnitId: null }, h.adminToken)).status).toBe(201);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('idle: a session unused for sessionIdleSec answers 401', async () => {
    const token = await login();
    expect(await whoami(token)).toBe(200);
    await sleep(1000);
    expect(await whoami(token)).toBe(200); // used: the idle clock restarts
    await sleep(2300);
    expect(await whoami(token)).toBe(401);
  });

  it('absolute: a session in constant use still ends at sessionTtlSec', async () => {
    const token = await login();
    const started = Date.now();
    while (Date.now() - started < 4500) {
      expect(await whoami(token)).toBe(200);
      await sleep(700);
    }
    await sleep(Math.max(0, 5200 - (Date.now() - started)));
    expect(await whoami(token)).toBe(401);
    const res = await h.api<{ message: string }>('GET', '/api/v1/cameras', undefined, token);
    expect([res.status, res.body.message]).toEqual([401, 'session expired or invalid']);
  });

  it('logout: the token is dead at once', async () => {
    const token = await login();
    expect((await h.api('DELETE', '/api/v1/session', undefined, token)).status).toBe(204);
    expect(await whoami(token)).toBe(401);
  });
});
