/**
 * RTP payload format for H.265 (RFC 7798), the subset cameras send: single NAL unit packets and fragmentation units
 * (type 49). No aggregation packets, no DONL (sprop-max-don-diff = 0). Fragments share the interleaved-template path
 * of rtp-h264.ts.
 */
import { DEFAULT_MAX_PAYLOAD } from './rtp-h264';
import { H265_NAL } from './h265-nal';

/**
 * RTP payloads for one H.265 NAL unit: the NAL itself when it fits, otherwise FUs. Each FU starts with a PayloadHdr
 * (the NAL header with type 49: F, LayerId and TID kept), then the FU header (S, E, FuType = the NAL's type), then a
 * slice of the NAL payload after its two header bytes.
 */
export function payloadsForH265Nal(nal: Uint8Array, maxPayload = DEFAULT_MAX_PAYLOAD): Buffer[] {
  if (nal.length === 0) return [];
  if (nal.length <= maxPayload) return [Buffer.from(nal.buffer, nal.byteOffset, nal.length)];
  if (maxPayload < 4) throw new RangeError('maxPayload too small for an H.265 FU');
  const h0 = nal[0] ?? 0;
  const h1 = nal[1] ?? 0;
  const type = (h0 >> 1) & 0x3f;
  const chunk = maxPayload - 3;
  const out: Buffer[] = [];
  for (let pos = 2; pos < nal.length; pos += chunk) {
    const end = Math.min(pos + chunk, nal.length);
    const p = Buffer.allocUnsafe(3 + end - pos);
    p[0] = (h0 & 0x81) | (H265_NAL.FU << 1);
    p[1] = h1;
    p[2] = (pos === 2 ? 0x80 : 0) | (end === nal.length ? 0x40 : 0) | type;
    p.set(nal.subarray(pos, end), 3);
    out.push(p);
  }
  return out;
}
