/**
 * ONVIF SOAP 1.2 envelopes with a WS-Security UsernameToken (PasswordDigest), and reading a reply into either its
 * Body's first element or a SOAP Fault. Pure: the clock and the nonce are parameters. Typed extractors for each
 * response live in onvif-extractors.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { XmlRejected, child, childNames, escapeXml, parseSafeXml, path, text, type XmlNode } from './safe-xml';

export const NS = {
  soap: 'http://www.w3.org/2003/05/soap-envelope',
  device: 'http://www.onvif.org/ver10/device/wsdl',
  media: 'http://www.onvif.org/ver10/media/wsdl',
  media2: 'http://www.onvif.org/ver20/media/wsdl',
  ptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  schema: 'http://www.onvif.org/ver10/schema',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
} as const;

const PASSWORD_DIGEST = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';
const BASE64_BINARY = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

export interface UsernameToken {
  username: string;
  /** Base64(SHA1(nonce + created + password)) */
  digest: string;
  nonceBase64: string;
  created: string;
}

/** WS-Security UsernameToken profile 1.0 §3.1: PasswordDigest = Base64(SHA-1(nonce + created + password)). */
export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

/** `created` is the device's idea of now: the gateway clock plus the offset learnt from GetSystemDateAndTime. */
export function usernameToken(username: string, password: string, createdAt: Date, nonce: Buffer = randomBytes(16)): UsernameToken {
  const created = `${createdAt.toISOString().slice(0, 19)}Z`;
  return { username, digest: passwordDigest(nonce, created, password), nonceBase64: nonce.toString('base64'), created };
}

function securityHeader(t: UsernameToken): string {
  return (
    `<wsse:Security s:mustUnderstand="1" xmlns:wsse="${NS.wsse}" xmlns:wsu="${NS.wsu}">` +
    '<wsse:UsernameToken>' +
    `<wsse:Username>${escapeXml(t.username)}</wsse:Username>` +
    `<wsse:Password Type="${PASSWORD_DIGEST}">${t.digest}</wsse:Password>` +
    `<wsse:Nonce EncodingType="${BASE64_BINARY}">${t.nonceBase64}</wsse:Nonce>` +
    `<wsu:Created>${t.created}</wsu:Created>` +
    '</wsse:UsernameToken></wsse:Security>'
  );
}

/**
 * A request envelope. `body` is the operation element, written with the prefixes declared here: tds (device),
 * trt (media), tptz (ptz), tt (schema).
 */
export function buildEnvelope(body: string, token?: UsernameToken): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<s:Envelope xmlns:s="${NS.soap}" xmlns:tds="${NS.device}" xmlns:trt="${NS.media}" xmlns:tptz="${NS.ptz}" xmlns:tt="${NS.schema}">` +
    (token ? `<s:Header>${securityHeader(token)}</s:Header>` : '') +
    `<s:Body>${body}</s:Body></s:Envelope>`
  );
}

export interface SoapFault {
  /** Local names, e.g. code `Sender`, subcodes [`NotAuthorized`]. */
  code: string | null;
  subcodes: string[];
  reason: string | null;
}

export type SoapReply = { kind: 'body'; name: string; node: XmlNode } | { kind: 'fault'; fault: SoapFault };

const localName = (qname: string | null): string | null => (qname === null ? null : qname.slice(qname.indexOf(':') + 1));

/** SOAP 1.2 fault (Code/Value, Subcode/Value…, Reason/Text), with a look at SOAP 1.1 faultcode/faultstring too. */
function readFault(fault: XmlNode): SoapFault {
  const code = localName(text(path(fault, 'Code', 'Value')) ?? text(child(fault, 'faultcode')));
  const subcodes: string[] = [];
  let sub = path(fault, 'Code', 'Subcode');
  for (let depth = 0; sub !== undefined && depth < 8; depth++) {
    const v = localName(text(child(sub, 'Value')));
    if (v) subcodes.push(v);
    sub = child(sub, 'Subcode');
  }
  const reason = text(path(fault, 'Reason', 'Text')) ?? text(child(fault, 'faultstring'));
  return { code, subcodes, reason: reason ? reason.slice(0, 200) : null };
}

/** Parse a SOAP reply. Throws XmlRejected for anything that is not an envelope with a Body. */
export function readSoapReply(xml: string | Buffer, maxBytes?: number): SoapReply {
  const doc = parseSafeXml(xml, maxBytes);
  const body = path(doc, 'Envelope', 'Body');
  if (body === undefined) throw new XmlRejected('not a SOAP envelope');
  const fault = child(body, 'Fault');
  if (fault !== undefined) return { kind: 'fault', fault: readFault(fault) };
  const name = childNames(body)[0];
  if (!name) throw new XmlRejected('empty SOAP Body');
  return { kind: 'body', name, node: child(body, name) };
}

/** ONVIF reports a rejected UsernameToken as env:Sender / ter:NotAuthorized (some firmwares: FailedAuthentication). */
export function isAuthFault(f: SoapFault): boolean {
  const names = [...f.subcodes, f.code ?? ''].map((s) => s.toLowerCase());
  if (names.some((s) => s === 'notauthorized' || s === 'failedauthentication' || s === 'invalidsecurity')) return true;
  return /not\s*authori[sz]ed|unauthori[sz]ed|authentication failed|sender not authorized/i.test(f.reason ?? '');
}

export function describeFault(f: SoapFault): string {
  const codes = [f.code, ...f.subcodes].filter(Boolean).join('/');
  return `SOAP fault ${codes || '(no code)'}${f.reason ? `: ${f.reason}` : ''}`;
}

/** Request bodies for the operations discovery uses. */
export const REQUESTS = {
  getSystemDateAndTime: '<tds:GetSystemDateAndTime/>',
  getDeviceInformation: '<tds:GetDeviceInformation/>',
  getCapabilities: '<tds:GetCapabilities><tds:Category>All</tds:Category></tds:GetCapabilities>',
  getServices: '<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>',
  getNetworkInterfaces: '<tds:GetNetworkInterfaces/>',
  getProfiles: '<trt:GetProfiles/>',
  getStreamUri: (profileToken: string): string =>
    '<trt:GetStreamUri><trt:StreamSetup><tt:Stream>RTP-Unicast</tt:Stream><tt:Transport><tt:Protocol>RTSP</tt:Protocol></tt:Transport></trt:StreamSetup>' +
    `<trt:ProfileToken>${escapeXml(profileToken)}</trt:ProfileToken></trt:GetStreamUri>`,
  getSnapshotUri: (profileToken: string): string => `<trt:GetSnapshotUri><trt:ProfileToken>${escapeXml(profileToken)}</trt:ProfileToken></trt:GetSnapshotUri>`,
} as const;

/** The SOAP 1.2 `action` parameter of the Content-Type for an operation. */
export function soapAction(ns: string, operation: string): string {
  return `${ns}/${operation}`;
}
