/** Hand-built payloads for the cases captures rarely show: multi-AU and fragmented AAC, malformed packets, fuzz. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AacDepacketiser } from './aac-depacketiser';
import { AccessUnitAssembler, type AssembledAccessUnit } from './access-unit';
import { H264Depacketiser } from './h264-depacketiser';
import { H265Depacketiser } from './h265-depacketiser';
import { parseRtp } from './rtp-packet';

const u8 = (...b: number[]): Uint8Array => Uint8Array.from(b);
const LAYOUT = { sizeLength: 13, indexLength: 3, indexDeltaLength: 3, frameSamples: 1024 };

/** AU-headers section for 13-bit sizes and 3-bit indices (RFC 3640 §3.2.1). */
function aacPacket(sizes: number[], data: Uint8Array): Uint8Array {
  const bits = sizes.length * 16;
  const out = new Uint8Array(2 + bits / 8 + data.length);
  out[0] = bits >> 8;
  out[1] = bits & 0xff;
  sizes.forEach((s, i) => {
    out[2 + i * 2] = (s << 3) >> 8;
    out[3 + i * 2] = (s << 3) & 0xff;
  });
  out.set(data, 2 + bits / 8);
  return out;
}

describe('AacDepacketiser (RFC 3640 AAC-hbr)', () => {
  it('splits several AUs in one packet', () => {
    const units = new AacDepacketiser(LAYOUT).push(aacPacket([3, 2], u8(1, 2, 3, 4, 5)), true, false);
    expect(units).toEqual([
      { index: 0, data: u8(1, 2, 3) },
      { index: 1, data: u8(4, 5) },
    ]);
  });

  it('reassembles one AU fragmented over packets, and drops it when a fragment is lost', () => {
    const d = new AacDepacketiser(LAYOUT);
    expect(d.push(aacPacket([5], u8(1, 2)), false, false)).toEqual([]);
    expect(d.push(aacPacket([5], u8(3, 4, 5)), true, false)).toEqual([{ index: 0, data: u8(1, 2, 3, 4, 5) }]);
    expect(d.push(aacPacket([5], u8(1, 2)), false, false)).toEqual([]);
    // The middle went missing: the tail alone is not an AU.
    expect(d.push(aacPacket([5], u8(5)), true, true)).toBe('corrupt');
  });

  it('refuses AU sizes beyond the data', () => {
    expect(new AacDepacketiser(LAYOUT).push(aacPacket([4, 4], u8(1, 2, 3)), true, false)).toBe('corrupt');
    expect(new AacDepacketiser(LAYOUT).push(u8(0xff, 0xff, 1), true, false)).toBe('corrupt');
  });
});

describe('H.264 / H.265 depacketisers', () => {
  it('rejects malformed STAP-A, orphan FU-A fragments and interleaved-mode types', () => {
    const d = new H264Depacketiser();
    expect(d.push(u8(24, 0, 9, 0x67), false)).toBe('corrupt'); // size past the end
    expect(d.push(u8(28, 0x45, 1, 2), false)).toBe('corrupt'); // FU-A end without start
    expect(d.push(u8(26, 1, 2, 3), false)).toBe('corrupt'); // MTAP16
    expect(d.push(u8(24, 0, 2, 0x67, 1, 0, 2, 0x68, 2), false)).toEqual([u8(0x67, 1), u8(0x68, 2)]);
  });

  it('rebuilds the NAL header from FU indicator and header (H.264 NRI, H.265 layer and TID kept)', () => {
    const h264 = new H264Depacketiser();
    expect(h264.push(u8(0x7c, 0x85, 1), false)).toEqual([]);
    expect(h264.push(u8(0x7c, 0x45, 2), false)).toEqual([u8(0x65, 1, 2)]);
    const h265 = new H265Depacketiser();
    // PayloadHdr type 49, TID 1; FU header S=1, type 19 (IDR_W_RADL).
    expect(h265.push(u8(49 << 1, 1, 0x80 | 19, 7), false)).toEqual([]);
    expect(h265.push(u8(49 << 1, 1, 0x40 | 19, 8), false)).toEqual([u8(19 << 1, 1, 7, 8)]);
  });

  it('never throws on random payloads or RTP headers', () => {
    const h264 = new H264Depacketiser();
    const h265 = new H265Depacketiser();
    const aac = new AacDepacketiser(LAYOUT);
    const pool = randomBytes(3000 * 50);
    expect(() => {
      for (let i = 0; i < 3000; i++) {
        const p = new Uint8Array(pool.buffer, pool.byteOffset + i * 50, 1 + (i % 50));
        h264.push(p, i % 7 === 0);
        h265.push(p, i % 5 === 0);
        aac.push(p, i % 2 === 0, false);
        parseRtp(p);
      }
    }).not.toThrow();
  });
});

describe('AccessUnitAssembler', () => {
  const idr = u8(0x65, 0x88);
  const p = (first: boolean): Uint8Array => u8(0x41, first ? 0x9a : 0x1a);
  const collect = (): { aus: AssembledAccessUnit[]; drops: string[]; a: AccessUnitAssembler } => {
    const aus: AssembledAccessUnit[] = [];
    const drops: string[] = [];
    const a = new AccessUnitAssembler('h264', { sps: [u8(0x67, 1)], pps: [u8(0x68, 2)] }, (au) => aus.push(au), (r) => drops.push(r));
    return { aus, drops, a };
  };

  it('ends an AU at the marker or at a new timestamp, puts SDP parameter sets before a bare IDR', () => {
    const { aus, a } = collect();
    a.push(0, false, [idr]);
    a.push(3600, true, [p(true)]); // the IDR's marker packet was never sent: the new timestamp ends it
    expect(aus.map((x) => [x.timestamp, x.key, x.nalus.map((n) => n[0]! & 0x1f)])).toEqual([
      [0, true, [7, 8, 5]],
      [3600, false, [1]],
    ]);
  });

  it('waits for a keyframe, and after a loss keeps an AU only if its first slice starts the picture', () => {
    const { aus, drops, a } = collect();
    a.push(0, true, [p(true)]);
    a.push(3600, true, [idr]);
    a.markLoss();
    a.push(7200, true, [p(false)]); // lost its first slice
    a.markLoss();
    a.push(10800, true, [p(true)]); // whole AUs were lost before it: this one is complete
    expect(aus.map((x) => x.timestamp)).toEqual([3600, 10800]);
    expect(drops).toEqual(['before-keyframe', 'loss']);
  });
});
