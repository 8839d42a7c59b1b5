// Splits one moof+mdat in two after the first samples of a track. Used once per run, when the start repair makes
// ffmpeg's first fragment longer than it was (its 1-tick frames get their real 40 ms): the keyframe and the frames
// that were squeezed go into a short part of their own (INDEPENDENT, so LL-HLS allows it to be short) and the rest
// keeps the fragment's original length, so PART-TARGET does not grow and the other parts stay ≥ 85 % of it.
// Only the plain layout ffmpeg writes is handled (default-base-is-moof, one trun per traf with a data offset, sample
// sizes known); anything else returns null and the fragment stays whole.
import { Fmp4ParseError, childBoxes } from './bmff-cursor';
import type { BoxRef } from './bmff-cursor';
import { TRUN_CTS, TRUN_DATA_OFFSET, TRUN_DURATION, TRUN_FIRST_FLAGS, TRUN_FLAGS, TRUN_SIZE, parseFragment } from './fmp4-parser';
import type { TrackDefaults } from './fmp4-parser';

const TFHD_BASE_DATA_OFFSET = 0x1;
const TFHD_DEFAULT_BASE_IS_MOOF = 0x20000;

interface Trun {
  version: number;
  flags: number;
  firstFlags: Buffer | null;
  /** Raw per-sample entries. */
  entries: Buffer[];
}

interface Traf {
  trackId: number;
  tfhd: Buffer;
  tfdt: Buffer;
  trun: Trun;
  /** The samples' bytes, one buffer per sample, cut from the mdat. */
  data: Buffer[];
}

const box = (type: string, ...payload: Buffer[]): Buffer => {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.reduce((n, p) => n + p.length, 0), 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, ...payload]);
};

const word = (value: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0, 0);
  return b;
};

/**
 * [moof, mdat] of the first `head` samples of `trackId`, then [moof, mdat] of the rest with every other track.
 * Null when the layout is not the plain one, or `head` does not leave samples on both sides.
 */
export function splitFragment(moof: Buffer, mdat: Buffer, trackId: number, head: number, defaults: TrackDefaults): [Buffer, Buffer, Buffer, Buffer] | null {
  try {
    const parsed = readFragment(moof, mdat, trackId, defaults);
    const video = parsed?.trafs.find((t) => t.trackId === trackId);
    if (!parsed || !video || head <= 0 || head >= video.trun.entries.length) return null;
    const headTicks = parseFragment(moof, { trackId, defaults })
      .samples.slice(0, head)
      .reduce((sum, s) => sum + (s.duration ?? NaN), 0);
    if (!Number.isFinite(headTicks)) return null;

    const first: Traf = { ...video, trun: { ...video.trun, entries: video.trun.entries.slice(0, head) }, data: video.data.slice(0, head) };
    const restTrun: Trun = { ...video.trun, flags: video.trun.flags & ~TRUN_FIRST_FLAGS, firstFlags: null, entries: video.trun.entries.slice(head) };
    const rest: Traf = { ...video, tfdt: tfdtPlus(video.tfdt, headTicks), trun: restTrun, data: video.data.slice(head) };
    return [...build(parsed.mfhd, [first]), ...build(parsed.mfhd, parsed.trafs.map((t) => (t === video ? rest : t)))];
  } catch (err) {
    if (err instanceof Fmp4ParseError) return null;
    throw err;
  }
}

function readFragment(moof: Buffer, mdat: Buffer, trackId: number, videoDefaults: TrackDefaults): { mfhd: Buffer; trafs: Traf[] } | null {
  const moofBox = childBoxes(moof, 0, moof.length).next().value;
  const mdatBox = childBoxes(mdat, 0, mdat.length).next().value;
  if (moofBox?.type !== 'moof' || mdatBox?.type !== 'mdat') return null;
  // With default-base-is-moof, data offsets count from the moof's first byte; the mdat follows the moof.
  const payloadAt = moofBox.end + (mdatBox.dataStart - mdatBox.start);
  let mfhd: Buffer | null = null;
  const trafs: Traf[] = [];
  for (const child of childBoxes(moof, moofBox.dataStart, moofBox.end)) {
    if (child.type === 'mfhd') mfhd = moof.subarray(child.start, child.end);
    else if (child.type === 'traf') {
      const traf = readTraf(moof, child, mdat.subarray(mdatBox.dataStart, mdatBox.end), payloadAt, trackId, videoDefaults);
      if (!traf) return null;
      trafs.push(traf);
    } else return null;
  }
  return mfhd ? { mfhd, trafs } : null;
}

