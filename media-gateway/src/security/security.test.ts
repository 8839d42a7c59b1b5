import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialCipher, loadCredentialKey } from './credential-cipher';
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
  const signer = new HlsTokenSigner(randomBytes(32));
  const token = signer.sign({ userId: 'u1', cameraId: 'cam-1', profile: 'sub', expiresAt: 10_000 });
  it('accepts the right camera and profile before expiry', () => {
    expect(signer.verify(token, { cameraId: 'cam-1', profile: 'sub' }, 9_999)).toEqual({ ok: true, claims: { userId: 'u1', cameraId: 'cam-1', profile: 'sub', expiresAt: 10_000 } });
  });
  it('refuses expiry, another camera or profile, tampering and another key', () => {
    expect(signer.verify(token, { cameraId: 'cam-1', profile: 'sub' }, 10_000)).toMatchObject({ ok: false, reason: 'expired' });
    expect(signer.verify(token, { cameraId: 'cam-2', profile: 'sub' }, 0)).toMatchObject({ ok: false, reason: 'wrong-stream' });
    expect(signer.verify(token, { cameraId: 'cam-1', profile: 'main' }, 0)).toMatchObject({ ok: false, reason: 'wrong-stream' });
    const [payload, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify(['u1', 'cam-1', 'sub', 99_999_999])).toString('base64url');
    expect(signer.verify(`${forged}.${sig}`, { cameraId: 'cam-1', profile: 'sub' }, 0)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(signer.verify(`${payload}`, { cameraId: 'cam-1', profile: 'sub' }, 0)).toEqual({ ok: false, reason: 'malformed' });
    expect(new HlsTokenSigner(randomBytes(32)).verify(token, { cameraId: 'cam-1', profile: 'sub' }, 0)).toEqual({ ok: false, reason: 'bad-signature' });
  });
});
