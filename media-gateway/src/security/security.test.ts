import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialCipher, loadCredentialKey } from './credential-cipher';
import { HlsRevocations } from './hls-revocations';
import { HlsTokenSigner } from './hls-token';

describe('CredentialCipher', () => {
  const cipher = new CredentialCipher(randomBytes(32));
  it('round-trips and never stores the plain text', () => {
    const enc = cipher.encrypt('pässwörd-123');
    expect(enc).not.toContain('pässwörd');
    expect(enc.startsWith('v1.')).toBe(true);
    expect(cipher.decrypt(enc)).toBe('pässwörd-123');
    expect(cipher.encrypt('x')).not.toBe(cipher.encrypt('x')); // fresh IV each time
  });
  it('detects tampering and a wrong key', () => {
    const enc = cipher.encrypt('secret');
    const parts = enc.split('.');
    parts[3] = Buffer.from('SECRET').toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
    expect(() => new CredentialCipher(randomBytes(32)).decrypt(enc)).toThrow();
  });
  it('creates a 0600 key file once, then reuses it; env wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvg-key-'));
    const file = join(dir, 'credential.key');
    const first = loadCredentialKey(file, {});
    expect(first.source).toBe('created');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadCredentialKey(file, {});
    expect(second.source).toBe('file');
    expect(second.key.equals(first.key)).toBe(true);
    const hex = randomBytes(32).toString('hex');
    expect(loadCredentialKey(file, { GATEWAY_CREDENTIAL_KEY: hex }).key.toString('hex')).toBe(hex);
    expect(() => loadCredentialKey(file, { GATEWAY_CREDENTIAL_KEY: 'short' })).toThrow(/32 bytes/);
  });
});

describe('HlsTokenSigner', () => {
  const signer = new HlsTokenSigner(randomBytes(32), new HlsRevocations(300_000, () => 0, 'boot-1'));
  const token = signer.sign({ userId: 'u1', cameraId: 'cam-1', profile: 'sub', expiresAt: 10_999, sessionId: 's1' });
  const on = (cameraId = 'cam-1', profile = 'sub') => ({ cameraId, profile });

  it('is short (a 128-bit MAC) and accepts the right camera and profile before expiry (kept to the second)', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{22}$/);
    expect(signer.verify(token, on(), 9_999)).toMatchObject({ ok: true, claims: { userId: 'u1', cameraId: 'cam-1', profile: 'sub', expiresAt: 10_000 } });
  });

  it('refuses expiry, another camera or profile (naming the holder), tampering and another key', () => {
    expect(signer.verify(token, on(), 10_000)).toMatchObject({ ok: false, reason: 'expired', claims: { userId: 'u1' } });
    expect(signer.verify(token, on('cam-2'), 0)).toMatchObject({ ok: false, reason: 'wrong-stream', claims: { userId: 'u1', cameraId: 'cam-1', profile: 'sub' } });
    expect(signer.verify(token, on('cam-1', 'main'), 0)).toMatchObject({ ok: false, reason: 'wrong-stream', claims: { userId: 'u1' } });
    const [payload, sig] = token.split('.') as [string, string];
    // A later expiry or another grant with the genuine MAC, or a flipped MAC bit: all forged.
    const bytes = Buffer.from(payload, 'base64url');
    for (const offset of [0, 7]) {
      const forged = Buffer.from(bytes);
      forged[offset]! ^= 1;
      expect(signer.verify(`${forged.toString('base64url')}.${sig}`, on(), 0)).toEqual({ ok: false, reason: 'bad-signature' });
    }
    const mac = Buffer.from(sig, 'base64url');
    mac[15]! ^= 1;
    expect(signer.verify(`${payload}.${mac.toString('base64url')}`, on(), 0)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(signer.verify(payload, on(), 0)).toEqual({ ok: false, reason: 'malformed' });
    expect(signer.verify(`${token}A`, on(), 0)).toEqual({ ok: false, reason: 'malformed' });
    expect(signer.verify('', on(), 0)).toEqual({ ok: false, reason: 'malformed' });
    expect(new HlsTokenSigner(randomBytes(32), new HlsRevocations(300_000, () => 0, 'boot-1')).verify(token, on(), 0)).toEqual({ ok: false, reason: 'bad-signature' });
  });
});
