/**
 * H.264 RTP payload (RFC 6184) in single NAL unit and non-interleaved mode: single NAL unit packets (types 1–23),
 * STAP-A (24) and FU-A (28). STAP-B/MTAP/FU-B belong to interleaved mode, refused at SETUP (track-config.ts).
 */
import { FragmentBuffer, splitAggregate, type DepacketiseResult } from './fragment-buffer';

export type { DepacketiseResult } from './fragment-buffer';

export class H264Depacketiser {
  private readonly fu = new FragmentBuffer();

  /** `lost`: packets went missing right before this one (a fragment in flight is then incomplete). */
  push(payload: Uint8Array, lost: boolean): DepacketiseResult {
    if (payload.length < 1) return 'corrupt';
    // A fragmented NAL cut by loss: the assembler drops its AU (markLoss); this packet is judged on its own.
    if (lost && this.fu.active) this.fu.reset();
    const type = payload[0]! & 0x1f;
    if (type >= 1 && type <= 23) return this.fu.single(payload);
    if (type === 24) return splitAggregate(payload, 1, 1);
    if (type === 28) {
      if (payload.length < 3) return 'corrupt';
      const fuHeader = payload[1]!;
      return this.fu.fragment(Uint8Array.of((payload[0]! & 0xe0) | (fuHeader & 0x1f)), fuHeader, payload.subarray(2));
    }
    return 'corrupt';
  }
}
