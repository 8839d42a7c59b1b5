import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UNIFORM_PROFILE } from './camera-profile';
import { buildEncodeArgs, clipRecipe } from './clip-cache';
import { blockRect, decodeFrameIndex, patternBits } from './frame-index-pattern';

/** An RGBA picture of one colour with the pattern of `index` painted exactly. */
function paint(index: number, width: number, height: number, bits = patternBits(index)): Uint8ClampedArray {
  const px = new Uint8ClampedArray(width * height * 4).fill(90);
  bits.forEach((bit, i) => {
    const r = blockRect(i, width, height);
    for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) px.fill(bit ? 235 : 16, (y * width + x) * 4, (y * width + x) * 4 + 3);
  });
  return px;
}

describe('frame index pattern', () => {
  it('round-trips every index at both stream sizes and rejects what is not a pattern', () => {
    for (let i = 0; i < 100; i++) expect(decodeFrameIndex(paint(i, 640, 360), 640, 360)).toBe(i);
    expect(decodeFrameIndex(paint(77, 1280, 720), 1280, 720)).toBe(77);
    const plain = new Uint8ClampedArray(640 * 360 * 4).fill(128);
    expect(decodeFrameIndex(plain, 640, 360)).toBeNull();
    const flipped = patternBits(42);
    flipped[9] = flipped[9] ? 0 : 1; // one index bit wrong: the checksum catches it
    expect(decodeFrameIndex(paint(42, 640, 360, flipped), 640, 360)).toBeNull();
  });

  it('keeps the pattern out of the central 50 % of the picture', () => {
    for (let i = 0; i < 16; i++) expect(blockRect(i, 640, 360).y1).toBeLessThanOrEqual(90);
    expect(blockRect(0, 640, 360)).toEqual({ x0: 368, x1: 384, y0: 16, y1: 32 });
  });

  describe('on frames encoded by ffmpeg and decoded back to RGB', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-pattern-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const decodeFrames = (file: string, frames: number[], size: string): Buffer[] => {
      const select = frames.map((n) => `eq(n\\,${n})`).join('+');
      const r = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-vf', `select='${select}',scale=${size}`, '-vsync', '0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], {
        maxBuffer: 64 << 20,
      });
      expect(r.status, r.stderr?.toString()).toBe(0);
      const [w, h] = size.split('x').map(Number) as [number, number];
      return frames.map((_, k) => r.stdout.subarray(k * w * h * 3, (k + 1) * w * h * 3));
    };

    it('reads the index of a sub-stream frame and of a B-frame main stream scaled to 640x360', () => {
      const sub = clipRecipe(3, 'sub', null, UNIFORM_PROFILE);
      const main = clipRecipe(3, 'main', null, { ...UNIFORM_PROFILE, gopSec: 2, bFrames: true });
      for (const [recipe, name] of [[sub, 'sub.h264'], [main, 'main.h264']] as const) {
        const enc = spawnSync('ffmpeg', buildEncodeArgs(recipe, name), { cwd: dir });
        expect(enc.status, enc.stderr?.toString()).toBe(0);
      }
      const want = [0, 1, 2, 37, 99];
      const got = (file: string, size: string): Array<number | null> =>
        decodeFrames(join(dir, file), want, size).map((px) => decodeFrameIndex(px, Number(size.split('x')[0]), Number(size.split('x')[1]), 3));
      expect(got('sub.h264', '640x360')).toEqual(want);
      expect(got('main.h264', '640x360')).toEqual(want);
      expect(got('main.h264', '1280x720')).toEqual(want);
    });
  });
});
