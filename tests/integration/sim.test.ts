/**
 * The camera simulator against the real ffmpeg/ffprobe RTSP client: stream shape, picture colour, digest auth,
 * transports, and each injected fault. A 3-camera fleet on ephemeral ports with a throw-away clip cache.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, type RunResult } from '../helpers/proc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colourDistance, simCameraColour, startFleet, withCredentials, type Fleet, type Rgb, type SimCamera } from '../../scripts/sim/index';
import { digestResponse } from '../../scripts/sim/rtsp-digest';

const url = (c: SimCamera, profile: 'main' | 'sub', password = c.password): string =>
  withCredentials(profile === 'main' ? c.mainUrl : c.subUrl, c.username, password);

async function probe(target: string, extra: string[] = []): Promise<RunResult & { stream?: Record<string, unknown> }> {
  const r = await run('ffprobe', [
    '-v', 'error', '-rtsp_transport', 'tcp', ...extra,
    '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,profile,width,height,r_frame_rate', '-of', 'json', target,
  ]);
  if (r.code !== 0) return r;
  const parsed = JSON.parse(r.stdout.toString()) as { streams?: Array<Record<string, unknown>> };
  return { ...r, stream: parsed.streams?.[0] };
}

async function centrePixel(target: string, width: number, height: number): Promise<Rgb> {
  const r = await run('ffmpeg', ['-v', 'error', '-rtsp_transport', 'tcp', '-i', target, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout.length).toBe(width * height * 3);
  const o = (Math.floor(height / 2) * width + Math.floor(width / 2)) * 3;
  return { r: r.stdout[o] ?? -1, g: r.stdout[o + 1] ?? -1, b: r.stdout[o + 2] ?? -1 };
}

/** A bare RTSP client: write raw bytes, read whole responses. */
class RawRtsp {
  private buf = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static connect(host: string, port: number): Promise<RawRtsp> {
    return new Promise((resolve, reject) => {
      const s = net.connect({ host, port }, () => resolve(new RawRtsp(s)));
      s.once('error', reject);
    });
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  async response(timeoutMs = 3000): Promise<{ status: number; headers: Map<string, string>; body: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.buf[0] === 0x24 && this.buf.length >= 4 && this.buf.length >= 4 + this.buf.readUInt16BE(2)) {
        this.buf = this.buf.subarray(4 + this.buf.readUInt16BE(2)); // skip RTP
      }
      const end = this.buf.indexOf('\r\n\r\n');
      if (this.buf[0] !== 0x24 && end >= 0) {
        const lines = this.buf.subarray(0, end).toString().split('\r\n');
        const headers = new Map(lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
        const len = Number(headers.get('content-length') ?? 0);
        if (this.buf.length >= end + 4 + len) {
          const body = this.buf.subarray(end + 4, end + 4 + len).toString();
          this.buf = this.buf.subarray(end + 4 + len);
          return { status: Number(lines[0]?.split(' ')[1]), headers, body };
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no RTSP response');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

describe('camera simulator', () => {
  let fleet: Fleet;
  let cacheDir: string;
  let cam1: SimCamera;
  let cam2: SimCamera;
  let cam3: SimCamera;

  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'sim-cache-'));
    fleet = await startFleet({ cameras: 3, port: 0, controlPort: 0, cacheDir });
    [cam1, cam2, cam3] = fleet.cameras as [SimCamera, SimCamera, SimCamera];
  });

  afterAll(async () => {
    await fleet?.close();
    if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  });

  it('serves the sub stream as H.264 640x360 at 25 fps', async () => {
    const r = await probe(url(cam1, 'sub'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stream).toMatchObject({ codec_name: 'h264', profile: 'Main', width: 640, height: 360, r_frame_rate: '25/1' });
  });

  it('serves the main stream as 1280x720', async () => {
    const r = await probe(url(cam1, 'main'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stream).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });
  });

  it('paints each camera in its own colour', async () => {
    const c1 = await centrePixel(url(cam1, 'sub'), 640, 360);
    const c2 = await centrePixel(url(cam2, 'sub'), 640, 360);
    expect(colourDistance(c1, simCameraColour(1)), JSON.stringify(c1)).toBeLessThanOrEqual(35);
    expect(colourDistance(c2, simCameraColour(2)), JSON.stringify(c2)).toBeLessThanOrEqual(35);
    expect(colourDistance(c1, simCameraColour(2))).toBeGreaterThan(35);
    expect(cam1.colour).toEqual(simCameraColour(1));
  });

  it('answers a wrong password with 401', async () => {
    const r = await probe(url(cam1, 'sub', 'not-the-password'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/401/);
    const other = await probe(withCredentials(cam1.subUrl, cam2.username, cam2.password)); // another camera's password
    expect(other.stderr).toMatch(/401/);
  });

  it('refuses UDP transport with 461', async () => {
    const r = await run('ffprobe', ['-v', 'error', '-rtsp_transport', 'udp', url(cam1, 'sub')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/461/);
  });

  it('lists cameras with credentials over the control API and validates ids', async () => {
    const base = fleet.controlUrl;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const list = (await (await fetch(`${base}/cameras`)).json()) as Array<Record<string, unknown>>;
    expect(list).toHaveLength(3);
    expect(list[1]).toMatchObject({ id: 'sim-0002', username: 'admin', password: cam2.password, subUrl: cam2.subUrl, state: 'running' });
    expect(String(list[0]?.subUrl)).not.toContain('@');
    expect((await fetch(`${base}/cameras/sim-0009`)).status).toBe(404);
    expect((await fetch(`${base}/cameras/../etc`)).status).toBe(404);
    expect((await fetch(`${base}/cameras/bogus`)).status).toBe(400);
    expect((await fetch(`${base}/cameras/sim-0001/explode`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/cameras/sim-0001/stop`)).status).toBe(405);
    expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ ok: true, cameras: 3 });
  });

  it('break-auth rejects the right password until fix-auth', async () => {
    const base = fleet.controlUrl ?? '';
    const broken = (await (await fetch(`${base}/cameras/sim-0002/break-auth`, { method: 'POST' })).json()) as Record<string, unknown>;
    expect(broken).toMatchObject({ authBroken: true });
    expect((await probe(url(cam2, 'sub'))).stderr).toMatch(/401/);
    await fetch(`${base}/cameras/sim-0002/fix-auth`, { method: 'POST' });
    expect((await probe(url(cam2, 'sub'))).code).toBe(0);
  });

  it('stop makes the camera vanish and start brings it back', async () => {
    // A reader that is playing when the camera stops must see its connection end.
    const reader = run('ffmpeg', ['-v', 'error', '-rtsp_transport', 'tcp', '-i', url(cam3, 'sub'), '-c', 'copy', '-f', 'null', '-'], 30_000);
    await waitFor(() => fleet.cameraStats(cam3.id).playing >= 1, 10_000);
    await fleet.stop(cam3.id);
    expect(cam3.state).toBe('stopped');
    const ended = await reader;
    expect(ended.ms).toBeLessThan(25_000);

    const refused = await probe(url(cam3, 'sub'));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/refused/i);

    await fleet.start(cam3.id);
    expect(cam3.state).toBe('running');
    const again = await probe(url(cam3, 'sub'));
    expect(again.code, again.stderr).toBe(0);
  });

  it('stall accepts TCP but answers nothing; playing sessions go quiet too', async () => {
    const reader = run('ffmpeg', ['-v', 'error', '-rtsp_transport', 'tcp', '-timeout', '2000000', '-i', url(cam3, 'sub'), '-c', 'copy', '-f', 'null', '-'], 30_000);
    await waitFor(() => fleet.cameraStats(cam3.id).playing >= 1, 10_000);
    const res = await fetch(`${fleet.controlUrl ?? ''}/cameras/${cam3.id}/stall`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ state: 'stalled' });
    const stalledAt = performance.now();

    const r = await probe(url(cam3, 'sub'), ['-timeout', '2000000']);
    expect(r.code).not.toBe(0);
    expect(r.ms).toBeLessThan(6_000);
    const sentDuringStall = fleet.cameraStats(cam3.id).bytesSent;
    await new Promise((r) => setTimeout(r, 500));
    expect(fleet.cameraStats(cam3.id).bytesSent).toBe(sentDuringStall); // the playing session sends nothing
    const quit = await reader; // ffmpeg gives up once its reads time out
    expect(quit.stderr).toMatch(/timed out/i);
    expect(performance.now() - stalledAt).toBeLessThan(10_000);

    fleet.unstall(cam3.id);
    expect((await probe(url(cam3, 'sub'))).code).toBe(0);
  });

  it('copes with split requests, client RTCP frames, unknown paths and sessions', async () => {
    const c = await RawRtsp.connect(cam1.host, cam1.port);
    try {
      const options = 'OPTIONS rtsp://x/sub RTSP/1.0\r\nCSeq: 1\r\n\r\n';
      c.write(options.slice(0, 9));
      await new Promise((r) => setTimeout(r, 50));
      c.write(options.slice(9));
      expect((await c.response()).status).toBe(200);

      c.write(Buffer.concat([Buffer.from([0x24, 1, 0, 4, 0x80, 0xc9, 0, 1]), Buffer.from('OPTIONS * RTSP/1.0\r\nCSeq: 2\r\n\r\n')]));
      const r2 = await c.response();
      expect(r2.headers.get('cseq')).toBe('2');
      expect(r2.headers.get('public')).toContain('DESCRIBE');

      const target = `rtsp://${cam1.host}:${cam1.port}/Streaming/Channels/102`;
      c.write(`DESCRIBE ${target} RTSP/1.0\r\nCSeq: 3\r\n\r\n`);
      const challenge = await c.response();
      expect(challenge.status).toBe(401);
      const realm = /realm="([^"]+)"/.exec(challenge.headers.get('www-authenticate') ?? '')?.[1] ?? '';
      const nonce = /nonce="([^"]+)"/.exec(challenge.headers.get('www-authenticate') ?? '')?.[1] ?? '';
      const auth = (method: string, uri: string): string =>
        `Digest username="${cam1.username}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${digestResponse({ username: cam1.username, realm, password: cam1.password, method, uri, nonce })}"`;

      const missing = `rtsp://${cam1.host}:${cam1.port}/Streaming/Channels/999`;
      c.write(`DESCRIBE ${missing} RTSP/1.0\r\nCSeq: 4\r\nAuthorization: ${auth('DESCRIBE', missing)}\r\n\r\n`);
      expect((await c.response()).status).toBe(404);

      c.write(`DESCRIBE ${target} RTSP/1.0\r\nCSeq: 5\r\nAuthorization: ${auth('DESCRIBE', target)}\r\n\r\n`);
      const described = await c.response(15_000);
      expect(described.status).toBe(200);
      expect(described.headers.get('content-base')).toBe(`${target}/`);
      expect(described.body).toContain('a=rtpmap:96 H264/90000');

      c.write(`PLAY ${target} RTSP/1.0\r\nCSeq: 6\r\nSession: DEADBEEF\r\nAuthorization: ${auth('PLAY', target)}\r\n\r\n`);
      expect((await c.response()).status).toBe(454);

      const track = `${target}/trackID=1`;
      c.write(`SETUP ${track} RTSP/1.0\r\nCSeq: 7\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nAuthorization: ${auth('SETUP', track)}\r\n\r\n`);
      const setup = await c.response();
      expect(setup.status).toBe(200);
      const session = setup.headers.get('session')?.split(';')[0] ?? '';
      c.write(`PLAY ${target} RTSP/1.0\r\nCSeq: 8\r\nSession: ${session}\r\nAuthorization: ${auth('PLAY', target)}\r\n\r\n`);
      const play = await c.response();
      expect(play.status).toBe(200);
      expect(play.headers.get('rtp-info')).toMatch(/seq=\d+;rtptime=\d+/);
      expect(play.headers.get('range')).toBe('npt=0.000-');
      c.write(`TEARDOWN ${target} RTSP/1.0\r\nCSeq: 9\r\nSession: ${session}\r\nAuthorization: ${auth('TEARDOWN', target)}\r\n\r\n`);
      expect((await c.response()).status).toBe(200);
    } finally {
      c.close();
    }
  });
});

async function waitFor(cond: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
