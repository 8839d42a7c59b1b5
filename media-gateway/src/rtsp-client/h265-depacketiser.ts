/**
 * H.265 RTP payload (RFC 7798) without DONL (sprop-max-don-diff = 0, checked at SETUP): single NAL unit packets,
 * aggregation packets (48) and fragmentation units (49). PACI (50) is not used by cameras and is refused.
 */
import { FragmentBuffer } from './fragment-buffer';
import type { DepacketiseResult } from './h264-depacketiser';

export class H265Depacketiser {
  private readonly fu = new FragmentBuffer();

  push(payload: Uint8Array, lost: boolean): DepacketiseResult {
    if (payload.length < 3) return 'corrupt';
    let corrupt = false;
    // A fragmented NAL cut by loss: the assembler drops its AU (markLoss); this packet is judged on its own.
    if (lost && this.fu.active) this.fu.reset();
    const type = (payload[0]! >> 1) & 0x3f;
    if (type < 48) {
      if (this.fu.active) {
        this.fu.reset();
        return 'corrupt';
      }
      return corrupt ? 'corrupt' : [payload];
    }
    if (type === 48) {
      const out: Uint8Array[] = [];
      let o = 2;
      while (o + 2 <= payload.length) {
        const size = (payload[o]! << 8) | payload[o + 1]!;
        o += 2;
        if (size < 2 || o + size > payload.length) return 'corrupt';
        out.push(payload.subarray(o, o + size));
        o += size;
      }
      return corrupt || o !== payload.length || out.length === 0 ? 'corrupt' : out;
    }
    if (type === 49) {
      const fuHeader = payload[2]!;
      const start = (fuHeader & 0x80) !== 0;
      const end = (fuHeader & 0x40) !== 0;
      const body = payload.subarray(3);
      if (start) {
        const wasActive = this.fu.active;
        // The NAL header: PayloadHdr with its type replaced by the FU type (F, layer id and TID kept).
        this.fu.start(Uint8Array.of((payload[0]! & 0x81) | ((fuHeader & 0x3f) << 1), payload[1]!), body);
        if (wasActive) corrupt = true;
      } else if (!this.fu.active) {
        return 'corrupt';
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
