/**
 * One TCP connection to a camera: requests matched to responses by CSeq with a timeout, interleaved frames handed
 * to a callback, requests from the camera answered minimally, and one terminal failure reported once.
 */
import net from 'node:net';
import { RtspClientError, type RtspFailureReason } from './errors';
import { RtspMessageReader, header, serializeRequest, type InterleavedFrame, type RtspResponse } from './rtsp-message';

export interface ConnectionHandlers {
  interleaved(frame: InterleavedFrame): void;
  /** The connection failed or closed after it was up (not called after close()). */
  failed(error: RtspClientError): void;
}

const connectReason = (code: string | undefined): RtspFailureReason =>
  code === 'ECONNREFUSED' ? 'connection-refused' : code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' ? 'not-responding' : 'closed';

export class RtspConnection {
  private readonly reader = new RtspMessageReader();
  private readonly pending = new Map<number, { resolve: (r: RtspResponse) => void; reject: (e: RtspClientError) => void; timer: NodeJS.Timeout }>();
  private cseq = 0;
  private done = false;

  private constructor(
    readonly socket: net.Socket,
    private readonly handlers: ConnectionHandlers,
    private readonly requestTimeoutMs: number,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => this.fail(new RtspClientError(connectReason(err.code), `connection error: ${err.code ?? err.message}`)));
    socket.on('close', () => this.fail(new RtspClientError('closed', 'the camera closed the connection')));
  }

  static connect(host: string, port: number, timeoutMs: number, requestTimeoutMs: number, handlers: ConnectionHandlers): Promise<RtspConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port, noDelay: true });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new RtspClientError('not-responding', `no TCP connection to ${host}:${port} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new RtspClientError(connectReason(err.code), `cannot connect to ${host}:${port}: ${err.code ?? err.message}`));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new RtspConnection(socket, handlers, requestTimeoutMs));
      });
    });
  }

  get closed(): boolean {
    return this.done;
  }

  request(method: string, uri: string, headers: Record<string, string | undefined>): Promise<RtspResponse> {
    if (this.done) return Promise.reject(new RtspClientError('closed', `${method}: connection closed`));
    const cseq = ++this.cseq;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(cseq);
        reject(new RtspClientError('not-responding', `no response to ${method} within ${this.requestTimeoutMs} ms`));
      }, this.requestTimeoutMs);
      this.pending.set(cseq, { resolve, reject, timer });
      this.socket.write(serializeRequest({ method, uri, cseq, headers }));
    });
  }

  sendInterleaved(channel: number, payload: Buffer): void {
    if (this.done || payload.length > 0xffff) return;
    const head = Buffer.from([0x24, channel, payload.length >> 8, payload.length & 0xff]);
    this.socket.write(Buffer.concat([head, payload]));
  }

  close(): void {
    this.done = true;
    this.rejectAll(new RtspClientError('closed', 'client closed'));
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    let messages;
    try {
      messages = this.reader.push(chunk);
    } catch (err) {
      this.fail(err instanceof RtspClientError ? err : new RtspClientError('protocol', String(err)));
      return;
    }
    for (const m of messages) {
      if (this.done) return;
      if (m.kind === 'interleaved') this.handlers.interleaved(m);
      else if (m.kind === 'response') {
        const cseq = Number(header(m.headers, 'cseq'));
        const p = this.pending.get(cseq);
        // A response without our CSeq (some cameras drop it on errors) answers the oldest pending request.
        const entry = p ? ([cseq, p] as const) : [...this.pending.entries()][0];
        if (!entry) continue;
        this.pending.delete(entry[0]);
        clearTimeout(entry[1].timer);
        entry[1].resolve(m);
      } else {
        // Cameras that ping the client (OPTIONS / GET_PARAMETER) get 200; anything else is not implemented.
        const status = m.method === 'OPTIONS' || m.method === 'GET_PARAMETER' ? '200 OK' : '501 Not Implemented';
        const cseq = header(m.headers, 'cseq') ?? '0';
        if (/^\d{1,10}$/.test(cseq)) this.socket.write(`RTSP/1.0 ${status}\r\nCSeq: ${cseq}\r\n\r\n`);
      }
    }
  }

  private rejectAll(error: RtspClientError): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.pending.clear();
  }

  private fail(error: RtspClientError): void {
    if (this.done) return;
    this.done = true;
    this.rejectAll(error);
    this.socket.destroy();
    this.handlers.failed(error);
  }
}
