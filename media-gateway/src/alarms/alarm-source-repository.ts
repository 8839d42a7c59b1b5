import type { AlarmSourceDto } from '../../../contracts/src/alarm';
import type { Db } from '../db/connection';

export interface AlarmSourceRecord {
  id: string;
  name: string;
  keyHash: string;
  keyPrefix: string;
  allowedOrgUnitId: string | null;
  createdAt: number;
  createdBy: string | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
  disabledAt: number | null;
  keyRotatedAt: number | null;
}

interface Row {
  id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  allowed_org_unit_id: string | null;
  created_at: number;
  created_by: string | null;
  last_used_at: number | null;
  revoked_at: number | null;
  disabled_at: number | null;
  key_rotated_at: number | null;
}

const toRecord = (r: Row): AlarmSourceRecord => ({
  id: r.id,
  name: r.name,
  keyHash: r.key_hash,
  keyPrefix: r.key_prefix,
  allowedOrgUnitId: r.allowed_org_unit_id,
  createdAt: r.created_at,
  createdBy: r.created_by,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
  disabledAt: r.disabled_at,
  keyRotatedAt: r.key_rotated_at,
});

export const toAlarmSourceDto = (s: AlarmSourceRecord): AlarmSourceDto => ({
  id: s.id,
  name: s.name,
  keyPrefix: s.keyPrefix,
  allowedOrgUnitId: s.allowedOrgUnitId,
  createdAt: new Date(s.createdAt).toISOString(),
  createdBy: s.createdBy,
  lastUsedAt: s.lastUsedAt === null ? null : new Date(s.lastUsedAt).toISOString(),
  revokedAt: s.revokedAt === null ? null : new Date(s.revokedAt).toISOString(),
  enabled: s.disabledAt === null,
  keyRotatedAt: s.keyRotatedAt === null ? null : new Date(s.keyRotatedAt).toISOString(),
});

/** External systems allowed to post alarms. Revoking keeps the row (its alarms still name it). */
export class AlarmSourceRepository {
  constructor(private readonly db: Db) {}

  create(s: Omit<AlarmSourceRecord, 'lastUsedAt' | 'revokedAt' | 'disabledAt' | 'keyRotatedAt'>): AlarmSourceRecord {
    this.db
      .prepare(
        `INSERT INTO alarm_sources (id, name, key_hash, key_prefix, allowed_org_unit_id, created_at, created_by)
         VALUES (@id, @name, @keyHash, @keyPrefix, @allowedOrgUnitId, @createdAt, @createdBy)`,
      )
      .run(s);
    return this.get(s.id)!;
  }

  get(id: string): AlarmSourceRecord | null {
    const row = this.db.prepare('SELECT * FROM alarm_sources WHERE id = ?').get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  activeByName(name: string): AlarmSourceRecord | null {
    const row = this.db.prepare('SELECT * FROM alarm_sources WHERE name = ? AND revoked_at IS NULL').get(name) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  /** The active, enabled source holding this key hash (a disabled source's key opens nothing). */
  activeByKeyHash(keyHash: string): AlarmSourceRecord | null {
    const row = this.db.prepare('SELECT * FROM alarm_sources WHERE key_hash = ? AND revoked_at IS NULL AND disabled_at IS NULL').get(keyHash) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  list(): AlarmSourceRecord[] {
    return (this.db.prepare('SELECT * FROM alarm_sources ORDER BY revoked_at IS NOT NULL, name, created_at').all() as Row[]).map(toRecord);
  }

  revoke(id: string, at: number): boolean {
    return this.db.prepare('UPDATE alarm_sources SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes === 1;
  }

  /** Replaces the key of an active source: the old hash is gone in the same statement, so the old key fails at once. */
  rotateKey(id: string, keyHash: string, keyPrefix: string, at: number): boolean {
    return this.db.prepare('UPDATE alarm_sources SET key_hash = ?, key_prefix = ?, key_rotated_at = ? WHERE id = ? AND revoked_at IS NULL').run(keyHash, keyPrefix, at, id).changes === 1;
  }

  /** null enables; a time disables (kept as when it was switched off). */
  setDisabled(id: string, disabledAt: number | null): boolean {
    return this.db.prepare('UPDATE alarm_sources SET disabled_at = ? WHERE id = ? AND revoked_at IS NULL').run(disabledAt, id).changes === 1;
  }

  touch(id: string, at: number): void {
    this.db.prepare('UPDATE alarm_sources SET last_used_at = ? WHERE id = ?').run(at, id);
  }
}
