import type { HlsGrant } from '../security/hls-revocations';
import type { AuthUser } from './auth-user';

interface Entry {
  user: AuthUser;
  expiresAt: number;
  grant: HlsGrant;
}

/** Far above any wall's live tokens; past it the cache starts afresh rather than grow. */
const MAX_ENTRIES = 20_000;

/**
 * A player asks ~10 times a second with the same token (parts, blocking playlist reloads). The full check (MAC,
 * user, camera, role, org scope) runs once per token and stream; later requests are answered from here until the
 * token expires. Revocation still takes effect at once: a hit needs the token's grant unrevoked (logout, disable,
 * password change), and every change to users, cameras or org units (role, scope, disabled, a camera moved or
 * deleted, the org tree rearranged) clears the cache (`clear`, wired in gateway.ts).
 */
export class HlsAccessCache {
  private readonly entries = new Map<string, Entry>();

  get(token: string, cameraId: string, profile: string, now: number): AuthUser | null {
    const key = cacheKey(token, cameraId, profile);
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expiresAt > now && !e.grant.revoked) return e.user;
    this.entries.delete(key);
    return null;
  }

  set(token: string, cameraId: string, profile: string, entry: Entry): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(cacheKey(token, cameraId, profile), { ...entry, user: Object.freeze({ ...entry.user }) });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

const cacheKey = (token: string, cameraId: string, profile: string) => `${cameraId}\n${profile}\n${token}`;
