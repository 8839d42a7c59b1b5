import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Mp4BoxReader } from './mp4-box-reader';
import { StartRepairFilter } from './start-repair-filter';
import { decodeTimesFromPresentation, planStartRepair } from './start-timestamp-repair';
import type { TimedSample } from './start-timestamp-repair';
import { FFMPEG, ffmpegAvailable } from './testing/av-fixtures';
import { box, fullBox, readFixture, splitFixture, u32, u64 } from './testing/fmp4-fixtures';
import type { FixtureName } from './testing/fmp4-fixtures';
import { trackTimeline } from './testing/timeline';

const F = 3600; // one frame at 25 fps, 90 kHz

/** Samples from decode-order PTS in frames and a DTS per sample (in frames), as ticks. */
const samples = (dts: number[], pts: number[]): TimedSample[] => dts.map((d, k) => ({ dts: d * F, pts: (pts[k] as number) * F }));

/** Everything the filter hands on for a byte stream, concatenated (flushed at the end, as at an ingest restart). */
function filtered(bytes: Buffer, filter = new StartRepairFilter()): Buffer {
  const reader = new Mp4BoxReader();
  const out = reader.push(bytes).flatMap((b) => filter.push(b));
  out.push(...filter.flush());
  return Buffer.concat(out.map((b) => b.bytes));
}

describe('decodeTimesFromPresentation', () => {
  it('IBBP (I0 P3 B1 B2 P6 B4 B5): k-th smallest PTS minus one frame, monotonic and never after the PTS', () => {
    const pts = [0, 3, 1, 2, 6, 4, 5].map((p) => p * F);
    const dts = decodeTimesFromPresentation(pts, F);
    expect(dts).toEqual([-1, 0, 1, 2, 3, 4, 5].map((d) => d * F));
    dts.forEach((d, k) => expect(d).toBeLessThanOrEqual(pts[k] as number));
  });

  it('without B-frames DTS = PTS', () => {
    expect(decodeTimesFromPresentation([0, F, 2 * F], 0)).toEqual([0, F, 2 * F]);
  });
});

describe('planStartRepair', () => {
  it('ffmpeg without B-frames (frame 1 clamped to tick 1): every frame one slot later, shift one frame', () => {
    const input: TimedSample[] = [{ dts: 0, pts: 0 }, { dts: 1, pts: 1 }, ...[1, 2, 3, 4].map((k) => ({ dts: k * F, pts: k * F }))];
    const plan = planStartRepair(input, 90000);
    expect(plan).toMatchObject({ shift: F, rebuilt: 2 });
    expect(plan?.samples).toEqual([0, 1, 2, 3, 4, 5].map((k) => ({ dts: k * F, pts: k * F })));
  });

  it('a clean start is left alone: no B-frames, IBBP with the keyframe one frame after its DTS', () => {
    expect(planStartRepair(samples([0, 1, 2, 3, 4], [0, 1, 2, 3, 4]), 90000)).toBeNull();
    expect(planStartRepair(samples([0, 1, 2, 3, 4, 5, 6], [1, 4, 2, 3, 7, 5, 6]), 90000)).toBeNull();
  });

  it('a keyframe shown one frame early (IBBP, nothing clamped) gets its slot back; nothing else moves', () => {
    const plan = planStartRepair(samples([0, 1, 2, 3, 4], [0, 4, 2, 3, 7]), 90000);
    expect(plan).toMatchObject({ shift: 0, rebuilt: 1 });
    expect(plan?.samples.map((s) => s.pts / F)).toEqual([1, 4, 2, 3, 7]);
  });

  it('gives up (null) rather than guess: a frame missing after the keyframe, or too few regular samples', () => {
    // Frames 1 and 2 missing: the lowest trusted PTS does not start a regular run.
    const gap = [{ dts: 0, pts: 0 }, { dts: 1, pts: 1 }, ...[3, 5, 6, 7].map((k) => ({ dts: k * F, pts: k * F }))];
    expect(planStartRepair(gap, 90000)).toBeNull();
    expect(planStartRepair([{ dts: 0, pts: 0 }, { dts: 1, pts: 1 }, { dts: F, pts: F }], 90000)).toBeNull();
  });
});

