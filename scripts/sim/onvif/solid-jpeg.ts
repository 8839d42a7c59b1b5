/**
 * A baseline JPEG of one solid colour, written by hand: every 8x8 block of a flat picture has only a DC
 * coefficient, so the file needs one quantisation table of ones, a DC Huffman table with 12 four-bit codes (one per
 * magnitude category) and an AC table holding only end-of-block. No ffmpeg, no dependency, a few hundred bytes.
 */
import type { Rgb } from '../camera-identity';

class BitWriter {
  private readonly bytes: number[] = [];
  private acc = 0;
  private n = 0;

  write(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0x00); // byte stuffing
    this.acc = 0;
    this.n = 0;
  }

  finish(): number[] {
    while (this.n !== 0) this.write(1, 1); // pad with ones
    return this.bytes;
  }
}

const clamp = (v: number): number => Math.max(0, Math.min(255, Math.round(v)));

/** JFIF full-range YCbCr. */
export function rgbToYcbcr(c: Rgb): [number, number, number] {
  return [
    clamp(0.299 * c.r + 0.587 * c.g + 0.114 * c.b),
    clamp(128 - 0.168736 * c.r - 0.331264 * c.g + 0.5 * c.b),
    clamp(128 + 0.5 * c.r - 0.418688 * c.g - 0.081312 * c.b),
  ];
}

const u16 = (v: number): number[] => [(v >> 8) & 255, v & 255];
const segment = (marker: number, payload: number[]): number[] => [0xff, marker, ...u16(payload.length + 2), ...payload];

export function solidJpeg(colour: Rgb, width = 320, height = 180): Buffer {
  const comps = rgbToYcbcr(colour);
  const out: number[] = [0xff, 0xd8];
  out.push(...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])); // JFIF 1.1
  out.push(...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)])); // table 0: all ones
  out.push(...segment(0xc0, [8, ...u16(height), ...u16(width), 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]));
  const dcBits = [0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const acBits = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  out.push(...segment(0xc4, [0x00, ...dcBits, ...Array.from({ length: 12 }, (_, i) => i), 0x10, ...acBits, 0x00]));
  out.push(...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]));

  const bw = new BitWriter();
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const dc = comps.map((v) => 8 * (v - 128)); // DC of a flat 8x8 block after level shift
  for (let b = 0; b < blocks; b++) {
    for (let c = 0; c < 3; c++) {
      const diff = b === 0 ? dc[c]! : 0;
      const size = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      bw.write(size, 4); // DC code for category `size` is `size` itself (12 canonical 4-bit codes)
      if (size > 0) bw.write(diff > 0 ? diff : diff + (1 << size) - 1, size);
      bw.write(0, 1); // EOB
    }
  }
  out.push(...bw.finish(), 0xff, 0xd9);
  return Buffer.from(out);
}
