// Issue 13: alarm sources managed from the admin screens (create, rotate, disable, revoke), and a technician, who
// may read alarms but not act on them, refused by the gateway whatever the console shows.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlarmSourceCreated, AlarmSourceDto } from '../../../contracts/src/alarm';
import type { AuthUser } from '../auth/auth-user';
import { registerAccessGuard, type AccessGuardDeps } from '../auth/access-guard';
import { AuditRepository } from '../db/audit-repository';
import { createHttpServer } from '../server/http-server';
import { alarmFixture, type AlarmFixture } from './testing/alarm-fixture';

let f: AlarmFixture;
afterEach(() => f.close());

function gateway() {
  f = alarmFixture();
  const audit = new AuditRepository(f.db, () => Date.now());
  const tokens = new Map<string, AuthUser>([
    ['admin-token-xxxxxxxxxxxxxxxxxx', f.admin],
    ['tech-token-xxxxxxxxxxxxxxxxxxx', f.user('technician', null)],
    ['operator-token-xxxxxxxxxxxxxxx', f.user('county-operator', null)],
  ]);
  const app = createHttpServer({ log: pino({ level: 'silent' }), tls: null });
  registerAccessGuard(app, { sessions: { authenticate: (t: string) => tokens.get(t) ?? null }, audit, apiKeys: (k: string) => f.module.verifyApiKey(k) } as unknown as AccessGuardDeps);
  f.module.routes(app);
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const admin = as('admin-token-xxxxxxxxxxxxxxxxxx');
  const hook = (key: string, eventId: string) =>
    app.inject({ method: 'POST', url: '/api/v1/alarms', headers: { 'x-api-key': key }, payload: { eventId, type: 'grid-report', severity: 'minor', title: 'x', orgUnitId: f.township } });
  const list = async () => (await app.inject({ url: '/api/v1/alarm-sources', headers: admin })).json<{ items: AlarmSourceDto[] }>().items;
  return { app, admin, tech: as('tech-token-xxxxxxxxxxxxxxxxxxx'), operator: as('operator-token-xxxxxxxxxxxxxxx'), hook, list, audit };
}

