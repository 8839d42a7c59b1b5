// Bounds-checked reading of box payloads. A corrupt size field must become a clear Fmp4ParseError, never a
// RangeError from deep inside Buffer or, worse, a read of the neighbouring box.

export class Fmp4ParseError extends Error {
  override readonly name = 'Fmp4ParseError';
}

/** A box found inside a buffer: [start, end) covers the whole box, payload starts at dataStart. */
export interface BoxRef {
  readonly type: string;
  readonly start: number;
  readonly dataStart: number;
  readonly end: number;
}

/** Iterates the boxes laid out back to back in buf[start, end). */
export function* childBoxes(buf: Buffer, start: number, end: number): Generator<BoxRef> {
  let at = start;
  while (at + 8 <= end) {
    const size32 = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let size = size32;
    let header = 8;
    if (size32 === 1) {
      if (at + 16 > end) throw new Fmp4ParseError(`'${type}' largesize header is truncated`);
      size = Number(buf.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size32 === 0) {
      size = end - at; // extends to the end of the parent
    }
    if (size < header || at + size > end) throw new Fmp4ParseError(`'${type}' box size ${size} overruns its parent`);
    yield { type, start: at, dataStart: at + header, end: at + size };
    at += size;
  }
}

/** First direct child of the given type, or undefined. */
export function findChild(buf: Buffer, parent: BoxRef, type: string): BoxRef | undefined {
  for (const box of childBoxes(buf, parent.dataStart, parent.end)) if (box.type === type) return box;
  return undefined;
}

/** All direct children of the given type. */
export function findChildren(buf: Buffer, parent: BoxRef, type: string): BoxRef[] {
  return [...childBoxes(buf, parent.dataStart, parent.end)].filter((b) => b.type === type);
}

/** Sequential big-endian reader limited to one box payload. */
export class Cursor {
  private at: number;

  constructor(
    private readonly buf: Buffer,
    private readonly box: BoxRef,
    skip = 0,
  ) {
    this.at = box.dataStart + skip;
  }

  get position(): number {
    return this.at;
  }

  get remaining(): number {
    return this.box.end - this.at;
  }

  u8(): number {
    return this.buf.readUInt8(this.need(1));
  }

  u16(): number {
    return this.buf.readUInt16BE(this.need(2));
  }

  u32(): number {
    return this.buf.readUInt32BE(this.need(4));
  }

  i32(): number {
    return this.buf.readInt32BE(this.need(4));
  }

  /** 64-bit values as numbers: exact below 2^53 (centuries of media at 90 kHz). */
  u64(): number {
    return Number(this.buf.readBigUInt64BE(this.need(8)));
  }

  skip(n: number): void {
    this.need(n);
  }

  /** Reads a FullBox version/flags word. */
  fullBox(): { version: number; flags: number } {
    const word = this.u32();
    return { version: word >>> 24, flags: word & 0xffffff };
  }

  private need(n: number): number {
    const at = this.at;
    if (at + n > this.box.end) throw new Fmp4ParseError(`'${this.box.type}' box is truncated`);
    this.at += n;
    return at;
  }
}
