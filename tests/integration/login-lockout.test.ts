import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startHarness, type Harness } from '../helpers/gateway-harness';

/**
 * Issue 10 item 12: an address lockout locked the administrator out from that address. Accounts lock (with backoff),
 * addresses are only slowed. Every request here comes from 127.0.0.1.
 */
describe('login throttling by account and by address', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ cameras: 1, prewarm: false, auth: { lockoutMaxFailures: 3, lockoutWindowSec: 60, lockoutSec: 1, lockoutMaxSec: 8, ipMaxFailures: 5, ipDelayMaxSec: 0.5 } });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const login = (username: string, password: string) => h.api<{ token?: string }>('POST', '/api/v1/session', { username, password });

  it('a password spray from one address does not lock the administrator out of it; attempts from it are slowed', async () => {
    for (let i = 0; i < 8; i++) expect((await login(`spray-${i}`, 'Guess-123456')).status).toBe(401);
    const started = Date.now();
    const admin = await login('admin', ADMIN_PASSWORD);
    expect(admin.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(h.gw.repos.audit.recent(50).some((r) => r.action === 'session.throttle')).toBe(true);
  }, 30_000);

  it('an account locks for longer after each repeated lockout', async () => {
    const retryAfter = async () => {
      for (let i = 0; i < 3; i++) expect((await login('target', `wrong-${i}`)).status).toBe(401);
      const locked = await fetch(`${h.gw.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'target', password: 'x' }) });
      expect(locked.status).toBe(429);
      return Number(locked.headers.get('retry-after'));
    };
    expect(await retryAfter()).toBe(1);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await retryAfter()).toBe(2);
  }, 30_000);
});
