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

  it('links from before a restart are refused (the in-memory grants are gone; the boot is part of the MAC)', () => {
    const first = setup('boot-1');
    const token = first.sign('s1');
    const restarted = new HlsRevocations(300_000, () => 1_000, 'boot-2');
    const again = new HlsTokenSigner(first.key, restarted);
    again.sign({ userId: 'u2', cameraId: 'cam', profile: 'sub', expiresAt: 301_000, sessionId: 'x' }); // grant 1 now belongs to u2
    expect(first.verify(token, again)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('a password change keeps its session but ends its links; the next link of that session works', () => {
    const { revocations, sign, verify } = setup();
    const before = sign('kept');
    revocations.revokeUser('u1');
    expect(verify(before)).toMatchObject({ ok: false, reason: 'revoked' });
    const after = sign('kept');
    expect(after).not.toBe(before);
    expect(verify(after)).toMatchObject({ ok: true });
  });

  it('forgets grants only a token lifetime after their last token expired (a late replay is still attributed)', () => {
    const { revocations, signer, sign, verify, advance } = setup();
    const old = sign('s-old');
    revocations.revokeSession('s-old');
    for (let i = 0; i < 1_000; i++) signer.sign({ userId: `f${i}`, cameraId: 'cam', profile: 'sub', expiresAt: 2_000, sessionId: `filler-${i}` });
    expect(verify(old)).toMatchObject({ ok: false, reason: 'revoked', claims: { userId: 'u1' } });
    advance(300_001);
    sign('trigger-prune');
    expect(verify(old)).toMatchObject({ ok: false, reason: 'expired', claims: { userId: 'u1' } });
    advance(300_001);
    sign('trigger-prune-2');
    expect(verify(old)).toEqual({ ok: false, reason: 'expired', claims: undefined });
  });
});
