import { describe, expect, it } from 'vitest';
import { ClipFormatError, clipFromAnnexB } from './clip';
import { nalType } from './h264-annexb';

const sc = [0, 0, 0, 1];
const AUD = [0x09, 0xf0];
const SPS = [0x67, 0x4d, 0x40, 0x1e, 0xaa];
const PPS = [0x68, 0xee, 0x3c, 0x80];
const idr = (n: number): number[] => [0x65, 0x88, n, 0x21];
const p = (n: number): number[] => [0x41, 0x9a, n, 0x21];

/** A tiny GOP-2 stream: AUD+SPS+PPS+IDR, AUD+P, AUD+IDR (no parameter sets), AUD+P. */
function stream(): Buffer {
  const nals = [AUD, SPS, PPS, idr(1), AUD, p(2), AUD, idr(3), AUD, p(4)];
  return Buffer.from(nals.flatMap((n) => [...sc, ...n]));
}

describe('clipFromAnnexB', () => {
  it('drops AUDs and puts SPS/PPS in front of every IDR', () => {
    const clip = clipFromAnnexB(stream(), { profile: 'sub', width: 640, height: 360, fps: 25, gop: 2 });
    expect(clip.accessUnits.map((u) => u.nals.map(nalType))).toEqual([[7, 8, 5], [1], [7, 8, 5], [1]]);
    expect(clip.accessUnits.map((u) => u.keyframe)).toEqual([true, false, true, false]);
    expect([...clip.sps]).toEqual(SPS);
    expect([...clip.pps]).toEqual(PPS);
    expect(clip.durationTicks).toBe(4 * 3600);
    expect(clip.accessUnits[0]?.template.packetOffsets).toHaveLength(3);
  });

  it('rejects streams the pacer cannot loop', () => {
    expect(() => clipFromAnnexB(Buffer.from([...sc, ...p(1)]), { profile: 'sub', width: 1, height: 1, fps: 25 })).toThrow(ClipFormatError);
    expect(() => clipFromAnnexB(stream(), { profile: 'sub', width: 1, height: 1, fps: 25, gop: 3 })).toThrow(/keyframe layout/);
  });
});