function readTraf(moof: Buffer, traf: BoxRef, payload: Buffer, payloadAt: number, videoId: number, videoDefaults: TrackDefaults): Traf | null {
  const kids = [...childBoxes(moof, traf.dataStart, traf.end)];
  const [tfhd, tfdt, trun] = [kids.find((k) => k.type === 'tfhd'), kids.find((k) => k.type === 'tfdt'), kids.find((k) => k.type === 'trun')];
  if (!tfhd || !tfdt || !trun || kids.length !== 3) return null;
  const tfhdFlags = moof.readUInt32BE(tfhd.dataStart) & 0xffffff;
  if (!(tfhdFlags & TFHD_DEFAULT_BASE_IS_MOOF) || tfhdFlags & TFHD_BASE_DATA_OFFSET) return null;
  const trackId = moof.readUInt32BE(tfhd.dataStart + 4);

  const vf = moof.readUInt32BE(trun.dataStart);
  const flags = vf & 0xffffff;
  if (!(flags & TRUN_DATA_OFFSET)) return null;
  const count = moof.readUInt32BE(trun.dataStart + 4);
  const dataOffset = moof.readInt32BE(trun.dataStart + 8);
  let at = trun.dataStart + 12;
  const firstFlags = flags & TRUN_FIRST_FLAGS ? moof.subarray(at, (at += 4)) : null;
  const entrySize = 4 * [TRUN_DURATION, TRUN_SIZE, TRUN_FLAGS, TRUN_CTS].filter((f) => flags & f).length;
  if (at + count * entrySize > trun.end) return null;
  const entries = Array.from({ length: count }, (_, i) => moof.subarray(at + i * entrySize, at + (i + 1) * entrySize));

  const sizes = parseFragment(moof, { trackId, defaults: trackId === videoId ? videoDefaults : {} }).samples.map((s) => s.size);
  let from = dataOffset - payloadAt;
  const data: Buffer[] = [];
  for (const size of sizes) {
    if (size === null || from < 0 || from + size > payload.length) return null;
    data.push(payload.subarray(from, from + size));
    from += size;
  }
  return { trackId, tfhd: moof.subarray(tfhd.start, tfhd.end), tfdt: moof.subarray(tfdt.start, tfdt.end), trun: { version: vf >>> 24, flags, firstFlags, entries }, data };
}

function tfdtPlus(tfdt: Buffer, ticks: number): Buffer {
  const copy = Buffer.from(tfdt);
  if (copy.readUInt8(8) === 1) copy.writeBigUInt64BE(copy.readBigUInt64BE(12) + BigInt(ticks), 12);
  else copy.writeUInt32BE((copy.readUInt32BE(12) + ticks) % 2 ** 32, 12);
  return copy;
}

/** moof + mdat for the given trafs: each traf's samples laid out back to back, in traf order. */
function build(mfhd: Buffer, trafs: Traf[]): [Buffer, Buffer] {
  const trunOf = (t: Trun, offset: number): Buffer =>
    box('trun', word(((t.version & 0xff) << 24) | t.flags), word(t.entries.length), word(offset), ...(t.firstFlags ? [t.firstFlags] : []), ...t.entries);
  const layout = (offsets: number[]): Buffer => box('moof', mfhd, ...trafs.map((t, i) => box('traf', t.tfhd, t.tfdt, trunOf(t.trun, offsets[i] ?? 0))));
  const moofSize = layout([]).length;
  const offsets: number[] = [];
  let at = moofSize + 8;
  for (const t of trafs) {
    offsets.push(at);
    at += t.data.reduce((n, d) => n + d.length, 0);
  }
  return [layout(offsets), box('mdat', ...trafs.flatMap((t) => t.data))];
}
