import { createHash, randomBytes } from 'node:crypto';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export interface AuthChallenge {
  scheme: 'digest' | 'basic';
  realm: string;
  nonce?: string;
  qop?: string;
  opaque?: string;
  algorithm?: string;
}

/** Picks the strongest challenge among WWW-Authenticate headers (Digest over Basic). */
export function parseChallenges(headers: string[]): AuthChallenge | null {
  let basic: AuthChallenge | null = null;
  for (const h of headers) {
    const m = /^\s*(Digest|Basic)\s+(.*)$/i.exec(h);
    if (!m) continue;
    const params: Record<string, string> = {};
    for (const p of m[2]!.matchAll(/(\w+)\s*=\s*(?:"([^"]*)"|([^,\s]+))/g)) params[p[1]!.toLowerCase()] = p[2] ?? p[3] ?? '';
    if (m[1]!.toLowerCase() === 'digest') {
      if (params.algorithm && !/^md5$/i.test(params.algorithm)) continue;
      return { scheme: 'digest', realm: params.realm ?? '', nonce: params.nonce ?? '', ...(params.qop ? { qop: params.qop } : {}), ...(params.opaque ? { opaque: params.opaque } : {}), ...(params.algorithm ? { algorithm: params.algorithm } : {}) };
    }
    basic = { scheme: 'basic', realm: params.realm ?? '' };
  }
  return basic;
}

/** RFC 2617 Authorization header for one request. */
export function authorizationHeader(c: AuthChallenge, method: string, uri: string, username: string, password: string, cnonce = randomBytes(8).toString('hex'), count = 1): string {
  if (c.scheme === 'basic') return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const ha1 = md5(`${username}:${c.realm}:${password}`);
  const ha2 = md5(`${method}:${uri}`);
  const useQop = c.qop?.split(',').map((q) => q.trim()).includes('auth');
  // nc counts the requests made with this nonce (RFC 2617 §3.2.2): a server may refuse a repeated one.
  const nc = count.toString(16).padStart(8, '0');
  const response = useQop ? md5(`${ha1}:${c.nonce}:${nc}:${cnonce}:auth:${ha2}`) : md5(`${ha1}:${c.nonce}:${ha2}`);
  const parts = [`username="${username}"`, `realm="${c.realm}"`, `nonce="${c.nonce}"`, `uri="${uri}"`, `response="${response}"`];
  if (c.algorithm) parts.push(`algorithm=${c.algorithm}`);
  if (c.opaque) parts.push(`opaque="${c.opaque}"`);
  if (useQop) parts.push('qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
  return `Digest ${parts.join(', ')}`;
}
