/**
 * WS-Discovery (2005/04, as ONVIF uses it) messages: build a Probe, parse ProbeMatches. Pure.
 */
import { randomUUID } from 'node:crypto';
import { XmlRejected, child, children, escapeXml, parseSafeXml, path, text } from './safe-xml';

export const WS_DISCOVERY_PORT = 3702;
export const WS_DISCOVERY_MULTICAST = '239.255.255.250';
/** A SOAP-over-UDP datagram is at most 64 KB; ProbeMatches are normally 1–3 KB. */
export const MAX_DATAGRAM_BYTES = 64 * 1024;

export const PROBE_TYPES = {
  networkVideoTransmitter: 'dn:NetworkVideoTransmitter',
  device: 'tds:Device',
} as const;
export type ProbeType = keyof typeof PROBE_TYPES;

export function newMessageId(): string {
  return `urn:uuid:${randomUUID()}`;
}

export function buildProbe(messageId: string, type: ProbeType = 'networkVideoTransmitter'): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"' +
    ' xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl"' +
    ' xmlns:tds="http://www.onvif.org/ver10/device/wsdl">' +
    '<s:Header>' +
    '<a:Action s:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action>' +
    `<a:MessageID>${escapeXml(messageId)}</a:MessageID>` +
    '<a:ReplyTo><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>' +
    '<a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>' +
    '</s:Header>' +
    `<s:Body><d:Probe><d:Types>${PROBE_TYPES[type]}</d:Types></d:Probe></s:Body>` +
    '</s:Envelope>'
  );
}

export interface ProbeMatch {
  /** Endpoint reference address, lower-cased (`urn:uuid:…`). */
  uuid: string;
  xaddrs: string[];
  scopes: string[];
  /** Local names of the QNames in Types (prefixes dropped): NetworkVideoTransmitter, Device, … */
  types: string[];
  metadataVersion: string | null;
}

export interface ProbeMatches {
  relatesTo: string | null;
  matches: ProbeMatch[];
}

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);
const words = (s: string | null): string[] => (s ?? '').split(/\s+/).filter(Boolean);

/** Parse a ProbeMatches datagram. Throws XmlRejected when it is not one; matches without XAddrs are left out. */
export function parseProbeMatches(datagram: string | Buffer): ProbeMatches & { rejected: string[] } {
  const doc = parseSafeXml(datagram, MAX_DATAGRAM_BYTES);
  const envelope = child(doc, 'Envelope');
  if (envelope === undefined) throw new XmlRejected('not a SOAP envelope');
  const header = child(envelope, 'Header');
  const action = text(child(header, 'Action'));
  const body = child(envelope, 'Body');
  const pm = child(body, 'ProbeMatches');
  if (pm === undefined) throw new XmlRejected(`not a ProbeMatches message${action ? ` (action ${action.slice(0, 100)})` : ''}`);
  const matches: ProbeMatch[] = [];
  const rejected: string[] = [];
  for (const m of children(pm, 'ProbeMatch').slice(0, 16)) {
    const address = text(path(m, 'EndpointReference', 'Address'));
    const xaddrs = words(text(child(m, 'XAddrs')));
    if (!address) {
      rejected.push('ProbeMatch without an endpoint reference');
      continue;
    }
    if (address.length > 256) {
      rejected.push('endpoint reference longer than 256 characters');
      continue;
    }
    if (xaddrs.length === 0) {
      rejected.push('ProbeMatch without XAddrs');
      continue;
    }
    matches.push({
      uuid: address.toLowerCase(),
      xaddrs: xaddrs.slice(0, 8),
      scopes: words(text(child(m, 'Scopes'))).slice(0, 64),
      types: words(text(child(m, 'Types'))).map(localName),
      metadataVersion: text(child(m, 'MetadataVersion')),
    });
  }
  return { relatesTo: text(child(header, 'RelatesTo')), matches, rejected };
}

/** onvif://www.onvif.org/<kind>/<value…> scopes, decoded; the first of each kind. */
export function scopeValue(scopes: readonly string[], kind: 'name' | 'hardware' | 'location'): string | null {
  const prefix = `onvif://www.onvif.org/${kind}/`;
  for (const s of scopes) {
    if (!s.toLowerCase().startsWith(prefix)) continue;
    const raw = s.slice(prefix.length);
    try {
      return decodeURIComponent(raw).slice(0, 128);
    } catch {
      return raw.slice(0, 128);
    }
  }
  return null;
}

/** An ONVIF video device says NetworkVideoTransmitter or Device; a device that lists no types is given the benefit of the doubt. */
export function isVideoDevice(match: ProbeMatch): boolean {
  return match.types.length === 0 || match.types.some((t) => t === 'NetworkVideoTransmitter' || t === 'Device');
}
