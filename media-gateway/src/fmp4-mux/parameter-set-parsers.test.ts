// The SPS/VPS parsers on the parameter sets real encoders wrote (x264, x265 via ffmpeg: see
// tests/fixtures/media/fmp4-mux/make-fixtures.sh); expected values read off `ffprobe -show_streams` of the same files.
import { describe, expect, it } from 'vitest';
import { parseAacConfig } from './aac-config';
import { BitReader, nalToRbsp } from './bit-reader';
import { avcCodecString, hevcCodecString } from './codec-strings';
import { Fmp4MuxError } from './errors';
import { parseH264Sps } from './h264-sps';
import { parseH265Sps, parseH265Vps } from './h265-ps';
import { classifyNal, describeVideoTrack } from './parameter-sets';
import { loadVideo } from './testing/es-fixtures';

function firstOfKind(file: string, codec: 'h264' | 'h265', kind: 'vps' | 'sps' | 'pps'): Uint8Array {
  const nal = loadVideo(file, codec)[0]?.au.nalus.find((n) => classifyNal(codec, n) === kind);
  if (!nal) throw new Error(`${file}: no ${kind}`);
  return nal;
}

describe('bit reader', () => {
  it('removes emulation-prevention bytes (00 00 03 → 00 00) and only those', () => {
    expect([...nalToRbsp(Uint8Array.of(0x67, 0, 0, 3, 1, 0, 0, 3, 0, 3, 0, 3))]).toEqual([0x67, 0, 0, 1, 0, 0, 0, 3, 0, 3]);
  });

  it('reads Exp-Golomb codes: ue 0,1,2,3 and se 1,-1', () => {
    // 1 | 010 | 011 | 00100 | 010 | 011 → ue: 0, 1, 2, 3; se(010) = 1, se(011) = -1
    const r = new BitReader(Uint8Array.of(0b10100110, 0b01000100, 0b11000000));
    expect([r.ue(), r.ue(), r.ue(), r.ue(), r.se(), r.se()]).toEqual([0, 1, 2, 3, 1, -1]);
  });

  it('a truncated parameter set is a typed error, not a garbage value', () => {
    const sps = firstOfKind('h264-bframes.h264', 'h264', 'sps');
    expect(() => parseH264Sps(sps.subarray(0, 6))).toThrow(Fmp4MuxError);
    try {
      parseH265Sps(firstOfKind('h265-bframes.h265', 'h265', 'sps').subarray(0, 10));
      expect.unreachable();
    } catch (err) {
      expect((err as Fmp4MuxError).code).toBe('bad-parameter-set');
    }
  });
});

