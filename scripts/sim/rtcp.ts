/**
 * RTCP sender reports (RFC 3550 §6.4.1), sent as a compound packet SR + SDES(CNAME) (§6.1) on each track, so a client
 * can map every track's RTP clock to one wall clock and line audio up with video.
 */

/** Seconds between 1900-01-01 (NTP epoch) and 1970-01-01 (Unix epoch). */
const NTP_UNIX_OFFSET_S = 2_208_988_800;
export const RTCP_SR = 200;
export const RTCP_SDES = 202;

export interface SenderReport {
  ssrc: number;
  /** Wall-clock instant of the report, Unix ms. */
  wallMs: number;
  /** The RTP timestamp that corresponds to wallMs on this track's clock. */
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
  cname: string;
}

export function buildSenderReport(r: SenderReport): Buffer {
  const sr = Buffer.alloc(28);
  sr[0] = 0x80; // V=2, P=0, RC=0
  sr[1] = RTCP_SR;
  sr.writeUInt16BE(sr.length / 4 - 1, 2);
  sr.writeUInt32BE(r.ssrc >>> 0, 4);
  const secs = Math.floor(r.wallMs / 1000);
  const frac = Math.floor(((r.wallMs - secs * 1000) / 1000) * 2 ** 32);
  sr.writeUInt32BE((secs + NTP_UNIX_OFFSET_S) >>> 0, 8);
  sr.writeUInt32BE(frac >>> 0, 12);
  sr.writeUInt32BE(r.rtpTimestamp >>> 0, 16);
  sr.writeUInt32BE(r.packetCount >>> 0, 20);
  sr.writeUInt32BE(r.octetCount >>> 0, 24);

  const cname = Buffer.from(r.cname.slice(0, 255), 'utf8');
  // SDES chunk: SSRC, CNAME item (type 1, length, text), then a null item and padding to a 32-bit boundary.
  const chunkLen = 4 + 2 + cname.length + 1;
  const padded = Math.ceil(chunkLen / 4) * 4;
  const sdes = Buffer.alloc(4 + padded);
  sdes[0] = 0x81; // V=2, SC=1
  sdes[1] = RTCP_SDES;
  sdes.writeUInt16BE(sdes.length / 4 - 1, 2);
  sdes.writeUInt32BE(r.ssrc >>> 0, 4);
  sdes[8] = 1;
  sdes[9] = cname.length;
  cname.copy(sdes, 10);
  return Buffer.concat([sr, sdes]);
}

/** Wall-clock ms in an SR's NTP timestamp (for tests and clients). */
export function srWallMs(packet: Buffer): number {
  return (packet.readUInt32BE(8) - NTP_UNIX_OFFSET_S) * 1000 + (packet.readUInt32BE(12) / 2 ** 32) * 1000;
}

/** `$`-framed copy for RTSP interleaved transport (RFC 2326 §10.12). */
export function interleave(channel: number, packet: Buffer): Buffer {
  const out = Buffer.allocUnsafe(4 + packet.length);
  out[0] = 0x24;
  out[1] = channel;
  out.writeUInt16BE(packet.length, 2);
  packet.copy(out, 4);
  return out;
}