describe('StartRepairFilter on clean streams: byte-identical', () => {
  it.each<FixtureName>(['gop1s.mp4', 'gop2s.mp4', 'gop4s-160x90.mp4'])('%s (ffmpeg from a file: timestamps known)', (name) => {
    const bytes = readFixture(name);
    const filter = new StartRepairFilter();
    expect(filtered(bytes, filter).equals(bytes)).toBe(true);
    expect(filter.repair).toBeNull();
  });

  it.skipIf(!ffmpegAvailable)('B-frames with pyramid (libx264 -bf 3), keyframe PTS two frames after its DTS', () => {
    const bytes = execFileSync(FFMPEG, [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=96x64:rate=25', '-t', '1.2'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-bf', '3', '-g', '25', '-bitexact'],
      ...['-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '200000', 'pipe:1'],
    ]);
    const filter = new StartRepairFilter();
    expect(trackTimeline(bytes, [bytes]).samples.some((s) => s.pts !== s.dts)).toBe(true);
    expect(filtered(bytes, filter).equals(bytes)).toBe(true);
    expect(filter.repair).toBeNull();
  });
});

describe('StartRepairFilter with audio', () => {
  // Two tracks (video 1 at 90 kHz, AAC 2 at 16 kHz) from a captured init; hand-made moofs in ffmpeg's layout with
  // the no-B-frames defect (frame 1 clamped to tick 1), which ffmpeg shows when no audio sets the start.
  const { init } = splitFixture('rtsp-start-bframes-aac.mp4');
  /** trun with per-sample duration and size; `firstFlags` (first-sample-flags) marks the first sample. */
  const traf = (track: number, tfdt: number, durations: number[], firstFlags?: number): Buffer =>
    box(
      'traf',
      fullBox('tfhd', 0, 0x020000, u32(track)),
      fullBox('tfdt', 1, 0, u64(tfdt)),
      fullBox('trun', 0, 0x300 | (firstFlags === undefined ? 0 : 0x4), u32(durations.length), ...(firstFlags === undefined ? [] : [u32(firstFlags)]), ...durations.map((d) => u32(d, 10))),
    );
  const fragment = (seq: number, video: [number, number[]], audioTfdt: number, firstFlags?: number): Buffer =>
    Buffer.concat([
      box('moof', fullBox('mfhd', 0, 0, u32(seq)), traf(1, video[0], video[1], firstFlags), traf(2, audioTfdt, [1024, 1024, 1024])),
      box('mdat', Buffer.alloc(10 * (video[1].length + 3))),
    ]);
  const run = (firstFlags?: number): Buffer =>
    Buffer.concat([
      init,
      fragment(1, [0, [1, F - 1, F, F, F, F]], 0, firstFlags),
      fragment(2, [5 * F, [F, F, F, F, F]], 3072),
      fragment(3, [10 * F, [F, F, F, F, F]], 6144),
    ]);
  const stream = run();

  it('the audio moves by the same time as the video (40 ms = 640 ticks at 16 kHz), in every fragment of the run', () => {
    const filter = new StartRepairFilter();
    const out = filtered(stream, filter);
    expect(out.length).toBe(stream.length);
    expect(filter.repair?.shift).toBe(F);
    const video = trackTimeline(init, [out]);
    expect(video.tfdt).toEqual([0, 6 * F, 11 * F]);
    expect(video.samples.map((s) => s.duration)).toEqual(Array(16).fill(F));
    expect(trackTimeline(init, [out], 'audio').tfdt).toEqual([640, 3072 + 640, 6144 + 640]);
  });

  it('a run that starts mid-GOP (first sample not a sync sample) is left as it came', () => {
    const midGop = run(0x00010000); // sample_is_non_sync_sample
    const filter = new StartRepairFilter();
    expect(filtered(midGop, filter).equals(midGop)).toBe(true);
    expect(filter.repair).toBeNull();
  });
});
