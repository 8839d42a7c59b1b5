import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerAccessGuard, type AccessGuardDeps } from './access-guard';
import { publicRoute, requires } from './route-policy';

describe('access guard', () => {
  const deps = {
    sessions: { authenticate: (t: string) => (t === 'good-token-xxxxxxxxxxxxxxxx' ? { id: 'u1', username: 'v', displayName: 'v', role: 'viewer', orgUnitId: null, sessionId: 's' } : null) },
    audit: { append: () => undefined },
  } as unknown as AccessGuardDeps;

  it('refuses to register a route without a declared policy', () => {
    const app = Fastify();
    registerAccessGuard(app, deps);
    expect(() => app.get('/x', async () => 'x')).toThrow(/declares no access policy/);
    expect(() => app.get('/y', { config: publicRoute }, async () => 'y')).not.toThrow();
  });

  it('401 without a session, 403 without the permission, 200 with it', async () => {
    const app = Fastify();
    registerAccessGuard(app, deps);
    app.get('/read', { config: requires('camera.read', 'global') }, async () => 'ok');
    app.get('/write', { config: requires('camera.write', 'global') }, async () => 'ok');
    const auth = { authorization: 'Bearer good-token-xxxxxxxxxxxxxxxx' };
    expect((await app.inject({ url: '/read' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/read', headers: auth })).statusCode).toBe(200);
    expect((await app.inject({ url: '/write', headers: auth })).statusCode).toBe(403);
  });
});
