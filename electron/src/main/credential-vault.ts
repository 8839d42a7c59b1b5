/**
 * Secrets the shell keeps for the operator (e.g. a wall PC's sign-in), encrypted with Electron's safeStorage — and
 * only when the OS gives it a real key store. On Linux, safeStorage falls back to `basic_text` (a hard-coded key:
 * obfuscation, not encryption) when no keyring (gnome-libsecret, kwallet) is running; then we refuse to store
 * anything rather than pretend. Windows (DPAPI) and macOS (Keychain) always have a backend.
 *
 * Behind an interface: `safeStorage` is injected (main.ts passes Electron's), so this is unit-tested without Electron.
 * The file is written atomically with mode 0600; values are base64 of the encrypted bytes.
 */
import * as nodeFs from 'node:fs';
import { writeFileAtomic, type FsLike } from './settings-store';

/** The part of Electron's `safeStorage` used here. `getSelectedStorageBackend` exists on Linux only. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export type VaultAvailability = { ok: true; backend: string } | { ok: false; reason: string };

/** Linux backends that are real key stores; anything else (`basic_text`, `unknown`) is refused. */
const REAL_LINUX_BACKENDS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

export function vaultAvailability(safeStorage: SafeStorageLike, platform: NodeJS.Platform): VaultAvailability {
  if (!safeStorage.isEncryptionAvailable()) return { ok: false, reason: 'OS encryption is not available' };
  if (platform !== 'linux') return { ok: true, backend: platform === 'win32' ? 'dpapi' : platform === 'darwin' ? 'keychain' : platform };
  const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
  if (!REAL_LINUX_BACKENDS.has(backend)) return { ok: false, reason: `no OS key store (safeStorage backend "${backend}"); secrets are not stored` };
  return { ok: true, backend };
}

export class VaultUnavailableError extends Error {}

export interface CredentialVault {
  availability(): VaultAvailability;
  /** Throws VaultUnavailableError (and writes nothing) without a real OS key store. */
  set(name: string, secret: string): void;
  /** null when absent, undecryptable (another user/machine) or the vault is unavailable. */
  get(name: string): string | null;
  delete(name: string): void;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function openCredentialVault(file: string, safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform, fs: FsLike & Pick<typeof nodeFs, 'readFileSync'> = nodeFs): CredentialVault {
  const read = (): Record<string, string> => {
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
      }
    } catch {
      // absent or unreadable: empty
    }
    return {};
  };
  const write = (data: Record<string, string>) => writeFileAtomic(file, `${JSON.stringify(data)}\n`, fs);
  const checkName = (name: string) => {
    if (!NAME.test(name)) throw new Error(`invalid secret name: ${name}`);
  };
  return {
    availability: () => vaultAvailability(safeStorage, platform),
    set(name, secret) {
      checkName(name);
      const a = vaultAvailability(safeStorage, platform);
      if (!a.ok) throw new VaultUnavailableError(a.reason);
      write({ ...read(), [name]: safeStorage.encryptString(secret).toString('base64') });
    },
    get(name) {
      checkName(name);
      if (!vaultAvailability(safeStorage, platform).ok) return null;
      const value = read()[name];
      if (value === undefined) return null;
      try {
        return safeStorage.decryptString(Buffer.from(value, 'base64'));
      } catch {
        return null;
      }
    },
    delete(name) {
      checkName(name);
      const data = read();
      if (!(name in data)) return;
      delete data[name];
      write(data);
    },
  };
}
