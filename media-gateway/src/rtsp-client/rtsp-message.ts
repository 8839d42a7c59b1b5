/**
 * RTSP/1.0 wire format, client side (RFC 2326 §6–§7, §10.12): a request writer and an incremental reader for the
 * camera's responses, `$`-framed interleaved packets and the occasional request a camera sends us. Strict limits
 * (header block, body, frame sizes) because the bytes come from devices we do not control; bare LF line ends are
 * tolerated because real cameras send them.
 */
import { protocolError } from './errors';

export const MAX_HEADER_BYTES = 16 * 1024;
export const MAX_BODY_BYTES = 64 * 1024;
const MAX_HEADERS = 100;

/** Header names lower-cased; a repeated header keeps every value in order (WWW-Authenticate often is). */
export type RtspHeaders = Map<string, string[]>;

export interface RtspResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: RtspHeaders;
  body: Buffer;
}

/** A request from the camera (some send GET_PARAMETER or ANNOUNCE); we answer nothing but do not fail. */
export interface RtspServerRequest {
  kind: 'request';
  method: string;
  uri: string;
  headers: RtspHeaders;
  body: Buffer;
}

export interface InterleavedFrame {
  kind: 'interleaved';
  channel: number;
  payload: Buffer;
}

export type RtspInbound = RtspResponse | RtspServerRequest | InterleavedFrame;

export function header(headers: RtspHeaders, name: string): string | undefined {
  return headers.get(name.toLowerCase())?.[0];
}

export interface RtspRequestOut {
  method: string;
  uri: string;
  cseq: number;
  headers?: Record<string, string | undefined>;
  body?: string;
}

export function serializeRequest(r: RtspRequestOut): Buffer {
  const lines = [`${r.method} ${r.uri} RTSP/1.0`, `CSeq: ${r.cseq}`];
  for (const [name, value] of Object.entries(r.headers ?? {})) {
    if (value === undefined) continue;
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) throw protocolError(`header ${name} contains a line break`);
    lines.push(`${name}: ${value}`);
  }
  const body = r.body ?? '';
  if (body.length > 0) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'utf8');
}

/** End of the header block: CRLFCRLF, or LFLF / mixed forms as some cameras write them. */
function findHeaderEnd(buf: Buffer, limit: number): { end: number; next: number } | null {
  const max = Math.min(buf.length, limit);
  for (let i = 0; i < max; i++) {
    if (buf[i] !== 0x0a) continue;
    // This LF ends a line; an empty next line (LF or CRLF) ends the block.
    if (buf[i + 1] === 0x0a) return { end: i, next: i + 2 };
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return { end: i, next: i + 3 };
  }
  return null;
}

function parseHeaders(lines: string[]): RtspHeaders {
  if (lines.length > MAX_HEADERS) throw protocolError('too many header lines');
  const headers: RtspHeaders = new Map();
  let last: string | null = null;
  for (const line of lines) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      // Obsolete line folding (RFC 2616 §2.2): continue the previous value.
      const values = headers.get(last)!;
      values[values.length - 1] = `${values[values.length - 1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw protocolError('malformed header line');
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) throw protocolError('malformed header name');
    const value = line.slice(colon + 1).trim();
    const values = headers.get(name);
    if (values) values.push(value);
    else headers.set(name, [value]);
    last = name;
  }
  return headers;
}

/** Feed TCP chunks in, get complete messages out; a partial message waits for the next chunk. Throws on bad input. */
export class RtspMessageReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): RtspInbound[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: RtspInbound[] = [];
    for (let msg = this.next(); msg; msg = this.next()) out.push(msg);
    return out;
  }

  private next(): RtspInbound | null {
    let skip = 0;
    // Stray line ends between messages (some cameras add one after a body).
    while (skip < this.buf.length && (this.buf[skip] === 0x0d || this.buf[skip] === 0x0a)) skip++;
    if (skip > 0) this.buf = this.buf.subarray(skip);
    if (this.buf.length === 0) return null;

    if (this.buf[0] === 0x24) {
      if (this.buf.length < 4) return null;
      const len = this.buf.readUInt16BE(2);
      if (this.buf.length < 4 + len) return null;
      const frame: InterleavedFrame = { kind: 'interleaved', channel: this.buf[1]!, payload: this.buf.subarray(4, 4 + len) };
      this.buf = this.buf.subarray(4 + len);
      return frame;
    }
    // Anything else must start like a status or request line (upper-case token); binary garbage fails fast rather
    // than waiting for 16 KiB.
    const first = this.buf[0]!;
    if (first < 0x41 || first > 0x5a) throw protocolError('unexpected byte where an RTSP message or $ frame should start');

    const found = findHeaderEnd(this.buf, MAX_HEADER_BYTES);
    if (!found) {
      if (this.buf.length >= MAX_HEADER_BYTES) throw protocolError(`header block over ${MAX_HEADER_BYTES} bytes`);
      return null;
    }
    const lines = this.buf.subarray(0, found.end).toString('latin1').split(/\r?\n/);
    const startLine = lines.shift() ?? '';
    const headers = parseHeaders(lines);
    const lengthText = header(headers, 'content-length') ?? '0';
    if (!/^\d{1,9}$/.test(lengthText.trim())) throw protocolError('malformed Content-Length');
    const length = Number(lengthText.trim());
    if (length > MAX_BODY_BYTES) throw protocolError(`body over ${MAX_BODY_BYTES} bytes`);
    if (this.buf.length < found.next + length) return null;
    const body = Buffer.from(this.buf.subarray(found.next, found.next + length));
    this.buf = this.buf.subarray(found.next + length);

    const status = /^RTSP\/(\d)\.(\d) (\d{3})(?: (.*))?$/.exec(startLine);
    if (status) {
      if (status[1] !== '1') throw protocolError('unsupported RTSP version');
      return { kind: 'response', status: Number(status[3]), reason: status[4] ?? '', headers, body };
    }
    const request = /^([A-Z_]{1,32}) (\S{1,4096}) RTSP\/1\.\d$/.exec(startLine);
    if (request) return { kind: 'request', method: request[1]!, uri: request[2]!, headers, body };
    throw protocolError('malformed start line');
  }
}
