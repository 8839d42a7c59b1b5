/**
 * Client side of HTTP authentication as RTSP uses it: Basic (RFC 7617) and Digest (RFC 2617, RFC 7616) with MD5,
 * MD5-sess, SHA-256 and SHA-256-sess, qop=auth (and auth-int: our requests carry no body), nc/cnonce, and a stale
 * nonce renewed without counting as a failure. Nothing here logs or throws with a credential in it.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Credentials {
  username: string;
  password: string;
}

export interface Challenge {
  /** Lower-cased scheme: 'digest', 'basic', … */
  scheme: string;
  /** Parameter names lower-cased, quoted values unescaped. */
  params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

/**
 * Every challenge in one or more WWW-Authenticate values (RFC 7235 §4.1): a value may hold several challenges
 * (`Digest realm="a, b", nonce="x", Basic realm="c"`), quoted strings may hold commas and escaped quotes.
 */
export function parseChallenges(values: readonly string[]): Challenge[] {
  const out: Challenge[] = [];
  for (const value of values) {
    let i = 0;
    let current: Challenge | null = null;
    const skipSpace = (): void => {
      while (i < value.length && (value[i] === ' ' || value[i] === '\t' || value[i] === ',')) i++;
    };
    const token = (): string => {
      const start = i;
      while (i < value.length && TOKEN.test(value[i]!)) i++;
      return value.slice(start, i);
    };
    while (i < value.length) {
      skipSpace();
      const name = token();
      if (!name) {
        i++; // not a token character: skip it rather than loop forever on hostile input
        continue;
      }
      let j = i;
      while (value[j] === ' ' || value[j] === '\t') j++;
      if (value[j] !== '=') {
        // A token not followed by '=' starts a new challenge.
        current = { scheme: name.toLowerCase(), params: {} };
        out.push(current);
        continue;
      }
      i = j + 1;
      while (value[i] === ' ' || value[i] === '\t') i++;
      let v = '';
      if (value[i] === '"') {
        i++;
        while (i < value.length && value[i] !== '"') {
          if (value[i] === '\\' && i + 1 < value.length) i++;
          v += value[i];
          i++;
        }
        i++;
      } else {
        const start = i;
        while (i < value.length && value[i] !== ',' && value[i] !== ' ' && value[i] !== '\t') i++;
        v = value.slice(start, i);
      }
      if (current) current.params[name.toLowerCase()] = v;
    }
  }
  return out;
}

type Algorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';
const ALGORITHMS: Record<string, Algorithm> = { md5: 'MD5', 'md5-sess': 'MD5-sess', 'sha-256': 'SHA-256', 'sha-256-sess': 'SHA-256-sess' };

export interface DigestParams {
  algorithm: Algorithm;
  username: string;
  password: string;
  realm: string;
  nonce: string;
  method: string;
  uri: string;
  qop?: 'auth' | 'auth-int';
  nc?: string;
  cnonce?: string;
  /** auth-int only: the request body (RTSP requests we send have none). */
  body?: string;
}

/** The `response` value (RFC 7616 §3.4.1; RFC 2617 §3.2.2.1 for MD5 and the qop-less RFC 2069 form). */
export function digestResponse(p: DigestParams): string {
  const h = (s: string): string => createHash(p.algorithm.startsWith('SHA-256') ? 'sha256' : 'md5').update(s, 'utf8').digest('hex');
  let ha1 = h(`${p.username}:${p.realm}:${p.password}`);
  if (p.algorithm.endsWith('-sess')) ha1 = h(`${ha1}:${p.nonce}:${p.cnonce ?? ''}`);
  const ha2 = p.qop === 'auth-int' ? h(`${p.method}:${p.uri}:${h(p.body ?? '')}`) : h(`${p.method}:${p.uri}`);
  if (!p.qop) return h(`${ha1}:${p.nonce}:${ha2}`);
  return h(`${ha1}:${p.nonce}:${p.nc ?? ''}:${p.cnonce ?? ''}:${p.qop}:${ha2}`);
}

const quote = (s: string): string => `"${s.replace(/[\\"]/g, '\\$&')}"`;

/** What the authenticator decided about a 401. */
export type ChallengeVerdict = 'retry' | 'failed' | 'unsupported';

