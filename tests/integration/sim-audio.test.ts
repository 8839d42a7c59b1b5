// Camera audio from our own simulator's audio profiles (scripts/sim: G.711 A-law, AAC-LC, none), end to end through
// the gateway: the stream test names the audio, AAC is copied and G.711 transcoded, the served fMP4 carries an AAC
// track with the camera's tone, and a camera without audio keeps a single video track.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraDto } from '../../contracts/src/camera';
import type { PipelineStatus } from '../../contracts/src/stream-status';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { downloadMedia, waitForSegments } from '../helpers/media-probe';

const run = promisify(execFile);

async function served(h: Harness, cameraId: string) {
  const file = await downloadMedia(await waitForSegments(await h.liveUrl(cameraId, 'sub'), 2), 2);
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,sample_rate', '-of', 'json', file]);
  const streams = (JSON.parse(stdout) as { streams: { codec_type: string; codec_name: string; sample_rate?: string }[] }).streams;
  const { stderr } = await run('ffmpeg', ['-v', 'info', '-nostats', '-i', file, '-map', '0:a:0?', '-af', 'volumedetect', '-f', 'null', '-']);
  const items = (await h.api<{ items: PipelineStatus[] }>('GET', '/api/v1/streams', undefined, h.adminToken)).body.items;
  const camera = (await h.api<CameraDto>('GET', `/api/v1/cameras/${cameraId}`, undefined, h.adminToken)).body;
  return {
    streams: streams.map((s) => [s.codec_type, s.codec_name, s.sample_rate ?? null]),
    meanVolume: Number(/mean_volume: (-?[\d.]+) dB/.exec(stderr)?.[1] ?? NaN),
    status: items.find((s) => s.cameraId === cameraId && s.profile === 'sub'),
    subAudioCodec: camera.subAudioCodec,
  };
}

describe('simulated cameras with audio → HLS', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ cameras: 3, profiles: { 1: { audio: 'pcma' }, 2: { audio: 'aac' } }, cameraConfig: { testOnCreate: true } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('G.711 A-law transcoded and AAC copied into an AAC track with the tone; no audio: video only', async () => {
    const id = (i: number) => h.cameraIds.get(h.fleet.cameras[i]!.index)!;
    const [pcma, aac, none] = await Promise.all([served(h, id(0)), served(h, id(1)), served(h, id(2))]);
    expect(pcma.streams).toEqual([['video', 'h264', null], ['audio', 'aac', '8000']]);
    expect(aac.streams).toEqual([['video', 'h264', null], ['audio', 'aac', '16000']]);
    for (const s of [pcma, aac]) expect(s.meanVolume).toBeGreaterThan(-40);
    expect(pcma.status?.audio).toEqual({ received: 'pcma', delivered: 'aac', codec: 'mp4a.40.2' });
    expect(aac.status?.audio).toEqual({ received: 'aac', delivered: 'aac', codec: 'mp4a.40.2' });
    expect([pcma.subAudioCodec, aac.subAudioCodec, none.subAudioCodec]).toEqual(['pcma', 'aac', 'none']);
    expect(none.streams).toEqual([['video', 'h264', null]]);
    expect(none.status?.audio).toBeNull();
  });
});
