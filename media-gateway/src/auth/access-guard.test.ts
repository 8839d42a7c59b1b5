import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AuditRepository } from '../db/audit-repository';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { forbidden } from '../platform/errors';
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

  it('every 403 leaves exactly one access.denied row, also when the same caller is refused concurrently elsewhere', async () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const audit = new AuditRepository(db, () => Date.now());
    const app = Fastify();
    registerAccessGuard(app, { ...deps, audit });
    const user = { id: 'u1', username: 'v' };
    let serviceAudited!: () => void;
    const audited = new Promise<void>((r) => (serviceAudited = r));
    // A service that audits its own refusal (naming the object), and a route refused without a row of its own, whose
    // 403 the guard's catch-all must audit: it finishes while the other request's row is the newest for this caller.
    app.get('/own', { config: requires('camera.read', 'global') }, async () => {
      audit.append({ userId: user.id, username: user.username, action: 'access.denied', targetType: 'camera', targetId: 'c1', outcome: 'denied', ip: '127.0.0.1' });
      serviceAudited();
      throw forbidden('camera is outside your org-unit scope');
    });
    app.get('/plain', { config: requires('camera.read', 'global') }, async () => {
      await audited;
      throw forbidden('not yours');
    });
    const auth = { authorization: 'Bearer good-token-xxxxxxxxxxxxxxxx' };
    const [plain, own] = await Promise.all([app.inject({ url: '/plain', headers: auth }), app.inject({ url: '/own', headers: auth })]);
    expect([plain.statusCode, own.statusCode]).toEqual([403, 403]);
    const rows = audit.recent(10, { action: 'access.denied' }).map((r) => `${r.targetType} ${r.targetId}`);
    expect(rows.sort()).toEqual(['camera c1', 'route GET /plain']);
  });
});

describe('origin policy (CORS closed)', () => {
  it('refuses preflights and foreign origins, sends no CORS headers, lets same-origin and header-less requests through', async () => {
    const { registerOriginPolicy } = await import('./origin-policy');
    const app = Fastify();
    registerOriginPolicy(app);
    app.post('/x', async () => 'ok');
    const pre = await app.inject({ method: 'OPTIONS', url: '/x', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(pre.statusCode).toBe(403);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect((await app.inject({ method: 'POST', url: '/x', headers: { origin: 'https://evil.example', host: 'gw:8443' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/x', headers: { origin: 'null', host: 'gw:8443' } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/x', headers: { origin: 'https://gw:8443', host: 'gw:8443' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/x' })).statusCode).toBe(200);
  });

  it('an allowed origin gets exactly its CORS headers', async () => {
    const { registerOriginPolicy } = await import('./origin-policy');
    const app = Fastify();
    registerOriginPolicy(app, ['https://wall.county.local']);
    app.get('/x', async () => 'ok');
    const pre = await app.inject({ method: 'OPTIONS', url: '/x', headers: { origin: 'https://wall.county.local' } });
    expect([pre.statusCode, pre.headers['access-control-allow-origin']]).toEqual([204, 'https://wall.county.local']);
    const get = await app.inject({ method: 'GET', url: '/x', headers: { origin: 'https://wall.county.local', host: 'gw' } });
    expect([get.statusCode, get.headers['access-control-allow-origin']]).toEqual([200, 'https://wall.county.local']);
  });
});
