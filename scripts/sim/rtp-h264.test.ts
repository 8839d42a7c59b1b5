import { describe, expect, it } from 'vitest';
import { buildInterleavedTemplate, packetizeAccessUnit, parseRtpHeader, payloadsForNal, stampTemplate } from './rtp-h264';

const nal = (type: number, size: number, nri = 3): Buffer => {
  const b = Buffer.alloc(size);
  b[0] = (nri << 5) | type;
  for (let i = 1; i < size; i++) b[i] = i % 251;
  return b;
};

describe('payloadsForNal', () => {
  it('sends a small NAL as a single NAL unit packet', () => {
    const n = nal(7, 20);
    const p = payloadsForNal(n, 1400);
    expect(p).toHaveLength(1);
    expect(p[0]?.equals(n)).toBe(true);
  });

  it('fragments a large NAL into FU-A packets with S/E bits and the original header', () => {
    const n = nal(5, 3000, 3);
    const p = payloadsForNal(n, 1400);
    // 2999 body bytes, 1398 per fragment
    expect(p.map((x) => x.length)).toEqual([1400, 1400, 2 + 2999 - 2 * 1398]);
    for (const [i, x] of p.entries()) {
      expect(x[0]).toBe((3 << 5) | 28); // FU indicator: NRI kept, type 28
      expect((x[1] ?? 0) & 0x1f).toBe(5); // FU header carries the NAL type
      expect(((x[1] ?? 0) & 0x80) !== 0).toBe(i === 0); // S
      expect(((x[1] ?? 0) & 0x40) !== 0).toBe(i === p.length - 1); // E
      expect((x[1] ?? 0) & 0x20).toBe(0); // R
    }
    const rebuilt = Buffer.concat([Buffer.from([n[0] ?? 0]), ...p.map((x) => x.subarray(2))]);
    expect(rebuilt.equals(n)).toBe(true);
  });

  it('keeps a NAL of exactly maxPayload bytes whole', () => {
    expect(payloadsForNal(nal(1, 1400), 1400)).toHaveLength(1);
    expect(payloadsForNal(nal(1, 1401), 1400)).toHaveLength(2);
  });
});

describe('packetizeAccessUnit', () => {
  it('sets the marker on the last packet only, one timestamp, consecutive wrapping sequence numbers', () => {
    const pkts = packetizeAccessUnit([nal(7, 10), nal(8, 4), nal(5, 5000)], { sequenceNumber: 65534, timestamp: 123456, ssrc: 0xdeadbeef });
    const h = pkts.map(parseRtpHeader);
    // SPS, PPS, then 4999 body bytes of the IDR in 4 FU-A fragments of ≤1398
    expect(h.map((x) => x.marker)).toEqual([false, false, false, false, false, true]);
    expect(h.map((x) => x.sequenceNumber)).toEqual([65534, 65535, 0, 1, 2, 3]);
    expect(new Set(h.map((x) => x.timestamp))).toEqual(new Set([123456]));
    expect(h.every((x) => x.payloadType === 96 && x.ssrc === 0xdeadbeef)).toBe(true);
    expect(Math.max(...pkts.map((p) => p.length))).toBeLessThanOrEqual(12 + 1400);
  });
});

describe('interleaved templates', () => {
  it('stamp to the same packets as packetizeAccessUnit, with $ framing', () => {
    const nals = [nal(7, 10), nal(8, 4), nal(5, 3000)];
    const tpl = buildInterleavedTemplate(nals);
    const { bytes, nextSeq } = stampTemplate(tpl, { channel: 2, firstSeq: 65535, timestamp: 4_294_967_000, ssrc: 42 });
    const expected = packetizeAccessUnit(nals, { sequenceNumber: 65535, timestamp: 4_294_967_000, ssrc: 42 });
    const frames: Buffer[] = [];
    for (let o = 0; o < bytes.length; ) {
      expect(bytes[o]).toBe(0x24);
      expect(bytes[o + 1]).toBe(2);
      const len = bytes.readUInt16BE(o + 2);
      frames.push(bytes.subarray(o + 4, o + 4 + len));
      o += 4 + len;
    }
    expect(frames).toHaveLength(expected.length);
    frames.forEach((f, i) => expect(f.equals(expected[i] ?? Buffer.alloc(0))).toBe(true));
    expect(nextSeq).toBe((65535 + expected.length) & 0xffff);
    // the template itself is untouched
    expect(tpl.bytes[1]).toBe(0);
  });
});
