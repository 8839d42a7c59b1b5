import { connect, type Socket } from 'node:net';
import type { RtspTransport, WireTransport } from '../../../contracts/src/camera';
import { firstTransport, otherTransport } from '../streams/transport-choice';
import { authorizationHeader, parseChallenges, type AuthChallenge } from './rtsp-auth';

/**
 * A camera health check without pulling video: RTSP DESCRIBE (with digest auth when challenged) tells whether the
 * camera answers, accepts our credentials and has the stream; then SETUP of the video track on the transport ingest
 * would use (TEARDOWN right after, no PLAY: no video flows) tells whether the pipeline could play it. DESCRIBE alone
 * called a UDP-only camera online while every viewing attempt failed on 461 Unsupported Transport, so the camera
 * flipped online/offline and raised a new offline alarm per attempt.
 */
export type ProbeOutcome =
  | { status: 'online'; codec: 'h264' | 'h265' | 'unknown'; transport?: WireTransport }
  | { status: 'offline'; reason: 'auth-failed' | 'connection-refused' | 'unreachable' | 'timeout' | 'stream-not-found' | 'camera-error' | 'unsupported-transport' | 'not-responding' };
export type ProbeResult = ProbeOutcome & { ms: number };

/** The camera's transport setting and the transport that last worked (null: TCP first). */
export interface ProbeTransport {
  setting: RtspTransport;
  inUse: WireTransport | null;
}

export type RtspProber = (url: string, username: string | null, password: string | null, timeoutMs: number, transport?: ProbeTransport) => Promise<ProbeResult>;

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

const header = (res: RtspResponse, name: string) => res.headers.find(([k]) => k === name)?.[1];

/**
 * The control URL of the SDP's first video track (RFC 7826 appendix C.1.1): absolute, or relative to Content-Base
 * (else Content-Location, else the request URL); `*` or none means the aggregate URL. Null without a video track.
 */
export function videoControlUrl(sdp: string, requestUrl: string, res?: { contentBase?: string | undefined; contentLocation?: string | undefined }): string | null {
  const lines = sdp.split(/\r?\n/);
  let inVideo = false;
  let sessionControl: string | null = null;
  let sawVideo = false;
  for (const line of lines) {
    if (line.startsWith('m=')) {
      if (inVideo) break;
      inVideo = line.startsWith('m=video');
      sawVideo ||= inVideo;
      continue;
    }
    const control = /^a=control:\s*(\S+)/.exec(line)?.[1];
    if (!control) continue;
    if (inVideo) return resolveControl(control, res?.contentBase ?? res?.contentLocation ?? requestUrl);
    if (!sawVideo) sessionControl = control;
  }
  if (!sawVideo) return null;
  return resolveControl(sessionControl ?? '*', res?.contentBase ?? res?.contentLocation ?? requestUrl);
}

function resolveControl(control: string, base: string): string {
  if (control === '*') return base;
  if (/^rtsps?:\/\//i.test(control)) return control;
  return base.endsWith('/') ? `${base}${control}` : `${base}/${control}`;
}

/** The Transport header asking for one lower transport (RFC 7826 §18.54); no PLAY follows, so no port receives. */
export function transportHeader(transport: WireTransport, clientPort = 50000 + 2 * Math.floor(Math.random() * 4000)): string {
  return transport === 'tcp' ? 'RTP/AVP/TCP;unicast;interleaved=0-1' : `RTP/AVP;unicast;client_port=${clientPort}-${clientPort + 1}`;
}

export const rtspDescribeProbe: RtspProber = (url, username, password, timeoutMs, transport) => {
  const started = Date.now();
  const target = new URL(url);
  const port = Number(target.port || 554);
  const done = (r: ProbeOutcome): ProbeResult => ({ ...r, ms: Date.now() - started });
  return new Promise<ProbeResult>((resolve) => {
    const socket = connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port });
    let connected = false;
    const finish = (r: ProbeResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    // Connected and then no answer is a camera not responding; no connection at all is a connect timeout.
    const timer = setTimeout(() => finish(done({ status: 'offline', reason: connected ? 'not-responding' : 'timeout' })), timeoutMs);
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const reason = err.code === 'ECONNREFUSED' ? 'connection-refused' : err.code === 'ETIMEDOUT' ? 'timeout' : err.code === 'ECONNRESET' ? 'camera-error' : 'unreachable';
      finish(done({ status: 'offline', reason }));
    });
    socket.once('connect', async () => {
      connected = true;
      const buffered = { data: Buffer.alloc(0) };
      let cseq = 0;
      let challenge: AuthChallenge | null = null;
      let nonceUses = 0;
      const send = (method: string, uri: string, extra: string[]) => {
        const auth = challenge && username ? authorizationHeader(challenge, method, uri, username, password ?? '', undefined, ++nonceUses) : null;
        const lines = [`${method} ${uri} RTSP/1.0`, `CSeq: ${++cseq}`, 'User-Agent: CountyVideoGateway-health', ...extra, ...(auth ? [`Authorization: ${auth}`] : [])];
        socket.write(`${lines.join('\r\n')}\r\n\r\n`);
        return readResponse(socket, buffered);
      };
      try {
        let res = await send('DESCRIBE', url, ['Accept: application/sdp']);
        if (res.status === 401 && username) {
          challenge = parseChallenges(res.headers.filter(([k]) => k === 'www-authenticate').map(([, v]) => v));
          if (challenge) res = await send('DESCRIBE', url, ['Accept: application/sdp']);
        }
        if (res.status === 401 || res.status === 403) return finish(done({ status: 'offline', reason: 'auth-failed' }));
        if (res.status === 404) return finish(done({ status: 'offline', reason: 'stream-not-found' }));
        if (res.status !== 200) return finish(done({ status: 'offline', reason: 'camera-error' }));
        const codec = codecOf(res.body);
        const control = transport ? videoControlUrl(res.body, url, { contentBase: header(res, 'content-base'), contentLocation: header(res, 'content-location') }) : null;
        if (!transport || !control) return finish(done({ status: 'online', codec }));
        const first = firstTransport(transport.setting, transport.inUse);
        const order = transport.setting === 'auto' ? [first, otherTransport(first)] : [first];
        for (const t of order) {
          const setup = await send('SETUP', control, [`Transport: ${transportHeader(t)}`]);
          if (setup.status === 461) continue;
          if (setup.status === 401 || setup.status === 403) return finish(done({ status: 'offline', reason: 'auth-failed' }));
          const session = header(setup, 'session')?.split(';')[0];
          if (session) socket.write(`TEARDOWN ${url} RTSP/1.0\r\nCSeq: ${++cseq}\r\nSession: ${session}\r\nUser-Agent: CountyVideoGateway-health\r\n\r\n`);
          // Only a refused transport is decisive here: other SETUP answers leave the DESCRIBE verdict as it was.
          return finish(done({ status: 'online', codec, ...(setup.status === 200 ? { transport: t } : {}) }));
        }
        finish(done({ status: 'offline', reason: 'unsupported-transport' }));
      } catch {
        finish(done({ status: 'offline', reason: 'camera-error' }));
      }
    });
  });
};
