import { describe, expect, it } from 'vitest';
import { buildSenderReport } from '../../../scripts/sim/rtcp';
import { RTCP_RR, parseRtcp } from './rtcp';
import type { VideoTrackConfig } from './track-config';
import { TrackReceiver } from './track-receiver';

function rtp(seq: number, ts: number, payload = [0x41, 0x9a]): Uint8Array {
  const b = Buffer.alloc(12 + payload.length);
  b[0] = 0x80;
  b[1] = 0x80 | 96;
  b.writeUInt16BE(seq & 0xffff, 2);
  b.writeUInt32BE(ts >>> 0, 4);
  b.writeUInt32BE(0x1234, 8);
  Buffer.from(payload).copy(b, 12);
  return b;
}

const VIDEO: VideoTrackConfig = { kind: 'video', codec: 'h264', payloadType: 96, clockRate: 90000, vps: [], sps: [], pps: [], control: null };
const sink = { video: () => {}, audio: () => {}, discontinuity: () => {}, loss: () => {} };

describe('TrackReceiver origin', () => {
  it('holds packets that overtake the PLAY response, then times them from RTP-Info rtptime', () => {
    const pts: number[] = [];
    const rx = new TrackReceiver({ config: VIDEO, sink: { ...sink, video: (au) => pts.push(au.pts90k) }, holdUntilPlay: true, waitForKeyframe: false });
    const base = 2 ** 32 - 1800; // the origin sits just before a wrap
    rx.pushRtp(rtp(1, base + 900));
    rx.pushRtp(rtp(2, base + 4500));
    expect(pts).toEqual([]);
    rx.setRtpTime(base);
    expect(pts).toEqual([900, 4500]);
  });
});

describe('RTCP (RFC 3550)', () => {
  it('reads a sender report from the simulator for LSR', () => {
    const sr = buildSenderReport({ ssrc: 0x1234, wallMs: Date.UTC(2026, 11, 7), rtpTimestamp: 777, packetCount: 1, octetCount: 2, cname: 'cam' });
    const r = parseRtcp(sr)!;
    expect(r.senderReports).toHaveLength(1);
    expect(r.senderReports[0]).toMatchObject({ ssrc: 0x1234, rtpTimestamp: 777 });
    expect(r.senderReports[0]!.ntpMiddle).toBe(((sr.readUInt32BE(8) & 0xffff) * 65536 + (sr.readUInt32BE(12) >>> 16)) >>> 0);
    expect(parseRtcp(Uint8Array.of(1, 2, 3, 4))).toBeNull();
  });

  it('writes a receiver report with loss fraction, cumulative loss, extended sequence, LSR and DLSR', () => {
    let now = 1000;
    const rx = new TrackReceiver({
      config: VIDEO,
      sink,
      now: () => now,
    });
    // 65530 … 65535, 0 … 9 with 2 and 3 missing: wraps once, 2 of 16 lost.
    for (let s = 65530; s < 65546; s++) if (s !== 65538 && s !== 65539) rx.pushRtp(rtp(s, s * 3600));
    rx.pushRtcp(buildSenderReport({ ssrc: 0x1234, wallMs: 5000, rtpTimestamp: 1, packetCount: 1, octetCount: 1, cname: 'c' }));
    now += 500;
    const rr = rx.receiverReport(0xabcd, 'gw')!;
    expect(rr[1]).toBe(RTCP_RR);
    expect(rr.readUInt32BE(4)).toBe(0xabcd);
    expect(rr.readUInt32BE(8)).toBe(0x1234);
    expect(rr[12]).toBe(Math.floor((2 * 256) / 16));
    expect(rr.readUIntBE(13, 3)).toBe(2);
    expect(rr.readUInt32BE(16)).toBe(65536 + 9);
    expect(rr.readUInt32BE(24)).not.toBe(0);
    expect(rr.readUInt32BE(28)).toBe(0.5 * 65536);
    // The next interval lost nothing.
    rx.pushRtp(rtp(10, 10 * 3600));
    expect(rx.receiverReport(0xabcd, 'gw')![12]).toBe(0);
  });
});
