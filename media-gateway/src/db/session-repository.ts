import type { Db } from './connection';

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
}

export class SessionRepository {
  constructor(private readonly db: Db) {}

  create(s: SessionRecord & { ip: string | null; userAgent: string | null }): void {
    this.db
      .prepare(
        `INSERT INTO sessions (id, user_id, created_at, expires_at, last_seen_at, ip, user_agent)
         VALUES (@id, @userId, @createdAt, @expiresAt, @lastSeenAt, @ip, @userAgent)`,
      )
      .run(s);
  }

  get(id: string): SessionRecord | null {
    const row = this.db
      .prepare('SELECT id, user_id AS userId, created_at AS createdAt, expires_at AS expiresAt, last_seen_at AS lastSeenAt FROM sessions WHERE id = ?')
      .get(id) as SessionRecord | undefined;
    return row ?? null;
  }

  touch(id: string, at: number): void {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(at, id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
  }

  deleteExpired(now: number): number {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
  }

  /** Ends every session of a user (disabled, password reset or changed), except `keep` (the session that changed it). */
  deleteForUser(userId: string, keep: string | null = null): number {
    return this.db.prepare('DELETE FROM sessions WHERE user_id = ? AND id IS NOT ?').run(userId, keep).changes;
  }
}
