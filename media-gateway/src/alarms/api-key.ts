import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys of external alarm sources: 256 random bits, shown once, stored only as a SHA-256 (a fast hash is
 * enough for a random secret of this length; a copy of the database does not let anyone post alarms).
 */
export const API_KEY_PREFIX = 'cvgak_';
const KEY_PATTERN = /^cvgak_[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What the key list shows to tell keys apart (not enough to guess the rest). */
export function apiKeyPrefix(key: string): string {
  return key.slice(0, API_KEY_PREFIX.length + 6);
}

/** Cheap shape check before any lookup, so a junk header never reaches the database. */
export function looksLikeApiKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** Constant-time comparison of a presented key with a stored hash. */
export function verifyApiKey(key: string, storedHash: string): boolean {
  if (!looksLikeApiKey(key) || !/^[0-9a-f]{64}$/.test(storedHash)) return false;
  return timingSafeEqual(Buffer.from(hashApiKey(key), 'hex'), Buffer.from(storedHash, 'hex'));
}
