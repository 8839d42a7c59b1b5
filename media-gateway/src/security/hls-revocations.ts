import { randomBytes } from 'node:crypto';

/**
 * Who an HLS token was issued to, kept in memory so that the token itself only names a small number (a grant) and
 * stays short. One grant per (user, session): logout revokes the session's grant; disabling a user or resetting or
 * changing a password revokes every grant of the user (a later token for a kept session gets a fresh grant).
 */
export interface HlsGrant {
  readonly id: number;
  readonly userId: string;
  revoked: boolean;
  /** Latest expiry of a token issued under this grant (ms). */
  until: number;
  /** The streams (`cameraId/profile`) tokens were issued for, newest last: a genuine token replayed elsewhere is attributed. */
  readonly streams: string[];
}

/** Enough for a console wall and its token refreshes; older streams only lose the replay attribution. */
const MAX_STREAMS_PER_GRANT = 64;

/**
 * Tokens are stateless beyond this table: checking one is a MAC and a map lookup, and revocation takes effect on
 * the next request. Kept in memory only: after a restart, links from before it are refused wholesale (`bootId` is
 * part of every MAC), so a revoked link cannot come back; players fetch a new URL on 401/403 anyway.
 */
export class HlsRevocations {
  private readonly grants = new Map<number, HlsGrant>();
  /** `userId\nsessionId` → the session's live grant. */
  private readonly bySession = new Map<string, HlsGrant>();
  private nextId = 1;
  readonly bootId: string;

  constructor(
    private readonly maxTokenTtlMs: number,
    private readonly now: () => number,
    bootId?: string,
  ) {
    this.bootId = bootId ?? randomBytes(12).toString('base64url');
  }

  /** The session's live grant (new after a revocation), remembering that a token for `stream` until `expiresAt` exists. */
  grantFor(userId: string, sessionId: string, stream: string, expiresAt: number): HlsGrant {
    const key = `${userId}\n${sessionId}`;
    let grant = this.bySession.get(key);
    if (!grant) {
      this.prune();
      grant = { id: this.nextId++, userId, revoked: false, until: 0, streams: [] };
      this.grants.set(grant.id, grant);
      this.bySession.set(key, grant);
    }
    grant.until = Math.max(grant.until, expiresAt);
    const at = grant.streams.indexOf(stream);
    if (at >= 0) grant.streams.splice(at, 1);
    grant.streams.push(stream);
    if (grant.streams.length > MAX_STREAMS_PER_GRANT) grant.streams.shift();
    return grant;
  }

  get(id: number): HlsGrant | undefined {
    return this.grants.get(id);
  }

  revokeSession(sessionId: string): void {
    for (const [key, grant] of this.bySession) {
      if (key.endsWith(`\n${sessionId}`)) this.revoke(key, grant);
    }
  }

  revokeUser(userId: string): void {
    for (const [key, grant] of this.bySession) if (grant.userId === userId) this.revoke(key, grant);
  }

  private revoke(key: string, grant: HlsGrant): void {
    grant.revoked = true;
    this.bySession.delete(key);
  }

  /** Grants whose tokens have all expired, kept one more token lifetime so a replay after expiry is still attributed. */
  private prune(): void {
    if (this.grants.size < 1_000) return;
    const t = this.now();
    for (const [id, grant] of this.grants) if (grant.until + this.maxTokenTtlMs <= t) this.grants.delete(id);
    for (const [key, grant] of this.bySession) if (!this.grants.has(grant.id)) this.bySession.delete(key);
  }
}
