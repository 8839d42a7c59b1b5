/**
 * HTTP/RTSP Digest access authentication (RFC 2617, MD5), server side. Accepts both `qop=auth` responses and the
 * older RFC 2069 form without qop, because RTSP clients differ (ffmpeg uses qop when offered; live555 does not).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const md5Hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

export interface DigestInput {
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  qop?: string | undefined;
  nc?: string | undefined;
  cnonce?: string | undefined;
}

/** The `response` value a client must send (RFC 2617 §3.2.2.1). */
export function digestResponse(d: DigestInput): string {
  const ha1 = md5Hex(`${d.username}:${d.realm}:${d.password}`);
  const ha2 = md5Hex(`${d.method}:${d.uri}`);
  if (d.qop === 'auth') return md5Hex(`${ha1}:${d.nonce}:${d.nc ?? ''}:${d.cnonce ?? ''}:${d.qop}:${ha2}`);
  return md5Hex(`${ha1}:${d.nonce}:${ha2}`);
}

/**
 * Parse `Digest k=v, k="quoted, with commas"` into scheme + lower-cased parameter names. Returns null when the
 * header is absent or unparseable.
 */
export function parseAuthorization(header: string | undefined): { scheme: string; params: Record<string, string> } | null {
  if (!header) return null;
  const m = /^\s*([A-Za-z]+)\s+(.*)$/s.exec(header);
  if (!m?.[1] || m[2] === undefined) return null;
  const params: Record<string, string> = {};
  const re = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)/gy;
  const rest = m[2];
  let match: RegExpExecArray | null;
  let consumed = 0;
  while (consumed < rest.length && (match = re.exec(rest)) !== null) {
    const key = match[1]?.toLowerCase();
    if (key) params[key] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
    consumed = re.lastIndex;
    if (match[0].length === 0) break;
  }
  if (rest.slice(consumed).trim() !== '') return null;
  return { scheme: m[1], params };
}

/**
 * Stateless nonces: `<time hex>.<hmac>` signed with a per-process secret and bound to one realm, so any nonce we
 * issued verifies without a table, and a nonce from camera A is useless on camera B. They do not expire: long-lived
 * gateway sessions keep re-using theirs for keep-alives, as with most real cameras.
 */
export class NonceIssuer {
  private readonly secret = randomBytes(32);

  issue(realm: string): string {
    const t = Date.now().toString(16);
    return `${t}${this.mac(realm, t)}`;
  }

  valid(realm: string, nonce: string): boolean {
    const t = nonce.slice(0, -24);
    if (!/^[0-9a-f]{1,16}$/.test(t)) return false;
    return safeEqual(nonce.slice(-24), this.mac(realm, t));
  }

  private mac(realm: string, t: string): string {
    return createHmac('sha256', this.secret).update(`${realm}\n${t}`).digest('hex').slice(0, 24);
  }
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function digestChallenge(realm: string, nonce: string, opts: { qop?: boolean; stale?: boolean } = {}): string {
  const parts = [`realm="${realm}"`, `nonce="${nonce}"`, 'algorithm=MD5'];
  if (opts.qop ?? true) parts.push('qop="auth"');
  if (opts.stale) parts.push('stale=TRUE');
  return `Digest ${parts.join(', ')}`;
}

export type DigestVerdict = 'ok' | 'missing' | 'bad-nonce' | 'wrong';

/** Check an Authorization header against one camera's credentials. */
export function verifyDigest(
  header: string | undefined,
  method: string,
  creds: { username: string; password: string; realm: string },
  nonces: NonceIssuer,
): DigestVerdict {
  const auth = parseAuthorization(header);
  if (!auth) return 'missing';
  if (auth.scheme.toLowerCase() !== 'digest') return 'wrong';
  const p = auth.params;
  if (!p.username || !p.nonce || !p.uri || !p.response) return 'wrong';
  if (p.realm !== creds.realm) return 'wrong';
  if (p.algorithm && p.algorithm.toUpperCase() !== 'MD5') return 'wrong';
  if (!nonces.valid(creds.realm, p.nonce)) return 'bad-nonce';
  if (p.qop && p.qop !== 'auth') return 'wrong';
  if (p.username !== creds.username) return 'wrong';
  const expected = digestResponse({
    username: creds.username,
    realm: creds.realm,
    password: creds.password,
    method,
    uri: p.uri,
    nonce: p.nonce,
    qop: p.qop,
    nc: p.nc,
    cnonce: p.cnonce,
  });
  return safeEqual(expected, p.response.toLowerCase()) ? 'ok' : 'wrong';
}
