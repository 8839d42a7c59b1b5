// The HLS access check runs in full once per token and stream; revocation and every change to who may see what
// still refuse the very next request, although the token's success is cached.
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { createRepositories } from '../db/repositories';
import { HlsRevocations } from '../security/hls-revocations';
import { HlsTokenSigner } from '../security/hls-token';
import { registerAccessGuard, type AccessGuardDeps } from './access-guard';
import { HlsAccessCache } from './hls-access-cache';
import { hlsTokenRoute } from './route-policy';
import { ScopeService } from './scope-service';

let t = 1_000_000;

function setup() {
  const db = openDatabase(':memory:');
  migrate(db);
  const repos = createRepositories(db, () => t);
  const unit = (id: string, level: 'county' | 'township' | 'village', parentId: string | null) =>
    repos.orgUnits.create({ id, name: id, nameEn: null, level, parentId, lat: null, lng: null, demo: false });
  unit('county', 'county', null);
  unit('town-a', 'township', 'county');
  unit('town-b', 'township', 'county');
  unit('village-a1', 'village', 'town-a');
  repos.users.create({ id: 'u1', username: 'officer', displayName: 'officer', passwordHash: 'x', role: 'township-officer', orgUnitId: 'town-a' });
  repos.cameras.create({
    id: 'cam-a', name: 'cam', orgUnitId: 'village-a1', category: 1, sourceType: 'rtsp', host: '127.0.0.1', rtspPort: 554, onvifPort: null,
    mainStreamUri: null, subStreamUri: null, username: null, passwordEnc: null, lat: null, lng: null, direction: null, deviceCode: null,
    videoCodec: 'h264', vendor: null, model: null,
  } as unknown as Parameters<typeof repos.cameras.create>[0]);
  const revocations = new HlsRevocations(300_000, () => t, 'boot');
  const signer = new HlsTokenSigner(randomBytes(32), revocations);
  const hlsAccess = new HlsAccessCache();
  for (const source of [repos.users, repos.cameras, repos.orgUnits]) source.changes.on(() => hlsAccess.clear()); // as gateway.ts
  const app = Fastify();
  const deps: AccessGuardDeps = {
    sessions: {} as AccessGuardDeps['sessions'],
    scope: new ScopeService(repos.orgUnits),
    cameras: repos.cameras,
    orgUnits: repos.orgUnits,
    users: repos.users,
    audit: repos.audit,
    hlsTokens: signer,
    hlsAccess,
    clock: { now: () => t } as AccessGuardDeps['clock'],
  };
  registerAccessGuard(app, deps);
  app.get('/hls/:cameraId/:profile/*', { config: hlsTokenRoute }, async (req) => req.user?.id);
  const token = signer.sign({ userId: 'u1', cameraId: 'cam-a', profile: 'main', expiresAt: t + 60_000, sessionId: 'session-1' });
  const get = async (tok = token, path = 'cam-a/main') => (await app.inject({ url: `/hls/${path}/part/1.0.m4s?token=${encodeURIComponent(tok)}` })).statusCode;
  const userReads = vi.spyOn(repos.users, 'get');
  return { repos, revocations, signer, hlsAccess, get, token, userReads, close: () => db.close() };
}

describe('HLS access cache', () => {
  let close = () => undefined as unknown;
  afterEach(() => close());

  it('checks a token in full once, then answers from the cache until it expires', async () => {
    const s = setup();
    close = s.close;
    expect(await s.get()).toBe(200);
    const fullChecks = s.userReads.mock.calls.length;
    expect(fullChecks).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) expect(await s.get()).toBe(200);
    expect(s.userReads.mock.calls.length).toBe(fullChecks);
    t += 60_000; // expiry
    expect(await s.get()).toBe(403);
  });

  it('the cached success never answers for another camera or profile, or a forged token', async () => {
    const s = setup();
    close = s.close;
    expect(await s.get()).toBe(200);
    expect(await s.get(s.token, 'cam-a/sub')).toBe(403);
    expect(await s.get(s.token, 'cam-b/main')).toBe(403);
    // A MAC character that carries only data bits (the last one also carries unused bits), and the last one.
    const mac = s.token.indexOf('.') + 1;
    const flip = (t: string, i: number) => `${t.slice(0, i)}${t[i] === 'A' ? 'B' : 'A'}${t.slice(i + 1)}`;
    expect(await s.get(flip(s.token, mac + 5))).toBe(403);
    expect([401, 403]).toContain(await s.get(flip(s.token, s.token.length - 1)));
  });

  const revocations: Array<[string, (s: ReturnType<typeof setup>) => void]> = [
    ['logout (session revoked)', (s) => s.revocations.revokeSession('session-1')],
    ['password change or reset (user revoked)', (s) => s.revocations.revokeUser('u1')],
    ['user disabled', (s) => s.repos.users.update('u1', { disabled: true })],
    ['role without main streams', (s) => s.repos.users.update('u1', { role: 'viewer' })],
    ['user moved to another township', (s) => s.repos.users.update('u1', { orgUnitId: 'town-b' })],
    ['camera moved to another township', (s) => s.repos.cameras.update('cam-a', { orgUnitId: 'town-b' })],
    ['camera deleted', (s) => s.repos.cameras.delete('cam-a')],
    ["the camera's village moved to another township", (s) => s.repos.orgUnits.update('village-a1', { parentId: 'town-b' })],
  ];
  it.each(revocations)('%s: the next request is refused although the token was cached', async (_name, revoke) => {
    const s = setup();
    close = s.close;
    expect(await s.get()).toBe(200);
    expect(await s.get()).toBe(200);
    revoke(s);
    expect([403, 404]).toContain(await s.get());
  });
});
