import type { Role } from '../../../contracts/src/auth';
import type { Db } from './connection';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  orgUnitId: string | null;
  disabled: boolean;
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
  passwordChangedAt: r.password_changed_at,
  createdAt: r.created_at,
});

export class UserRepository {
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

  create(u: { id: string; username: string; displayName: string; passwordHash: string; role: Role; orgUnitId: string | null }): UserRecord {
    const t = this.now();
    this.db
      .prepare(
        `INSERT INTO users (id, username, display_name, password_hash, role, org_unit_id, disabled, password_changed_at, created_at, updated_at)
         VALUES (@id, @username, @displayName, @passwordHash, @role, @orgUnitId, 0, @t, @t, @t)`,
      )
      .run({ ...u, t });
    return this.get(u.id)!;
  }
}