/**
 * Holds the current challenge and answers each request with an Authorization header. Never sends credentials before
 * a challenge, and prefers Digest (strongest algorithm offered) over Basic.
 */
export class Authenticator {
  private digest: { realm: string; nonce: string; opaque?: string; algorithm: Algorithm; qop?: 'auth' | 'auth-int'; nc: number } | null = null;
  private basic = false;
  /** Old cameras reject an algorithm parameter they did not send themselves. */
  private algorithmGiven = false;
  /** Set once credentials were sent for the current nonce: a second plain 401 means they are wrong. */
  private tried = false;

  constructor(
    private readonly credentials: Credentials | null,
    private readonly cnonce: () => string = () => randomBytes(8).toString('hex'),
  ) {}

  /** Take a 401's WWW-Authenticate values in; 'retry' when the request should be sent again with credentials. */
  onChallenge(values: readonly string[]): ChallengeVerdict {
    if (!this.credentials) return 'failed';
    const challenges = parseChallenges(values);
    const digests = challenges
      .filter((c) => c.scheme === 'digest' && c.params.nonce !== undefined && c.params.realm !== undefined)
      .filter((c) => ALGORITHMS[(c.params.algorithm ?? 'md5').toLowerCase()] !== undefined);
    const best = digests.find((c) => (c.params.algorithm ?? '').toLowerCase().startsWith('sha-256')) ?? digests[0];
    if (best) {
      const stale = (best.params.stale ?? '').toLowerCase() === 'true';
      if (this.tried && !stale && this.digest?.realm === best.params.realm) return 'failed';
      const qops = (best.params.qop ?? '').split(',').map((q) => q.trim().toLowerCase());
      const qop = qops.includes('auth') ? 'auth' : qops.includes('auth-int') ? 'auth-int' : undefined;
      if (best.params.qop !== undefined && !qop) return 'unsupported';
      this.digest = {
        realm: best.params.realm!,
        nonce: best.params.nonce!,
        ...(best.params.opaque !== undefined ? { opaque: best.params.opaque } : {}),
        algorithm: ALGORITHMS[(best.params.algorithm ?? 'md5').toLowerCase()]!,
        ...(qop ? { qop } : {}),
        nc: 0,
      };
      this.algorithmGiven = best.params.algorithm !== undefined;
      this.basic = false;
      this.tried = false;
      return 'retry';
    }
    if (challenges.some((c) => c.scheme === 'basic')) {
      if (this.tried && this.basic) return 'failed';
      this.basic = true;
      this.digest = null;
      this.tried = false;
      return 'retry';
    }
    return challenges.some((c) => c.scheme === 'digest') ? 'unsupported' : 'failed';
  }

  /** A successful response: the credentials are good; keep using the nonce. */
  onSuccess(): void {
    this.tried = false;
  }

  /** The Authorization header for a request, or undefined before any challenge. */
  authorization(method: string, uri: string): string | undefined {
    const c = this.credentials;
    if (!c) return undefined;
    if (this.basic) {
      this.tried = true;
      return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`;
    }
    const d = this.digest;
    if (!d) return undefined;
    this.tried = true;
    const parts = [`username=${quote(c.username)}`, `realm=${quote(d.realm)}`, `nonce=${quote(d.nonce)}`, `uri=${quote(uri)}`];
    let nc: string | undefined;
    let cnonce: string | undefined;
    if (d.qop || d.algorithm.endsWith('-sess')) cnonce = this.cnonce();
    if (d.qop) {
      d.nc += 1;
      nc = d.nc.toString(16).padStart(8, '0');
    }
    const response = digestResponse({ algorithm: d.algorithm, username: c.username, password: c.password, realm: d.realm, nonce: d.nonce, method, uri, ...(d.qop ? { qop: d.qop } : {}), ...(nc ? { nc } : {}), ...(cnonce ? { cnonce } : {}) });
    parts.push(`response=${quote(response)}`);
    if (this.algorithmGiven) parts.push(`algorithm=${d.algorithm}`);
    if (d.opaque !== undefined) parts.push(`opaque=${quote(d.opaque)}`);
    if (d.qop) parts.push(`qop=${d.qop}`, `nc=${nc}`, `cnonce=${quote(cnonce!)}`);
    else if (cnonce) parts.push(`cnonce=${quote(cnonce)}`);
    return `Digest ${parts.join(', ')}`;
  }
}
