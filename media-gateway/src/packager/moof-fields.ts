// Where a moof's timing fields sit, so they can be rewritten in place (same widths: box sizes, data offsets and the
// mdat stay valid). Reading what the fields mean is fmp4-parser.ts's job; this only finds them.
import { Cursor, Fmp4ParseError, childBoxes, findChild, findChildren } from './bmff-cursor';
import type { BoxRef } from './bmff-cursor';
import { TFHD_DURATION_IS_EMPTY, TRUN_CTS, TRUN_DATA_OFFSET, TRUN_DURATION, TRUN_FIRST_FLAGS, TRUN_FLAGS, TRUN_SIZE } from './fmp4-parser';

export interface TfdtField {
  at: number;
  version: number;
}

export interface SampleFields {
  /** Byte offset of the sample's duration in its trun, null when the trun leaves it to tfhd/trex. */
  durationAt: number | null;
  /** Byte offset of its composition offset, null when the trun has none (offset 0). */
  ctsAt: number | null;
  /** trun version 1: the offset is signed. */
  ctsSigned: boolean;
}

export interface TrafFields {
  trackId: number;
  tfdt: TfdtField | null;
  samples: SampleFields[];
}

/** Every traf of the moof at the start of `buf` (a moof box, or moof+mdat). */
export function moofFields(buf: Buffer): TrafFields[] {
  const moof = childBoxes(buf, 0, buf.length).next().value;
  if (moof?.type !== 'moof') throw new Fmp4ParseError('no moof box');
  return findChildren(buf, moof, 'traf').map((traf) => {
    const tfhdBox = findChild(buf, traf, 'tfhd');
    if (!tfhdBox) throw new Fmp4ParseError("missing 'tfhd' box");
    const tfhd = new Cursor(buf, tfhdBox);
    const { flags } = tfhd.fullBox();
    const trackId = tfhd.u32();
    const tfdtBox = findChild(buf, traf, 'tfdt');
    const tfdt = tfdtBox ? { at: tfdtBox.dataStart + 4, version: buf.readUInt8(tfdtBox.dataStart) } : null;
    const samples = flags & TFHD_DURATION_IS_EMPTY ? [] : findChildren(buf, traf, 'trun').flatMap((t) => trunFields(buf, t));
    return { trackId, tfdt, samples };
  });
}

function trunFields(buf: Buffer, box: BoxRef): SampleFields[] {
  const cur = new Cursor(buf, box);
  const { version, flags } = cur.fullBox();
  const count = cur.u32();
  if (flags & TRUN_DATA_OFFSET) cur.skip(4);
  if (flags & TRUN_FIRST_FLAGS) cur.skip(4);
  const out: SampleFields[] = [];
  for (let i = 0; i < count; i++) {
    let durationAt: number | null = null;
    let ctsAt: number | null = null;
    if (flags & TRUN_DURATION) {
      durationAt = cur.position;
      cur.skip(4);
    }
    if (flags & TRUN_SIZE) cur.skip(4);
    if (flags & TRUN_FLAGS) cur.skip(4);
    if (flags & TRUN_CTS) {
      ctsAt = cur.position;
      cur.skip(4);
    }
    out.push({ durationAt, ctsAt, ctsSigned: version !== 0 });
  }
  return out;
}

export function readTfdt(buf: Buffer, field: TfdtField): number {
  return field.version === 1 ? Number(buf.readBigUInt64BE(field.at)) : buf.readUInt32BE(field.at);
}

/** Writes a tfdt; a 32-bit one wraps like the timestamp it holds (ffmpeg writes 64-bit ones). */
export function writeTfdt(buf: Buffer, field: TfdtField, value: number): void {
  if (field.version === 1) buf.writeBigUInt64BE(BigInt(value), field.at);
  else buf.writeUInt32BE(((value % 2 ** 32) + 2 ** 32) % 2 ** 32, field.at);
}
