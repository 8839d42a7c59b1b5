import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { createRepositories } from '../db/repositories';
import type { PasswordHasher } from '../security/password-hasher';
import { SessionService } from './session-service';

describe('a session that ends', () => {
  it('by idle or absolute expiry also ends its HLS links', () => {
    let t = 1_000_000;
    const db = openDatabase(':memory:');
    migrate(db);
    const repos = createRepositories(db, () => t);
    repos.users.create({ id: 'u1', username: 'op', displayName: 'op', passwordHash: 'x', role: 'viewer', orgUnitId: null });
    const revoked: string[] = [];
    const hls = { revokeSession: (id: string) => revoked.push(id), revokeUser: () => undefined };
    const clock = { now: () => t } as ConstructorParameters<typeof SessionService>[3];
    const service = new SessionService(repos.users, repos.sessions, {} as PasswordHasher, clock, { ttlSec: 3600, idleSec: 60, throttle: { maxFailures: 5, windowMs: 1, lockoutMs: 1, ipMaxFailures: 5 } }, hls);
    const token = 'a-session-token-of-sufficient-length';
    const id = createHash('sha256').update(token).digest('base64url');
    repos.sessions.create({ id, userId: 'u1', createdAt: t, expiresAt: t + 3_600_000, lastSeenAt: t, ip: null, userAgent: null });
    expect(service.authenticate(token)?.sessionId).toBe(id);
    expect(revoked).toEqual([]);
    t += 60_000; // idle
    expect(service.authenticate(token)).toBeNull();
    expect(revoked).toEqual([id]);
    db.close();
  });
});
