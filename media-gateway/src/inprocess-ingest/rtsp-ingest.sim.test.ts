/**
 * The in-process ingest end to end on loopback against the simulator: RTSP → access units → decode times → fMP4 →
 * the HLS packager, checked by ffprobe decoding what the packager would serve (every frame decoded, timestamps in
 * order, the right codec), for the camera shapes real counties have: H.264 without B-frames, H.264 main with B-frames
 * and AAC, H.265, timestamp jumps, and G.711 (which needs ffmpeg).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet, type SimCamera } from '../../../scripts/sim/index';
import { HlsPackager } from '../packager/hls-packager';
import type { IngestExit } from '../ingest/ingest-run';
import { RtspIngest } from './rtsp-ingest';

const run = promisify(execFile);
let fleet: Fleet;
let dir: string;
let h264: Played, bframes: Played, h265: Played, g711: Played, wrongPassword: Played;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rtsp-ingest-'));
  fleet = await startFleet({
    cameras: 4,
    port: 0,
    controlPort: null,
    prewarm: true,
    profiles: {
      1: { gopSec: 1 },
      2: { gopSec: 1, bFrames: true, audio: 'aac', transport: 'udp-only' },
      3: { gopSec: 1, mainCodec: 'h265', behaviour: 'ts-jump' },
      4: { gopSec: 1, audio: 'pcmu' },
    },
  });
  await fleet.prewarmDone;
  // The cameras play at once (each test checks one result): the file takes as long as the longest run.
  const c = (i: number): SimCamera => fleet.cameras[i - 1] as SimCamera;
  [h264, bframes, h265, g711, wrongPassword] = await Promise.all([
    play(c(1).subUrl, c(1), { transport: 'tcp', audio: 'copy', segments: 2 }),
    play(c(2).mainUrl, c(2), { transport: 'udp', audio: 'copy', segments: 2 }),
    // 5 s: past a clip loop (4 s), where this camera's RTP clock steps 10 s forward.
    play(c(3).mainUrl, c(3), { transport: 'tcp', audio: 'none', segments: 5 }),
    play(c(4).subUrl, c(4), { transport: 'tcp', audio: 'copy', segments: 1 }),
    play(c(1).subUrl, { ...c(1), password: 'wrong-secret' } as SimCamera, { transport: 'tcp', audio: 'none', segments: 1 }),
  ]);
}, 60_000);
afterAll(async () => {
  await fleet?.close();
  rmSync(dir, { recursive: true, force: true });
});


interface Played {
  bytes: Buffer;
  packager: HlsPackager;
  exit: IngestExit | null;
}

/** Runs an ingest into a packager until `segments` complete segments (or an exit), then stops it. */
async function play(url: string, c: SimCamera, opts: { transport: 'tcp' | 'udp'; audio: 'copy' | 'none'; segments: number }): Promise<Played> {
  const packager = new HlsPackager({ targetSegmentSec: 1, partTargetSec: 0.2, lowLatency: true });
  const chunks: Buffer[] = [];
  let exit: IngestExit | null = null;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const ingest = new RtspIngest({
    url,
    credentials: { username: c.username, password: c.password },
    transport: opts.transport,
    audio: opts.audio,
    ioTimeoutSec: 5,
    fragmentMs: 200,
    userAgent: 'test',
    secrets: [c.password],
    onData: (chunk) => {
      chunks.push(chunk);
      packager.push(chunk);
      if (packager.stats().segments >= opts.segments) done();
    },
    onExit: (e) => {
      exit = e;
      done();
    },
  });
  await finished;
  const before = exit;
  await ingest.stop();
  return { bytes: Buffer.concat(chunks), packager, exit: before };
}

async function probe(bytes: Buffer, name: string): Promise<{ codecs: string[]; frames: Array<{ pts: number; key: boolean }>; audioPackets: number; sampleRate: number }> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_streams', '-show_frames', '-show_entries', 'stream=codec_name,sample_rate:frame=media_type,pts,key_frame', '-of', 'json', file]);
  const j = JSON.parse(stdout) as { streams: Array<{ codec_name: string; sample_rate?: string }>; frames: Array<{ media_type: string; pts: number; key_frame: number }> };
  const video = j.frames.filter((f) => f.media_type === 'video');
  return { codecs: j.streams.map((s) => s.codec_name), frames: video.map((f) => ({ pts: f.pts, key: f.key_frame === 1 })), audioPackets: j.frames.filter((f) => f.media_type === 'audio').length, sampleRate: Number(j.streams.find((x) => x.sample_rate)?.sample_rate ?? 0) };
}

function expectDecodedInOrder(frames: Array<{ pts: number; key: boolean }>, atLeast: number): void {
  expect(frames.length).toBeGreaterThanOrEqual(atLeast);
  expect(frames[0]!.key).toBe(true);
  // Presentation order after decoding: strictly increasing, one frame interval (25 fps → 3600 ticks) apart. The
  // capture is cut mid-stream: with B-frames its last reference picture comes without the two B-frames after it.
  const pts = frames.map((f) => f.pts).slice(0, -1);
  const steps = new Set(pts.slice(1).map((p, i) => p - pts[i]!));
  expect([...steps]).toEqual([3600]);
}

describe('RtspIngest against the simulator', () => {
  it('H.264 sub stream over TCP: init + fragments the packager cuts into 1 s segments, every frame decodes', async () => {
    const { bytes, packager, exit } = h264;
    expect(exit).toBeNull();
    expect(packager.stats()).toMatchObject({ codec: expect.stringMatching(/^avc1\./) as unknown });
    const p = await probe(bytes, 'h264.mp4');
    expect(p.codecs).toEqual(['h264']);
    expectDecodedInOrder(p.frames, 50);
  });

  it('H.264 main with B-frames and AAC over UDP: decode times derived, audio muxed beside the video', async () => {
    const { bytes, exit } = bframes;
    expect(exit).toBeNull();
    const p = await probe(bytes, 'bframes.mp4');
    expect(p.codecs).toEqual(['h264', 'aac']);
    expectDecodedInOrder(p.frames, 50);
    // The audio covers the video's time, to within the audio held for the next fragment (AAC: 1024 samples a frame).
    const audioSec = (p.audioPackets * 1024) / p.sampleRate;
    expect(Math.abs(audioSec - p.frames.length / 25)).toBeLessThan(0.4);
  });

  it('H.265 main with a timestamp jump per loop: one continuous timeline, every frame decodes', async () => {
    const { bytes, exit } = h265;
    expect(exit).toBeNull();
    const p = await probe(bytes, 'h265.mp4');
    expect(p.codecs).toEqual(['hevc']);
    expectDecodedInOrder(p.frames, 125);
  });

  it('a G.711 camera ends the run before any data with needsFfmpeg (audio-transcode), not as a camera failure', async () => {
    const { bytes, exit } = g711;
    expect(bytes.length).toBe(0);
    expect(exit).toMatchObject({ requested: false, needsFfmpeg: 'audio-transcode' });
  });

  it('a wrong password is auth-failed, with the password in no detail', async () => {
    const { exit } = wrongPassword;
    expect(exit).toMatchObject({ requested: false, failure: 'auth-failed' });
    expect(JSON.stringify(exit)).not.toContain('wrong-secret');
  });
});
