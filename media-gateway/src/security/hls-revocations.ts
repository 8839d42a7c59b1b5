import { createHash } from 'node:crypto';

/**
 * HLS tokens are stateless (HMAC, no lookup), so ending a session would not stop the links it handed out. Each token
 * therefore names the session that asked for it (a one-way tag, not the session id) and the user's generation at the
 * time; logout revokes the session's tag, and disabling a user or resetting or changing a password bumps the
 * user's generation. Both are in-memory lookups: this runs on every playlist, part and segment request.
 *
 * Kept in memory only: after a restart, links from before it are refused wholesale (see `bootId`), so a revoked
 * link cannot come back; players fetch a new URL on 401/403 anyway.
 */
export class HlsRevocations {
  /** Session tag → when the entry may be forgotten (every token of the session has expired by then). */
  private readonly sessions = new Map<string, number>();
  private readonly generations = new Map<string, number>();
  readonly bootId: string;

  constructor(
    private readonly maxTokenTtlMs: number,
    private readonly now: () => number,
    bootId?: string,
  ) {
    this.bootId = bootId ?? createHash('sha256').update(`${process.pid}:${now()}:${Math.random()}`).digest('base64url').slice(0, 8);
  }

  static sessionTag(sessionId: string): string {
    return createHash('sha256').update(`hls:${sessionId}`).digest('base64url').slice(0, 16);
  }

  generation(userId: string): number {
    return this.generations.get(userId) ?? 0;
  }

  revokeSession(sessionId: string): void {
    const t = this.now();
    if (this.sessions.size > 10_000) for (const [tag, until] of this.sessions) if (until <= t) this.sessions.delete(tag);
    this.sessions.set(HlsRevocations.sessionTag(sessionId), t + this.maxTokenTtlMs);
  }

  revokeUser(userId: string): void {
    this.generations.set(userId, this.generation(userId) + 1);
  }

  isRevoked(claims: { userId: string; sessionTag: string; generation: string }): boolean {
    if (claims.generation !== `${this.bootId}.${this.generation(claims.userId)}`) return true;
    return this.sessions.has(claims.sessionTag);
  }

  /** The generation stamp a token issued now carries. */
  stamp(userId: string): string {
    return `${this.bootId}.${this.generation(userId)}`;
  }
}
