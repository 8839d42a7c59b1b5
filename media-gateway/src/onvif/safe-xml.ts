/**
 * The one way discovery reads XML from a device: size-capped, DOCTYPE/ENTITY refused before parsing, validated
 * (malformed replies are errors, not half-parsed trees), no entity processing by the parser (the five predefined
 * entities and character references are decoded by `text()` in a single pass, so nothing ever expands), namespace
 * prefixes stripped, every value kept as a string (firmware "1.10" stays "1.10").
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const DEFAULT_MAX_XML_BYTES = 256 * 1024;

export class XmlRejected extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'XmlRejected';
  }
}

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  allowBooleanAttributes: false,
  maxNestedTags: 64,
});

/** A parsed element: a string (text only) or an object of children, `@_attr` and `#text`. */
export type XmlNode = unknown;

export function parseSafeXml(input: string | Buffer, maxBytes = DEFAULT_MAX_XML_BYTES): Record<string, XmlNode> {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > maxBytes) throw new XmlRejected(`reply too large (${size} bytes, limit ${maxBytes})`);
  const text = typeof input === 'string' ? input : input.toString('utf8');
  if (/<!DOCTYPE/i.test(text)) throw new XmlRejected('DOCTYPE refused');
  if (/<!ENTITY/i.test(text)) throw new XmlRejected('ENTITY declaration refused');
  if (text.trim() === '') throw new XmlRejected('empty reply');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlRejected(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`.slice(0, 200));
  try {
    const doc: unknown = parser.parse(text);
    if (!doc || typeof doc !== 'object') throw new XmlRejected('malformed XML: no root element');
    return doc as Record<string, XmlNode>;
  } catch (err) {
    if (err instanceof XmlRejected) throw err;
    throw new XmlRejected(`malformed XML: ${(err as Error).message}`.slice(0, 200));
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decode predefined entities and character references in one pass (no recursion, so no expansion). */
export function decodeXmlText(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

const isObject = (n: XmlNode): n is Record<string, XmlNode> => typeof n === 'object' && n !== null && !Array.isArray(n);

/** Every child element called `name` (namespace prefix already stripped), as an array. */
export function children(node: XmlNode, name: string): XmlNode[] {
  if (!isObject(node) || !Object.hasOwn(node, name)) return [];
  const v = node[name];
  return Array.isArray(v) ? (v as XmlNode[]) : [v];
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

/** Follow a path of element names, first match at each step. */
export function path(node: XmlNode, ...names: string[]): XmlNode | undefined {
  let cur: XmlNode | undefined = node;
  for (const n of names) {
    cur = child(cur, n);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** The element's text content (decoded), or null when absent or empty. */
export function text(node: XmlNode | undefined): string | null {
  if (node === undefined || node === null) return null;
  let raw: unknown = node;
  if (isObject(node)) raw = node['#text'];
  if (typeof raw === 'number' || typeof raw === 'boolean') raw = String(raw);
  if (typeof raw !== 'string') return null;
  const t = decodeXmlText(raw).trim();
  return t === '' ? null : t;
}

export function attr(node: XmlNode | undefined, name: string): string | null {
  if (!isObject(node)) return null;
  const v = node[`@_${name}`];
  return typeof v === 'string' ? decodeXmlText(v) : null;
}

/** Names of the element's child elements (attributes and text excluded). */
export function childNames(node: XmlNode): string[] {
  return isObject(node) ? Object.keys(node).filter((k) => !k.startsWith('@_') && k !== '#text') : [];
}

export function intOrNull(s: string | null): number | null {
  if (s === null || !/^-?\d{1,9}$/.test(s)) return null;
  return Number(s);
}

export function numberOrNull(s: string | null): number | null {
  if (s === null || !/^-?\d{1,9}(\.\d{1,9})?$/.test(s)) return null;
  return Number(s);
}

/** Escape text for an element body or an attribute value. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&${({ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]};`);
}
