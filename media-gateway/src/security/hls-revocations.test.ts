import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HlsRevocations } from './hls-revocations';
import { HlsTokenSigner } from './hls-token';

describe('HLS token revocation', () => {
  const setup = (bootId = 'boot-1') => {
    let t = 1_000;
    const key = randomBytes(32);
    const revocations = new HlsRevocations(300_000, () => t, bootId);
    const signer = new HlsTokenSigner(key, revocations);
    const sign = (sessionId: string, userId = 'u1') => signer.sign({ userId, cameraId: 'cam', profile: 'sub', expiresAt: t + 300_000, sessionId });
    const verify = (token: string, s = signer) => s.verify(token, { cameraId: 'cam', profile: 'sub' }, t);
    return { key, revocations, signer, sign, verify, advance: (ms: number) => (t += ms) };
  };

  it('a logged-out session loses its links; other sessions of the user keep theirs', () => {
    const { revocations, sign, verify } = setup();
    const a = sign('session-a');
    const b = sign('session-b');
    revocations.revokeSession('session-a');
    expect(verify(a)).toMatchObject({ ok: false, reason: 'revoked', claims: { userId: 'u1' } });
    expect(verify(b)).toMatchObject({ ok: true });
  });

  it("revoking a user ends every link issued before, not those issued after, nor other users'", () => {
    const { revocations, sign, verify } = setup();
    const before = sign('s1');
    const otherUser = sign('s9', 'u2');
    revocations.revokeUser('u1');
    expect(verify(before)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(verify(otherUser)).toMatchObject({ ok: true });
    expect(verify(sign('s2'))).toMatchObject({ ok: true });
  });

  it('links from before a restart are refused (the in-memory revocations are gone)', () => {
    const first = setup('boot-1');
    const token = first.sign('s1');
    const restarted = new HlsTokenSigner(first.key, new HlsRevocations(300_000, () => 1_000, 'boot-2'));
    expect(first.verify(token, restarted)).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('a token without the binding is refused when revocation is on', () => {
    const { key, verify } = setup();
    const unbound = new HlsTokenSigner(key).sign({ userId: 'u1', cameraId: 'cam', profile: 'sub', expiresAt: 10_000_000 });
    expect(verify(unbound)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('forgets revoked sessions only after their links have expired', () => {
    const { revocations, sign, verify, advance } = setup();
    const old = sign('s-old');
    revocations.revokeSession('s-old');
    for (let i = 0; i < 10_001; i++) revocations.revokeSession(`filler-${i}`);
    expect(verify(old)).toMatchObject({ ok: false, reason: 'revoked' });
    advance(300_001);
    revocations.revokeSession('trigger-prune');
    expect(verify(old)).toMatchObject({ ok: false, reason: 'expired' });
  });
});
