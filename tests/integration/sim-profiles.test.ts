/**
 * Camera profiles seen by a third-party client (ffprobe/ffmpeg): codec, B-frames, GOP from keyframe times, the audio
 * track, UDP-only transport, a silent camera and a timestamp jump. Clips come from the default (persistent) clip cache,
 * prewarmed before the tests, so a warm run takes seconds; the probes run in parallel.
 */
import { run, type RunResult } from '../helpers/proc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrameIndex, startFleet, withCredentials, type CameraProfile, type Fleet, type SimCamera } from '../../scripts/sim/index';

interface Probe {
  streams: Array<{ index: number; codec_type: string; codec_name: string; has_b_frames?: number; sample_rate?: string }>;
  packets: Array<{ stream_index: number; pts_time?: string; flags: string }>;
}

/**
 * ffprobe of part of a stream (`length`: seconds of media time, or `#N` packets, which a timestamp jump cannot cut
 * short): its streams and every packet's pts and flags.
 */
async function probe(url: string, transport: 'tcp' | 'udp', length: number | `#${number}`): Promise<RunResult & { json?: Probe }> {
  const r = await run('ffprobe', [
    '-v', 'error', '-rtsp_transport', transport, '-read_intervals', `%+${length}`,
    '-show_entries', 'stream=index,codec_type,codec_name,has_b_frames,sample_rate:packet=stream_index,pts_time,flags',
    '-of', 'json', url,
  ], 25_000);
  return r.code === 0 ? { ...r, json: JSON.parse(r.stdout.toString()) as Probe } : r;
}

const videoOf = (p: Probe): Probe['streams'][number] | undefined => p.streams.find((s) => s.codec_type === 'video');
const audioOf = (p: Probe): Probe['streams'][number] | undefined => p.streams.find((s) => s.codec_type === 'audio');

/** Presentation times (s) of the video packets, and of the keyframes among them. */
function videoTimes(p: Probe): { all: number[]; keys: number[] } {
  const v = videoOf(p);
  const pk = p.packets.filter((x) => x.stream_index === v?.index && x.pts_time !== undefined && x.pts_time !== 'N/A');
  return { all: pk.map((x) => Number(x.pts_time)), keys: pk.filter((x) => x.flags.startsWith('K')).map((x) => Number(x.pts_time)) };
}

const gaps = (xs: number[]): number[] => xs.slice(1).map((x, i) => x - (xs[i] ?? 0));

const PROFILES: Record<number, Partial<CameraProfile>> = {
  1: { mainCodec: 'h265', bFrames: true, gopSec: 2, audio: 'aac' },
  2: { gopSec: 4, audio: 'pcma', transport: 'udp-only' },
  3: { behaviour: 'silent', transport: 'tcp-and-udp' },
  4: { behaviour: 'ts-jump', audio: 'pcmu' },
};

