/**
 * The HTTP leg of ONVIF: one POST with a hard deadline for the whole exchange (a device that trickles its reply
 * byte by byte is cut off as surely as one that never answers) and a cap on the reply size, checked on
 * Content-Length and again while reading. node:http rather than fetch, for both of those.
 */
import http from 'node:http';
import https from 'node:https';

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type HttpFailureKind = 'timeout' | 'too-large' | 'network' | 'aborted';

export class HttpFailure extends Error {
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'HttpFailure';
  }
}

export interface PostOptions {
  timeoutMs: number;
  maxBytes: number;
  headers: Record<string, string>;
  agent?: http.Agent;
  signal?: AbortSignal;
}

/** What the device client needs from HTTP; tests and benchmarks may swap it. */
export type SoapPoster = (url: string, body: string, o: PostOptions) => Promise<HttpReply>;

export const postSoap: SoapPoster = (url, body, o) =>
  new Promise<HttpReply>((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new HttpFailure('network', 'invalid URL'));
      return;
    }
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') {
      reject(new HttpFailure('network', `unsupported protocol ${target.protocol}`));
      return;
    }
    if (o.signal?.aborted) {
      reject(new HttpFailure('aborted', 'aborted'));
      return;
    }
    let settled = false;
    const finish = (err: HttpFailure | null, reply?: HttpReply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(reply!);
    };
    const payload = Buffer.from(body, 'utf8');
    const req = (secure ? https : http).request(target, {
      method: 'POST',
      agent: o.agent,
      headers: { ...o.headers, 'content-length': String(payload.length) },
      // Cameras never carry CA-signed certificates; WS-Security/Digest never send the password in clear anyway.
      ...(secure ? { rejectUnauthorized: false } : {}),
    });
    const timer = setTimeout(() => finish(new HttpFailure('timeout', `no complete reply within ${o.timeoutMs} ms`)), o.timeoutMs);
    const onAbort = (): void => finish(new HttpFailure('aborted', 'aborted'));
    o.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err: NodeJS.ErrnoException) => finish(new HttpFailure('network', err.code ? `${err.code}` : err.message)));
    req.on('response', (res) => {
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > o.maxBytes) {
        finish(new HttpFailure('too-large', `reply too large (Content-Length ${declared}, limit ${o.maxBytes})`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > o.maxBytes) finish(new HttpFailure('too-large', `reply too large (over ${o.maxBytes} bytes)`));
        else chunks.push(chunk);
      });
      res.on('error', (err: NodeJS.ErrnoException) => finish(new HttpFailure('network', err.code ?? err.message)));
      res.on('end', () => finish(null, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.end(payload);
  });
