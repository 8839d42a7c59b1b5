import { describe, expect, it } from 'vitest';
import { Mp4BoxError, Mp4BoxReader } from './mp4-box-reader';
import type { Mp4Box } from './mp4-box-reader';
import { box, readFixture, seededRandom, u64 } from './testing/fmp4-fixtures';

const summary = (boxes: Mp4Box[]): { type: string; size: number; headerSize: number; hex: string }[] =>
  boxes.map((b) => ({ type: b.type, size: b.size, headerSize: b.headerSize, hex: b.bytes.toString('hex') }));

function readInChunks(data: Buffer, nextSize: () => number): Mp4Box[] {
  const reader = new Mp4BoxReader();
  const out: Mp4Box[] = [];
  for (let at = 0; at < data.length; ) {
    const n = Math.max(1, nextSize());
    out.push(...reader.push(data.subarray(at, at + n)));
    at += n;
  }
  reader.end();
  return out;
}

/** A box written with the 64-bit largesize header form. */
function largeBox(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(1, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, u64(16 + payload.length), payload]);
}

function expectBoxError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(Mp4BoxError);
    expect((err as Mp4BoxError).code).toBe(code);
    return;
  }
  throw new Error(`expected Mp4BoxError ${code}`);
}

describe('Mp4BoxReader', () => {
  const file = readFixture('gop1s.mp4');
  const whole = readInChunks(file, () => file.length);

  it('splits the ffmpeg fixture into its top-level boxes', () => {
    expect(whole.map((b) => b.type).slice(0, 4)).toEqual(['ftyp', 'moov', 'moof', 'mdat']);
    expect(whole).toHaveLength(43); // ftyp, moov, 20 × (moof, mdat), mfra
    expect(whole.reduce((n, b) => n + b.size, 0)).toBe(file.length);
  });

  it('gives identical boxes for 1-byte chunks', () => {
    expect(summary(readInChunks(file, () => 1))).toEqual(summary(whole));
  });

  it('gives identical boxes for random chunk sizes', () => {
    for (const seed of [1, 2, 3]) {
      const rnd = seededRandom(seed);
      expect(summary(readInChunks(file, () => Math.floor(rnd() * 5000)))).toEqual(summary(whole));
    }
  });

  it('reads 64-bit largesize boxes, even with the header split byte by byte', () => {
    const data = Buffer.concat([largeBox('mdat', Buffer.from('hello')), box('free', Buffer.from('x'))]);
    const boxes = readInChunks(data, () => 1);
    expect(boxes.map((b) => [b.type, b.size, b.headerSize])).toEqual([
      ['mdat', 21, 16],
      ['free', 9, 8],
    ]);
    expect(boxes[0]?.bytes.subarray(16).toString()).toBe('hello');
  });

  it('rejects oversized boxes before buffering them', () => {
    const huge = Buffer.alloc(8);
    huge.writeUInt32BE(65 * 1024 * 1024, 0);
    huge.write('mdat', 4, 'latin1');
    expectBoxError(() => new Mp4BoxReader().push(huge), 'oversized');

    const hugeLarge = Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from('mdat'), u64(2 ** 40)]);
    expectBoxError(() => new Mp4BoxReader().push(hugeLarge), 'oversized');

    expectBoxError(() => new Mp4BoxReader(100).push(box('free', Buffer.alloc(100))), 'oversized');
  });

  it('rejects sizes smaller than the header, size 0 and non-ASCII types', () => {
    expectBoxError(() => new Mp4BoxReader().push(Buffer.from([0, 0, 0, 4, 0x6d, 0x6f, 0x6f, 0x66])), 'invalid-size');
    expectBoxError(() => new Mp4BoxReader().push(Buffer.from([0, 0, 0, 0, 0x6d, 0x64, 0x61, 0x74])), 'invalid-size');
    expectBoxError(() => new Mp4BoxReader().push(Buffer.from([0, 0, 0, 9, 0, 1, 2, 3, 4])), 'invalid-type');
  });

  it('reports a truncated box at end of input, and is empty afterwards', () => {
    const reader = new Mp4BoxReader();
    expect(reader.push(file.subarray(0, 100))).toHaveLength(1); // ftyp (28 bytes) complete, moov not
    expect(reader.bufferedBytes).toBe(72);
    expectBoxError(() => reader.end(), 'truncated');
    expect(reader.bufferedBytes).toBe(0);
    const headerOnly = new Mp4BoxReader();
    headerOnly.push(file.subarray(0, 5));
    expectBoxError(() => headerOnly.end(), 'truncated');
  });

  it('is usable again after an error (it resets itself)', () => {
    const reader = new Mp4BoxReader();
    expectBoxError(() => reader.push(Buffer.from([0, 0, 0, 4, 0x6d, 0x6f, 0x6f, 0x66])), 'invalid-size');
    expect(reader.push(box('free')).map((b) => b.type)).toEqual(['free']);
  });
});
