/**
 * H.265 RTP payload (RFC 7798) without DONL (sprop-max-don-diff = 0, checked at SETUP): single NAL unit packets,
 * aggregation packets (48) and fragmentation units (49). PACI (50) is not used by cameras and is refused.
 */
import { FragmentBuffer, splitAggregate, type DepacketiseResult } from './fragment-buffer';

export class H265Depacketiser {
  private readonly fu = new FragmentBuffer();

  push(payload: Uint8Array, lost: boolean): DepacketiseResult {
    if (payload.length < 3) return 'corrupt';
    // A fragmented NAL cut by loss: the assembler drops its AU (markLoss); this packet is judged on its own.
    if (lost && this.fu.active) this.fu.reset();
    const type = (payload[0]! >> 1) & 0x3f;
    if (type < 48) return this.fu.single(payload);
    if (type === 48) return splitAggregate(payload, 2, 2);
    if (type === 49) {
      const fuHeader = payload[2]!;
      // The NAL header: PayloadHdr with its type replaced by the FU type (F, layer id and TID kept).
      return this.fu.fragment(Uint8Array.of((payload[0]! & 0x81) | ((fuHeader & 0x3f) << 1), payload[1]!), fuHeader, payload.subarray(3));
    }
    return 'corrupt';
  }
}
