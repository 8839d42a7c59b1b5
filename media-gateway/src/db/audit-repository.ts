import { denialReasonCode } from '../../../contracts/src/denial-reasons';
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
  /** Entries other than `ok` appended inside `recorded` (re-appended if it rolls back). */
  private attempts: AuditEntry[] | null = null;
  private readonly listeners: Array<(e: AuditEntry) => void> = [];

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Told of every row written (the access guard learns which requests audited their own denial). */
  onAppend(listener: (e: AuditEntry) => void): void {
    this.listeners.push(listener);
  }

  append(e: AuditEntry): void {
    // A denial's English reason gets its code (the console shows the code in words; the English stays for the CSV).
    if (e.action === 'access.denied' && typeof e.details?.reason === 'string' && e.details.reasonCode === undefined) {
      e = { ...e, details: { reasonCode: denialReasonCode(e.details.reason), ...e.details } };
    }
    if (this.attempts && e.outcome !== 'ok') this.attempts.push(e);
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
    for (const l of this.listeners) l(e);
  }

  /**
   * A write and the audit row that records it, in one transaction: both commit or neither (a crash between the two
   * used to leave incidents without their creation row). `entry` may depend on the write's result, or be null when
   * there is nothing to record (an idempotent repeat). Inside another transaction this is a savepoint of it.
   */
  recorded<T>(write: () => T, entry: AuditEntry | null | ((result: T) => AuditEntry | null)): T {
    const outermost = this.attempts === null;
    if (outermost) this.attempts = [];
    try {
      return this.db
        .transaction(() => {
          const result = write();
          const e = typeof entry === 'function' ? entry(result) : entry;
          if (e) this.append(e);
          return result;
        })
        .immediate();
    } catch (err) {
      // A refusal recorded on the way (`access.denied`, a failed attempt) is about the attempt, not the write: it
      // must outlive the rollback ("every 403 leaves a row").
      if (outermost) {
        const refused = this.attempts ?? [];
        this.attempts = null;
        for (const e of refused) this.appendQuietly(e);
      }
      throw err;
    } finally {
      if (outermost) this.attempts = null;
    }
  }

  private appendQuietly(e: AuditEntry): void {
    try {
      this.append(e);
    } catch {
      // the database refuses (locked, full): the caller's own error is what the client must see
    }
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
