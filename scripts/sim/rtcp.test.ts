import { describe, expect, it } from 'vitest';
import { RTCP_SDES, RTCP_SR, buildSenderReport, interleave, srWallMs } from './rtcp';

describe('RTCP sender report', () => {
  it('is a compound SR + SDES CNAME with NTP time, RTP time and counts (RFC 3550 §6.4.1)', () => {
    const wallMs = Date.UTC(2026, 11, 7, 12, 0, 0, 250);
    const p = buildSenderReport({ ssrc: 0xdeadbeef, wallMs, rtpTimestamp: 123456, packetCount: 42, octetCount: 9000, cname: 'sim-0001@127.1.0.1' });
    expect(p[0]! >> 6).toBe(2);
    expect(p[1]).toBe(RTCP_SR);
    const srLen = (p.readUInt16BE(2) + 1) * 4;
    expect(srLen).toBe(28);
    expect(p.readUInt32BE(4)).toBe(0xdeadbeef);
    expect(srWallMs(p)).toBeCloseTo(wallMs, 0);
    expect(p.readUInt32BE(16)).toBe(123456);
    expect(p.readUInt32BE(20)).toBe(42);
    expect(p.readUInt32BE(24)).toBe(9000);
    const sdes = p.subarray(srLen);
    expect(sdes[1]).toBe(RTCP_SDES);
    expect((sdes.readUInt16BE(2) + 1) * 4).toBe(sdes.length);
    expect(sdes.length % 4).toBe(0);
    expect(sdes.readUInt32BE(4)).toBe(0xdeadbeef);
    expect(sdes[8]).toBe(1); // CNAME
    expect(sdes.subarray(10, 10 + sdes[9]!).toString()).toBe('sim-0001@127.1.0.1');
  });

  it('frames RTCP for the interleaved RTCP channel', () => {
    const f = interleave(3, Buffer.from([1, 2, 3, 4]));
    expect([...f]).toEqual([0x24, 3, 0, 4, 1, 2, 3, 4]);
  });
});
