/**
 * What a simulated device reads from a request: the SOAP operation, a ProfileToken, a WS-Security UsernameToken
 * (verified against the camera's password and the device's own clock), and WS-Discovery Probes. Parsed with
 * fast-xml-parser, entities off and DOCTYPE refused, like the gateway does: a simulator is a network service too.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const parser = new XMLParser({
  processEntities: false,
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 32,
});

type Node = unknown;
const isObj = (n: Node): n is Record<string, Node> => typeof n === 'object' && n !== null && !Array.isArray(n);
const kid = (n: Node, name: string): Node | undefined => {
  if (!isObj(n) || !Object.hasOwn(n, name)) return undefined;
  const v = n[name];
  return Array.isArray(v) ? (v as Node[])[0] : v;
};
const txt = (n: Node | undefined): string | null => {
  const raw = isObj(n) ? n['#text'] : n;
  if (typeof raw !== 'string') return null;
  const t = raw.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? '').trim();
  return t === '' ? null : t;
};
const attrOf = (n: Node | undefined, name: string): string | null => (isObj(n) && typeof n[`@_${name}`] === 'string' ? (n[`@_${name}`] as string) : null);

/** Parse a request body; null when it is not acceptable XML. */
export function parseXml(text: string): Record<string, Node> | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(text) || XMLValidator.validate(text) !== true) return null;
  try {
    const doc: unknown = parser.parse(text);
    return isObj(doc) ? doc : null;
  } catch {
    return null;
  }
}

export interface UsernameTokenIn {
  username: string;
  password: string;
  passwordType: string | null;
  nonce: string;
  created: string;
}

export interface SoapRequest {
  operation: string;
  profileToken: string | null;
  token: UsernameTokenIn | null;
}

export function readSoapRequest(text: string): SoapRequest | null {
  const doc = parseXml(text);
  const env = kid(doc, 'Envelope');
  const body = kid(env, 'Body');
  if (!isObj(body)) return null;
  const operation = Object.keys(body).find((k) => !k.startsWith('@_') && k !== '#text');
  if (!operation) return null;
  const ut = kid(kid(kid(env, 'Header'), 'Security'), 'UsernameToken');
  const pw = kid(ut, 'Password');
  const token =
    ut === undefined
      ? null
      : {
          username: txt(kid(ut, 'Username')) ?? '',
          password: txt(pw) ?? '',
          passwordType: attrOf(pw, 'Type'),
          nonce: txt(kid(ut, 'Nonce')) ?? '',
          created: txt(kid(ut, 'Created')) ?? '',
        };
  return { operation, profileToken: txt(kid(body[operation], 'ProfileToken')), token };
}

/** Most devices accept a UsernameToken created within a few minutes of their own clock. */
export const CREATED_TOLERANCE_MS = 5 * 60_000;

export type TokenVerdict = 'ok' | 'missing' | 'wrong' | 'stale' | 'replayed';

/** Nonces seen recently per device (bounded), for replay protection. */
export class NonceMemory {
  private readonly seen = new Set<string>();
  constructor(private readonly capacity = 512) {}
  remember(nonce: string): boolean {
    if (this.seen.has(nonce)) return false;
    this.seen.add(nonce);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}

export function verifyUsernameToken(
  token: UsernameTokenIn | null,
  creds: { username: string; password: string },
  deviceNowMs: number,
  nonces: NonceMemory,
): TokenVerdict {
  if (!token) return 'missing';
  if (!token.passwordType?.endsWith('#PasswordDigest')) return 'wrong';
  const created = Date.parse(token.created);
  if (!Number.isFinite(created)) return 'wrong';
  if (Math.abs(created - deviceNowMs) > CREATED_TOLERANCE_MS) return 'stale';
  const nonce = Buffer.from(token.nonce, 'base64');
  const expected = createHash('sha1').update(Buffer.concat([nonce, Buffer.from(token.created), Buffer.from(creds.password)])).digest();
  const given = Buffer.from(token.password, 'base64');
  if (token.username !== creds.username || given.length !== expected.length || !timingSafeEqual(given, expected)) return 'wrong';
  return nonces.remember(token.nonce) ? 'ok' : 'replayed';
}

export interface ProbeIn {
  messageId: string;
  /** Local names of the requested types; empty = any. */
  types: string[];
  scopes: string[];
}

export function readProbe(datagram: Buffer): ProbeIn | null {
  if (datagram.length > 64 * 1024) return null;
  const env = kid(parseXml(datagram.toString('utf8')), 'Envelope');
  const probe = kid(kid(env, 'Body'), 'Probe');
  if (probe === undefined) return null;
  const messageId = txt(kid(kid(env, 'Header'), 'MessageID'));
  if (!messageId) return null;
  const words = (n: Node | undefined): string[] => (txt(n) ?? '').split(/\s+/).filter(Boolean);
  return { messageId, types: words(kid(probe, 'Types')).map((q) => q.slice(q.indexOf(':') + 1)), scopes: words(kid(probe, 'Scopes')) };
}
