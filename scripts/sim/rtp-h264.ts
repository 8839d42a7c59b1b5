/**
 * RTP payload format for H.264 (RFC 6184), packetization-mode 1 subset: single NAL unit packets and FU-A
 * fragments. For fan-out, an access unit is packetised once into an RTSP-interleaved "template" (RFC 2326 §10.12
 * `$` framing included); each session copies it and stamps its own channel, sequence numbers, timestamp and SSRC.
 */

export const RTP_PAYLOAD_TYPE = 96;
export const H264_CLOCK_RATE = 90_000;
/** Keeps an RTP packet (12-byte header + payload) inside a 1500-byte Ethernet MTU with room for IP/TCP. */
export const DEFAULT_MAX_PAYLOAD = 1400;
const RTP_HEADER_BYTES = 12;
const INTERLEAVED_HEADER_BYTES = 4;
const FU_A_TYPE = 28;

/**
 * RTP payloads for one NAL unit: the NAL itself when it fits, otherwise FU-A fragments (FU indicator + FU header +
 * a slice of the NAL body), each at most `maxPayload` bytes. The NAL header byte is carried in the FU headers.
 */
export function payloadsForNal(nal: Uint8Array, maxPayload = DEFAULT_MAX_PAYLOAD): Buffer[] {
  if (nal.length === 0) return [];
  if (nal.length <= maxPayload) return [Buffer.from(nal.buffer, nal.byteOffset, nal.length)];
  if (maxPayload < 3) throw new RangeError('maxPayload too small for FU-A');
  const header = nal[0] ?? 0;
  const indicator = (header & 0xe0) | FU_A_TYPE; // F and NRI from the NAL, type 28
  const type = header & 0x1f;
  const chunk = maxPayload - 2;
  const out: Buffer[] = [];
  for (let pos = 1; pos < nal.length; pos += chunk) {
    const end = Math.min(pos + chunk, nal.length);
    const start = pos === 1;
    const last = end === nal.length;
    const p = Buffer.allocUnsafe(2 + end - pos);
    p[0] = indicator;
    p[1] = (start ? 0x80 : 0) | (last ? 0x40 : 0) | type;
    p.set(nal.subarray(pos, end), 2);
    out.push(p);
  }
  return out;
}

export interface RtpHeaderFields {
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
}

export function writeRtpHeader(buf: Buffer, offset: number, h: RtpHeaderFields): void {
  buf[offset] = 0x80; // V=2, no padding, no extension, no CSRC
  buf[offset + 1] = (h.marker ? 0x80 : 0) | (h.payloadType & 0x7f);
  buf.writeUInt16BE(h.sequenceNumber & 0xffff, offset + 2);
  buf.writeUInt32BE(h.timestamp >>> 0, offset + 4);
  buf.writeUInt32BE(h.ssrc >>> 0, offset + 8);
}

export function parseRtpHeader(packet: Buffer): RtpHeaderFields & { payload: Buffer } {
  if (packet.length < RTP_HEADER_BYTES || (packet[0] ?? 0) >> 6 !== 2) throw new Error('not an RTP v2 packet');
  const b1 = packet[1] ?? 0;
  return {
    marker: (b1 & 0x80) !== 0,
    payloadType: b1 & 0x7f,
    sequenceNumber: packet.readUInt16BE(2),
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
    payload: packet.subarray(RTP_HEADER_BYTES),
  };
}

/** Plain RTP packets for one access unit (marker on the last one); handy for tests and UDP-style use. */
export function packetizeAccessUnit(
  nals: readonly Uint8Array[],
  opts: { sequenceNumber: number; timestamp: number; ssrc: number; payloadType?: number; maxPayload?: number },
): Buffer[] {
  const payloads = nals.flatMap((n) => payloadsForNal(n, opts.maxPayload ?? DEFAULT_MAX_PAYLOAD));
  return payloads.map((payload, i) => {
    const pkt = Buffer.allocUnsafe(RTP_HEADER_BYTES + payload.length);
    writeRtpHeader(pkt, 0, {
      marker: i === payloads.length - 1,
      payloadType: opts.payloadType ?? RTP_PAYLOAD_TYPE,
      sequenceNumber: opts.sequenceNumber + i,
      timestamp: opts.timestamp,
      ssrc: opts.ssrc,
    });
    payload.copy(pkt, RTP_HEADER_BYTES);
    return pkt;
  });
}

/** One access unit, pre-packetised as `$`-framed RTP packets with blank per-session fields. */
export interface InterleavedTemplate {
  bytes: Buffer;
  /** Offset of each packet's `$` byte within `bytes`. */
  packetOffsets: number[];
}

export function buildInterleavedTemplate(
  nals: readonly Uint8Array[],
  maxPayload = DEFAULT_MAX_PAYLOAD,
  payloadType = RTP_PAYLOAD_TYPE,
  /** The payload format's packetiser: H.264 by default, payloadsForH265Nal for H.265, identity for audio. */
  payloadsFor: (nal: Uint8Array, maxPayload: number) => Buffer[] = payloadsForNal,
): InterleavedTemplate {
  const payloads = nals.flatMap((n) => payloadsFor(n, maxPayload));
  const size = payloads.reduce((sum, p) => sum + INTERLEAVED_HEADER_BYTES + RTP_HEADER_BYTES + p.length, 0);
  const bytes = Buffer.alloc(size);
  const packetOffsets: number[] = [];
  let o = 0;
  payloads.forEach((p, i) => {
    packetOffsets.push(o);
    bytes[o] = 0x24; // '$'
    bytes[o + 1] = 0; // channel, stamped per session
    bytes.writeUInt16BE(RTP_HEADER_BYTES + p.length, o + 2);
    writeRtpHeader(bytes, o + INTERLEAVED_HEADER_BYTES, {
      marker: i === payloads.length - 1,
      payloadType,
      sequenceNumber: 0,
      timestamp: 0,
      ssrc: 0,
    });
    p.copy(bytes, o + INTERLEAVED_HEADER_BYTES + RTP_HEADER_BYTES);
    o += INTERLEAVED_HEADER_BYTES + RTP_HEADER_BYTES + p.length;
  });
  return { bytes, packetOffsets };
}

/**
 * A session's copy of a template: one buffer (one socket write) per access unit. Sequence numbers run from
 * `firstSeq` (mod 2^16); returns the buffer and the next sequence number.
 */
export function stampTemplate(
  tpl: InterleavedTemplate,
  s: { channel: number; firstSeq: number; timestamp: number; ssrc: number },
): { bytes: Buffer; nextSeq: number } {
  const out = Buffer.allocUnsafe(tpl.bytes.length);
  tpl.bytes.copy(out);
  let seq = s.firstSeq;
  const ts = s.timestamp >>> 0;
  const ssrc = s.ssrc >>> 0;
  for (const o of tpl.packetOffsets) {
    out[o + 1] = s.channel;
    out.writeUInt16BE(seq & 0xffff, o + 6);
    out.writeUInt32BE(ts, o + 8);
    out.writeUInt32BE(ssrc, o + 12);
    seq = (seq + 1) & 0xffff;
  }
  return { bytes: out, nextSeq: seq };
}
