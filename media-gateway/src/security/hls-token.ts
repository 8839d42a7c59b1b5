import { createHmac, timingSafeEqual } from 'node:crypto';
import type { StreamProfile } from '../../../contracts/src/camera';
import type { HlsGrant, HlsRevocations } from './hls-revocations';

/**
 * hls.js cannot reliably put an Authorization header on every playlist, part and segment request, so each HLS
 * URL carries a short-lived token. It is repeated in every URI of every playlist (~20 times per reload), so it is
 * kept short: `<grant id, expiry>.<MAC>`, 34 characters. The MAC (HMAC-SHA256 truncated to 128 bits) covers the
 * gateway's boot, the grant (who asked, hls-revocations.ts), the expiry and the camera and profile of the URL it is
 * used on: useless for another camera or profile, worthless after expiry or a restart, unforgeable without the key.
 */
export interface HlsTokenClaims {
  userId: string;
  cameraId: string;
  profile: StreamProfile;
  expiresAt: number;
  /** live (default) or playback of recordings: a token for one is refused by the other's routes (different rights). */
  purpose?: HlsPurpose;
}

export type HlsPurpose = 'live' | 'playback';

/** A failure after the MAC checked out (expired, other stream, revoked) still names who the token was issued to, for the audit. */
export type HlsTokenCheck =
  | { ok: true; claims: HlsTokenClaims; grant: HlsGrant }
  | { ok: false; reason: 'malformed' | 'bad-signature' }
  | { ok: false; reason: 'expired' | 'wrong-stream' | 'revoked'; claims?: HlsTokenClaims };

const PAYLOAD_BYTES = 8; // grant id u32, expiry in seconds u32
const MAC_BYTES = 16;
const TOKEN_RE = /^([A-Za-z0-9_-]{11})\.([A-Za-z0-9_-]{22})$/;

const isProfile = (p: string): p is StreamProfile => p === 'main' || p === 'sub';

export class HlsTokenSigner {
  constructor(
    private readonly key: Buffer,
    private readonly grants: HlsRevocations,
  ) {}

  /** Expiry is kept to the second, rounded down: the token never outlives the `expiresAt` the caller announced. */
  sign(claims: HlsTokenClaims & { sessionId?: string }): string {
    const expirySec = Math.floor(claims.expiresAt / 1000);
    const grant = this.grants.grantFor(claims.userId, claims.sessionId ?? '', `${claims.cameraId}/${claims.profile}`, expirySec * 1000);
    const payload = Buffer.alloc(PAYLOAD_BYTES);
    payload.writeUInt32BE(grant.id, 0);
    payload.writeUInt32BE(expirySec, 4);
    return `${payload.toString('base64url')}.${this.mac(payload, claims.cameraId, claims.profile, claims.purpose ?? 'live').toString('base64url')}`;
  }

  verify(token: string, expect: { cameraId: string; profile: string; purpose?: HlsPurpose }, now: number): HlsTokenCheck {
    const purpose = expect.purpose ?? 'live';
    const m = TOKEN_RE.exec(token);
    if (!m) return { ok: false, reason: 'malformed' };
    const payload = Buffer.from(m[1]!, 'base64url');
    const given = Buffer.from(m[2]!, 'base64url');
    if (payload.length !== PAYLOAD_BYTES || given.length !== MAC_BYTES) return { ok: false, reason: 'malformed' };
    // One spelling per token: base64url's last character carries unused bits, which the decoder ignores.
    if (payload.toString('base64url') !== m[1] || given.toString('base64url') !== m[2]) return { ok: false, reason: 'malformed' };
    const grant = this.grants.get(payload.readUInt32BE(0));
    const expiresAt = payload.readUInt32BE(4) * 1000;
    if (!isProfile(expect.profile) || !timingSafeEqual(given, this.mac(payload, expect.cameraId, expect.profile, purpose))) {
      const elsewhere = grant && this.issuedFor(grant, payload, given);
      return elsewhere ? { ok: false, reason: 'wrong-stream', claims: { userId: grant.userId, ...elsewhere, expiresAt } } : { ok: false, reason: 'bad-signature' };
    }
    const claims = grant ? { userId: grant.userId, cameraId: expect.cameraId, profile: expect.profile, expiresAt, purpose } : undefined;
    if (expiresAt <= now) return { ok: false, reason: 'expired', claims };
    // A genuine token whose grant is gone (long expired and pruned) cannot be attributed: refused as revoked.
    if (!grant || !claims || grant.revoked) return { ok: false, reason: 'revoked', claims };
    return { ok: true, claims, grant };
  }

  /** Which of the grant's streams a genuine token was made for (only asked when it does not fit the URL it came with). */
  private issuedFor(grant: HlsGrant, payload: Buffer, given: Buffer): { cameraId: string; profile: StreamProfile } | null {
    for (const stream of grant.streams) {
      const slash = stream.lastIndexOf('/');
      const cameraId = stream.slice(0, slash);
      const profile = stream.slice(slash + 1);
      if (!isProfile(profile)) continue;
      for (const purpose of ['live', 'playback'] as const) if (timingSafeEqual(given, this.mac(payload, cameraId, profile, purpose))) return { cameraId, profile };
    }
    return null;
  }

  private mac(payload: Buffer, cameraId: string, profile: StreamProfile, purpose: HlsPurpose): Buffer {
    return createHmac('sha256', this.key)
      .update(`${this.grants.bootId}\n${cameraId}\n${profile}\n${purpose === 'live' ? '' : `${purpose}\n`}`)
      .update(payload)
      .digest()
      .subarray(0, MAC_BYTES);
  }
}
