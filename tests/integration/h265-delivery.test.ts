import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { startGstCamera, type GstCamera } from '../helpers/gst-camera';
import { downloadMedia, probeVideo, waitForSegments } from '../helpers/media-probe';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface StreamItem {
  cameraId: string;
  profile: string;
  state: string;
  video: string;
  encoder: string | null;
  codec: string | null;
  lagSec: number | null;
  bitrateBps: number | null;
}

/** An H.265 camera served by GStreamer (not our simulator): passthrough, capped transcode, transcode budget. */
describe('H.265 cameras: passthrough for HEVC consoles, budgeted transcode for the others', () => {
  let h: Harness;
  let cam: GstCamera;
  const ids: string[] = [];
  beforeAll(async () => {
    cam = await startGstCamera({ size: '960x540', fps: 15, kbps: 800 });
    h = await startHarness({ cameras: 1, prewarm: false, streams: { maxTranscodes: 1 } });
    for (const [name, uri] of [['H.265 A', cam.h265Urls[0]], ['H.265 B', cam.h265Urls[1]]] as const) {
      const res = await h.api<{ id: string }>(
        'POST',
        '/api/v1/cameras',
        { name, orgUnitId: '141130100', category: 1, sourceType: 'rtsp', host: '127.0.0.1', rtspPort: cam.port, mainStreamUri: uri, subStreamUri: uri, videoCodec: 'h265' },
        h.adminToken,
      );
      expect(res.status, res.text).toBe(201);
      ids.push(res.body.id);
    }
  });
  afterAll(async () => {
    await h?.close();
    await cam?.close();
  });

  const liveUrl = async (id: string, video?: 'original') => {
    const res = await h.api<{ url: string }>('GET', `/api/v1/cameras/${id}/live?profile=sub${video ? `&video=${video}` : ''}`, undefined, h.adminToken);
    expect(res.status, res.text).toBe(200);
    return res.body.url;
  };
  const streams = async () => (await h.api<{ items: StreamItem[] }>('GET', '/api/v1/streams', undefined, h.adminToken)).body.items;

  it('serves the H.265 stream untouched to a console that asks for the original codec (hvc1, parameter sets in hvcC)', async () => {
    const url = await liveUrl(ids[0]!, 'original');
    expect(new URL(url).searchParams.get('video')).toBe('original');
    const info = await waitForSegments(url, 1, 12_000);
    for (const u of [info.init!, ...info.segments]) expect(new URL(u).searchParams.get('video')).toBe('original');
    const file = await downloadMedia(info, 1);
    expect(await probeVideo(file)).toMatchObject({ codec: 'hevc', width: 960, height: 540 });
    const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_tag_string,extradata_size', '-of', 'json', file]);
    const stream = (JSON.parse(stdout) as { streams: Array<{ codec_tag_string: string; extradata_size: number }> }).streams[0]!;
    expect(stream.codec_tag_string).toBe('hvc1');
    expect(stream.extradata_size).toBeGreaterThan(23); // hvcC with VPS/SPS/PPS arrays, not an empty header
    const s = (await streams()).find((x) => x.cameraId === ids[0] && x.video === 'copy');
    // x265 Main, level 3.1 for 960x540: hvc1.1.6.L93 + constraint bytes (ISO/IEC 14496-15 Annex E).
    expect(s).toMatchObject({ state: 'live', encoder: null });
    expect(s!.codec).toMatch(/^hvc1\.1\.6\.L\d+(\.[0-9A-F]{1,2})*$/);
  });

  it('transcodes for an H.264-only console within the sub-stream caps, and refuses a second transcode with transcode-capacity', async () => {
    const url = await liveUrl(ids[0]!);
    expect(new URL(url).searchParams.get('video')).toBeNull();
    const info = await waitForSegments(url, 1, 12_000);
    expect(await probeVideo(await downloadMedia(info, 1))).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    const mine = (await streams()).filter((x) => x.cameraId === ids[0]);
    expect(mine.map((x) => [x.video, x.encoder]).sort()).toEqual([
      ['copy', null],
      ['transcode', 'libx264'],
    ]);

    // Camera B needs a transcode too, but the budget (1) is spent: a clear 503, no ffmpeg started for it.
    const refused = await fetch(await liveUrl(ids[1]!));
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: 'transcode-capacity', state: 'transcode-capacity' });
    expect((await streams()).some((x) => x.cameraId === ids[1])).toBe(false);
    // Its untouched stream still plays for an HEVC console.
    const b = await waitForSegments(await liveUrl(ids[1]!, 'original'), 1, 12_000);
    expect(b.init).toContain('video=original');
  });
});
