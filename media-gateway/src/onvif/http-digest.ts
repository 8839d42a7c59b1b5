/**
 * HTTP Digest (RFC 7616/2617, MD5, qop=auth or none), client side, for devices that want it instead of — or on top
 * of — WS-Security. Pure apart from the client nonce.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  qop: 'auth' | null;
  opaque: string | null;
  algorithm: string | null;
}

const md5 = (s: string): string => createHash('md5').update(s, 'utf8').digest('hex');

/** The Digest challenge among possibly several WWW-Authenticate values; null when there is none we can answer. */
export function parseDigestChallenge(header: string | string[] | undefined): DigestChallenge | null {
  const values = Array.isArray(header) ? header : header ? [header] : [];
  for (const v of values) {
    const m = /^\s*Digest\s+(.*)$/is.exec(v);
    if (!m?.[1]) continue;
    const params: Record<string, string> = {};
    const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
    let p: RegExpExecArray | null;
    while ((p = re.exec(m[1])) !== null) params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
    if (!params.realm || !params.nonce) continue;
    const algorithm = params.algorithm ?? null;
    if (algorithm && algorithm.toUpperCase() !== 'MD5') continue;
    const qops = (params.qop ?? '').split(',').map((q) => q.trim().toLowerCase());
    if (params.qop && !qops.includes('auth')) continue;
    return { realm: params.realm, nonce: params.nonce, qop: params.qop ? 'auth' : null, opaque: params.opaque ?? null, algorithm };
  }
  return null;
}

const quote = (s: string): string => `"${s.replace(/["\\]/g, '\\$&')}"`;

/** The Authorization header for one request; `nc` counts requests made with this challenge's nonce (from 1). */
export function digestAuthorization(
  c: DigestChallenge,
  creds: { username: string; password: string },
  method: string,
  uri: string,
  nc: number,
  cnonce: string = randomBytes(8).toString('hex'),
): string {
  const ha1 = md5(`${creds.username}:${c.realm}:${creds.password}`);
  const ha2 = md5(`${method}:${uri}`);
  const ncHex = nc.toString(16).padStart(8, '0');
  const response = c.qop ? md5(`${ha1}:${c.nonce}:${ncHex}:${cnonce}:auth:${ha2}`) : md5(`${ha1}:${c.nonce}:${ha2}`);
  const parts = [`username=${quote(creds.username)}`, `realm=${quote(c.realm)}`, `nonce=${quote(c.nonce)}`, `uri=${quote(uri)}`, `response="${response}"`];
  if (c.algorithm) parts.push(`algorithm=${c.algorithm}`);
  if (c.qop) parts.push('qop=auth', `nc=${ncHex}`, `cnonce="${cnonce}"`);
  if (c.opaque !== null) parts.push(`opaque=${quote(c.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}
