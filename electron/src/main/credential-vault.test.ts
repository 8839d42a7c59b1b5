import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCredentialVault, vaultAvailability, VaultUnavailableError, type SafeStorageLike } from './credential-vault';

/** A stand-in for Electron's safeStorage: reversible "encryption" that is visibly not the plain text. */
const fakeSafeStorage = (backend: string | undefined, available = true): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  ...(backend !== undefined ? { getSelectedStorageBackend: () => backend } : {}),
  encryptString: (s) => Buffer.from(`enc:${Buffer.from(s).reverse().toString('hex')}`),
  decryptString: (b) => {
    const t = b.toString();
    if (!t.startsWith('enc:')) throw new Error('cannot decrypt');
    return Buffer.from(t.slice(4), 'hex').reverse().toString();
  },
});

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shell-vault-'));
  file = join(dir, 'secrets.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('credential vault availability', () => {
  it.each([
    ['linux', 'gnome_libsecret', true],
    ['linux', 'kwallet5', true],
    ['linux', 'basic_text', false],
    ['linux', 'unknown', false],
    ['linux', undefined, false],
    ['win32', undefined, true],
    ['darwin', undefined, true],
  ] as const)('%s with backend %s → %s', (platform, backend, ok) => {
    expect(vaultAvailability(fakeSafeStorage(backend), platform).ok).toBe(ok);
  });

  it('refuses when OS encryption is unavailable at all', () => {
    expect(vaultAvailability(fakeSafeStorage('gnome_libsecret', false), 'linux')).toEqual({ ok: false, reason: 'OS encryption is not available' });
  });
});

describe('credential vault', () => {
  it('stores encrypted (never the plain text), mode 0600, and reads back', () => {
    const vault = openCredentialVault(file, fakeSafeStorage('gnome_libsecret'), 'linux');
    vault.set('wall-login', 'S3cret-wall-pw');
    expect(readFileSync(file, 'utf8')).not.toContain('S3cret-wall-pw');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(vault.get('wall-login')).toBe('S3cret-wall-pw');
    vault.delete('wall-login');
    expect(vault.get('wall-login')).toBeNull();
  });

  it('with basic_text it refuses to store and writes nothing', () => {
    const vault = openCredentialVault(file, fakeSafeStorage('basic_text'), 'linux');
    expect(() => vault.set('wall-login', 'S3cret-wall-pw')).toThrow(VaultUnavailableError);
    expect(() => readFileSync(file)).toThrow();
    expect(vault.get('wall-login')).toBeNull();
  });

  it('a value that does not decrypt (another machine) reads as absent; bad names are refused', () => {
    openCredentialVault(file, fakeSafeStorage('kwallet'), 'linux').set('a', 'x-secret');
    const other = openCredentialVault(file, { ...fakeSafeStorage('kwallet'), decryptString: () => { throw new Error('no'); } }, 'linux');
    expect(other.get('a')).toBeNull();
    expect(() => other.set('../etc', 'x')).toThrow(/invalid secret name/);
  });
});
