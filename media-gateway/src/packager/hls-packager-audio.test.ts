// Two-track fMP4 (H.264 + AAC, made by ffmpeg at test time, see testing/av-fixtures.ts): the init names both
// codecs, segments are cut on video keyframes with the audio inside, and the served bytes decode to the tone.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FragmentAssembler } from './fragment-assembler';
import { moofTrackIds, parseInit } from './fmp4-parser';
import { FFMPEG, FFPROBE, ffmpegAvailable, makeAvStream } from './testing/av-fixtures';
import type { SourceAudio } from './testing/av-fixtures';
import { box, fullBox, topLevelBoxes, u32 } from './testing/fmp4-fixtures';
import { harness, listedSegments } from './testing/packager-harness';

const title = ffmpegAvailable ? 'two-track fMP4 (video + audio)' : `two-track fMP4 (SKIPPED: ${FFMPEG} not found)`;

interface Probed {
  streams: { codec_type: string; codec_name: string; sample_rate?: string; channels?: number; nb_read_frames?: string; duration?: string }[];
}

describe.skipIf(!ffmpegAvailable)(title, () => {
  const dir = mkdtempSync(join(tmpdir(), 'packager-audio-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const streams = new Map<SourceAudio, Buffer>();
  const stream = (audio: SourceAudio): Buffer => {
    const made = streams.get(audio) ?? makeAvStream(audio);
    streams.set(audio, made);
    return made;
  };

  function write(name: string, parts: (Buffer | null)[]): string {
    expect(parts.every((p) => p !== null)).toBe(true);
    const file = join(dir, name);
    writeFileSync(file, Buffer.concat(parts as Buffer[]));
    return file;
  }

  const probe = (file: string): Probed =>
    JSON.parse(
      execFileSync(FFPROBE, ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_type,codec_name,sample_rate,channels,nb_read_frames,duration', '-of', 'json', file]).toString(),
    ) as Probed;

  /** Mean volume of the decoded audio in dB (a 1 kHz sine at ffmpeg's default amplitude is ≈ -21 dB; silence -91). */
  function meanVolume(file: string): number {
    const { stderr } = spawnSync(FFMPEG, ['-v', 'info', '-nostats', '-i', file, '-map', '0:a:0', '-af', 'volumedetect', '-f', 'null', '-'], { encoding: 'utf8' });
    return Number(/mean_volume: (-?[\d.]+) dB/.exec(stderr)?.[1] ?? NaN);
  }

  function packaged(audio: SourceAudio) {
    const h = harness();
    const boxes = topLevelBoxes(stream(audio));
    h.feed(boxes.filter((b) => b.type !== 'mfra').map((b) => b.bytes));
    return h.packager;
  }

  it.each([
    ['pcma', 8000],
    ['pcmu', 8000],
    ['aac', 16000],
  ] as const)('%s source: the init describes H.264 and an AAC-LC mono track at %i Hz', (audio, rate) => {
    const init = Buffer.concat(topLevelBoxes(stream(audio)).filter((b) => b.type === 'ftyp' || b.type === 'moov').map((b) => b.bytes));
    const info = parseInit(init);
    expect(info).toMatchObject({ trackId: 1, codec: expect.stringMatching(/^avc1\.4d40/) as unknown, width: 320, height: 180 });
    expect(info.audio).toEqual({ trackId: 2, timescale: rate, codec: 'mp4a.40.2', sampleEntry: 'mp4a', channels: 1, sampleRate: rate });
  });

  it('every fragment carries both tracks (moof with two trafs)', () => {
    const moofs = topLevelBoxes(stream('pcma')).filter((b) => b.type === 'moof');
    expect(moofs.length).toBeGreaterThanOrEqual(20);
    for (const m of moofs) expect(moofTrackIds(m.bytes)).toEqual([1, 2]);
  });

  it('cuts 1 s segments on video keyframes and names both codecs', () => {
    const p = packaged('pcma');
    expect(listedSegments(p.renderPlaylist() ?? '')).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
    expect(p.stats()).toMatchObject({ fps: 25, audioCodec: 'mp4a.40.2', codecs: expect.stringMatching(/^avc1\.4d40[0-9a-f]{2},mp4a\.40\.2$/) as unknown });
  });

  it.each(['pcma', 'aac'] as const)('%s: served init + segments decode to 2 s of video and 2 s of the tone', (audio) => {
    const p = packaged(audio);
    const file = write(`${audio}-segments.mp4`, [p.getResource('init.mp4'), p.getSegment(1), p.getSegment(2)]);
    const probed = probe(file).streams;
    expect(probed.map((s) => [s.codec_type, s.codec_name])).toEqual([
      ['video', 'h264'],
      ['audio', 'aac'],
    ]);
    expect(probed[0]?.nb_read_frames).toBe('50');
    // Per-track timing: 2 s of audio beside 2 s of video (AAC frames are 1024 samples: within one frame).
    const seconds = Number(probed[1]?.nb_read_frames) * (1024 / Number(probed[1]?.sample_rate));
    expect(Math.abs(seconds - 2)).toBeLessThan(0.15);
    expect(meanVolume(file)).toBeGreaterThan(-30);
  });

  it('the parts of one segment carry its audio too', () => {
    const p = packaged('pcmu');
    const parts = [0, 1, 2, 3, 4].map((i) => p.getPart(1, i));
    const file = write('pcmu-parts.mp4', [p.getResource('init.mp4'), ...parts]);
    const probed = probe(file).streams;
    expect(probed[0]).toMatchObject({ codec_name: 'h264', nb_read_frames: '25' });
    expect(Number(probed[1]?.nb_read_frames)).toBeGreaterThanOrEqual(7); // 1 s at 8 kHz = 7.8 AAC frames
    expect(meanVolume(file)).toBeGreaterThan(-30);
  });

  it('an audio-only moof+mdat rides in front of the next video fragment (no error, video timing untouched)', () => {
    const boxes = topLevelBoxes(stream('pcma')).filter((b) => b.type !== 'mfra');
    const audioOnly = [
      box('moof', fullBox('mfhd', 0, 0, u32(99)), box('traf', fullBox('tfhd', 0, 0x20000, u32(2)), fullBox('tfdt', 0, 0, u32(512)), fullBox('trun', 0, 0, u32(1)))),
      box('mdat', Buffer.alloc(6, 0x21)),
    ];
    const firstMoof = boxes.findIndex((b) => b.type === 'moof');
    const withGap = [...boxes.slice(0, firstMoof + 2), ...audioOnly.map((bytes) => ({ type: bytes.toString('latin1', 4, 8), bytes })), ...boxes.slice(firstMoof + 2)];
    const run = (list: { type: string; bytes: Buffer }[]) => {
      const a = new FragmentAssembler();
      return list.flatMap((b) => a.push({ type: b.type, size: b.bytes.length, headerSize: 8, bytes: b.bytes })).flatMap((i) => (i.kind === 'fragment' ? [i.fragment] : []));
    };
    const plain = run(boxes);
    const carried = run(withGap);
    expect(carried.map((f) => [f.startTicks, f.durationTicks])).toEqual(plain.map((f) => [f.startTicks, f.durationTicks]));
    expect(carried[1]?.bytes).toEqual(Buffer.concat([...audioOnly, plain[1]!.bytes]));
  });
});
