import type { Role } from '../../../contracts/src/auth';
import { ChangeSignal } from './change-signal';
import type { Db } from './connection';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  orgUnitId: string | null;
  disabled: boolean;
  /** Set by an administrator's reset (and for accounts an administrator creates): change at next login. */
  mustChangePassword: boolean;
  passwordChangedAt: number;
  createdAt: number;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  org_unit_id: string | null;
  disabled: number;
  must_change_password: number;
  password_changed_at: number;
  created_at: number;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  role: r.role,
  orgUnitId: r.org_unit_id,
  disabled: r.disabled === 1,
  mustChangePassword: r.must_change_password === 1,
  passwordChangedAt: r.password_changed_at,
  createdAt: r.created_at,
});

export class UserRepository {
  /** Any write (role, scope, disabled, password): what a user may see is read from here. */
  readonly changes = new ChangeSignal();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  get(id: string): UserRecord | null {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  findByUsername(username: string): UserRecord | null {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  list(): UserRecord[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  create(u: { id: string; username: string; displayName: string; passwordHash: string; role: Role; orgUnitId: string | null; mustChangePassword?: boolean }): UserRecord {
    const t = this.now();
    this.db
      .prepare(
        `INSERT INTO users (id, username, display_name, password_hash, role, org_unit_id, disabled, must_change_password, password_changed_at, created_at, updated_at)
         VALUES (@id, @username, @displayName, @passwordHash, @role, @orgUnitId, 0, @mustChange, @t, @t, @t)`,
      )
      .run({ id: u.id, username: u.username, displayName: u.displayName, passwordHash: u.passwordHash, role: u.role, orgUnitId: u.orgUnitId, mustChange: u.mustChangePassword ? 1 : 0, t });
    this.changes.emit();
    return this.get(u.id)!;
  }

  /** Display name, role, org-unit scope, disabled: only the fields given change. */
  update(id: string, patch: { displayName?: string; role?: Role; orgUnitId?: string | null; disabled?: boolean }): UserRecord | null {
    const current = this.get(id);
    if (!current) return null;
    this.db
      .prepare('UPDATE users SET display_name = @displayName, role = @role, org_unit_id = @orgUnitId, disabled = @disabled, updated_at = @t WHERE id = @id')
      .run({
        id,
        displayName: patch.displayName ?? current.displayName,
        role: patch.role ?? current.role,
        orgUnitId: patch.orgUnitId === undefined ? current.orgUnitId : patch.orgUnitId,
        disabled: (patch.disabled ?? current.disabled) ? 1 : 0,
        t: this.now(),
      });
    this.changes.emit();
    return this.get(id);
  }

  /** A new password hash; `mustChange` when an administrator set it (the user chooses their own at next login). */
  setPassword(id: string, passwordHash: string, mustChange: boolean): void {
    const t = this.now();
    this.db
      .prepare('UPDATE users SET password_hash = @passwordHash, must_change_password = @mustChange, password_changed_at = @t, updated_at = @t WHERE id = @id')
      .run({ id, passwordHash, mustChange: mustChange ? 1 : 0, t });
    this.changes.emit();
  }
}
