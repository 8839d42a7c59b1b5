// Camera audio end to end with a third-party RTSP server (GStreamer, tests/helpers/gst-rtsp-av.py): G.711 and AAC
// arrive as an AAC track beside the video in the served fMP4 and decode to the camera's 1 kHz tone; a camera
// without audio is served exactly as before (one video track). Skipped where GStreamer's RTSP server is missing.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineStatus } from '../../contracts/src/stream-status';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { gstAvAvailable, startGstAvServer, type GstAvPath, type GstAvServer } from '../helpers/gst-rtsp-av';
import { downloadMedia, waitForSegments } from '../helpers/media-probe';

const run = promisify(execFile);
const available = gstAvAvailable();
const title = available ? 'camera audio → HLS (GStreamer RTSP camera)' : 'camera audio → HLS (SKIPPED: GStreamer RTSP server not installed)';

interface Probed {
  streams: { codec_type: string; codec_name: string; sample_rate?: string; channels?: number }[];
}

async function probeStreams(file: string): Promise<Probed['streams']> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,sample_rate,channels', '-of', 'json', file]);
  return (JSON.parse(stdout) as Probed).streams;
}

/** Mean volume of the decoded audio track in dB (the camera's tone ≈ -14 dB; silence ≈ -91 dB). */
async function meanVolume(file: string): Promise<number> {
  const { stderr } = await run('ffmpeg', ['-v', 'info', '-nostats', '-i', file, '-map', '0:a:0', '-af', 'volumedetect', '-f', 'null', '-']);
  return Number(/mean_volume: (-?[\d.]+) dB/.exec(stderr)?.[1] ?? NaN);
}

describe.skipIf(!available)(title, () => {
  let h: Harness;
  let gst: GstAvServer;
  beforeAll(async () => {
    [gst, h] = await Promise.all([startGstAvServer(), startHarness({ cameras: 1 })]);
  });
  afterAll(async () => {
    await h?.close();
    await gst?.close();
  });

  async function register(path: GstAvPath): Promise<string> {
    const body = { name: `音频 ${path}`, orgUnitId: '141130100', category: 3, sourceType: 'rtsp', host: '127.0.0.1', rtspPort: gst.port, mainStreamUri: gst.url(path), videoCodec: 'h264' };
    const res = await h.api<{ id: string }>('POST', '/api/v1/cameras', body, h.adminToken);
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function served(cameraId: string): Promise<{ file: string; status: PipelineStatus | undefined }> {
    const info = await waitForSegments(await h.liveUrl(cameraId, 'main'), 2);
    const file = await downloadMedia(info, 2);
    const items = (await h.api<{ items: PipelineStatus[] }>('GET', '/api/v1/streams', undefined, h.adminToken)).body.items;
    return { file, status: items.find((s) => s.cameraId === cameraId) };
  }

  it('G.711 A-law and µ-law cameras: an AAC track that carries the tone; a video-only camera is unchanged', async () => {
    const [pcma, pcmu, video] = await Promise.all([register('pcma').then(served), register('pcmu').then(served), register('video').then(served)]);
    for (const { file, status } of [pcma, pcmu]) {
      expect((await probeStreams(file)).map((s) => [s.codec_type, s.codec_name, s.sample_rate ?? null, s.channels ?? null])).toEqual([
        ['video', 'h264', null, null],
        ['audio', 'aac', '8000', 1],
      ]);
      expect(await meanVolume(file)).toBeGreaterThan(-30);
      // Not stream-tested, so what the camera sends is unknown; what the console gets is AAC-LC.
      expect(status).toMatchObject({ state: 'live', audio: { received: null, delivered: 'aac', codec: 'mp4a.40.2' } });
      expect(status?.codecs).toMatch(/^avc1\.[0-9a-f]{6},mp4a\.40\.2$/);
    }
    expect((await probeStreams(video.file)).map((s) => s.codec_type)).toEqual(['video']);
    expect(video.status).toMatchObject({ state: 'live', audio: null });
    expect(video.status?.codecs).toMatch(/^avc1\.[0-9a-f]{6}$/);
  });
});
