import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';
import { passwordProblem } from './password-policy';

describe('login throttle', () => {
  const make = () => {
    let t = 0;
    const throttle = new LoginThrottle({ maxFailures: 3, windowMs: 60_000, lockoutMs: 10_000, ipMaxFailures: 5 }, () => t);
    return { throttle, advance: (ms: number) => (t += ms) };
  };

  it('locks a username (case-insensitive) after N failures in the window, for lockoutMs', () => {
    const { throttle, advance } = make();
    expect(throttle.recordFailure('Bob', '10.0.0.1').lockedNow).toBeNull();
    expect(throttle.recordFailure('bob', '10.0.0.2').lockedNow).toBeNull();
    expect(throttle.recordFailure('BOB', '10.0.0.3').lockedNow).toBe('user');
    expect(throttle.check('bob', '10.0.0.9')).toEqual({ locked: true, scope: 'user', retryAfterSec: 10 });
    advance(10_000);
    expect(throttle.check('bob', null)).toEqual({ locked: false });
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

  it('locks an address spraying many usernames', () => {
    const { throttle } = make();
    const results = ['a', 'b', 'c', 'd', 'e'].map((u) => throttle.recordFailure(u, '10.9.9.9').lockedNow);
    expect(results).toEqual([null, null, null, null, 'ip']);
    expect(throttle.check('fresh-name', '10.9.9.9')).toMatchObject({ locked: true, scope: 'ip' });
    expect(throttle.check('fresh-name', '10.9.9.8')).toEqual({ locked: false });
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
