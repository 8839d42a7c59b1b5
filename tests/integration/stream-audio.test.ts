// Camera audio end to end with a third-party RTSP server (GStreamer, tests/helpers/gst-rtsp-av.py): the stream test
// names each camera's audio; G.711 (transcoded) and AAC (copied) arrive as an AAC track beside the video in the
// served fMP4 and decode to the camera's 1 kHz tone; a camera without audio is served as before (one video
// track). Skipped where GStreamer's RTSP server is missing.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraDto } from '../../contracts/src/camera';
import type { PipelineStatus } from '../../contracts/src/stream-status';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { gstAvAvailable, startGstAvServer, type GstAvPath, type GstAvServer } from '../helpers/gst-rtsp-av';
import { downloadMedia, waitForSegments } from '../helpers/media-probe';
import { ffmpegChildren } from '../helpers/proc';

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
    // The stream test on create measures each camera's audio codec (pcma/pcmu/aac/none): it decides copy or transcode.
    [gst, h] = await Promise.all([startGstAvServer(), startHarness({ cameras: 1, cameraConfig: { testOnCreate: true } })]);
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

  interface Served {
    file: string;
    status: PipelineStatus | undefined;
    camera: CameraDto;
    /** The audio arguments of the camera's ffmpeg child. */
    audioArgs: string[];
  }

  async function served(cameraId: string): Promise<Served> {
    const info = await waitForSegments(await h.liveUrl(cameraId, 'main'), 2);
    const file = await downloadMedia(info, 2);
    const items = (await h.api<{ items: PipelineStatus[] }>('GET', '/api/v1/streams', undefined, h.adminToken)).body.items;
    const status = items.find((s) => s.cameraId === cameraId);
    const argv = ffmpegChildren().find((c) => c.pid === status?.pid)?.argv ?? [];
    const camera = (await h.api<CameraDto>('GET', `/api/v1/cameras/${cameraId}`, undefined, h.adminToken)).body;
    return { file, status, camera, audioArgs: argv.slice(argv.indexOf('0:v:0') + 1, argv.indexOf('-sn')) };
  }

  it('G.711 A-law / µ-law are transcoded (ffmpeg) and AAC passed through (in-process): an AAC track with the tone; a video-only camera is unchanged', async () => {
    const start = (path: GstAvPath) => register(path).then(served);
    const [pcma, pcmu, aac, video] = await Promise.all([start('pcma'), start('pcmu'), start('aac'), start('video')]);
    for (const [received, got, rate] of [['pcma', pcma, '8000'], ['pcmu', pcmu, '8000'], ['aac', aac, '16000']] as const) {
      expect((await probeStreams(got.file)).map((s) => [s.codec_type, s.codec_name, s.sample_rate ?? null, s.channels ?? null])).toEqual([
        ['video', 'h264', null, null],
        ['audio', 'aac', rate, 1],
      ]);
      expect(await meanVolume(got.file)).toBeGreaterThan(-30);
      expect(got.camera.mainAudioCodec).toBe(received);
      expect(got.status).toMatchObject({ state: 'live', audio: { received, delivered: 'aac', codec: 'mp4a.40.2' } });
      expect(got.status?.codecs).toMatch(/^avc1\.[0-9a-f]{6},mp4a\.40\.2$/);
      // AAC is muxed in-process (no child); G.711 needs an AAC encoder: ffmpeg, saying why.
      if (received === 'aac') expect(got.status).toMatchObject({ ingest: 'in-process', ingestReason: null, pid: null });
      else {
        expect(got.status).toMatchObject({ ingest: 'ffmpeg', ingestReason: 'audio-transcode' });
        expect(got.audioArgs.slice(0, 4)).toEqual(['-map', '0:a:0?', '-c:a', 'aac']);
      }
    }
    expect((await probeStreams(video.file)).map((s) => s.codec_type)).toEqual(['video']);
    expect(video.camera.mainAudioCodec).toBe('none');
    expect(video.status).toMatchObject({ state: 'live', audio: null, ingest: 'in-process' });
    expect(video.status?.codecs).toMatch(/^avc1\.[0-9a-f]{6}$/);
  });
});