describe('corrupt parameter sets', () => {
  /** A small deterministic PRNG (mulberry32): the same corruptions on every run. */
  function random(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    };
  }

  it('more sets than a decoder configuration record can count are refused', () => {
    const nals = loadVideo('h264-bframes.h264', 'h264')[0]?.au.nalus ?? [];
    const sps = nals.filter((n) => classifyNal('h264', n) === 'sps');
    const pps = nals.filter((n) => classifyNal('h264', n) === 'pps');
    expect(() => describeVideoTrack({ codec: 'h264', vps: [], sps: Array<Uint8Array>(32).fill(sps[0] ?? new Uint8Array()), pps })).toThrow(/too many/);
  });

  it('1000 bit-flipped and truncated SPS/VPS/PPS sets: a result or an Fmp4MuxError, never another exception', () => {
    const next = random(12);
    const sources = [
      { codec: 'h264', nals: loadVideo('h264-bframes.h264', 'h264')[0]?.au.nalus ?? [] },
      { codec: 'h265', nals: loadVideo('h265-bframes.h265', 'h265')[0]?.au.nalus ?? [] },
    ] as const;
    let refused = 0;
    for (let i = 0; i < 1000; i++) {
      const { codec, nals } = sources[i % 2] as (typeof sources)[number];
      const sets = { codec, vps: [] as Uint8Array[], sps: [] as Uint8Array[], pps: [] as Uint8Array[] };
      for (const nal of nals) {
        const kind = classifyNal(codec, nal);
        if (kind === 'sample' || kind === 'drop') continue;
        const copy = Uint8Array.from(nal.subarray(0, Math.max(2, Math.floor(nal.length * (0.5 + next())))));
        for (let k = 0; k < 3; k++) {
          const at = 2 + Math.floor(next() * (copy.length - 2)); // keep the NAL header: the type decides the parser
          copy[at] = (copy[at] ?? 0) ^ (1 << Math.floor(next() * 8));
        }
        sets[kind].push(copy);
      }
      try {
        describeVideoTrack(sets);
      } catch (err) {
        if (!(err instanceof Fmp4MuxError)) throw err;
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(50); // the corruption does reach the parsers
  });
});

describe('H.264 SPS', () => {
  it('x264 High with 2 B-frames, 320x180 (192 coded rows cropped), VUI timing behind an emulation-prevention byte', () => {
    const nal = firstOfKind('h264-bframes.h264', 'h264', 'sps');
    // The VUI timing fields of this SPS hold 00 00 03 sequences: read without unescaping, time_scale would be wrong.
    expect(Buffer.from(nal).includes(Buffer.of(0, 0, 3))).toBe(true);
    const sps = parseH264Sps(nal);
    expect(sps).toMatchObject({ profileIdc: 100, constraintFlags: 0, levelIdc: 12, chromaFormatIdc: 1, bitDepthLuma: 8, width: 320, height: 180 });
    expect(sps.timing).toEqual({ numUnitsInTick: 1, timeScale: 50, fixedFrameRate: false }); // 25 fps
    expect(sps.maxNumReorderFrames).toBe(2); // ffprobe: has_b_frames=2
    expect(avcCodecString(sps)).toBe('avc1.64000c');
  });

  it('x264 Constrained Baseline 160x90: constraint_set0+1, level 1.1, no reordering', () => {
    const sps = parseH264Sps(firstOfKind('h264-baseline-160x90.h264', 'h264', 'sps'));
    expect(sps).toMatchObject({ profileIdc: 66, constraintFlags: 0xc0, levelIdc: 11, width: 160, height: 90, maxNumReorderFrames: 0 });
    expect(avcCodecString(sps)).toBe('avc1.42c00b');
  });

  it('rejects a NAL unit that is not an SPS', () => {
    expect(() => parseH264Sps(firstOfKind('h264-bframes.h264', 'h264', 'pps'))).toThrow(/not an H.264 SPS/);
  });
});

describe('H.265 VPS/SPS', () => {
  it('x265 Main, level 2 (60), 320x180 after the conformance window (184 coded rows)', () => {
    const sps = parseH265Sps(firstOfKind('h265-bframes.h265', 'h265', 'sps'));
    expect(sps).toMatchObject({ chromaFormatIdc: 1, bitDepthLuma: 8, bitDepthChroma: 8, width: 320, height: 180 });
    expect(sps.ptl).toMatchObject({ profileSpace: 0, tierFlag: 0, profileIdc: 1, compatibilityFlags: 0x60000000, levelIdc: 60 });
    // progressive_source + frame_only_constraint
    expect([...sps.ptl.constraintFlags]).toEqual([0x90, 0, 0, 0, 0, 0]);
    expect(sps).toMatchObject({ maxSubLayers: 1, temporalIdNesting: true, maxNumReorderPics: 2 });
    expect(hevcCodecString(sps.ptl)).toBe('hvc1.1.6.L60.90');
  });

  it('the VPS carries the same general profile_tier_level', () => {
    const nal = firstOfKind('h265-bframes.h265', 'h265', 'vps');
    expect(Buffer.from(nal).includes(Buffer.of(0, 0, 3))).toBe(true);
    const vps = parseH265Vps(nal);
    const sps = parseH265Sps(firstOfKind('h265-bframes.h265', 'h265', 'sps'));
    expect(vps.ptl).toEqual(sps.ptl);
    expect(vps.maxSubLayers).toBe(1);
  });
});

describe('AAC AudioSpecificConfig', () => {
  it('AAC-LC 16 kHz mono (RFC 3640 config=1408)', () => {
    expect(parseAacConfig(Uint8Array.of(0x14, 0x08))).toMatchObject({ audioObjectType: 2, sampleRate: 16000, channels: 1 });
  });

  it('an escaped sampling frequency (index 15 + 24 bits) and an escaped object type', () => {
    // AOT 31 → 32 + 6 bits (0) = 32; index 15; 24-bit 22050; channels 2
    const bits = '11111' + '000000' + '1111' + (22050).toString(2).padStart(24, '0') + '0010';
    const bytes = Uint8Array.from(bits.padEnd(48, '0').match(/.{8}/g) ?? [], (b) => parseInt(b, 2));
    expect(parseAacConfig(bytes)).toMatchObject({ audioObjectType: 32, sampleRate: 22050, channels: 2 });
  });

  it('an unusable config is a typed error', () => {
    expect(() => parseAacConfig(Uint8Array.of(0x10))).toThrow(Fmp4MuxError);
    expect(() => parseAacConfig(Uint8Array.of(0x17, 0x08))).toThrow(/unusable/); // sampling index 14: reserved
  });
});
