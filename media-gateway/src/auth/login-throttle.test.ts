import { describe, expect, it } from 'vitest';
import { IP_DELAY_BASE_MS, LoginThrottle } from './login-throttle';
import { passwordProblem } from './password-policy';

describe('login throttle', () => {
  const make = () => {
    let t = 0;
    const throttle = new LoginThrottle({ maxFailures: 3, windowMs: 60_000, lockoutMs: 10_000, lockoutMaxMs: 40_000, ipMaxFailures: 5, ipDelayMaxMs: 4_000 }, () => t);
    return { throttle, advance: (ms: number) => (t += ms) };
  };

  it('locks a username (case-insensitive) after N failures in the window, for lockoutMs', () => {
    const { throttle, advance } = make();
    expect(throttle.recordFailure('Bob', '10.0.0.1').lockedNow).toBeNull();
    expect(throttle.recordFailure('bob', '10.0.0.2').lockedNow).toBeNull();
    expect(throttle.recordFailure('BOB', '10.0.0.3').lockedNow).toBe('user');
    expect(throttle.check('bob')).toEqual({ locked: true, scope: 'user', retryAfterSec: 10 });
    advance(10_000);
    expect(throttle.check('bob')).toEqual({ locked: false });
  });

  it('failures outside the window do not count; a success clears the username', () => {
    const { throttle, advance } = make();
    throttle.recordFailure('amy', null);
    throttle.recordFailure('amy', null);
    advance(61_000);
    expect(throttle.recordFailure('amy', null).lockedNow).toBeNull();
    throttle.recordFailure('amy', null);
    throttle.recordSuccess('amy');
    expect(throttle.recordFailure('amy', null).lockedNow).toBeNull();
  });

  // Issue 10: an address lockout also locked the administrator out from that address. Addresses are slowed, never refused.
  it('slows an address spraying many usernames, doubling up to the cap, without refusing it', () => {
    const { throttle, advance } = make();
    const results = ['a', 'b', 'c', 'd', 'e'].map((u) => throttle.recordFailure(u, '10.9.9.9').lockedNow);
    expect(results).toEqual([null, null, null, null, 'ip']);
    expect(throttle.check('fresh-name')).toEqual({ locked: false });
    expect(throttle.addressDelayMs('10.9.9.9')).toBe(IP_DELAY_BASE_MS);
    throttle.recordFailure('f', '10.9.9.9');
    expect(throttle.addressDelayMs('10.9.9.9')).toBe(2 * IP_DELAY_BASE_MS);
    for (const u of ['g', 'h', 'i', 'j', 'k', 'l', 'm']) throttle.recordFailure(u, '10.9.9.9');
    expect(throttle.addressDelayMs('10.9.9.9')).toBe(4_000);
    expect(throttle.addressDelayMs('10.9.9.8')).toBe(0);
    expect(throttle.addressDelayMs(null)).toBe(0);
    // A success from the address does not reset it; the window does.
    throttle.recordSuccess('admin');
    expect(throttle.addressDelayMs('10.9.9.9')).toBe(4_000);
    advance(60_001);
    expect(throttle.addressDelayMs('10.9.9.9')).toBe(0);
  });

  it('locks an account for longer after each lockout, up to the cap; a success or a quiet spell starts over', () => {
    const { throttle, advance } = make();
    const lockOut = () => ['x', 'y', 'z'].map(() => throttle.recordFailure('eve', null).lockedNow).at(-1);
    const lockFor = () => (throttle.check('eve') as { retryAfterSec: number }).retryAfterSec;
    expect(lockOut()).toBe('user');
    expect(lockFor()).toBe(10);
    advance(10_000);
    expect(lockOut()).toBe('user');
    expect(lockFor()).toBe(20);
    advance(20_000);
    lockOut();
    expect(lockFor()).toBe(40);
    advance(40_000);
    lockOut();
    expect(lockFor()).toBe(40); // the cap
    advance(40_000);
    throttle.recordSuccess('eve');
    lockOut();
    expect(lockFor()).toBe(10);
    advance(10_000 + 40_000);
    lockOut();
    expect(lockFor()).toBe(10);
  });
});

describe('password policy', () => {
  it.each([
    ['short1!', 'at least 10 characters'],
    ['aaaaaaaaaaaa', 'too few different characters'],
    ['someone-long', 'must not be the username'],
  ])('refuses %s', (pw, why) => expect(passwordProblem(pw, 'someone-long', 10)).toBe(why));
  it('accepts a decent one', () => expect(passwordProblem('Correct-horse-9', 'bob', 10)).toBeNull());
});
