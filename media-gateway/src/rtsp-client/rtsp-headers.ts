/** Values of the RTSP headers a client reads (RFC 2326 §12): Session, Transport, RTP-Info, Public. */

export const MAX_SESSION_ID = 256;
/** RFC 2326 §12.37: 60 s when the camera names no timeout. */
export const DEFAULT_SESSION_TIMEOUT_S = 60;

export function parseSession(value: string | undefined): { id: string; timeoutS: number } | null {
  if (!value) return null;
  const [id = '', ...params] = value.split(';').map((s) => s.trim());
  if (!id || id.length > MAX_SESSION_ID || !/^[\x21-\x7e]+$/.test(id)) return null;
  let timeoutS = DEFAULT_SESSION_TIMEOUT_S;
  for (const p of params) {
    const m = /^timeout\s*=\s*(\d{1,6})$/i.exec(p);
    // A zero or absurdly short timeout would make us flood keep-alives; clamp to a sane range.
    if (m) timeoutS = Math.min(3600, Math.max(1, Number(m[1])));
  }
  return { id, timeoutS };
}

export interface TransportReply {
  protocol: 'tcp' | 'udp';
  interleaved?: [number, number];
  serverPort?: [number, number];
  source?: string;
}

function pair(v: string | undefined, max: number): [number, number] | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(v?.trim() ?? '');
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] !== undefined ? Number(m[2]) : a + 1;
  return a <= max && b <= max ? [a, b] : undefined;
}

export function parseTransport(value: string | undefined): TransportReply | null {
  if (!value) return null;
  // A camera answers with the one transport it chose; take the first spec.
  const parts = (value.split(',')[0] ?? '').split(';').map((p) => p.trim());
  const proto = (parts[0] ?? '').toUpperCase();
  const param = (name: string): string | undefined => {
    const p = parts.find((x) => x.toLowerCase().startsWith(`${name}=`));
    return p?.slice(name.length + 1).replace(/^"|"$/g, '');
  };
  if (proto === 'RTP/AVP/TCP') {
    const interleaved = pair(param('interleaved'), 255);
    return { protocol: 'tcp', ...(interleaved ? { interleaved } : {}) };
  }
  if (proto === 'RTP/AVP' || proto === 'RTP/AVP/UDP') {
    const serverPort = pair(param('server_port'), 65535);
    const source = param('source');
    return { protocol: 'udp', ...(serverPort ? { serverPort } : {}), ...(source ? { source } : {}) };
  }
  return null;
}

export interface RtpInfoEntry {
  url: string;
  seq?: number;
  rtptime?: number;
}

/** RTP-Info (RFC 2326 §12.33). URLs may themselves contain commas only in theory; cameras never send that. */
export function parseRtpInfo(value: string | undefined): RtpInfoEntry[] {
  if (!value) return [];
  const out: RtpInfoEntry[] = [];
  for (const item of value.split(',')) {
    const entry: RtpInfoEntry = { url: '' };
    for (const p of item.split(';')) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      const k = p.slice(0, eq).trim().toLowerCase();
      const v = p.slice(eq + 1).trim();
      if (k === 'url') entry.url = v;
      else if (k === 'seq' && /^\d{1,5}$/.test(v)) entry.seq = Number(v) & 0xffff;
      else if (k === 'rtptime' && /^\d{1,10}$/.test(v)) entry.rtptime = Number(v) >>> 0;
    }
    if (entry.url) out.push(entry);
  }
  return out;
}

/** Which RTP-Info entry belongs to a track URL: exact, else by path suffix (cameras rewrite host or port). */
export function rtpInfoFor(entries: RtpInfoEntry[], trackUrl: string, index: number, trackCount: number): RtpInfoEntry | undefined {
  const exact = entries.find((e) => e.url === trackUrl);
  if (exact) return exact;
  const tail = (u: string): string => u.replace(/^rtsps?:\/\/[^/]*/i, '').replace(/\/+$/, '');
  const byPath = entries.find((e) => tail(e.url) === tail(trackUrl) || (e.url.length > 0 && !e.url.includes('/') && trackUrl.endsWith(`/${e.url}`)));
  if (byPath) return byPath;
  // Same count, same order: what ffmpeg assumes too.
  return entries.length === trackCount ? entries[index] : undefined;
}

export function parsePublic(value: string | undefined): Set<string> {
  return new Set((value ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean));
}
