/** RTP fixed header (RFC 3550 §5.1) with CSRCs, header extension and padding removed from the payload. */

export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Uint8Array;
}

/** UDP cannot carry more, and interleaved frames have a 16-bit length. */
export const MAX_RTP_PACKET = 65_535;

/** Null for anything that is not a well-formed RTP/2 packet (the caller counts and drops it). */
export function parseRtp(buf: Uint8Array): RtpPacket | null {
  if (buf.length < 12 || buf.length > MAX_RTP_PACKET) return null;
  const b0 = buf[0]!;
  if (b0 >> 6 !== 2) return null;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let offset = 12 + (b0 & 0x0f) * 4;
  if (b0 & 0x10) {
    if (buf.length < offset + 4) return null;
    offset += 4 + view.getUint16(offset + 2) * 4;
  }
  let end = buf.length;
  if (b0 & 0x20) {
    const pad = buf[end - 1]!;
    if (pad === 0) return null;
    end -= pad;
  }
  if (end < offset) return null;
  return {
    payloadType: buf[1]! & 0x7f,
    marker: (buf[1]! & 0x80) !== 0,
    sequence: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    payload: buf.subarray(offset, end),
  };
}
