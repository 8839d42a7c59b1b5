/**
 * The payload structures RFC 6184 and RFC 7798 share, apart from their header sizes: a single NAL unit, an
 * aggregation of 16-bit-length-prefixed NAL units (STAP-A, AP), and fragmentation units (FU-A, FU) collected here
 * within MAX_NAL_BYTES.
 */
import { MAX_NAL_BYTES } from './nal-units';

/** NAL units completed by one packet, or 'corrupt' when the packet (or a lost fragment before it) spoils the unit. */
export type DepacketiseResult = Uint8Array[] | 'corrupt';

/** The NAL units of an aggregation packet after its `headerBytes`; each at least `minNalBytes` (its NAL header). */
export function splitAggregate(payload: Uint8Array, headerBytes: number, minNalBytes: number): DepacketiseResult {
  const out: Uint8Array[] = [];
  let o = headerBytes;
  while (o + 2 <= payload.length) {
    const size = (payload[o]! << 8) | payload[o + 1]!;
    o += 2;
    if (size < minNalBytes || o + size > payload.length) return 'corrupt';
    out.push(payload.subarray(o, o + size));
    o += size;
  }
  return o !== payload.length || out.length === 0 ? 'corrupt' : out;
}

export class FragmentBuffer {
  private parts: Uint8Array[] = [];
  private size = 0;
  active = false;

  start(header: Uint8Array, first: Uint8Array): void {
    this.parts = [header, first];
    this.size = header.length + first.length;
    this.active = true;
  }

  /** False when the NAL would exceed the limit (the fragments are dropped). */
  append(part: Uint8Array): boolean {
    this.size += part.length;
    if (this.size > MAX_NAL_BYTES) {
      this.reset();
      return false;
    }
    this.parts.push(part);
    return true;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    this.reset();
    return out;
  }

  /** A whole NAL unit in one packet. */
  single(payload: Uint8Array): DepacketiseResult {
    if (!this.active) return [payload];
    // A new NAL while a fragmented one never ended: its end packet was lost.
    this.reset();
    return 'corrupt';
  }

  /** One fragmentation unit: `nalHeader` rebuilt from the packet (used on the start fragment), the FU header's S/E bits. */
  fragment(nalHeader: Uint8Array, fuHeader: number, body: Uint8Array): DepacketiseResult {
    const start = (fuHeader & 0x80) !== 0;
    const end = (fuHeader & 0x40) !== 0;
    let corrupt = false;
    if (start) {
      corrupt = this.active; // the previous fragmented NAL never ended
      this.start(nalHeader, body);
    } else if (!this.active) {
      return 'corrupt'; // a middle or end fragment whose start we never saw
    } else if (!this.append(body)) {
      return 'corrupt';
    }
    if (!end) return corrupt ? 'corrupt' : [];
    const nal = this.finish();
    return corrupt ? 'corrupt' : [nal];
  }

  reset(): void {
    this.parts = [];
    this.size = 0;
    this.active = false;
  }
}
