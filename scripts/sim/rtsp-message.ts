/**
 * RTSP/1.0 wire format for the server side: an incremental reader for requests and `$` interleaved frames (a client
 * sends RTCP receiver reports on the same TCP connection), and a response serialiser.
 */

export interface RtspRequest {
  kind: 'request';
  method: string;
  uri: string;
  version: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Map<string, string>;
  body: Buffer;
}

export interface InterleavedFrame {
  kind: 'interleaved';
  channel: number;
  payload: Buffer;
}

/** A response a client sent us (we never send requests, so these are ignored). */
export interface RtspClientResponse {
  kind: 'response';
  status: number;
}

export type RtspInbound = RtspRequest | InterleavedFrame | RtspClientResponse;

export class RtspProtocolError extends Error {}

const MAX_HEADER_BYTES = 16 * 1024;
const MAX_BODY_BYTES = 64 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');

/** Feed TCP chunks in, get complete messages out; partial messages wait for the next chunk. */
export class RtspMessageReader {
  private buf: Buffer = Buffer.alloc(0);

  get pendingBytes(): number {
    return this.buf.length;
  }

  push(chunk: Buffer): RtspInbound[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: RtspInbound[] = [];
    for (;;) {
      const msg = this.next();
      if (!msg) break;
      out.push(msg);
    }
    return out;
  }

  private next(): RtspInbound | null {
    // Tolerate stray CR/LF between messages.
    let skip = 0;
    while (skip < this.buf.length && (this.buf[skip] === 0x0d || this.buf[skip] === 0x0a)) skip++;
    if (skip > 0) this.buf = this.buf.subarray(skip);
    if (this.buf.length === 0) return null;

    if (this.buf[0] === 0x24) {
      if (this.buf.length < 4) return null;
      const len = this.buf.readUInt16BE(2);
      if (this.buf.length < 4 + len) return null;
      const frame: InterleavedFrame = { kind: 'interleaved', channel: this.buf[1] ?? 0, payload: this.buf.subarray(4, 4 + len) };
      this.buf = this.buf.subarray(4 + len);
      return frame;
    }

    const headerEnd = this.buf.indexOf(HEADER_END);
    if (headerEnd < 0) {
      if (this.buf.length > MAX_HEADER_BYTES) throw new RtspProtocolError('request header too large');
      return null;
    }
    const head = this.buf.subarray(0, headerEnd).toString('latin1');
    const lines = head.split('\r\n');
    const startLine = lines.shift() ?? '';
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new RtspProtocolError(`malformed header line: ${line.slice(0, 80)}`);
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      const prev = headers.get(name);
      headers.set(name, prev === undefined ? value : `${prev}, ${value}`);
    }
    const lengthText = headers.get('content-length') ?? '0';
    if (!/^\d+$/.test(lengthText)) throw new RtspProtocolError('bad Content-Length');
    const bodyLen = Number(lengthText);
    if (bodyLen > MAX_BODY_BYTES) throw new RtspProtocolError('body too large');
    const total = headerEnd + 4 + bodyLen;
    if (this.buf.length < total) return null;
    const body = Buffer.from(this.buf.subarray(headerEnd + 4, total));
    this.buf = this.buf.subarray(total);

    const parts = startLine.split(' ');
    if (parts[0]?.startsWith('RTSP/')) return { kind: 'response', status: Number(parts[1] ?? 0) };
    if (parts.length !== 3 || !parts[0] || !parts[1] || !parts[2]?.startsWith('RTSP/')) {
      throw new RtspProtocolError(`malformed request line: ${startLine.slice(0, 80)}`);
    }
    return { kind: 'request', method: parts[0].toUpperCase(), uri: parts[1], version: parts[2], headers, body };
  }
}

export const RTSP_REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  454: 'Session Not Found',
  455: 'Method Not Valid in This State',
  459: 'Aggregate Operation Not Allowed',
  461: 'Unsupported Transport',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  505: 'RTSP Version Not Supported',
};

export function serializeResponse(
  status: number,
  cseq: string | undefined,
  headers: Record<string, string | number | undefined> = {},
  body: string | Buffer = '',
): Buffer {
  const bodyBuf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const lines = [`RTSP/1.0 ${status} ${RTSP_REASONS[status] ?? 'Unknown'}`];
  if (cseq !== undefined) lines.push(`CSeq: ${cseq}`);
  lines.push('Server: county-video-sim/1', `Date: ${new Date().toUTCString()}`);
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) lines.push(`${k}: ${v}`);
  if (bodyBuf.length > 0) lines.push(`Content-Length: ${bodyBuf.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), bodyBuf]);
}
