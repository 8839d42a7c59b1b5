// One fragment = moof + mdat (ISO/IEC 14496-12 §8.8), written into a single pre-sized buffer: this runs ~5 times a
// second for every watched stream. The moof holds a traf per track (video first, then the audio of the same time
// span), each with tfhd (default-base-is-moof: data offsets count from the moof's first byte), tfdt version 1
// (64-bit decode time) and one trun listing every sample.
import { AUDIO_TRACK_ID, VIDEO_TRACK_ID } from './init-segment';

export interface VideoSample {
  /** Decode time, 90 kHz. */
  dts: number;
  duration: number;
  /** pts − dts (≥ 0 here; written signed in a version 1 trun). */
  compositionOffset: number;
  key: boolean;
  /** NAL units without start codes; each is written with a 4-byte length. */
  nalus: readonly Uint8Array[];
}

export interface AudioSamples {
  /** Decode time of the first frame, in the audio timescale. */
  baseTime: number;
  /** Per-frame duration in the audio timescale (1024 for AAC). */
  frameDuration: number;
  frames: readonly Uint8Array[];
}

const TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
const TRUN_DATA_OFFSET = 0x001;
const TRUN_DURATION = 0x100;
const TRUN_SIZE = 0x200;
const TRUN_FLAGS = 0x400;
const TRUN_CTS = 0x800;
const VIDEO_TRUN = TRUN_DATA_OFFSET | TRUN_DURATION | TRUN_SIZE | TRUN_FLAGS | TRUN_CTS;
const AUDIO_TRUN = TRUN_DATA_OFFSET | TRUN_DURATION | TRUN_SIZE;

/** sample_depends_on = 2 (an I picture: depends on no other). */
const KEY_FLAGS = 0x02000000;
/** sample_depends_on = 1 and sample_is_non_sync_sample. */
const DELTA_FLAGS = 0x01010000;

const MFHD = 16;
const TRAF_FIXED = 8 + 16 + 20 + 20; // traf header, tfhd, tfdt v1, trun up to its per-sample table

const sampleSize = (s: VideoSample): number => s.nalus.reduce((n, nal) => n + 4 + nal.length, 0);

class Writer {
  pos = 0;

  constructor(readonly buf: Buffer) {}

  u32(v: number): void {
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
  }

  i32(v: number): void {
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
  }

  u64(v: number): void {
    this.u32(Math.floor(v / 2 ** 32));
    this.u32(v % 2 ** 32);
  }

  type(t: string): void {
    this.pos += this.buf.write(t, this.pos, 4, 'latin1');
  }

  bytes(b: Uint8Array): void {
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  header(size: number, type: string): void {
    this.u32(size);
    this.type(type);
  }

  fullHeader(size: number, type: string, version: number, flags: number): void {
    this.header(size, type);
    this.u32(((version << 24) | flags) >>> 0);
  }

  traf(trackId: number, baseTime: number, trunFlags: number, count: number, perSample: number, dataOffset: number): void {
    this.header(TRAF_FIXED + count * perSample, 'traf');
    this.fullHeader(16, 'tfhd', 0, TFHD_DEFAULT_BASE_IS_MOOF);
    this.u32(trackId);
    this.fullHeader(20, 'tfdt', 1, 0);
    this.u64(baseTime);
    this.fullHeader(20 + count * perSample, 'trun', 1, trunFlags);
    this.u32(count);
    this.i32(dataOffset);
  }
}

/** moof + mdat for `video` (≥ 1 sample) and the audio frames of the same span (none: no audio traf). */
export function writeFragment(sequence: number, video: readonly VideoSample[], audio: AudioSamples | null): Buffer {
  const first = video[0];
  if (!first) throw new RangeError('a fragment needs at least one video sample');
  const sizes = video.map(sampleSize);
  const videoBytes = sizes.reduce((a, b) => a + b, 0);
  const audioFrames = audio?.frames ?? [];
  const audioBytes = audioFrames.reduce((n, f) => n + f.length, 0);
  const moofSize = 8 + MFHD + TRAF_FIXED + video.length * 16 + (audioFrames.length > 0 ? TRAF_FIXED + audioFrames.length * 8 : 0);
  const w = new Writer(Buffer.allocUnsafe(moofSize + 8 + videoBytes + audioBytes));

  w.header(moofSize, 'moof');
  w.fullHeader(MFHD, 'mfhd', 0, 0);
  w.u32(sequence);
  w.traf(VIDEO_TRACK_ID, first.dts, VIDEO_TRUN, video.length, 16, moofSize + 8);
  video.forEach((s, i) => {
    w.u32(s.duration);
    w.u32(sizes[i] ?? 0);
    w.u32(s.key ? KEY_FLAGS : DELTA_FLAGS);
    w.i32(s.compositionOffset);
  });
  if (audio && audioFrames.length > 0) {
    w.traf(AUDIO_TRACK_ID, audio.baseTime, AUDIO_TRUN, audioFrames.length, 8, moofSize + 8 + videoBytes);
    for (const f of audioFrames) {
      w.u32(audio.frameDuration);
      w.u32(f.length);
    }
  }

  w.header(8 + videoBytes + audioBytes, 'mdat');
  for (const s of video) {
    for (const nal of s.nalus) {
      w.u32(nal.length);
      w.bytes(nal);
    }
  }
  for (const f of audioFrames) w.bytes(f);
  return w.buf;
}
