import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { simCameraColour } from '../camera-identity';
import { rgbToYcbcr, solidJpeg } from './solid-jpeg';

function decode(jpeg: Buffer): { width: number; height: number; pixel: number[] } {
  const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', 'pipe:0'], { input: jpeg });
  const [width, height] = probe.stdout.toString().trim().split(',').map(Number);
  const raw = spawnSync('ffmpeg', ['-v', 'error', '-i', 'pipe:0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { input: jpeg });
  if (raw.status !== 0) throw new Error(raw.stderr.toString());
  const mid = ((Math.floor(height! / 2) * width!) + Math.floor(width! / 2)) * 3;
  return { width: width!, height: height!, pixel: [raw.stdout[mid]!, raw.stdout[mid + 1]!, raw.stdout[mid + 2]!] };
}

describe('solid-colour JPEG', () => {
  it('decodes (ffmpeg) to the requested size and colour', () => {
    for (const i of [1, 2, 3, 17, 880]) {
      const c = simCameraColour(i);
      const d = decode(solidJpeg(c));
      expect([d.width, d.height]).toEqual([320, 180]);
      const err = Math.max(...d.pixel.map((v, k) => Math.abs(v - [c.r, c.g, c.b][k]!)));
      expect(err, `camera ${i}`).toBeLessThanOrEqual(3);
    }
  });

  it('handles sizes that are not multiples of 8 and extreme colours', () => {
    for (const c of [{ r: 0, g: 0, b: 0 }, { r: 255, g: 255, b: 255 }, { r: 255, g: 0, b: 0 }]) {
      const d = decode(solidJpeg(c, 61, 35));
      expect([d.width, d.height]).toEqual([61, 35]);
      expect(Math.max(...d.pixel.map((v, k) => Math.abs(v - [c.r, c.g, c.b][k]!)))).toBeLessThanOrEqual(3);
    }
  });

  it('is small and starts/ends with SOI/EOI', () => {
    const j = solidJpeg({ r: 10, g: 20, b: 30 });
    expect(j.length).toBeLessThan(4096);
    expect([...j.subarray(0, 2), ...j.subarray(-2)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    expect(rgbToYcbcr({ r: 255, g: 255, b: 255 })).toEqual([255, 128, 128]);
  });
});
