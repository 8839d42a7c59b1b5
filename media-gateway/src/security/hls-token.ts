import { createHmac, timingSafeEqual } from 'node:crypto';
import type { StreamProfile } from '../../../contracts/src/camera';
import { HlsRevocations } from './hls-revocations';

/**
 * hls.js cannot reliably put an Authorization header on every playlist, part and segment request, so each HLS
 * URL carries a short-lived token: HMAC-SHA256 over (user, camera, profile, expiry). It is useless for another
 * camera or profile, and worthless after expiry.
 */
export interface HlsTokenClaims {
  userId: string;
  cameraId: string;
  profile: StreamProfile;
  expiresAt: number;
}

/** A failure after the signature checked out (expired, other stream) still names who the token was issued to, for the audit. */
export type HlsTokenCheck =
  | { ok: true; claims: HlsTokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' }
  | { ok: false; reason: 'expired' | 'wrong-stream' | 'revoked'; claims: HlsTokenClaims };

export class HlsTokenSigner {
  /** With `revocations`, tokens also carry the asking session's tag and the user's generation (hls-revocations.ts). */
  constructor(
    private readonly key: Buffer,
    private readonly revocations: HlsRevocations | null = null,
  ) {}

  sign(claims: HlsTokenClaims & { sessionId?: string }): string {
    const base: unknown[] = [claims.userId, claims.cameraId, claims.profile, claims.expiresAt];
    if (this.revocations) base.push(HlsRevocations.sessionTag(claims.sessionId ?? ''), this.revocations.stamp(claims.userId));
    const payload = Buffer.from(JSON.stringify(base)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  verify(token: string, expect: { cameraId: string; profile: string }, now: number): HlsTokenCheck {
    const dot = token.indexOf('.');
    if (dot <= 0 || token.length > 512) return { ok: false, reason: 'malformed' };
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const wanted = Buffer.from(this.mac(payload), 'base64url');
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return { ok: false, reason: 'bad-signature' };
    let parts: unknown;
    try {
      parts = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (!Array.isArray(parts) || parts.length !== (this.revocations ? 6 : 4)) return { ok: false, reason: 'malformed' };
    const [userId, cameraId, profile, expiresAt, sessionTag, generation] = parts as unknown[];
    if (typeof userId !== 'string' || typeof cameraId !== 'string' || (profile !== 'main' && profile !== 'sub') || typeof expiresAt !== 'number') {
      return { ok: false, reason: 'malformed' };
    }
    const claims: HlsTokenClaims = { userId, cameraId, profile, expiresAt };
    if (cameraId !== expect.cameraId || profile !== expect.profile) return { ok: false, reason: 'wrong-stream', claims };
    if (expiresAt <= now) return { ok: false, reason: 'expired', claims };
    if (this.revocations) {
      if (typeof sessionTag !== 'string' || typeof generation !== 'string') return { ok: false, reason: 'malformed' };
      if (this.revocations.isRevoked({ userId, sessionTag, generation })) return { ok: false, reason: 'revoked', claims };
    }
    return { ok: true, claims };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
