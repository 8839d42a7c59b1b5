import type { Db } from './connection';

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditEntry {
  userId: string | null;
  username: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  outcome: AuditOutcome;
  ip?: string | null;
  details?: Record<string, unknown> | null;
}

export interface AuditRow extends Required<Omit<AuditEntry, 'details'>> {
  id: number;
  at: number;
  details: string | null;
}

/** Append-only: the table has triggers that abort UPDATE and DELETE; this class offers neither. */
export class AuditRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  append(e: AuditEntry): void {
    this.db
      .prepare(
        `INSERT INTO audit_log (at, user_id, username, action, target_type, target_id, outcome, ip, details)
         VALUES (@at, @userId, @username, @action, @targetType, @targetId, @outcome, @ip, @details)`,
      )
      .run({
        at: this.now(),
        userId: e.userId,
        username: e.username,
        action: e.action,
        targetType: e.targetType ?? null,
        targetId: e.targetId ?? null,
        outcome: e.outcome,
        ip: e.ip ?? null,
        details: e.details ? JSON.stringify(e.details) : null,
      });
  }

  /** Whether an `access.denied` row was written for this caller since `since` (the guard's de-duplication). */
  hasDenialSince(userId: string | null, ip: string | null, since: number): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM audit_log WHERE at >= ? AND action = 'access.denied' AND user_id IS ? AND ip IS ? LIMIT 1`)
        .get(since, userId, ip) !== undefined
    );
  }

  recent(limit: number, filter: { userId?: string; action?: string } = {}): AuditRow[] {
    return this.db
      .prepare(
        `SELECT id, at, user_id AS userId, username, action, target_type AS targetType, target_id AS targetId, outcome, ip, details
         FROM audit_log WHERE (@userId IS NULL OR user_id = @userId) AND (@action IS NULL OR action = @action)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ userId: filter.userId ?? null, action: filter.action ?? null, limit }) as AuditRow[];
  }
}
