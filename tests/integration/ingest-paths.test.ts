/**
 * Every camera shape through both ingest paths: the in-process RTSP client (the default) and the ffmpeg escape hatch
 * (the camera's `ingest: 'ffmpeg'`). Each stream is played as a console would (live URL → playlist → segments) and
 * checked by ffprobe (codec, size, frames) and its centre pixel (the camera's colour). The cameras play at once, so a
 * path costs about one cold start.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineStatus } from '../../contracts/src/stream-status';
import { colourDistance, type CameraProfile } from '../../scripts/sim/index';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { centrePixel, downloadMedia, probeVideo, until, waitForSegments } from '../helpers/media-probe';
import { ffmpegChildren } from '../helpers/proc';

interface Shape {
  name: string;
  profile: Partial<CameraProfile>;
  stream: 'sub' | 'main';
  codec: 'h264' | 'hevc';
  width: number;
  /** Whether auto takes ffmpeg anyway, and why. */
  autoFfmpeg?: PipelineStatus['ingestReason'];
}

const SHAPES: Shape[] = [
  { name: 'GOP 1 s', profile: { gopSec: 1 }, stream: 'sub', codec: 'h264', width: 640 },
  { name: 'GOP 2 s, B-frames, AAC', profile: { gopSec: 2, bFrames: true, audio: 'aac' }, stream: 'main', codec: 'h264', width: 1280 },
  { name: 'GOP 4 s', profile: { gopSec: 4 }, stream: 'sub', codec: 'h264', width: 640 },
  { name: 'H.265 with B-frames (passed through)', profile: { gopSec: 2, mainCodec: 'h265', bFrames: true }, stream: 'main', codec: 'hevc', width: 1280 },
  { name: 'UDP only', profile: { gopSec: 1, transport: 'udp-only' }, stream: 'sub', codec: 'h264', width: 640 },
  { name: 'timestamp jumps', profile: { gopSec: 1, behaviour: 'ts-jump' }, stream: 'sub', codec: 'h264', width: 640 },
  { name: 'G.711 µ-law', profile: { gopSec: 1, audio: 'pcmu' }, stream: 'sub', codec: 'h264', width: 640, autoFfmpeg: 'audio-transcode' },
];

describe('ingest paths × camera shapes', () => {
  let h: Harness;
  const idOf = (i: number): string => h.cameraIds.get(i + 1)!;
  const status = async (id: string): Promise<PipelineStatus | undefined> =>
    (await h.api<{ items: PipelineStatus[] }>('GET', '/api/v1/streams', undefined, h.adminToken)).body.items.find((s) => s.cameraId === id);

  beforeAll(async () => {
    h = await startHarness({ cameras: SHAPES.length, profiles: Object.fromEntries(SHAPES.map((s, i) => [i + 1, s.profile])), streams: { idleStopSec: 20 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Plays every shape at once; returns per shape what a viewer got and what the gateway says. */
  async function playAll(): Promise<Array<{ probe: Awaited<ReturnType<typeof probeVideo>>; distance: number; status: PipelineStatus | undefined }>> {
    return Promise.all(
      SHAPES.map(async (shape, i) => {
        const id = idOf(i);
        const res = await h.api<{ url: string }>('GET', `/api/v1/cameras/${id}/live?profile=${shape.stream}&video=original`, undefined, h.adminToken);
        const file = await downloadMedia(await waitForSegments(res.body.url, 2, 30_000), 2);
        const probe = await probeVideo(file);
        const px = await centrePixel(file, 640, 360);
        return { probe, distance: colourDistance(px, h.fleet.cameras[i]!.colour), status: await status(id) };
      }),
    );
  }

  function expectPlayed(results: Awaited<ReturnType<typeof playAll>>, path: 'in-process' | 'ffmpeg'): void {
    results.forEach(({ probe, distance, status: s }, i) => {
      const shape = SHAPES[i]!;
      const why = `${shape.name} (${path})`;
      expect(probe.codec, why).toBe(shape.codec);
      expect(probe.width, why).toBe(shape.width);
      expect(probe.frames, why).toBeGreaterThanOrEqual(25);
      expect(distance, why).toBeLessThan(35);
      const expected = path === 'ffmpeg' ? { ingest: 'ffmpeg', ingestReason: 'camera-setting' } : shape.autoFfmpeg ? { ingest: 'ffmpeg', ingestReason: shape.autoFfmpeg } : { ingest: 'in-process', ingestReason: null, pid: null };
      expect(s, why).toMatchObject({ state: 'live', ...expected });
    });
  }

  it('in-process (auto): every shape plays; ffmpeg runs only for the G.711 camera', async () => {
    const results = await playAll();
    expectPlayed(results, 'in-process');
    const g711 = SHAPES.findIndex((s) => s.autoFfmpeg);
    const pid = results[g711]!.status!.pid;
    expect(ffmpegChildren().map((c) => c.pid)).toEqual([pid]);
  });

  it('ffmpeg (the camera setting, the escape hatch): every shape plays the same', async () => {
    await Promise.all(SHAPES.map(async (_, i) => expect((await h.api('PATCH', `/api/v1/cameras/${idOf(i)}?test=false`, { ingest: 'ffmpeg' }, h.adminToken)).status).toBe(200)));
    // The edit restarts each camera's pipeline on the new path.
    await until(async () => ((await h.api<{ items: PipelineStatus[] }>('GET', '/api/v1/streams', undefined, h.adminToken)).body.items.length === 0 ? true : null), 15_000, 'pipelines stopped after the edit');
    const results = await playAll();
    expectPlayed(results, 'ffmpeg');
    expect(ffmpegChildren()).toHaveLength(SHAPES.length);
  });
});
