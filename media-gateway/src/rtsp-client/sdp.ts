/**
 * The parts of an SDP (RFC 4566) an RTSP client needs: media sections with their payload formats (rtpmap, fmtp) and
 * control URLs, resolved as RFC 2326 §C.1.1 says (Content-Base, else Content-Location, else the request URL).
 */
import { protocolError } from './errors';

export const MAX_SDP_MEDIA = 16;

export interface SdpFormat {
  payloadType: number;
  /** Upper-cased encoding name: H264, H265, MPEG4-GENERIC, PCMA, PCMU, … */
  encoding: string;
  clockRate: number;
  channels: number;
  /** fmtp parameters, names lower-cased. */
  fmtp: Record<string, string>;
}

export interface SdpMedia {
  type: string;
  formats: SdpFormat[];
  /** The a=control value as written (null when absent). */
  control: string | null;
}

export interface Sdp {
  control: string | null;
  media: SdpMedia[];
}

/** RFC 3551 §6 static payload types a camera may use without an rtpmap line. */
const STATIC_TYPES: Record<number, { encoding: string; clockRate: number; channels: number }> = {
  0: { encoding: 'PCMU', clockRate: 8000, channels: 1 },
  8: { encoding: 'PCMA', clockRate: 8000, channels: 1 },
};

export function parseFmtp(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    if (key) out[key] = part.slice(eq + 1).trim();
  }
  return out;
}

export function parseSdp(text: string): Sdp {
  const sdp: Sdp = { control: null, media: [] };
  let media: (SdpMedia & { rtpmap: Map<number, string>; fmtp: Map<number, string>; pts: number[] }) | null = null;
  const finish = (): void => {
    if (!media) return;
    media.formats = media.pts.map((pt) => {
      const map = media!.rtpmap.get(pt);
      const fmtp = parseFmtp(media!.fmtp.get(pt) ?? '');
      if (map) {
        const [encoding = '', rate = '', channels = ''] = map.split('/');
        return { payloadType: pt, encoding: encoding.trim().toUpperCase(), clockRate: Number(rate) || 0, channels: Number(channels) || 1, fmtp };
      }
      const known = STATIC_TYPES[pt];
      return { payloadType: pt, encoding: known?.encoding ?? '', clockRate: known?.clockRate ?? 0, channels: known?.channels ?? 1, fmtp };
    });
    sdp.media.push({ type: media.type, formats: media.formats, control: media.control });
    media = null;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.length < 2 || line[1] !== '=') continue;
    const value = line.slice(2);
    if (line[0] === 'm') {
      finish();
      if (sdp.media.length >= MAX_SDP_MEDIA) throw protocolError('too many SDP media sections');
      const [type = '', , , ...fmts] = value.split(/\s+/);
      const pts = fmts.map(Number).filter((n) => Number.isInteger(n) && n >= 0 && n < 128);
      media = { type: type.toLowerCase(), formats: [], control: null, rtpmap: new Map(), fmtp: new Map(), pts };
      continue;
    }
    if (line[0] !== 'a') continue;
    const colon = value.indexOf(':');
    const name = (colon < 0 ? value : value.slice(0, colon)).toLowerCase();
    const arg = colon < 0 ? '' : value.slice(colon + 1);
    if (name === 'control') {
      if (media) media.control = arg.trim();
      else sdp.control = arg.trim();
    } else if (media && (name === 'rtpmap' || name === 'fmtp')) {
      const m = /^(\d{1,3})\s+(.*)$/.exec(arg);
      if (m) (name === 'rtpmap' ? media.rtpmap : media.fmtp).set(Number(m[1]), m[2]!.trim());
    }
  }
  finish();
  return sdp;
}

/** The base URL for relative controls (RFC 2326 §C.1.1). */
export function baseUrl(requestUrl: string, contentBase: string | undefined, contentLocation: string | undefined): string {
  return contentBase?.trim() || contentLocation?.trim() || requestUrl;
}

/**
 * A control attribute as an absolute URL. Relative controls are appended to the base with one '/' between them,
 * as ffmpeg, live555 and gortsplib do: Dahua's base carries a query (`…/realmonitor?channel=1&subtype=0/`) and a
 * base without a trailing slash (`…/Channels/101`) is meant as a directory, so RFC 3986 resolution would be wrong.
 */
export function resolveControl(base: string, control: string | null): string {
  if (control === null || control === '' || control === '*') return base;
  if (/^rtsps?:\/\//i.test(control)) return control;
  if (control.startsWith('/')) {
    const u = new URL(base);
    return `${u.protocol}//${u.host}${control}`;
  }
  return base.endsWith('/') ? `${base}${control}` : `${base}/${control}`;
}
