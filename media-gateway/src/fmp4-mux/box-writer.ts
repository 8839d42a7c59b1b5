// Tiny ISO BMFF box builders for the init segment (written once per parameter-set change, so clarity beats speed;
// the per-fragment path in fragment-writer.ts writes into one pre-sized buffer instead).


export function u16(v: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(v & 0xffff);
  return b;
}

export function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v >>> 0);
  return b;
}

export const zeros = (n: number): Buffer => Buffer.alloc(n);

export const fourcc = (type: string): Buffer => Buffer.from(type, 'latin1');

/** size(32) + type + payload. */
export function box(type: string, ...payload: Uint8Array[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([u32(8 + body.length), fourcc(type), body]);
}

/** A FullBox: version(8) + flags(24) before the payload. */
export function fullBox(type: string, version: number, flags: number, ...payload: Uint8Array[]): Buffer {
  return box(type, u32(((version & 0xff) << 24) | (flags & 0xffffff)), ...payload);
}

/** The unity transformation matrix of mvhd/tkhd (ISO/IEC 14496-12 §8.2.2). */
export const UNITY_MATRIX = Buffer.concat([0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].map(u32));
