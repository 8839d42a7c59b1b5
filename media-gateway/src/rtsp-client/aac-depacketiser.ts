/**
 * MPEG-4 audio over RTP, mpeg4-generic AAC-hbr/AAC-lbr (RFC 3640 §3.2–3.3): the AU-headers section (16-bit length
 * in bits, then per AU a size and an index / index-delta), then the AUs back to back. One AU split over several
 * packets (§3.2.3: a single AU header whose size exceeds the data, marker on the last fragment) is reassembled.
 */
import type { AacLayout } from './track-config';

export interface AacUnit {
  /** AU position in the packet: AU i plays at the packet timestamp + i × frame samples. */
  index: number;
  data: Uint8Array;
}

const MAX_AAC_AU = 64 * 1024;

class BitReader {
  private bit = 0;
  constructor(private readonly buf: Uint8Array) {}
  read(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const byte = this.buf[this.bit >> 3]!;
      v = (v << 1) | ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return v;
  }
}

export class AacDepacketiser {
  private fragments: Uint8Array[] = [];
  private fragmentSize = 0;
  private fragmentExpected = 0;

  constructor(private readonly layout: AacLayout) {}

  push(payload: Uint8Array, marker: boolean, lost: boolean): AacUnit[] | 'corrupt' {
    if (lost) this.resetFragments();
    if (payload.length < 2) return 'corrupt';
    const headerBits = (payload[0]! << 8) | payload[1]!;
    const headerBytes = Math.ceil(headerBits / 8);
    if (2 + headerBytes > payload.length) return 'corrupt';
    const { sizeLength, indexLength, indexDeltaLength } = this.layout;
    const reader = new BitReader(payload.subarray(2, 2 + headerBytes));
    const sizes: number[] = [];
    let bits = 0;
    while (bits + sizeLength + (sizes.length === 0 ? indexLength : indexDeltaLength) <= headerBits) {
      sizes.push(reader.read(sizeLength));
      reader.read(sizes.length === 1 ? indexLength : indexDeltaLength);
      bits += sizeLength + (sizes.length === 1 ? indexLength : indexDeltaLength);
    }
    if (sizes.length === 0) return 'corrupt';
    const data = payload.subarray(2 + headerBytes);

    if (sizes.length === 1 && (sizes[0]! > data.length || this.fragments.length > 0)) {
      return this.pushFragment(sizes[0]!, data, marker);
    }
    const out: AacUnit[] = [];
    let o = 0;
    for (let i = 0; i < sizes.length; i++) {
      const size = sizes[i]!;
      if (o + size > data.length) return 'corrupt';
      out.push({ index: i, data: data.subarray(o, o + size) });
      o += size;
    }
    return out;
  }

  private pushFragment(size: number, data: Uint8Array, marker: boolean): AacUnit[] | 'corrupt' {
    if (size > MAX_AAC_AU) {
      this.resetFragments();
      return 'corrupt';
    }
    if (this.fragments.length === 0) this.fragmentExpected = size;
    else if (size !== this.fragmentExpected) {
      this.resetFragments();
      return 'corrupt';
    }
    this.fragments.push(data);
    this.fragmentSize += data.length;
    if (this.fragmentSize > size) {
      this.resetFragments();
      return 'corrupt';
    }
    if (!marker) return [];
    const complete = this.fragmentSize === size;
    const joined = Buffer.concat(this.fragments);
    this.resetFragments();
    return complete ? [{ index: 0, data: new Uint8Array(joined) }] : 'corrupt';
  }

  private resetFragments(): void {
    this.fragments = [];
    this.fragmentSize = 0;
    this.fragmentExpected = 0;
  }
}
