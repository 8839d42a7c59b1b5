/**
 * RtspClient against a scripted camera on loopback, for behaviour our simulator does not show: redirects, keep-alive
 * method choice, stale nonces, Basic auth, silence, a camera that stops sending or hangs up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { serializeResponse, type RtspRequest } from '../../../scripts/sim/rtsp-message';
import { scriptedRtspServer, type ScriptedServer } from '../../../tests/helpers/scripted-rtsp-server';
import { RtspClient, type RtspClientOptions } from './rtsp-session';
import type { ErrorEvent } from './types';

type Reply = { status: number; headers?: Record<string, string>; body?: string; thenHangUp?: boolean } | 'silent' | 'hang-up';

interface Camera {
  port: number;
  url(path: string): string;
  requests: RtspRequest[];
}

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const SDP = 'v=0\r\ns=x\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\na=control:trackID=1\r\n';

/** The usual answers; `script` overrides them per request (return undefined to fall through). */
async function camera(script: (req: RtspRequest, cam: Camera) => Reply | undefined = () => undefined, opts: { publicMethods?: string; timeout?: number } = {}): Promise<Camera> {
  const cam: Camera = { port: 0, url: (p) => `rtsp://127.0.0.1:${cam.port}${p}`, requests: [] };
  const server = await scriptedRtspServer((req, socket) => {
    cam.requests.push(req);
    const session = `ABC;timeout=${opts.timeout ?? 60}`;
    const reply: Reply = script(req, cam) ?? {
      OPTIONS: { status: 200, headers: { Public: opts.publicMethods ?? 'OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER' } },
      DESCRIBE: { status: 200, headers: { 'Content-Base': `${cam.url('/s')}/`, 'Content-Type': 'application/sdp' }, body: SDP },
      SETUP: { status: 200, headers: { Session: session, Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1' } },
      PLAY: { status: 200, headers: { Session: session } },
    }[req.method] ?? { status: 200, headers: { Session: session } };
    if (reply === 'silent') return;
    if (reply === 'hang-up') {
      socket.destroy();
      return;
    }
    socket.write(serializeResponse(reply.status, req.headers.get('cseq'), reply.headers, reply.body ?? ''));
    if (reply.thenHangUp) socket.end();
  });
  servers.push(server);
  cam.port = server.port;
  return cam;
}

const client = (o: Partial<RtspClientOptions> & { url: string }): RtspClient => new RtspClient({ transport: 'tcp', requestTimeoutMs: 1000, ...o });
const nextError = (c: RtspClient): Promise<ErrorEvent> => new Promise((resolve) => c.on('error', resolve));

describe('RtspClient redirects', () => {
  it('follows a redirect on the same host and refuses one to another host', async () => {
    const cam = await camera((req, c) => {
      if (req.method !== 'DESCRIBE') return undefined;
      if (req.uri.endsWith('/old')) return { status: 302, headers: { Location: c.url('/s') } };
      if (req.uri.endsWith('/away')) return { status: 301, headers: { Location: `rtsp://127.0.0.2:${c.port}/s` } };
      if (req.uri.endsWith('/loop')) return { status: 302, headers: { Location: c.url('/loop') } };
      return undefined;
    });
    const ok = client({ url: cam.url('/old') });
    await ok.start();
    await ok.close();
    expect(cam.requests.filter((r) => r.method === 'DESCRIBE').map((r) => r.uri)).toEqual([cam.url('/old'), cam.url('/s')]);
    expect(cam.requests.find((r) => r.method === 'SETUP')?.uri).toBe(cam.url('/s/trackID=1'));
    // PLAY and TEARDOWN go to the aggregate URL after the redirect (Content-Base, the SDP's control being absent).
    expect(cam.requests.filter((r) => r.method === 'PLAY' || r.method === 'TEARDOWN').map((r) => r.uri)).toEqual([`${cam.url('/s')}/`, `${cam.url('/s')}/`]);

    await expect(client({ url: cam.url('/away') }).start()).rejects.toMatchObject({ reason: 'protocol', message: expect.stringMatching(/another host/) });
    const before = cam.requests.length;
    await expect(client({ url: cam.url('/loop') }).start()).rejects.toMatchObject({ reason: 'protocol' });
    expect(cam.requests.slice(before).filter((r) => r.method === 'DESCRIBE')).toHaveLength(4);
  });
});

describe('RtspClient tracks', () => {
  it('plays video alone when the camera refuses the audio track it listed', async () => {
    const sdp = `${SDP}m=audio 0 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\na=control:trackID=2\r\n`;
    const cam = await camera((req, c) => {
      if (req.method === 'DESCRIBE') return { status: 200, headers: { 'Content-Base': `${c.url('/s')}/` }, body: sdp };
      if (req.method === 'SETUP' && req.uri.endsWith('trackID=2')) return { status: 404 };
      return undefined;
    });
    const c = client({ url: cam.url('/s') });
    const info = await c.start();
    await c.close();
    expect(info.audio).toBeNull();
    expect(info.skipped).toEqual(['audio: SETUP answered 404']);
    expect(cam.requests.map((r) => r.method)).toEqual(['OPTIONS', 'DESCRIBE', 'SETUP', 'SETUP', 'PLAY', 'TEARDOWN']);
  });
});

describe('RtspClient URLs', () => {
  it('refuses a malformed or non-rtsp URL without echoing it', () => {
    expect(() => client({ url: 'rtsp://admin:s3cret@[::1' })).toThrow(expect.objectContaining({ reason: 'protocol', message: expect.not.stringContaining('s3cret') }));
    expect(() => client({ url: 'http://h/x' })).toThrow(expect.objectContaining({ reason: 'protocol' }));
  });
});

describe('RtspClient auth', () => {
  it('renews a stale nonce without failing, then uses Basic where only Basic is offered', async () => {
    let staleSent = false;
    const cam = await camera((req) => {
      const auth = req.headers.get('authorization') ?? '';
      if (req.method === 'OPTIONS') return undefined;
      if (req.uri.includes('/basic')) {
        return auth === `Basic ${Buffer.from('admin:pw').toString('base64')}` ? undefined : { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="cam"' } };
      }
      if (!auth.includes('nonce="n1"') && !auth.includes('nonce="n2"')) return { status: 401, headers: { 'WWW-Authenticate': 'Digest realm="cam", nonce="n1", qop="auth"' } };
      if (req.method === 'SETUP' && !staleSent) {
        staleSent = true;
        return { status: 401, headers: { 'WWW-Authenticate': 'Digest realm="cam", nonce="n2", qop="auth", stale=TRUE' } };
      }
      return undefined;
    });
    const digest = client({ url: cam.url('/s'), credentials: { username: 'admin', password: 'pw' } });
    await digest.start();
    await digest.close();
    expect(cam.requests.filter((r) => r.method === 'SETUP').map((r) => /nonce="(\w+)"/.exec(r.headers.get('authorization') ?? '')?.[1])).toEqual(['n1', 'n2']);
    expect(cam.requests.find((r) => r.method === 'PLAY')?.headers.get('authorization')).toMatch(/nonce="n2".*nc=00000002/);

    const basic = client({ url: `rtsp://admin:pw@127.0.0.1:${cam.port}/basic` });
    await basic.start();
    await basic.close();
    // Credentials from the URL are used for auth and never appear in a request line.
    expect(cam.requests.every((r) => !r.uri.includes('admin'))).toBe(true);
  });
});

describe('RtspClient liveness', () => {
  it('keeps alive at half the session timeout with GET_PARAMETER when offered, else OPTIONS', async () => {
    const withGet = await camera(undefined, { timeout: 1 });
    const withoutGet = await camera(undefined, { timeout: 1, publicMethods: 'OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN' });
    const a = client({ url: withGet.url('/s'), mediaTimeoutMs: 60_000 });
    const b = client({ url: withoutGet.url('/s'), mediaTimeoutMs: 60_000 });
    const [ia, ib] = await Promise.all([a.start(), b.start()]);
    expect([ia.keepAliveMethod, ib.keepAliveMethod, ia.sessionTimeoutS]).toEqual(['GET_PARAMETER', 'OPTIONS', 1]);
    const keepAlive = (cam: Camera, method: string): Promise<void> =>
      new Promise((resolve) => {
        const t = setInterval(() => {
          if (cam.requests.some((r, i) => i > 3 && r.method === method && r.headers.get('session') === 'ABC')) {
            clearInterval(t);
            resolve();
          }
        }, 20);
      });
    await Promise.all([keepAlive(withGet, 'GET_PARAMETER'), keepAlive(withoutGet, 'OPTIONS')]);
    await Promise.all([a.close(), b.close()]);
    expect(withGet.requests.at(-1)?.method).toBe('TEARDOWN');
  });

  it('reports a silent camera, a camera that sends no media and one that hangs up as typed errors', async () => {
    const silent = await camera((req) => (req.method === 'DESCRIBE' ? 'silent' : undefined));
    await expect(client({ url: silent.url('/s'), requestTimeoutMs: 200 }).start()).rejects.toMatchObject({ reason: 'not-responding' });

    const noMedia = await camera();
    const quiet = client({ url: noMedia.url('/s'), mediaTimeoutMs: 300 });
    const quietError = nextError(quiet);
    await quiet.start();
    expect(await quietError).toMatchObject({ reason: 'not-responding' });

    const hangUp = await camera((req) => (req.method === 'PLAY' ? { status: 200, headers: { Session: 'ABC' }, thenHangUp: true } : undefined));
    const dropped = client({ url: hangUp.url('/s'), mediaTimeoutMs: 60_000 });
    const droppedError = nextError(dropped);
    await dropped.start();
    expect(await droppedError).toMatchObject({ reason: 'closed' });
  });
});

describe('close() during set-up', () => {
  it('closed while connecting or mid-handshake: nothing is left open and no request follows the close', async () => {
    const cam = await camera();
    // While the TCP connection is being made (the same tick as start()).
    const early = client({ url: cam.url('/s') });
    const started = early.start();
    await early.close();
    await expect(started).rejects.toMatchObject({ reason: 'closed' });
    // While DESCRIBE is pending (the camera never answers it).
    const slow = await camera((req) => (req.method === 'DESCRIBE' ? 'silent' : undefined));
    const mid = client({ url: slow.url('/s') });
    const midStarted = mid.start();
    await new Promise((r) => setTimeout(r, 50));
    await mid.close();
    await expect(midStarted).rejects.toMatchObject({ reason: 'closed' });
    await new Promise((r) => setTimeout(r, 50));
    expect(cam.requests.map((r) => r.method)).toEqual([]);
    expect(slow.requests.map((r) => r.method)).toEqual(['OPTIONS', 'DESCRIBE']);
  });
});
