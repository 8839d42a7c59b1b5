import { describe, expect, it } from 'vitest';
import { hevcCodecString } from './codec-string';
import { Fmp4ParseError, fragmentDuration, parseFragment, parseInit } from './fmp4-parser';
import type { FragmentInfo } from './fmp4-parser';
import { box, fullBox, splitFixture, u32, u64 } from './testing/fmp4-fixtures';

// Expected values read once with ffprobe 5.1 on the committed fixtures:
//   ffprobe -v error -show_entries stream=codec_name,profile,level,width,height,time_base <file>
//   ffprobe -v error -show_packets -show_entries packet=pts,duration,flags,size -of csv=p=0 <file>
// gop1s.mp4:         h264 High level 12, 320x180, time_base 1/12800, 100 packets of 512 ticks (51200 in all),
//                    144469 bytes of packets, keyframes at packets 0, 25, 50, 75.
// gop2s.mp4:         same but keyframes at packets 0, 50; 138618 bytes.
// gop1s-256x144.mp4: 256x144, 50 packets of 512 ticks, keyframes at 0, 25; 55653 bytes.
const EXPECTED = {
  'gop1s.mp4': { width: 320, height: 180, packets: 100, bytes: 144469, keyframes: [0, 25, 50, 75] },
  'gop2s.mp4': { width: 320, height: 180, packets: 100, bytes: 138618, keyframes: [0, 50] },
  'gop1s-256x144.mp4': { width: 256, height: 144, packets: 50, bytes: 55653, keyframes: [0, 25] },
} as const;

const SYNC = 0x02000000; // sample_depends_on = 2 (I-frame)
const NON_SYNC = 0x01010000; // depends on others + sample_is_non_sync_sample

describe('parseInit on ffmpeg output', () => {
  for (const [name, want] of Object.entries(EXPECTED)) {
    it(`${name}: track, timescale, size and codec`, () => {
      const { init } = splitFixture(name as keyof typeof EXPECTED);
      expect(parseInit(init)).toEqual({
        trackId: 1,
        timescale: 12800,
        width: want.width,
        height: want.height,
        codec: 'avc1.64000c', // High (0x64), no constraint flags, level 1.2 (0x0c)
        sampleEntry: 'avc1',
        defaults: { sampleDuration: 0, sampleSize: 0, sampleFlags: 0 }, // ffmpeg's trex is all zeros
        audio: null,
      });
    });
  }

  it('rejects a moov without a video track', () => {
    expect(() => parseInit(box('moov', fullBox('mvhd', 0, 0, Buffer.alloc(96))))).toThrow(Fmp4ParseError);
    expect(() => parseInit(box('free'))).toThrow(/no 'moov'/);
  });
});

describe('parseFragment on ffmpeg output', () => {
  for (const [name, want] of Object.entries(EXPECTED)) {
    it(`${name}: durations, sizes and keyframes match ffprobe`, () => {
      const { init, fragments } = splitFixture(name as keyof typeof EXPECTED);
      const info = parseInit(init);
      const parsed = fragments.map((f) => parseFragment(f, info));
      const samples = parsed.flatMap((p) => p.samples);
      expect(samples).toHaveLength(want.packets);
      expect(samples.every((s) => s.duration === 512)).toBe(true);
      expect(samples.reduce((n, s) => n + (s.size ?? 0), 0)).toBe(want.bytes);
      expect(samples.flatMap((s, i) => (s.isSync ? [i] : []))).toEqual(want.keyframes);
      let start = 0;
      parsed.forEach((p, i) => {
        expect(p.sequenceNumber).toBe(i + 1);
        expect(p.baseMediaDecodeTime).toBe(start); // tfdt is continuous
        expect(p.duration).toBe(p.sampleCount * 512);
        expect(p.firstSampleIsSync).toBe((want.keyframes as readonly number[]).includes(start / 512));
        start += p.duration ?? 0;
      });
      expect(start).toBe(want.packets * 512);
    });
  }
});

/** moof with one or more trafs, as synthetic input for the cases ffmpeg does not produce. */
const moof = (...trafs: Buffer[]): Buffer => box('moof', fullBox('mfhd', 0, 0, u32(7)), ...trafs.map((t) => box('traf', t)));
const tfhd = (flags: number, trackId: number, ...fields: number[]): Buffer => fullBox('tfhd', 0, flags, u32(trackId, ...fields));
const tfdt0 = (t: number): Buffer => fullBox('tfdt', 0, 0, u32(t));
const track1 = { trackId: 1, defaults: {} };

