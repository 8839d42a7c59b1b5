/**
 * A pushed camera in-process: real elementary streams (H.264 and H.265 with B-frames, AAC) wrapped as an RTMP
 * publisher sends them (FLV tag bodies: sequence headers, length-prefixed NAL units with composition times), through
 * RtmpPushIngest into the packager's bytes, decoded back by ffprobe.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAvcC } from '../fmp4-mux/avcc';
import { buildHvcC } from '../fmp4-mux/hvcc';
import { parseH264Sps, parseH265Sps } from '../fmp4-mux';
import { loadAac, loadVideo } from '../fmp4-mux/testing/es-fixtures';
import { HlsPackager } from '../packager/hls-packager';
import type { IngestExit } from '../ingest/ingest-run';
import { FLV_AUDIO, FLV_VIDEO } from './flv-demux';
import { RtmpPushIngest, type PushSource } from './rtmp-push-ingest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'rtmp-push-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Tag = [type: number, ms: number, data: Buffer];

const nalType = (codec: 'h264' | 'h265', n: Uint8Array): number => (codec === 'h264' ? (n[0] ?? 0) & 0x1f : ((n[0] ?? 0) >> 1) & 0x3f);
const lengthPrefixed = (nalus: Uint8Array[]): Buffer => Buffer.concat(nalus.flatMap((n) => [Buffer.from([n.length >>> 24, (n.length >> 16) & 255, (n.length >> 8) & 255, n.length & 255]), Buffer.from(n)]));
const cts24 = (ms: number): Buffer => Buffer.from([(ms >> 16) & 255, (ms >> 8) & 255, ms & 255]);

/** A fixture clip as FLV tags: codec id 7 (H.264) or 12 (H.265, the Chinese extension), with AAC interleaved. */
function publisherTags(codec: 'h264' | 'h265', withAudio: boolean): Tag[] {
  const aus = loadVideo(codec === 'h264' ? 'h264-bframes.h264' : 'h265-bframes.h265', codec);
  const sets = aus[0]!.au.nalus;
  let config: Buffer;
  if (codec === 'h264') {
    const sps = sets.filter((n) => nalType('h264', n) === 7);
    config = buildAvcC(parseH264Sps(sps[0]!), sps, sets.filter((n) => nalType('h264', n) === 8));
  } else {
    const sps = sets.filter((n) => nalType('h265', n) === 33);
    config = buildHvcC(parseH265Sps(sps[0]!), { vps: sets.filter((n) => nalType('h265', n) === 32), sps, pps: sets.filter((n) => nalType('h265', n) === 34) });
  }
  const id = codec === 'h264' ? 7 : 12;
  const tags: Tag[] = [[FLV_VIDEO, 0, Buffer.concat([Buffer.from([0x10 | id, 0]), cts24(0), config])]];
  const aac = withAudio ? loadAac('aac-16k-mono.aac') : null;
  if (aac) tags.push([FLV_AUDIO, 0, Buffer.concat([Buffer.from([0xaf, 0]), Buffer.from(aac.asc)])]);
  const frames = aac?.frames ?? [];
  let a = 0;
  for (const { au, dts90k } of aus) {
    const ms = Math.round(dts90k / 90);
    while (a < frames.length && (frames[a]!.ptsClock * 1000) / frames[a]!.clockRate <= ms) {
      const f = frames[a++]!;
      tags.push([FLV_AUDIO, Math.round((f.ptsClock * 1000) / f.clockRate), Buffer.concat([Buffer.from([0xaf, 1]), Buffer.from(f.data)])]);
    }
    const slices = au.nalus.filter((n) => (codec === 'h264' ? ![7, 8, 9].includes(nalType('h264', n)) : ![32, 33, 34, 35].includes(nalType('h265', n))));
    tags.push([FLV_VIDEO, ms, Buffer.concat([Buffer.from([(au.key ? 0x10 : 0x20) | id, 1]), cts24(Math.round((au.pts90k - dts90k) / 90)), lengthPrefixed(slices)])]);
  }
  return tags;
}

