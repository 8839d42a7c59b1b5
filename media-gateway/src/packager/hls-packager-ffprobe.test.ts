// Proves the bytes we serve decode: init + segments (and init + parts) written to a file and read by the real
// ffprobe, counting every frame. Skipped, with a message, only where ffprobe is not installed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitFixture } from './testing/fmp4-fixtures';
import { harness } from './testing/packager-harness';

const FFPROBE = '/usr/bin/ffprobe';
const available = existsSync(FFPROBE);
const title = available ? 'served bytes decode with ffprobe' : `served bytes decode with ffprobe (SKIPPED: ${FFPROBE} not found)`;

interface ProbedStream {
  codec_name: string;
  width: number;
  height: number;
  nb_read_frames: string;
}

describe.skipIf(!available)(title, () => {
  const dir = mkdtempSync(join(tmpdir(), 'packager-ffprobe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function probe(name: string, parts: (Buffer | null)[]): ProbedStream {
    expect(parts.every((p) => p !== null)).toBe(true);
    const file = join(dir, name);
    writeFileSync(file, Buffer.concat(parts as Buffer[]));
    const out = execFileSync(FFPROBE, ['-v', 'error', '-count_frames', '-show_entries', 'stream=nb_read_frames,codec_name,width,height', '-of', 'json', file]);
    const streams = (JSON.parse(out.toString()) as { streams: ProbedStream[] }).streams;
    expect(streams).toHaveLength(1);
    return streams[0] as ProbedStream;
  }

  const first = splitFixture('gop1s.mp4');
  const second = splitFixture('gop1s-256x144.mp4');
  const h = harness();
  h.feed([first.init, ...first.fragments]);
  h.packager.discontinuity();
  h.feed([second.init, ...second.fragments]);
  const p = h.packager;

  it('init + two consecutive segments: 50 frames of 320x180 H.264', () => {
    const s = probe('two-segments.mp4', [p.getResource('init.mp4'), p.getSegment(1), p.getSegment(2)]);
    expect(s).toMatchObject({ codec_name: 'h264', width: 320, height: 180, nb_read_frames: '50' });
  });

  it('init + the parts of one segment: 25 frames', () => {
    const parts = [0, 1, 2, 3, 4].map((i) => p.getPart(2, i));
    const s = probe('parts.mp4', [p.getResource('init.mp4'), ...parts]);
    expect(s).toMatchObject({ codec_name: 'h264', nb_read_frames: '25' });
  });

  it('the segment after a discontinuity decodes with its own init: 256x144', () => {
    const s = probe('after-restart.mp4', [p.getResource('init-1.mp4'), p.getResource('seg/4.m4s')]);
    expect(s).toMatchObject({ codec_name: 'h264', width: 256, height: 144, nb_read_frames: '25' });
  });
});
