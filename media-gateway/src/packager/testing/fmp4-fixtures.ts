// Test helpers: load the committed ffmpeg fixtures (tests/fixtures/media, see make-fixtures.sh there) and build
// small synthetic boxes for the cases ffmpeg never produces. Deliberately independent of the parser under test.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../../../../tests/fixtures/media/', import.meta.url));

export type FixtureName =
  | 'gop1s.mp4'
  | 'gop2s.mp4'
  | 'gop1s-256x144.mp4'
  | 'gop4s-160x90.mp4'
  // The first ≈1.1 s of RTSP ingest runs, with ffmpeg's start-of-stream timestamp defects (make-start-fixtures.ts).
  | 'rtsp-start-nob.mp4'
  | 'rtsp-start-bframes.mp4'
  | 'rtsp-start-bframes-aac.mp4';

export function readFixture(name: FixtureName): Buffer {
  return readFileSync(FIXTURE_DIR + name);
}

/** Top-level boxes of a file (32-bit sizes only, which is all ffmpeg writes for these clips). */
export function topLevelBoxes(buf: Buffer): { type: string; bytes: Buffer }[] {
  const out: { type: string; bytes: Buffer }[] = [];
  for (let at = 0; at < buf.length; ) {
    const size = buf.readUInt32BE(at);
    out.push({ type: buf.toString('latin1', at + 4, at + 8), bytes: buf.subarray(at, at + size) });
    at += size;
  }
  return out;
}

/** A fixture split the way the packager sees it: init (ftyp+moov) and moof+mdat fragments; mfra dropped. */
export function splitFixture(name: FixtureName): { init: Buffer; fragments: Buffer[] } {
  const boxes = topLevelBoxes(readFixture(name));
  const init = Buffer.concat(boxes.filter((b) => b.type === 'ftyp' || b.type === 'moov').map((b) => b.bytes));
  const fragments: Buffer[] = [];
  boxes.forEach((b, i) => {
    const next = boxes[i + 1];
    if (b.type === 'moof' && next?.type === 'mdat') fragments.push(Buffer.concat([b.bytes, next.bytes]));
  });
  return { init, fragments };
}

/** Byte offset of the tfdt payload (after version/flags) in an ffmpeg moof+mdat: moof > traf > tfdt. */
function tfdtOffset(fragment: Buffer): { at: number; version: number } {
  const find = (start: number, end: number, type: string): number => {
    for (let at = start; at < end; at += fragment.readUInt32BE(at)) if (fragment.toString('latin1', at + 4, at + 8) === type) return at;
    throw new Error(`no ${type}`);
  };
  const moofEnd = fragment.readUInt32BE(0);
  const traf = find(8, moofEnd, 'traf');
  const tfdt = find(traf + 8, traf + fragment.readUInt32BE(traf), 'tfdt');
  return { at: tfdt + 12, version: fragment.readUInt8(tfdt + 8) };
}

/** A copy of a fragment with its tfdt shifted by `ticks`: lets tests loop a 4 s clip into a longer live stream. */
export function shiftFragment(fragment: Buffer, ticks: number): Buffer {
  const copy = Buffer.from(fragment);
  const { at, version } = tfdtOffset(copy);
  if (version === 1) copy.writeBigUInt64BE(copy.readBigUInt64BE(at) + BigInt(ticks), at);
  else copy.writeUInt32BE(copy.readUInt32BE(at) + ticks, at);
  return copy;
}

/** `loops` back-to-back copies of a clip's fragments with continuous timestamps. */
export function loopFragments(fragments: Buffer[], loops: number, clipTicks: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < loops; i++) for (const f of fragments) out.push(shiftFragment(f, i * clipTicks));
  return out;
}

/** A box from a type and payload parts. */
export function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

/** A FullBox: version, 24-bit flags, payload. */
export function fullBox(type: string, version: number, flags: number, ...payload: Buffer[]): Buffer {
  const vf = Buffer.alloc(4);
  vf.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff), 0);
  return box(type, vf, ...payload);
}

/** Big-endian 32-bit words (negative values written as two's complement). */
export function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, 4 * i));
  return b;
}

export function u64(value: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(value), 0);
  return b;
}

/** Simple deterministic PRNG (mulberry32) so "random" chunking is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
