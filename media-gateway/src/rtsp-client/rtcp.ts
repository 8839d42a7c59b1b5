/**
 * RTCP for a receiver (RFC 3550 §6.4): sender reports read for LSR (and their NTP ↔ RTP mapping), receiver reports
 * written with loss fraction, cumulative loss, extended highest sequence number, interarrival jitter (§6.4.1,
 * Appendix A.8) and LSR/DLSR, sent as a compound packet RR + SDES CNAME (§6.1).
 */

export const RTCP_SR = 200;
export const RTCP_RR = 201;
export const RTCP_SDES = 202;
export const RTCP_BYE = 203;

export interface SenderReportInfo {
  ssrc: number;
  /** Middle 32 bits of the NTP timestamp, echoed as LSR. */
  ntpMiddle: number;
  /** Full NTP timestamp in seconds since 1900 (for A/V sync by callers). */
  ntpSeconds: number;
  rtpTimestamp: number;
}

export interface RtcpSummary {
  senderReports: SenderReportInfo[];
  bye: boolean;
}

/** Walks a compound RTCP packet; malformed tails are ignored (null when nothing valid at all). */
export function parseRtcp(buf: Uint8Array): RtcpSummary | null {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: RtcpSummary = { senderReports: [], bye: false };
  let o = 0;
  let any = false;
  while (o + 4 <= buf.length) {
    if (buf[o]! >> 6 !== 2) break;
    const type = buf[o + 1]!;
    const len = (view.getUint16(o + 2) + 1) * 4;
    if (o + len > buf.length) break;
    any = true;
    if (type === RTCP_SR && len >= 28) {
      const msw = view.getUint32(o + 8);
      const lsw = view.getUint32(o + 12);
      out.senderReports.push({
        ssrc: view.getUint32(o + 4),
        ntpMiddle: ((msw & 0xffff) << 16 | lsw >>> 16) >>> 0,
        ntpSeconds: msw + lsw / 2 ** 32,
        rtpTimestamp: view.getUint32(o + 16),
      });
    } else if (type === RTCP_BYE) out.bye = true;
    o += len;
  }
  return any ? out : null;
}

export interface ReceptionReport {
  sourceSsrc: number;
  /** 0–255: lost fraction of expected packets since the last report, × 256. */
  fractionLost: number;
  cumulativeLost: number;
  extendedHighestSeq: number;
  jitter: number;
  lsr: number;
  /** Delay since the last SR, in 1/65536 s. */
  dlsr: number;
}

export function buildReceiverReport(reporterSsrc: number, r: ReceptionReport, cname: string): Buffer {
  const rr = Buffer.alloc(32);
  rr[0] = 0x81; // V=2, RC=1
  rr[1] = RTCP_RR;
  rr.writeUInt16BE(rr.length / 4 - 1, 2);
  rr.writeUInt32BE(reporterSsrc >>> 0, 4);
  rr.writeUInt32BE(r.sourceSsrc >>> 0, 8);
  rr[12] = Math.max(0, Math.min(255, r.fractionLost));
  // Cumulative lost is a 24-bit signed count, clamped (§6.4.1).
  const cum = Math.max(-0x800000, Math.min(0x7fffff, r.cumulativeLost)) & 0xffffff;
  rr.writeUIntBE(cum, 13, 3);
  rr.writeUInt32BE(r.extendedHighestSeq >>> 0, 16);
  rr.writeUInt32BE(Math.min(0xffffffff, Math.floor(r.jitter)) >>> 0, 20);
  rr.writeUInt32BE(r.lsr >>> 0, 24);
  rr.writeUInt32BE(Math.min(0xffffffff, Math.floor(r.dlsr)) >>> 0, 28);

  const name = Buffer.from(cname.slice(0, 255), 'utf8');
  const chunk = 4 + 2 + name.length + 1;
  const sdes = Buffer.alloc(4 + Math.ceil(chunk / 4) * 4);
  sdes[0] = 0x81; // V=2, SC=1
  sdes[1] = RTCP_SDES;
  sdes.writeUInt16BE(sdes.length / 4 - 1, 2);
  sdes.writeUInt32BE(reporterSsrc >>> 0, 4);
  sdes[8] = 1; // CNAME
  sdes[9] = name.length;
  name.copy(sdes, 10);
  return Buffer.concat([rr, sdes]);
}
