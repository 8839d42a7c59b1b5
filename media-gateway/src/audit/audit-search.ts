import type { AuditEntryDto, AuditQuery } from '../../../contracts/src/auth';
import type { Db } from '../db/connection';

export interface AuditSearchFilter {
  /** Username (case-insensitive) or user id. */
  user?: string;
  /** A camera id: rows whose target is that camera. */
  camera?: string;
  /** An exact action, or a prefix ending in `*` (`live.*`). */
  action?: string;
  outcome?: 'ok' | 'denied' | 'failed';
  from?: number;
  to?: number;
  /** Only rows by users whose org unit is one of these (a scoped auditor); null = every row. */
  userOrgUnits: string[] | null;
}

interface Row {
  id: number;
  at: number;
  userId: string | null;
  username: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  ip: string | null;
  details: string | null;
}

const toDto = (r: Row): AuditEntryDto => {
  let details: Record<string, unknown> | null = null;
  if (r.details) {
    try {
      details = JSON.parse(r.details) as Record<string, unknown>;
    } catch {
      details = { text: r.details };
    }
  }
  return { ...r, at: new Date(r.at).toISOString(), details };
};

/** Read-only search over the append-only audit log (the table's triggers refuse UPDATE and DELETE). */
export class AuditSearch {
  constructor(private readonly db: Db) {}

  search(f: AuditSearchFilter, limit: number, offset: number): { items: AuditEntryDto[]; total: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (f.user !== undefined) {
      where.push('(username = @user COLLATE NOCASE OR user_id = @user)');
      params.user = f.user;
    }
    if (f.camera !== undefined) {
      where.push(`target_type = 'camera' AND target_id = @camera`);
      params.camera = f.camera;
    }
    if (f.action !== undefined) {
      if (f.action.endsWith('*')) {
        where.push(`action >= @actionFrom AND action < @actionTo`);
        const prefix = f.action.slice(0, -1);
        params.actionFrom = prefix;
        params.actionTo = `${prefix}\uffff`;
      } else {
        where.push('action = @action');
        params.action = f.action;
      }
    }
    if (f.outcome !== undefined) {
      where.push('outcome = @outcome');
      params.outcome = f.outcome;
    }
    if (f.from !== undefined) {
      where.push('at >= @from');
      params.from = f.from;
    }
    if (f.to !== undefined) {
      where.push('at < @to');
      params.to = f.to;
    }
    if (f.userOrgUnits !== null) {
      where.push('user_id IN (SELECT id FROM users WHERE org_unit_id IN (SELECT value FROM json_each(@orgs)))');
      params.orgs = JSON.stringify(f.userOrgUnits);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM audit_log ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(
        `SELECT id, at, user_id AS userId, username, action, target_type AS targetType, target_id AS targetId, outcome, ip, details
         FROM audit_log ${clause} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit, offset }) as Row[];
    return { items: rows.map(toDto), total };
  }
}

export type { AuditQuery };