describe('alarm sources managed by an admin', () => {
  it('shows the key once at creation; the list, audit and later answers hold only its prefix', async () => {
    const g = gateway();
    const res = await g.app.inject({ method: 'POST', url: '/api/v1/alarm-sources', headers: g.admin, payload: { name: 'grid-app' } });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const created = res.json<AlarmSourceCreated>();
    expect(created.apiKey).toMatch(/^cvgak_/);
    expect(created.keyPrefix).toBe(created.apiKey.slice(0, 12));
    expect(created).toMatchObject({ name: 'grid-app', enabled: true, keyRotatedAt: null, lastUsedAt: null });
    expect((await g.hook(created.apiKey, 'e1')).statusCode).toBe(201);
    const listed = await g.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('apiKey');
    expect(listed[0]!.lastUsedAt).not.toBeNull();
    const secret = created.apiKey.slice(12);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(JSON.stringify(g.audit.recent(50))).not.toContain(secret);
    expect(JSON.stringify(f.db.prepare('SELECT * FROM alarm_sources').all())).not.toContain(secret);
  });

  it('rotating refuses the old key at once and lets the new one (shown once) in', async () => {
    const g = gateway();
    const created = (await g.app.inject({ method: 'POST', url: '/api/v1/alarm-sources', headers: g.admin, payload: { name: 'grid-app' } })).json<AlarmSourceCreated>();
    expect((await g.hook(created.apiKey, 'e1')).statusCode).toBe(201);
    const res = await g.app.inject({ method: 'POST', url: `/api/v1/alarm-sources/${created.id}/rotate`, headers: g.admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const rotated = res.json<AlarmSourceCreated>();
    expect(rotated.apiKey).not.toBe(created.apiKey);
    expect(rotated.keyPrefix).toBe(rotated.apiKey.slice(0, 12));
    expect(rotated.keyRotatedAt).not.toBeNull();
    expect((await g.hook(created.apiKey, 'e2')).statusCode).toBe(401);
    expect((await g.hook(rotated.apiKey, 'e3')).statusCode).toBe(201);
    expect(JSON.stringify(await g.list())).not.toContain(rotated.apiKey.slice(12));
    const row = g.audit.recent(10, { action: 'alarm-source.rotate' })[0];
    expect(row).toMatchObject({ targetId: created.id, outcome: 'ok' });
    expect(JSON.stringify(row)).not.toContain(rotated.apiKey.slice(12));
  });

  it('a disabled source keeps its key but its webhook is refused until it is enabled again', async () => {
    const g = gateway();
    const created = (await g.app.inject({ method: 'POST', url: '/api/v1/alarm-sources', headers: g.admin, payload: { name: 'grid-app' } })).json<AlarmSourceCreated>();
    const patch = (payload: Record<string, unknown>) => g.app.inject({ method: 'PATCH', url: `/api/v1/alarm-sources/${created.id}`, headers: g.admin, payload });
    const off = await patch({ enabled: false });
    expect(off.statusCode).toBe(200);
    expect(off.json<AlarmSourceDto>().enabled).toBe(false);
    expect((await g.hook(created.apiKey, 'e1')).statusCode).toBe(401);
    expect((await g.list())[0]!.enabled).toBe(false);
    expect((await patch({ enabled: true })).json<AlarmSourceDto>().enabled).toBe(true);
    expect((await g.hook(created.apiKey, 'e2')).statusCode).toBe(201);
    expect(['alarm-source.disable', 'alarm-source.enable'].map((action) => g.audit.recent(10, { action }).map((r) => r.targetId))).toEqual([[created.id], [created.id]]);
    // Bad input names the field and changes nothing.
    const bad = await patch({ enabled: 'no' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('body.enabled');
    expect((await g.list())[0]!.enabled).toBe(true);
  });

  it('a revoked (deleted) source can be neither rotated nor enabled, and its key is refused', async () => {
    const g = gateway();
    const created = (await g.app.inject({ method: 'POST', url: '/api/v1/alarm-sources', headers: g.admin, payload: { name: 'grid-app' } })).json<AlarmSourceCreated>();
    expect((await g.app.inject({ method: 'DELETE', url: `/api/v1/alarm-sources/${created.id}`, headers: g.admin })).statusCode).toBe(204);
    expect((await g.app.inject({ method: 'POST', url: `/api/v1/alarm-sources/${created.id}/rotate`, headers: g.admin })).statusCode).toBe(409);
    expect((await g.app.inject({ method: 'PATCH', url: `/api/v1/alarm-sources/${created.id}`, headers: g.admin, payload: { enabled: true } })).statusCode).toBe(409);
    expect((await g.hook(created.apiKey, 'e1')).statusCode).toBe(401);
  });

  it('only admins manage sources', async () => {
    const g = gateway();
    for (const headers of [g.tech, g.operator]) {
      expect((await g.app.inject({ url: '/api/v1/alarm-sources', headers })).statusCode).toBe(403);
      expect((await g.app.inject({ method: 'POST', url: '/api/v1/alarm-sources', headers, payload: { name: 'x' } })).statusCode).toBe(403);
    }
  });
});

describe('a technician and alarms', () => {
  it('may read alarms, but every action on one is refused (403) and changes nothing', async () => {
    const g = gateway();
    const created = (await g.app.inject({ method: 'POST', url: '/api/v1/alarm-sources', headers: g.admin, payload: { name: 'grid-app' } })).json<AlarmSourceCreated>();
    const { alarmId } = (await g.hook(created.apiKey, 'e1')).json<{ alarmId: string }>();
    expect((await g.app.inject({ url: '/api/v1/alarms', headers: g.tech })).json<{ total: number }>().total).toBe(1);
    const acts: Array<[string, Record<string, unknown>]> = [
      ['ack', {}],
      ['assign', { userId: 'admin' }],
      ['dismiss', { reason: 'x' }],
      ['resolve', {}],
    ];
    for (const [verb, payload] of acts) {
      expect((await g.app.inject({ method: 'POST', url: `/api/v1/alarms/${alarmId}/${verb}`, headers: g.tech, payload })).statusCode, verb).toBe(403);
    }
    expect((await g.app.inject({ url: `/api/v1/alarms/${alarmId}/assignees`, headers: g.tech })).statusCode).toBe(403);
    expect((await g.app.inject({ url: `/api/v1/alarms/${alarmId}`, headers: g.tech })).json<{ state: string }>().state).toBe('new');
    // The same request from an operator goes through: the refusal is the role's, not the alarm's.
    expect((await g.app.inject({ method: 'POST', url: `/api/v1/alarms/${alarmId}/ack`, headers: g.operator, payload: {} })).statusCode).toBe(200);
  });
});