/** A publisher that sends its tags when subscribed, then ends its stream (or stays on with `keepOpen`). */
function source(tags: Tag[], keepOpen = false): PushSource {
  return {
    subscribe(_cameraId, onTag, onEnd) {
      queueMicrotask(() => {
        for (const [type, ms, data] of tags) onTag(type, ms, data);
        if (!keepOpen) onEnd();
      });
      return () => undefined;
    },
  };
}

function play(src: PushSource, audio: 'copy' | 'none'): Promise<{ bytes: Buffer; exit: IngestExit; packager: HlsPackager }> {
  const packager = new HlsPackager({ targetSegmentSec: 1, partTargetSec: 0.2, lowLatency: true });
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    new RtmpPushIngest({
      cameraId: 'cam1',
      source: src,
      audio,
      ioTimeoutSec: 5,
      fragmentMs: 200,
      onData: (c) => {
        chunks.push(c);
        packager.push(c);
      },
      onExit: (exit) => resolve({ bytes: Buffer.concat(chunks), exit, packager }),
    });
  });
}

async function probe(bytes: Buffer, name: string): Promise<{ codecs: string[]; videoFrames: number[]; audioFrames: number }> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_streams', '-show_frames', '-show_entries', 'stream=codec_name:frame=media_type,pts', '-of', 'json', file]);
  const j = JSON.parse(stdout) as { streams: Array<{ codec_name: string }>; frames: Array<{ media_type: string; pts: number }> };
  return { codecs: j.streams.map((s) => s.codec_name), videoFrames: j.frames.filter((f) => f.media_type === 'video').map((f) => f.pts), audioFrames: j.frames.filter((f) => f.media_type === 'audio').length };
}

describe('RtmpPushIngest', () => {
  it('H.264 with B-frames and AAC: every picture decodes in presentation order, audio beside it', async () => {
    const tags = publisherTags('h264', true);
    const { bytes, exit, packager } = await play(source(tags), 'copy');
    // The publisher went away: a fault of the camera's stream, the pipeline reconnects.
    expect(exit).toMatchObject({ requested: false, failure: 'exited' });
    expect(packager.stats().codecs).toMatch(/^avc1\.[0-9a-f]{6},mp4a\.40\.2$/);
    const p = await probe(bytes, 'h264.mp4');
    expect(p.codecs).toEqual(['h264', 'aac']);
    const videoTags = tags.filter(([type, , data]) => type === FLV_VIDEO && data[1] === 1).length;
    expect(p.videoFrames).toHaveLength(videoTags);
    expect(p.videoFrames.every((pts, i) => i === 0 || pts > p.videoFrames[i - 1]!)).toBe(true);
    expect(p.audioFrames).toBeGreaterThan(10);
  });

  it('H.265 as codec id 12 (how Chinese cameras push it): hvc1 with its parameter sets, every picture decodes', async () => {
    const tags = publisherTags('h265', false);
    const { bytes } = await play(source(tags), 'copy');
    const p = await probe(bytes, 'h265.mp4');
    expect(p.codecs).toEqual(['hevc']);
    expect(p.videoFrames).toHaveLength(tags.filter(([type, , data]) => type === FLV_VIDEO && data[1] === 1).length);
  });

  it('a G.711 publisher is handed to ffmpeg (needsFfmpeg), with nothing written', async () => {
    const tags = publisherTags('h264', false);
    tags.splice(1, 0, [FLV_AUDIO, 0, Buffer.from([0x72, 0xd5, 0xd5])]); // A-law, 8 kHz mono
    const { bytes, exit } = await play(source(tags, true), 'copy');
    expect(exit).toMatchObject({ requested: false, needsFfmpeg: 'audio-transcode' });
    expect(bytes.length).toBe(0);
  });

  it('a camera that is not publishing ends the run at once', async () => {
    const { exit } = await play({ subscribe: () => null }, 'copy');
    expect(exit).toMatchObject({ requested: false, failure: 'exited', detail: 'the camera is not publishing' });
  });
});