describe('parseFragment edge cases', () => {
  it('reads tfdt version 0 and version 1 (64-bit)', () => {
    const trun = fullBox('trun', 0, 0x100, u32(1, 40));
    expect(parseFragment(moof(Buffer.concat([tfhd(0, 1), tfdt0(1234), trun])), track1).baseMediaDecodeTime).toBe(1234);
    const v1 = fullBox('tfdt', 1, 0, u64(2 ** 40));
    expect(parseFragment(moof(Buffer.concat([tfhd(0, 1), v1, trun])), track1).baseMediaDecodeTime).toBe(2 ** 40);
    expect(parseFragment(moof(Buffer.concat([tfhd(0, 1), trun])), track1).baseMediaDecodeTime).toBeNull();
  });

  it('applies tfhd defaults (after base-data-offset and sample-description-index) and first-sample-flags', () => {
    // tfhd flags: base-data-offset 0x1 (u64), sample-description-index 0x2, duration 0x8, flags 0x20.
    const head = tfhd(0x2b, 1, 0, 64, 1, 3600, NON_SYNC);
    const trun = fullBox('trun', 0, 0x205, u32(3, 100, SYNC, 500, 200, 300)); // data offset, first flags, sizes
    const info = parseFragment(moof(Buffer.concat([head, tfdt0(0), trun])), track1);
    expect(info).toMatchObject({ sampleCount: 3, duration: 10800, firstSampleIsSync: true });
    expect(info.samples.map((s) => [s.duration, s.size, s.isSync])).toEqual([
      [3600, 500, true],
      [3600, 200, false],
      [3600, 300, false],
    ]);
  });

  it('reads per-sample durations, flags and signed (v1) composition offsets', () => {
    const trun = fullBox('trun', 1, 0xf00, u32(2, 100, 10, NON_SYNC, -100, 200, 20, SYNC, 50));
    const info: FragmentInfo = parseFragment(moof(Buffer.concat([tfhd(0, 1), trun])), track1);
    expect(info.samples).toEqual([
      { duration: 100, size: 10, flags: NON_SYNC, compositionOffset: -100, isSync: false },
      { duration: 200, size: 20, flags: SYNC, compositionOffset: 50, isSync: true },
    ]);
    expect(info).toMatchObject({ duration: 300, firstSampleIsSync: false });
  });

  it('falls back to trex defaults, and reports a missing or zero duration as null', () => {
    const frag = moof(Buffer.concat([tfhd(0, 1), fullBox('trun', 0, 0, u32(4))]));
    expect(parseFragment(frag, { trackId: 1, defaults: { sampleDuration: 40 } }).duration).toBe(160);
    expect(parseFragment(frag, track1).duration).toBeNull();
    expect(parseFragment(frag, { trackId: 1, defaults: { sampleDuration: 0 } }).duration).toBeNull();
    // No flags anywhere: sample_is_non_sync_sample is 0, so every sample is a sync sample.
    expect(parseFragment(frag, track1).firstSampleIsSync).toBe(true);
  });

  it('fragmentDuration falls back to the next fragment tfdt only when durations are missing', () => {
    const noDur = parseFragment(moof(Buffer.concat([tfhd(0, 1), tfdt0(1000), fullBox('trun', 0, 0, u32(4))])), track1);
    expect(fragmentDuration(noDur)).toBeNull();
    expect(fragmentDuration(noDur, { baseMediaDecodeTime: 1360 })).toBe(360);
    expect(fragmentDuration(noDur, { baseMediaDecodeTime: 0 })).toBeNull(); // timestamps went backwards
    const withDur = parseFragment(moof(Buffer.concat([tfhd(0x8, 1, 40), tfdt0(1000), fullBox('trun', 0, 0, u32(4))])), track1);
    expect(fragmentDuration(withDur, { baseMediaDecodeTime: 9999 })).toBe(160);
  });

  it('honours duration-is-empty and sums several truns', () => {
    const empty = moof(Buffer.concat([tfhd(0x10000, 1), fullBox('trun', 0, 0x100, u32(1, 40))]));
    expect(parseFragment(empty, track1)).toMatchObject({ sampleCount: 0, duration: null });
    const two = moof(Buffer.concat([tfhd(0, 1), fullBox('trun', 0, 0x100, u32(1, 40)), fullBox('trun', 0, 0x100, u32(2, 40, 40))]));
    expect(parseFragment(two, track1)).toMatchObject({ sampleCount: 3, duration: 120 });
  });

  it('follows the init track id and ignores other tracks', () => {
    const other = Buffer.concat([tfhd(0, 2), fullBox('trun', 0, 0x100, u32(1, 999))]);
    const ours = Buffer.concat([tfhd(0, 1), fullBox('trun', 0, 0x100, u32(1, 40))]);
    expect(parseFragment(moof(other, ours), track1)).toMatchObject({ trackId: 1, duration: 40 });
    expect(() => parseFragment(moof(other), track1)).toThrow(/no traf for track 1/);
  });

  it('rejects corrupt boxes with Fmp4ParseError, not a RangeError', () => {
    const overrun = moof(Buffer.concat([tfhd(0, 1), fullBox('trun', 0, 0x100, u32(1000, 40))]));
    expect(() => parseFragment(overrun, track1)).toThrow(Fmp4ParseError);
    const shortTfdt = moof(Buffer.concat([tfhd(0, 1), fullBox('tfdt', 1, 0, u32(1))]));
    expect(() => parseFragment(shortTfdt, track1)).toThrow(Fmp4ParseError);
    const badSize = Buffer.from(moof(tfhd(0, 1)));
    badSize.writeUInt32BE(9999, 8); // mfhd claims more than the moof holds
    expect(() => parseFragment(badSize, track1)).toThrow(Fmp4ParseError);
  });
});

describe('hevcCodecString', () => {
  it('formats the ISO/IEC 14496-15 Annex E string', () => {
    // Main profile (1), compatibility flags 0x60000000 (→ reversed 0x6), constraint byte 0xB0, level 93 (3.1).
    const hvcC = Buffer.from([1, 0x01, 0x60, 0, 0, 0, 0xb0, 0, 0, 0, 0, 0, 93]);
    expect(hevcCodecString('hvc1', hvcC)).toBe('hvc1.1.6.L93.B0');
    const main10High = Buffer.from([1, 0x22, 0x20, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 150]);
    expect(hevcCodecString('hev1', main10High)).toBe('hev1.2.4.H150.90');
  });
});
