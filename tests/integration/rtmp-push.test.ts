import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { downloadMedia, probeVideo, until, waitForSegments } from '../helpers/media-probe';

/** Every file under a directory (recursively), for "nothing was written" checks. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p).map((f) => join(name, f)));
    else out.push(name);
  }
  return out.sort();
}

describe('RTMP push ingest (node-media-server in-process, real ffmpeg publisher)', () => {
  let h: Harness;
  let port: number;
  let cameraId: string;
  let streamKey: string;
  const children: ChildProcess[] = [];
  let dataDirBefore: string[];
  let cwdBefore: string[];

  /** ffmpeg pushing a test pattern, as a village camera would. */
  const publish = (path: string): ChildProcess => {
    const p = spawn(
      'ffmpeg',
      ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25', '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '25', '-f', 'flv', `rtmp://127.0.0.1:${port}/${path}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    children.push(p);
    return p;
  };
  const exited = (p: ChildProcess, timeoutMs = 15_000): Promise<number | null> =>
    new Promise((resolve, reject) => {
      if (p.exitCode !== null) return resolve(p.exitCode);
      const t = setTimeout(() => reject(new Error('publisher still running')), timeoutMs);
      p.once('exit', (code) => {
        clearTimeout(t);
        resolve(code);
      });
    });
  const camera = async () => (await h.api<{ status: string; statusReasonCode: string | null; statusReason: string | null }>('GET', `/api/v1/cameras/${cameraId}`, undefined, h.adminToken)).body;

  beforeAll(async () => {
    h = await startHarness({ cameras: 1, prewarm: false, rtmp: { enabled: true, port: 0 } });
    port = h.gw.rtmp!.port;
    dataDirBefore = filesUnder(h.dataDir);
    cwdBefore = readdirSync(process.cwd()).sort();
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await h?.close();
  });

  it('registers a push camera: the stream key comes once, hashed at rest, never in get or list', async () => {
    const res = await h.api<{ id: string; rtmp: { publishUrl: string; server: string; streamName: string; streamKey: string } }>(
      'POST',
      '/api/v1/cameras',
      { name: '王家庄村 村口 (RTMP)', orgUnitId: '141130100', category: 3, sourceType: 'rtmp-push', host: 'nat' },
      h.adminToken,
    );
    expect(res.status).toBe(201);
    cameraId = res.body.id;
    streamKey = res.body.rtmp.streamKey;
    expect(streamKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.rtmp.publishUrl).toBe(`rtmp://127.0.0.1:${port}/live/${cameraId}?key=${streamKey}`);
    expect(res.body.rtmp.server).toBe(`rtmp://127.0.0.1:${port}/live`);

    const row = h.gw.db.prepare('SELECT * FROM cameras WHERE id = ?').get(cameraId) as Record<string, unknown>;
    expect(row.rtmp_key_hash).toBe(createHash('sha256').update(streamKey).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(streamKey);
    const get = await h.api('GET', `/api/v1/cameras/${cameraId}`, undefined, h.adminToken);
    const list = await h.api('GET', '/api/v1/cameras', undefined, h.adminToken);
    for (const text of [get.text, list.text]) {
      expect(text).not.toContain(streamKey);
      expect(text).not.toContain('rtmpKey');
    }
  });

  it('without a publisher the camera is offline with reason "no publisher"', async () => {
    const url = await h.liveUrl(cameraId, 'sub');
    const res = await fetch(url);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { message: string }).message).toBe('no publisher');
    const streams = await h.api<{ items: Array<{ cameraId: string; state: string; reason: string }> }>('GET', '/api/v1/streams', undefined, h.adminToken);
    expect(streams.body.items.find((s) => s.cameraId === cameraId)).toMatchObject({ state: 'offline', reason: 'no publisher' });
    const test = await h.api('POST', '/api/v1/cameras/test-stream', { cameraId }, h.adminToken);
    expect(test.body).toEqual({ ok: false, code: 'no-publisher', reason: 'no publisher' });
  });

  it.each([
    ['a wrong key', () => `live/${cameraId}?key=${'A'.repeat(43)}`, 'wrong-key'],
    ['no key', () => `live/${cameraId}`, 'missing-key'],
    ['an unknown camera', () => `live/${randomUUID()}?key=${streamKey}`, 'unknown-camera'],
    ['a traversal name ../x', () => `live/../x?key=${streamKey}`, 'traversal'],
    ['an encoded traversal %2e%2e', () => `live/%2e%2e?key=${streamKey}`, 'encoded'],
    ['an encoded camera id', () => `live/${cameraId.slice(0, -1)}%${cameraId.charCodeAt(cameraId.length - 1).toString(16)}?key=${streamKey}`, 'encoded'],
    ['another app', () => `admin/${cameraId}?key=${streamKey}`, 'bad-app'],
  ])('refuses a publish with %s (from 127.0.0.1 too)', async (_label, path, reason) => {
    const seen = h.logs.lines.length;
    const p = publish(path());
    expect(await exited(p)).not.toBe(0);
    expect(h.gw.rtmp!.isPublishing(cameraId)).toBe(false);
    const refusals = h.logs.lines.slice(seen).filter((l) => l.includes('RTMP request refused'));
    expect(refusals.map((l) => (JSON.parse(l) as { reason: string }).reason)).toEqual([reason]);
  });

  it('refuses to play from outside, even with the publish key', async () => {
    const seen = h.logs.lines.length;
    const player = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-rw_timeout', '5000000', '-i', `rtmp://127.0.0.1:${port}/live/${cameraId}?key=${streamKey}`, '-t', '1', '-f', 'null', '-'], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(player);
    expect(await exited(player)).not.toBe(0);
    expect(h.logs.lines.slice(seen).filter((l) => l.includes('RTMP request refused')).map((l) => (JSON.parse(l) as { kind: string; reason: string }))).toEqual([
      expect.objectContaining({ kind: 'play', reason: 'play-forbidden' }),
    ]);
    expect(h.gw.repos.audit.recent(50, { action: 'rtmp.publish' }).filter((a) => a.outcome === 'denied').length).toBeGreaterThan(0);
    expect(h.gw.repos.audit.recent(50, { action: 'rtmp.play' }).some((a) => a.outcome === 'denied')).toBe(true);
  });

  it('plays a pushed camera in-process through the same packager: HLS segments, H.264 640x360', async () => {
    const p = publish(`live/${cameraId}?key=${streamKey}`);
    await until(async () => h.gw.rtmp!.isPublishing(cameraId), 15_000, 'publisher accepted');
    await until(async () => (await camera()).status === 'online', 5000, 'camera online');
    const info = await waitForSegments(await h.liveUrl(cameraId, 'sub'), 2, 30_000).catch((err: unknown) => {
      console.log(h.logs.lines.filter((l) => /ffmpeg|ingest|rtmp/i.test(l)).slice(-40).join('\n'));
      throw err;
    });
    const video = await probeVideo(await downloadMedia(info, 2));
    expect(video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(video.frames).toBeGreaterThan(10);
    expect(p.exitCode).toBeNull();
    // Read from the gateway's own RTMP server in-process: no ffmpeg pulling it back over loopback.
    const streams = await h.api<{ items: Array<{ cameraId: string; ingest: string; pid: number | null }> }>('GET', '/api/v1/streams', undefined, h.adminToken);
    expect(streams.body.items.find((s) => s.cameraId === cameraId)).toMatchObject({ ingest: 'in-process', pid: null });
    // The stream test reads a push camera back from the gateway's own RTMP server.
    const test = await h.api('POST', '/api/v1/cameras/test-stream', { cameraId, profile: 'sub' }, h.adminToken);
    expect(test.body).toMatchObject({ ok: true, codec: 'h264', width: 640, height: 360, fps: 25 });
    // A second publisher for the same camera is refused while the first one pushes.
    const second = publish(`live/${cameraId}?key=${streamKey}`);
    expect(await exited(second)).not.toBe(0);
    expect(h.gw.rtmp!.isPublishing(cameraId)).toBe(true);
  });

  it('rotating the key drops the publisher, the old key stops working; the new key is shown once', async () => {
    const rotated = await h.api<{ streamKey: string; publishUrl: string }>('POST', `/api/v1/cameras/${cameraId}/rtmp-key`, undefined, h.adminToken);
    expect(rotated.status).toBe(200);
    expect(rotated.body.streamKey).not.toBe(streamKey);
    expect(rotated.body.publishUrl).toBe(`rtmp://127.0.0.1:${port}/live/${cameraId}?key=${rotated.body.streamKey}`);
    await until(async () => !h.gw.rtmp!.isPublishing(cameraId), 10_000, 'publisher dropped');
    await until(async () => (await camera()).statusReason === 'no publisher', 5000, 'camera offline: no publisher');
    expect((await camera()).statusReasonCode).toBe('no-publisher');
    expect(await exited(publish(`live/${cameraId}?key=${streamKey}`))).not.toBe(0);
    expect((await h.api('GET', `/api/v1/cameras/${cameraId}`, undefined, h.adminToken)).text).not.toContain(rotated.body.streamKey);
    expect((await h.api('POST', `/api/v1/cameras/${h.cameraIds.get(1)}/rtmp-key`, undefined, h.adminToken)).status).toBe(409);
  });

  it('wrote nothing to disk and never logged a key', () => {
    expect(filesUnder(h.dataDir)).toEqual(dataDirBefore);
    expect(readdirSync(process.cwd()).sort()).toEqual(cwdBefore);
    expect(h.logs.text()).not.toContain(streamKey);
  });
});
