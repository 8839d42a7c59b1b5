/**
 * H.264 RTP payload (RFC 6184) in single NAL unit and non-interleaved mode: single NAL unit packets (types 1–23),
 * STAP-A (24) and FU-A (28). STAP-B/MTAP/FU-B belong to interleaved mode, refused at SETUP (track-config.ts).
 */
import { FragmentBuffer } from './fragment-buffer';

/** NAL units completed by one packet, or 'corrupt' when the packet (or a lost fragment before it) spoils the unit. */
export type DepacketiseResult = Uint8Array[] | 'corrupt';

export class H264Depacketiser {
  private readonly fu = new FragmentBuffer();

  /** `lost`: packets went missing right before this one (a fragment in flight is then incomplete). */
  push(payload: Uint8Array, lost: boolean): DepacketiseResult {
    if (payload.length < 1) return 'corrupt';
    let corrupt = false;
    // A fragmented NAL cut by loss: the assembler drops its AU (markLoss); this packet is judged on its own.
    if (lost && this.fu.active) this.fu.reset();
    const type = payload[0]! & 0x1f;
    if (type >= 1 && type <= 23) {
      if (this.fu.active) {
        // A new NAL while a fragmented one never ended: its end packet was lost.
        this.fu.reset();
        return 'corrupt';
      }
      return corrupt ? 'corrupt' : [payload];
    }
    if (type === 24) {
      const out: Uint8Array[] = [];
      let o = 1;
      while (o + 2 <= payload.length) {
        const size = (payload[o]! << 8) | payload[o + 1]!;
        o += 2;
        if (size === 0 || o + size > payload.length) return 'corrupt';
        out.push(payload.subarray(o, o + size));
        o += size;
      }
      return corrupt || o !== payload.length ? 'corrupt' : out;
    }
    if (type === 28) {
      if (payload.length < 3) return 'corrupt';
      const fuHeader = payload[1]!;
      const start = (fuHeader & 0x80) !== 0;
      const end = (fuHeader & 0x40) !== 0;
      const body = payload.subarray(2);
      if (start) {
        const wasActive = this.fu.active;
        this.fu.start(Uint8Array.of((payload[0]! & 0xe0) | (fuHeader & 0x1f)), body);
        if (wasActive) corrupt = true;
      } else if (!this.fu.active) {
        return 'corrupt'; // a middle or end fragment whose start we never saw
      } else if (!this.fu.append(body)) {
        return 'corrupt';
      }
      if (!end) return corrupt ? 'corrupt' : [];
      const nal = this.fu.finish();
      return corrupt ? 'corrupt' : [nal];
    }
    return 'corrupt';
  }
}
