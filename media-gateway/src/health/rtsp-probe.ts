import { connect, type Socket } from 'node:net';
import { authorizationHeader, parseChallenges } from './rtsp-auth';

/**
 * A camera health check without pulling video: RTSP DESCRIBE (with digest auth when challenged) tells whether the
 * camera answers, accepts our credentials and has the stream, at the cost of two small requests on one connection.
 */
export type ProbeOutcome =
  | { status: 'online'; codec: 'h264' | 'h265' | 'unknown' }
  | { status: 'offline'; reason: 'auth-failed' | 'connection-refused' | 'unreachable' | 'timeout' | 'stream-not-found' | 'camera-error' };
export type ProbeResult = ProbeOutcome & { ms: number };

export type RtspProber = (url: string, username: string | null, password: string | null, timeoutMs: number) => Promise<ProbeResult>;

interface RtspResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

const MAX_RESPONSE = 64 * 1024;

function readResponse(socket: Socket, buffered: { data: Buffer }): Promise<RtspResponse> {
  return new Promise((resolve, reject) => {
    const tryParse = () => {
      const end = buffered.data.indexOf('\r\n\r\n');
      if (end === -1) {
        if (buffered.data.length > MAX_RESPONSE) reject(new Error('response too large'));
        return false;
      }
      const head = buffered.data.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(/^RTSP\/1\.0 (\d{3})/.exec(head[0] ?? '')?.[1] ?? NaN);
      const headers = head.slice(1).map((l): [string, string] => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]);
      const length = Math.min(Number(headers.find(([k]) => k === 'content-length')?.[1] ?? 0), MAX_RESPONSE);
      if (buffered.data.length < end + 4 + length) return false;
      const body = buffered.data.subarray(end + 4, end + 4 + length).toString('utf8');
      buffered.data = buffered.data.subarray(end + 4 + length);
      if (!Number.isFinite(status)) reject(new Error('not an RTSP response'));
      else resolve({ status, headers, body });
      return true;
    };
    if (tryParse()) return;
    const onData = (chunk: Buffer) => {
      buffered.data = Buffer.concat([buffered.data, chunk]);
      if (tryParse()) socket.off('data', onData);
    };
    socket.on('data', onData);
  });
}

function codecOf(sdp: string): 'h264' | 'h265' | 'unknown' {
  if (/a=rtpmap:\d+\s+H264\//i.test(sdp)) return 'h264';
  if (/a=rtpmap:\d+\s+H265\//i.test(sdp)) return 'h265';
  return 'unknown';
}

export const rtspDescribeProbe: RtspProber = (url, username, password, timeoutMs) => {
  const started = Date.now();
  const target = new URL(url);
  const port = Number(target.port || 554);
  const done = (r: ProbeOutcome): ProbeResult => ({ ...r, ms: Date.now() - started });
  return new Promise<ProbeResult>((resolve) => {
    const socket = connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port });
    const finish = (r: ProbeResult) => {
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => finish(done({ status: 'offline', reason: 'timeout' })), timeoutMs);
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const reason = err.code === 'ECONNREFUSED' ? 'connection-refused' : err.code === 'ETIMEDOUT' ? 'timeout' : err.code === 'ECONNRESET' ? 'camera-error' : 'unreachable';
      finish(done({ status: 'offline', reason }));
    });
    socket.once('connect', async () => {
      const buffered = { data: Buffer.alloc(0) };
      const request = (cseq: number, auth?: string) =>
        socket.write(`DESCRIBE ${url} RTSP/1.0\r\nCSeq: ${cseq}\r\nUser-Agent: CountyVideoGateway-health\r\nAccept: application/sdp\r\n${auth ? `Authorization: ${auth}\r\n` : ''}\r\n`);
      try {
        request(1);
        let res = await readResponse(socket, buffered);
        if (res.status === 401 && username) {
          const challenge = parseChallenges(res.headers.filter(([k]) => k === 'www-authenticate').map(([, v]) => v));
          if (challenge) {
            request(2, authorizationHeader(challenge, 'DESCRIBE', url, username, password ?? ''));
            res = await readResponse(socket, buffered);
          }
        }
        clearTimeout(timer);
        if (res.status === 200) finish(done({ status: 'online', codec: codecOf(res.body) }));
        else if (res.status === 401 || res.status === 403) finish(done({ status: 'offline', reason: 'auth-failed' }));
        else if (res.status === 404) finish(done({ status: 'offline', reason: 'stream-not-found' }));
        else finish(done({ status: 'offline', reason: 'camera-error' }));
      } catch {
        clearTimeout(timer);
        finish(done({ status: 'offline', reason: 'camera-error' }));
      }
    });
  });
};
