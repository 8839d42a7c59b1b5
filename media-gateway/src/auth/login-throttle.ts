/**
 * Login rate limiting: failed attempts are counted per username (known or not, so that a lockout says nothing about
 * whether the user exists) and per client address, in a sliding window. Too many → that username (or address) is
 * refused for `lockoutMs` without even checking the password. A success clears the username's count, not the
 * address's (one right password must not reset a password-spraying address).
 *
 * In memory: a restart forgets lockouts (the audit keeps every failure). Bounded: stale entries are pruned.
 */
export interface LoginThrottleSettings {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
  ipMaxFailures: number;
}

interface Counter {
  failures: number[];
  lockedUntil: number;
}

export type ThrottleCheck = { locked: false } | { locked: true; scope: 'user' | 'ip'; retryAfterSec: number };

const MAX_ENTRIES = 50_000;

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

  check(username: string, ip: string | null): ThrottleCheck {
    const t = this.now();
    const user = this.users.get(LoginThrottle.key(username));
    if (user && user.lockedUntil > t) return { locked: true, scope: 'user', retryAfterSec: Math.ceil((user.lockedUntil - t) / 1000) };
    const addr = ip ? this.ips.get(ip) : undefined;
    if (addr && addr.lockedUntil > t) return { locked: true, scope: 'ip', retryAfterSec: Math.ceil((addr.lockedUntil - t) / 1000) };
    return { locked: false };
  }

  /** Counts a failure; says which lock (if any) it just started. */
  recordFailure(username: string, ip: string | null): { lockedNow: 'user' | 'ip' | null; failures: number } {
    const t = this.now();
    this.prune(t);
    const user = this.bump(this.users, LoginThrottle.key(username), t, this.s.maxFailures);
    const addr = ip ? this.bump(this.ips, ip, t, this.s.ipMaxFailures) : null;
    return { lockedNow: user.lockedNow ? 'user' : addr?.lockedNow ? 'ip' : null, failures: user.failures };
  }

  recordSuccess(username: string): void {
    this.users.delete(LoginThrottle.key(username));
  }

  private bump(map: Map<string, Counter>, key: string, t: number, max: number): { lockedNow: boolean; failures: number } {
    const c = map.get(key) ?? { failures: [], lockedUntil: 0 };
    c.failures = c.failures.filter((at) => at > t - this.s.windowMs);
    c.failures.push(t);
    map.set(key, c);
    if (c.failures.length >= max && c.lockedUntil <= t) {
      c.lockedUntil = t + this.s.lockoutMs;
      c.failures = [];
      return { lockedNow: true, failures: max };
    }
    return { lockedNow: false, failures: c.failures.length };
  }

  private prune(t: number): void {
    for (const map of [this.users, this.ips]) {
      if (map.size < MAX_ENTRIES) continue;
      for (const [k, c] of map) if (c.lockedUntil <= t && c.failures.every((at) => at <= t - this.s.windowMs)) map.delete(k);
      // Still full (an attack with ever new names): drop the oldest entries rather than grow without bound.
      while (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as string);
    }
  }
}