describe('simulated camera profiles, as ffprobe sees them', () => {
  let fleet: Fleet;
  const cam = (i: number): SimCamera => fleet.cameras[i - 1]!;
  const url = (i: number, stream: 'main' | 'sub'): string => withCredentials(stream === 'main' ? cam(i).mainUrl : cam(i).subUrl, cam(i).username, cam(i).password);

  beforeAll(async () => {
    fleet = await startFleet({ cameras: 4, port: 0, controlPort: null, mix: 'uniform', profiles: PROFILES, prewarm: [1, 2, 4] });
    await fleet.prewarmDone;
  });
  afterAll(async () => {
    await fleet?.close();
  });

  /** Each camera's playing sessions' send schedules, once cameras 1 and 2 both have one (the probes below start them). */
  const playingTimings = async (): Promise<Array<ReturnType<Fleet['cameraStats']>['timing']>> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const t = [1, 2].map((i) => fleet.cameraStats(i).timing.filter((x) => x.playing && x.startedAt !== null));
      if (t.every((x) => x.length > 0) || Date.now() > deadline) return t;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('serves each profile as a real camera would', async () => {
    const started = Date.now();
    const [h265, udpOnly, udpRefusedTcp, silent, jump, frame, timings] = await Promise.all([
      probe(url(1, 'main'), 'tcp', 5),
      probe(url(2, 'sub'), 'udp', 9),
      probe(url(2, 'sub'), 'tcp', 1),
      run('ffprobe', ['-v', 'error', '-timeout', '2000000', '-rtsp_transport', 'tcp', url(3, 'sub')], 25_000),
      probe(url(4, 'sub'), 'tcp', '#450'), // 25 video + 50 audio packets a second: 6 s
      run('ffmpeg', ['-v', 'error', '-rtsp_transport', 'tcp', '-i', url(1, 'main'), '-vf', 'scale=640:360', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], 25_000),
      playingTimings(),
    ]);

    // the send schedule a glass-to-glass benchmark reads: B-frame main stream over TCP, plain sub stream over UDP
    const [s1, s2] = timings;
    for (const t of [...s1!, ...s2!]) {
      expect(t).toMatchObject({ fps: 25, clipFrames: 100 });
      expect(t.startedAt).toBeGreaterThanOrEqual(started);
      expect(t.startedAt).toBeLessThanOrEqual(Date.now());
    }
    expect(s1!.find((t) => t.stream === 'main')).toMatchObject({ transport: 'tcp' });
    expect(s1!.find((t) => t.stream === 'main')?.sendOrder).toHaveLength(100);
    expect(s2![0]).toMatchObject({ stream: 'sub', transport: 'udp', sendOrder: null });

    // H.265 main stream with B-frames, 2 s GOP, AAC audio
    expect(h265.code, h265.stderr).toBe(0);
    const p1 = h265.json!;
    expect(videoOf(p1)).toMatchObject({ codec_name: 'hevc' });
    expect(videoOf(p1)?.has_b_frames).toBeGreaterThanOrEqual(1);
    expect(audioOf(p1)).toMatchObject({ codec_name: 'aac', sample_rate: '16000' });
    const t1 = videoTimes(p1);
    expect(t1.keys.length).toBeGreaterThanOrEqual(2);
    for (const g of gaps(t1.keys)) expect(g).toBeCloseTo(2, 1);
    expect(gaps(t1.all).some((g) => g < 0)).toBe(true); // presentation times go back in decode order: B-frames

    // the frame index pattern survives H.265, B-frames and scaling
    expect(frame.code, frame.stderr).toBe(0);
    expect(frame.stdout.length).toBe(640 * 360 * 3);
    const index = decodeFrameIndex(frame.stdout, 640, 360, 3);
    expect(index).not.toBeNull();
    expect(index).toBeLessThan(100);

    // UDP-only camera: plays over UDP (H.264 sub, 4 s GOP, A-law), refuses TCP with 461
    expect(udpOnly.code, udpOnly.stderr).toBe(0);
    const p2 = udpOnly.json!;
    expect(videoOf(p2)).toMatchObject({ codec_name: 'h264', has_b_frames: 0 });
    expect(audioOf(p2)).toMatchObject({ codec_name: 'pcm_alaw', sample_rate: '8000' });
    const t2 = videoTimes(p2);
    expect(t2.keys.length).toBeGreaterThanOrEqual(2);
    for (const g of gaps(t2.keys)) expect(g).toBeCloseTo(4, 1);
    expect(udpRefusedTcp.code).not.toBe(0);
    expect(udpRefusedTcp.stderr).toMatch(/461/);

    // silent camera: the client's own timeout is all it gets
    expect(silent.code).not.toBe(0);
    expect(silent.ms).toBeGreaterThan(1500);

    // ts-jump camera: µ-law audio, and the video clock leaps ~10 s once per 4 s loop
    expect(jump.code, jump.stderr).toBe(0);
    expect(audioOf(jump.json!)).toMatchObject({ codec_name: 'pcm_mulaw' });
    const leaps = gaps(videoTimes(jump.json!).all).filter((g) => g > 5);
    expect(leaps.length).toBeGreaterThanOrEqual(1);
    for (const g of leaps) expect(g).toBeCloseTo(10.04, 1);
  });
});
