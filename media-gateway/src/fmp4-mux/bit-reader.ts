// Bit-level reading of H.264/H.265 parameter sets (ITU-T H.264 §7.2, H.265 §7.2): fixed-width fields, Exp-Golomb
// codes, and the RBSP unescaping (emulation-prevention bytes) that must happen before any of it.
import { Fmp4MuxError } from './errors';

/** Removes emulation-prevention bytes: every 0x00 0x00 0x03 becomes 0x00 0x00 (H.264 §7.4.1, H.265 §7.4.2). */
export function nalToRbsp(nal: Uint8Array): Uint8Array {
  const out = new Uint8Array(nal.length);
  let n = 0;
  let zeros = 0;
  for (const b of nal) {
    if (zeros >= 2 && b === 0x03) {
      zeros = 0;
      continue;
    }
    zeros = b === 0 ? zeros + 1 : 0;
    out[n++] = b;
  }
  return out.subarray(0, n);
}

export class BitReader {
  private pos = 0;

  constructor(private readonly data: Uint8Array) {}

  get bitsLeft(): number {
    return this.data.length * 8 - this.pos;
  }

  /** One bit; reading past the end is a truncated parameter set. */
  bit(): number {
    if (this.pos >= this.data.length * 8) throw new Fmp4MuxError('bad-parameter-set', 'parameter set truncated');
    const byte = this.data[this.pos >> 3] ?? 0;
    const v = (byte >> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return v;
  }

  flag(): boolean {
    return this.bit() === 1;
  }

  /** An unsigned field of up to 32 bits. */
  u(bits: number): number {
    let v = 0;
    for (let i = 0; i < bits; i++) v = v * 2 + this.bit();
    return v;
  }

  skip(bits: number): void {
    if (bits > this.bitsLeft) throw new Fmp4MuxError('bad-parameter-set', 'parameter set truncated');
    this.pos += bits;
  }

  /** ue(v): Exp-Golomb; more than 31 leading zeros is not a value any parameter set holds. */
  ue(): number {
    let zeros = 0;
    while (this.bit() === 0) {
      if (++zeros > 31) throw new Fmp4MuxError('bad-parameter-set', 'Exp-Golomb code too long');
    }
    return 2 ** zeros - 1 + this.u(zeros);
  }

  /** se(v): 1, -1, 2, -2, ... for codes 1, 2, 3, 4, ... */
  se(): number {
    const k = this.ue();
    return k % 2 === 1 ? (k + 1) / 2 : -(k / 2);
  }
}
