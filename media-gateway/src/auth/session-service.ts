import { createHash, randomBytes } from 'node:crypto';
import type { SessionUserDto } from '../../../contracts/src/auth';
import type { Clock } from '../platform/clock';
import type { SessionRepository } from '../db/session-repository';
import type { UserRecord, UserRepository } from '../db/user-repository';
import type { PasswordHasher } from '../security/password-hasher';
import type { AuthUser } from './auth-user';

export type LoginResult =
  | { ok: true; token: string; expiresAt: number; user: SessionUserDto }
  | { ok: false; reason: 'bad-credentials' | 'disabled' };

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export const toSessionUser = (u: UserRecord): SessionUserDto => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  orgUnitId: u.orgUnitId,
});

/** Opaque random session tokens (cookie or bearer); only their hash is stored. */
export class SessionService {
  // A fixed hash so that an unknown user costs the same time as a wrong password (no user enumeration by timing).
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly ttlSec: number,
  ) {}

  async login(username: string, password: string, meta: { ip: string | null; userAgent: string | null }): Promise<LoginResult> {
    const user = this.users.findByUsername(username);
    if (!user) {
      this.dummyHash ??= this.hasher.hash(randomBytes(16).toString('hex'));
      await this.hasher.verify(await this.dummyHash, password);
      return { ok: false, reason: 'bad-credentials' };
    }
    if (!(await this.hasher.verify(user.passwordHash, password))) return { ok: false, reason: 'bad-credentials' };
    if (user.disabled) return { ok: false, reason: 'disabled' };
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = now + this.ttlSec * 1000;
    this.sessions.create({ id: hashToken(token), userId: user.id, createdAt: now, expiresAt, lastSeenAt: now, ...meta });
    return { ok: true, token, expiresAt, user: toSessionUser(user) };
  }

  authenticate(token: string): AuthUser | null {
    if (token.length < 20 || token.length > 200) return null;
    const id = hashToken(token);
    const session = this.sessions.get(id);
    const now = this.clock.now();
    if (!session) return null;
    if (session.expiresAt <= now) {
      this.sessions.delete(id);
      return null;
    }
    const user = this.users.get(session.userId);
    if (!user || user.disabled) return null;
    // Touch at most once a minute: a 36-tile wall must not turn every request into a write.
    if (now - session.lastSeenAt > 60_000) this.sessions.touch(id, now);
    return { ...toSessionUser(user), sessionId: id };
  }

  logout(sessionId: string): void {
    this.sessions.delete(sessionId);
  }
}
