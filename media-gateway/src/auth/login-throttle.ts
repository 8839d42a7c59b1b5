/**
 * Login rate limiting, by account and by address separately (see README.md in this folder):
 *
 * - Account: failed attempts per username (known or not, so a lockout says nothing about whether the user exists)
 *   in a sliding window. Too many → the username is refused for `lockoutMs`, doubling with each further lockout up
 *   to `lockoutMaxMs`; a successful login clears it.
 * - Address: failed attempts per client address in the window. Past `ipMaxFailures`, every login attempt from the
 *   address waits first, doubling up to `ipDelayMaxMs`. An address is never refused outright: a password sprayer is
 *   slowed to a crawl, while an administrator at the same desk (or behind the same NAT) still gets in with the right
 *   password. A success does not clear the address (one right password must not reset a spraying address).
 *
 * In memory: a restart forgets lockouts (the audit keeps every failure). Bounded: stale entries are pruned.
 */
export interface LoginThrottleSettings {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
  /** Longest lockout after repeated lockouts (defaults to `lockoutMs`: no backoff). */
  lockoutMaxMs?: number;
  ipMaxFailures: number;
  /** Longest wait before a login attempt from a throttled address. */
  ipDelayMaxMs?: number;
}

interface Counter {
  failures: number[];
  lockedUntil: number;
  /** Lockouts in a row (reset by a success or a quiet spell): the next one lasts lockoutMs × 2^strikes. */
  strikes: number;
}

export type ThrottleCheck = { locked: false } | { locked: true; scope: 'user'; retryAfterSec: number };

const MAX_ENTRIES = 50_000;
/** The first wait of a throttled address; each further failure doubles it. */
export const IP_DELAY_BASE_MS = 250;

export class LoginThrottle {
  private readonly users = new Map<string, Counter>();
  private readonly ips = new Map<string, Counter>();

  constructor(
    private readonly s: LoginThrottleSettings,
    private readonly now: () => number,
  ) {}

  static key(username: string): string {
    return username.trim().toLowerCase();
  }

  check(username: string): ThrottleCheck {
    const t = this.now();
    const user = this.users.get(LoginThrottle.key(username));
    if (user && user.lockedUntil > t) return { locked: true, scope: 'user', retryAfterSec: Math.ceil((user.lockedUntil - t) / 1000) };
    return { locked: false };
  }

  /** How long a login attempt from this address waits before it is looked at (0 unless the address is throttled). */
  addressDelayMs(ip: string | null): number {
    if (!ip) return 0;
    const c = this.ips.get(ip);
    if (!c) return 0;
    const t = this.now();
    const recent = c.failures.filter((at) => at > t - this.s.windowMs).length;
    if (recent < this.s.ipMaxFailures) return 0;
    return Math.min(this.s.ipDelayMaxMs ?? 10_000, IP_DELAY_BASE_MS * 2 ** Math.min(20, recent - this.s.ipMaxFailures));
  }

  /** Counts a failure; says whether it just locked the username or started slowing the address. */
  recordFailure(username: string, ip: string | null): { lockedNow: 'user' | 'ip' | null; failures: number } {
    const t = this.now();
    this.prune(t);
    const user = this.bumpUser(LoginThrottle.key(username), t);
    let throttledNow = false;
    if (ip) {
      const c = this.ips.get(ip) ?? { failures: [], lockedUntil: 0, strikes: 0 };
      c.failures = c.failures.filter((at) => at > t - this.s.windowMs);
      c.failures.push(t);
      this.ips.set(ip, c);
      throttledNow = c.failures.length === this.s.ipMaxFailures;
    }
    return { lockedNow: user.lockedNow ? 'user' : throttledNow ? 'ip' : null, failures: user.failures };
  }

  recordSuccess(username: string): void {
    this.users.delete(LoginThrottle.key(username));
  }

  private bumpUser(key: string, t: number): { lockedNow: boolean; failures: number } {
    const c = this.users.get(key) ?? { failures: [], lockedUntil: 0, strikes: 0 };
    const maxMs = Math.max(this.s.lockoutMs, this.s.lockoutMaxMs ?? this.s.lockoutMs);
    // Quiet since the last lockout ended for as long as the longest lockout: start the backoff over.
    if (c.strikes > 0 && c.lockedUntil + maxMs <= t) c.strikes = 0;
    c.failures = c.failures.filter((at) => at > t - this.s.windowMs);
    c.failures.push(t);
    this.users.set(key, c);
    if (c.failures.length >= this.s.maxFailures && c.lockedUntil <= t) {
      c.lockedUntil = t + Math.min(maxMs, this.s.lockoutMs * 2 ** Math.min(20, c.strikes));
      c.strikes++;
      c.failures = [];
      return { lockedNow: true, failures: this.s.maxFailures };
    }
    return { lockedNow: false, failures: c.failures.length };
  }

  private prune(t: number): void {
    for (const map of [this.users, this.ips]) {
      if (map.size < MAX_ENTRIES) continue;
      for (const [k, c] of map) if (c.lockedUntil <= t && c.strikes === 0 && c.failures.every((at) => at <= t - this.s.windowMs)) map.delete(k);
      // Still full (an attack with ever new names): drop the oldest entries rather than grow without bound.
      while (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as string);
    }
  }
}
