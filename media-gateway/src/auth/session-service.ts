import { createHash, randomBytes } from 'node:crypto';
import type { SessionUserDto } from '../../../contracts/src/auth';
import type { Clock } from '../platform/clock';
import { isStorageUnavailable } from '../platform/errors';
import type { SessionRepository } from '../db/session-repository';
import type { UserRecord, UserRepository } from '../db/user-repository';
import type { PasswordHasher } from '../security/password-hasher';
import type { AuthUser } from './auth-user';
import { LoginThrottle, type LoginThrottleSettings } from './login-throttle';

export type LoginResult =
  | { ok: true; token: string; expiresAt: number; user: SessionUserDto }
  | { ok: false; reason: 'bad-credentials' | 'disabled'; userId: string | null; lockedNow: 'user' | 'ip' | null }
  | { ok: false; reason: 'locked'; userId: null; scope: 'user'; retryAfterSec: number };

export interface SessionSettings {
  /** Absolute lifetime from login. */
  ttlSec: number;
  /** Ends after this long without a request. */
  idleSec: number;
  throttle: LoginThrottleSettings;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export const toSessionUser = (u: UserRecord): SessionUserDto => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  orgUnitId: u.orgUnitId,
  ...(u.mustChangePassword ? { mustChangePassword: true } : {}),
});

/**
 * Opaque random session tokens (cookie or bearer); only their hash is stored. A session ends at its absolute expiry,
 * after `idleSec` without use, at logout, and when its user is disabled, reset or changes their password.
 */
export class SessionService {
  // A fixed hash so that an unknown user costs the same time as a wrong password (no user enumeration by timing).
  private dummyHash: Promise<string> | null = null;
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly settings: SessionSettings,
    /** Ending a session or a user's sessions also ends the HLS links they were given. */
    private readonly hls: { revokeSession(sessionId: string): void; revokeUser(userId: string): void } | null = null,
  ) {
    this.throttle = new LoginThrottle(settings.throttle, () => clock.now());
  }

  /** `commit` runs the session insert (in one transaction with its audit row: a session nobody audited must not exist). */
  async login(
    username: string,
    password: string,
    meta: { ip: string | null; userAgent: string | null },
    commit: (write: () => void, user: SessionUserDto) => void = (w) => w(),
  ): Promise<LoginResult> {
    // A throttled address waits (it is never refused: see login-throttle.ts).
    const delay = this.throttle.addressDelayMs(meta.ip);
    if (delay > 0) await new Promise<void>((resolve) => this.clock.setTimeout(resolve, delay));
    // Locked names are refused before any lookup: a known and an unknown name behave the same.
    const lock = this.throttle.check(username);
    if (lock.locked) return { ok: false, reason: 'locked', userId: null, scope: lock.scope, retryAfterSec: lock.retryAfterSec };
    const user = this.users.findByUsername(username);
    let passwordOk: boolean;
    if (!user) {
      this.dummyHash ??= this.hasher.hash(randomBytes(16).toString('hex'));
      await this.hasher.verify(await this.dummyHash, password);
      passwordOk = false;
    } else passwordOk = await this.hasher.verify(user.passwordHash, password);
    if (!user || !passwordOk || user.disabled) {
      const { lockedNow } = this.throttle.recordFailure(username, meta.ip);
      return { ok: false, reason: user && passwordOk ? 'disabled' : 'bad-credentials', userId: user?.id ?? null, lockedNow };
    }
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = now + this.settings.ttlSec * 1000;
    const sessionUser = toSessionUser(user);
    commit(() => this.sessions.create({ id: hashToken(token), userId: user.id, createdAt: now, expiresAt, lastSeenAt: now, ...meta }), sessionUser);
    this.throttle.recordSuccess(username);
    return { ok: true, token, expiresAt, user: sessionUser };
  }

  authenticate(token: string): AuthUser | null {
    if (token.length < 20 || token.length > 200) return null;
    const id = hashToken(token);
    const session = this.sessions.get(id);
    const now = this.clock.now();
    if (!session) return null;
    const idleMs = this.settings.idleSec * 1000;
    if (session.expiresAt <= now || session.lastSeenAt + idleMs <= now) {
      this.sessions.delete(id);
      this.hls?.revokeSession(id);
      return null;
    }
    const user = this.users.get(session.userId);
    if (!user || user.disabled) return null;
    // Touch at most once a minute (or a quarter of the idle time): a 36-tile wall must not turn every request into a write.
    if (now - session.lastSeenAt > Math.min(60_000, idleMs / 4)) {
      try {
        this.sessions.touch(id, now);
      } catch (err) {
        // A locked database must not turn reads into 503s: the next request touches the session instead.
        if (!isStorageUnavailable(err)) throw err;
      }
    }
    return { ...toSessionUser(user), mustChangePassword: user.mustChangePassword, sessionId: id };
  }

  logout(sessionId: string): void {
    this.sessions.delete(sessionId);
    this.hls?.revokeSession(sessionId);
  }

  /** Ends every session of the user but `keep` (disable, reset, password change). */
  endSessionsOf(userId: string, keep: string | null = null): number {
    // The kept session's links end too: its player fetches a new URL on the next 401/403.
    this.hls?.revokeUser(userId);
    return this.sessions.deleteForUser(userId, keep);
  }

  /** The user's own change: the current password must be right (a wrong one counts as a failed login). */
  /** `commit` runs the change (e.g. in one transaction with its audit row). */
  async changePassword(user: AuthUser, current: string, next: string, ip: string | null, commit: (write: () => void) => void = (w) => w()): Promise<'ok' | 'wrong-password' | 'locked'> {
    if (this.throttle.check(user.username).locked) return 'locked';
    const record = this.users.get(user.id);
    if (!record || !(await this.hasher.verify(record.passwordHash, current))) {
      this.throttle.recordFailure(user.username, ip);
      return 'wrong-password';
    }
    const hash = await this.hasher.hash(next);
    commit(() => {
      this.users.setPassword(user.id, hash, false);
      this.endSessionsOf(user.id, user.sessionId);
    });
    return 'ok';
  }
}
