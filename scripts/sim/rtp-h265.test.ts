import { describe, expect, it } from 'vitest';
import { clipFromAnnexB } from './clip';
import { H265_NAL, h265NalType } from './h265-nal';
import { parseRtpHeader } from './rtp-h264';
import { payloadsForH265Nal } from './rtp-h265';

/** An H.265 NAL of the given type (nuh_layer_id 0, TemporalId+1 = 1) with `size` bytes in total. */
const nal = (type: number, size: number, fill = 0xab): Buffer => {
  const b = Buffer.alloc(size, fill);
  b[0] = type << 1;
  b[1] = 0x01;
  return b;
};

describe('H.265 RTP packetisation (RFC 7798)', () => {
  it('sends a NAL that fits as a single NAL unit packet', () => {
    const n = nal(H265_NAL.IDR_W_RADL, 100);
    expect(payloadsForH265Nal(n, 1400)).toEqual([n]);
  });

  it('fragments a large NAL into FUs: PayloadHdr type 49 with layer/TID kept, S/E flags, FuType, body without the header', () => {
    const n = nal(1, 3000);
    for (let i = 2; i < n.length; i++) n[i] = i & 0xff;
    const fus = payloadsForH265Nal(n, 1000);
    expect(fus).toHaveLength(Math.ceil((3000 - 2) / 997));
    for (const [i, fu] of fus.entries()) {
      expect(fu.length).toBeLessThanOrEqual(1000);
      expect((fu[0]! >> 1) & 0x3f).toBe(49);
      expect(fu[0]! & 0x81).toBe(0); // F = 0, layer id high bit 0
      expect(fu[1]).toBe(0x01); // nuh_layer_id low bits + TemporalId+1 copied
      expect(fu[2]! & 0x80).toBe(i === 0 ? 0x80 : 0); // S
      expect(fu[2]! & 0x40).toBe(i === fus.length - 1 ? 0x40 : 0); // E
      expect(fu[2]! & 0x3f).toBe(1); // FuType = the NAL's type
    }
    // Reassembly: the original header (from PayloadHdr with FuType) + every fragment's body is the NAL again.
    const rebuilt = Buffer.concat([Buffer.from([(fus[0]![0]! & 0x81) | ((fus[0]![2]! & 0x3f) << 1), fus[0]![1]!]), ...fus.map((f) => f.subarray(3))]);
    expect(rebuilt.equals(n)).toBe(true);
  });

  it('builds a clip with VPS/SPS/PPS before every IRAP and marker on the last packet of each access unit', () => {
    const sc = Buffer.from([0, 0, 0, 1]);
    const aud = nal(H265_NAL.AUD, 3);
    const units = [
      [aud, nal(H265_NAL.VPS, 20, 1), nal(H265_NAL.SPS, 30, 2), nal(H265_NAL.PPS, 8, 3), nal(H265_NAL.IDR_W_RADL, 2000)],
      [aud, nal(1, 50)],
      [aud, nal(H265_NAL.IDR_W_RADL, 60)], // no parameter sets in the stream here: the clip adds them
      [aud, nal(1, 40)],
    ];
    const data = Buffer.concat(units.flat().flatMap((n) => [sc, n]));
    const clip = clipFromAnnexB(data, { profile: 'main', width: 1, height: 1, fps: 25, gop: 2, codec: 'h265', presentationOrder: [0, 1, 2, 3] });
    expect(clip.codec).toBe('h265');
    expect(clip.vps && h265NalType(clip.vps)).toBe(H265_NAL.VPS);
    expect(clip.accessUnits.map((u) => u.nals.map(h265NalType))).toEqual([[32, 33, 34, 19], [1], [32, 33, 34, 19], [1]]);
    const tpl = clip.accessUnits[0]!.template;
    const packets = tpl.packetOffsets.map((o) => parseRtpHeader(tpl.bytes.subarray(o + 4, o + 4 + tpl.bytes.readUInt16BE(o + 2))));
    expect(packets.map((p) => (p.payload[0]! >> 1) & 0x3f)).toEqual([32, 33, 34, 49, 49]);
    expect(packets.map((p) => p.marker)).toEqual([false, false, false, false, true]);
  });
});
