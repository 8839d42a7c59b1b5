import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerAccessGuard, type AccessGuardDeps } from '../auth/access-guard';
import { apiKeyRoute } from '../auth/route-policy';
import { apiKeyPrefix, generateApiKey, hashApiKey, looksLikeApiKey, verifyApiKey } from './api-key';

describe('alarm-source API keys', () => {
  it('generates distinct 256-bit keys in a recognisable shape', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^cvgak_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.slice(6), 'base64url')).toHaveLength(32);
    expect(looksLikeApiKey(a)).toBe(true);
    expect(apiKeyPrefix(a)).toBe(a.slice(0, 12));
  });

  it('stores a SHA-256 hex digest, never the key', () => {
    const key = generateApiKey();
    const hash = hashApiKey(key);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(key.slice(6, 20));
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'); // FIPS 180-2 test vector
  });

  it('verifies the right key and refuses a wrong, altered or malformed one', () => {
    const key = generateApiKey();
    const hash = hashApiKey(key);
    expect(verifyApiKey(key, hash)).toBe(true);
    expect(verifyApiKey(generateApiKey(), hash)).toBe(false);
    const last = key.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyApiKey(key.slice(0, -1) + last, hash)).toBe(false);
    expect(verifyApiKey(`${key}x`, hash)).toBe(false);
    expect(verifyApiKey('', hash)).toBe(false);
    expect(verifyApiKey(key, 'not-a-hash')).toBe(false);
    expect(looksLikeApiKey('x'.repeat(10_000))).toBe(false);
  });
});

describe('the access guard with api-key routes', () => {
  const audit: Array<Record<string, unknown>> = [];
  const key = generateApiKey();
  const deps = {
    sessions: { authenticate: () => null },
    audit: { append: (e: Record<string, unknown>) => audit.push(e) },
    apiKeys: (k: string) => (verifyApiKey(k, hashApiKey(key)) ? { id: 's1', name: 'grid', allowedOrgUnitId: null } : null),
  } as unknown as AccessGuardDeps;

  it('lets the right key through with its client, answers 401 otherwise and audits each refusal', async () => {
    const app = Fastify();
    registerAccessGuard(app, deps);
    app.post('/hook', { config: apiKeyRoute }, async (req) => req.apiClient);
    expect((await app.inject({ method: 'POST', url: '/hook', headers: { 'x-api-key': key } })).json()).toEqual({ id: 's1', name: 'grid', allowedOrgUnitId: null });
    expect((await app.inject({ method: 'POST', url: '/hook', headers: { 'x-api-key': generateApiKey() } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/hook' })).statusCode).toBe(401);
    // A session is no substitute for the key.
    expect((await app.inject({ method: 'POST', url: '/hook', headers: { authorization: 'Bearer whatever' } })).statusCode).toBe(401);
    expect(audit.map((a) => [a.action, a.outcome, (a.details as { reason: string }).reason])).toEqual([
      ['access.denied', 'denied', 'API key invalid or revoked'],
      ['access.denied', 'denied', 'API key missing'],
      ['access.denied', 'denied', 'API key missing'],
    ]);
  });

  it('refuses every key when no verifier is wired', async () => {
    const app = Fastify();
    registerAccessGuard(app, { ...deps, apiKeys: undefined });
    app.post('/hook', { config: apiKeyRoute }, async () => 'ok');
    expect((await app.inject({ method: 'POST', url: '/hook', headers: { 'x-api-key': key } })).statusCode).toBe(401);
  });
});
