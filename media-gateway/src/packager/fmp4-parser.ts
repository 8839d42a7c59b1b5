// Pure parsing of the fragmented-MP4 boxes the packager needs: what the init segment describes (moov) and what
// each fragment holds (moof). Timing follows the first video track; the first audio track is described (codec,
// rate) so playlists can name it, and rides along in the same moof+mdat; other tracks are skipped, not rejected.
import { readAudioSampleEntry } from './audio-sample-entry';
import { avcCodecString, hevcCodecString } from './codec-string';
import { Cursor, Fmp4ParseError, childBoxes, findChild, findChildren } from './bmff-cursor';
import type { BoxRef } from './bmff-cursor';

export { Fmp4ParseError } from './bmff-cursor';

/** Per-track sample defaults from `trex`; `tfhd` overrides them per fragment. */
export interface TrackDefaults {
  sampleDuration?: number;
  sampleSize?: number;
  sampleFlags?: number;
}

export interface InitInfo {
  trackId: number;
  /** Ticks per second of the track's media time (`mdhd`). */
  timescale: number;
  width: number;
  height: number;
  /** RFC 6381 codec string, e.g. `avc1.64001f`; the bare sample entry type when unknown. */
  codec: string;
  /** Sample entry four-cc: `avc1`, `avc3`, `hvc1`, `hev1`, ... */
  sampleEntry: string;
  defaults: TrackDefaults;
  /** The audio track muxed into the same fragments, null when the stream has none. */
  audio: AudioTrackInfo | null;
}

export interface SampleInfo {
  /** Ticks, null when neither trun, tfhd nor trex gives one. */
  duration: number | null;
  size: number | null;
  flags: number;
  compositionOffset: number;
  isSync: boolean;
}

export interface FragmentInfo {
  sequenceNumber: number;
  trackId: number;
  /** `tfdt` in track ticks, null when the fragment has no tfdt. */
  baseMediaDecodeTime: number | null;
  sampleCount: number;
  /** Sum of sample durations in ticks; null if any is missing or zero, or no samples (use the next tfdt instead). */
  duration: number | null;
  firstSampleIsSync: boolean;
  samples: SampleInfo[];
}

/** `sample_is_non_sync_sample` in the ISO BMFF sample flags. */
const NON_SYNC = 0x00010000;

const TFHD_BASE_DATA_OFFSET = 0x1;
const TFHD_SAMPLE_DESCRIPTION = 0x2;
const TFHD_DURATION = 0x8;
const TFHD_SIZE = 0x10;
const TFHD_FLAGS = 0x20;
export const TFHD_DURATION_IS_EMPTY = 0x10000;

/** A 200 ms fragment holds a handful of samples; a huge count is corruption, not video. */
const MAX_SAMPLES = 100_000;

// trun flags (ISO/IEC 14496-12 §8.8.8); exported for start-repair-filter.ts, which patches fields in place.
export const TRUN_DATA_OFFSET = 0x1;
export const TRUN_FIRST_FLAGS = 0x4;
export const TRUN_DURATION = 0x100;
export const TRUN_SIZE = 0x200;
export const TRUN_FLAGS = 0x400;
export const TRUN_CTS = 0x800;

function topLevel(buf: Buffer, type: string): BoxRef {
  for (const box of childBoxes(buf, 0, buf.length)) if (box.type === type) return box;
  throw new Fmp4ParseError(`no '${type}' box`);
}

function need(box: BoxRef | undefined, what: string): BoxRef {
  if (!box) throw new Fmp4ParseError(`missing '${what}' box`);
  return box;
}

/** The init's audio track (the packager serves it inside the same fragments as the video, never on its own). */
export interface AudioTrackInfo {
  trackId: number;
  timescale: number;
  /** RFC 6381, e.g. `mp4a.40.2` (AAC-LC); the bare sample entry type when unknown. */
  codec: string;
  sampleEntry: string;
  channels: number;
  sampleRate: number;
}

/** A trak's handler type: `vide`, `soun`, ... */
function trakHandler(buf: Buffer, trak: BoxRef): string {
  const hdlr = need(findChild(buf, need(findChild(buf, trak, 'mdia'), 'mdia'), 'hdlr'), 'hdlr');
  return buf.toString('latin1', hdlr.dataStart + 8, hdlr.dataStart + 12);
}

/** A trak's track ID and media timescale; the tkhd cursor is left at its width field. */
function readTrakHeader(buf: Buffer, trak: BoxRef): { trackId: number; timescale: number; tkhd: Cursor; mdia: BoxRef } {
  const mdia = need(findChild(buf, trak, 'mdia'), 'mdia');
  const tkhd = new Cursor(buf, need(findChild(buf, trak, 'tkhd'), 'tkhd'));
  const tkhdVersion = tkhd.fullBox().version;
  tkhd.skip(tkhdVersion === 1 ? 16 : 8); // creation + modification time
  const trackId = tkhd.u32();
  tkhd.skip(4 + (tkhdVersion === 1 ? 8 : 4) + 8 + 8 + 36); // reserved, duration, reserved, layer..volume, matrix
  const mdhd = new Cursor(buf, need(findChild(buf, mdia, 'mdhd'), 'mdhd'));
  mdhd.skip(mdhd.fullBox().version === 1 ? 16 : 8);
  const timescale = mdhd.u32();
  if (timescale === 0) throw new Fmp4ParseError('mdhd timescale is 0');
  return { trackId, timescale, tkhd, mdia };
}

const stsdOf = (buf: Buffer, mdia: BoxRef): BoxRef =>
  need(findChild(buf, need(findChild(buf, need(findChild(buf, mdia, 'minf'), 'minf'), 'stbl'), 'stbl'), 'stsd'), 'stsd');

/** The first audio trak, or null: none, or one we cannot read (then the video still plays). */
function readAudioTrak(buf: Buffer, moov: BoxRef): AudioTrackInfo | null {
  for (const trak of findChildren(buf, moov, 'trak')) {
    try {
      if (trakHandler(buf, trak) !== 'soun') continue;
      const { trackId, timescale, mdia } = readTrakHeader(buf, trak);
      const entry = readAudioSampleEntry(buf, stsdOf(buf, mdia));
      return entry ? { trackId, timescale, ...entry } : null;
    } catch (err) {
      if (err instanceof Fmp4ParseError) return null;
      throw err;
    }
  }
  return null;
}

/** Reads the init segment (`ftyp`+`moov`, or `moov` alone). Throws Fmp4ParseError if there is no video track. */
export function parseInit(buf: Buffer): InitInfo {
  const moov = topLevel(buf, 'moov');
  for (const trak of findChildren(buf, moov, 'trak')) {
    if (trakHandler(buf, trak) !== 'vide') continue;
    const { trackId, timescale, tkhd, mdia } = readTrakHeader(buf, trak);
    const tkhdWidth = tkhd.u32() >>> 16;
    const tkhdHeight = tkhd.u32() >>> 16;
    const entry = readVisualSampleEntry(buf, stsdOf(buf, mdia));
    return {
      trackId,
      timescale,
      width: entry.width || tkhdWidth,
      height: entry.height || tkhdHeight,
      codec: entry.codec,
      sampleEntry: entry.type,
      defaults: readTrex(buf, moov, trackId),
      audio: readAudioTrak(buf, moov),
    };
  }
  throw new Fmp4ParseError('moov has no video track');
}

function readVisualSampleEntry(buf: Buffer, stsd: BoxRef): { type: string; width: number; height: number; codec: string } {
  // stsd: FullBox header + entry_count, then the entries; the first one describes our samples.
  const entry = childBoxes(buf, stsd.dataStart + 8, stsd.end).next().value;
  if (!entry) throw new Fmp4ParseError('stsd has no sample entry');
  // VisualSampleEntry: 6 reserved + 2 data_reference_index + 16 pre-defined/reserved, then width, height,
  // and 50 more bytes before the child boxes (avcC, hvcC, pasp, ...) start at payload offset 78.
  const cur = new Cursor(buf, entry, 24);
  const width = cur.u16();
  const height = cur.u16();
  let codec = entry.type;
  for (const child of childBoxes(buf, entry.dataStart + 78, entry.end)) {
    const payload = buf.subarray(child.dataStart, child.end);
    if (child.type === 'avcC') codec = avcCodecString(entry.type, payload);
    else if (child.type === 'hvcC') codec = hevcCodecString(entry.type, payload);
  }
  return { type: entry.type, width, height, codec };
}

function readTrex(buf: Buffer, moov: BoxRef, trackId: number): TrackDefaults {
  const mvex = findChild(buf, moov, 'mvex');
  if (!mvex) return {};
  for (const trex of findChildren(buf, mvex, 'trex')) {
    const cur = new Cursor(buf, trex);
    cur.fullBox();
    if (cur.u32() !== trackId) continue;
    cur.u32(); // default_sample_description_index
    return { sampleDuration: cur.u32(), sampleSize: cur.u32(), sampleFlags: cur.u32() };
  }
  return {};
}

/** Track IDs of a moof's trafs: a moof without the video track carries only audio (see FragmentAssembler). */
export function moofTrackIds(buf: Buffer): number[] {
  const moof = topLevel(buf, 'moof');
  return findChildren(buf, moof, 'traf').map((traf) => {
    const tfhd = new Cursor(buf, need(findChild(buf, traf, 'tfhd'), 'tfhd'));
    tfhd.fullBox();
    return tfhd.u32();
  });
}

/**
 * Reads one `moof` (the box alone or moof+mdat). `init` selects the track and supplies trex defaults; without it
 * the first traf is used.
 */
export function parseFragment(buf: Buffer, init?: Pick<InitInfo, 'trackId' | 'defaults'>): FragmentInfo {
  const moof = topLevel(buf, 'moof');
  const mfhd = new Cursor(buf, need(findChild(buf, moof, 'mfhd'), 'mfhd'));
  mfhd.fullBox();
  const sequenceNumber = mfhd.u32();

  for (const traf of findChildren(buf, moof, 'traf')) {
    const tfhd = new Cursor(buf, need(findChild(buf, traf, 'tfhd'), 'tfhd'));
    const { flags } = tfhd.fullBox();
    const trackId = tfhd.u32();
    if (init && trackId !== init.trackId) continue;
    if (flags & TFHD_BASE_DATA_OFFSET) tfhd.skip(8);
    if (flags & TFHD_SAMPLE_DESCRIPTION) tfhd.skip(4);
    const defaults: TrackDefaults = { ...init?.defaults };
    if (flags & TFHD_DURATION) defaults.sampleDuration = tfhd.u32();
    if (flags & TFHD_SIZE) defaults.sampleSize = tfhd.u32();
    if (flags & TFHD_FLAGS) defaults.sampleFlags = tfhd.u32();

    let baseMediaDecodeTime: number | null = null;
    const tfdtBox = findChild(buf, traf, 'tfdt');
    if (tfdtBox) {
      const tfdt = new Cursor(buf, tfdtBox);
      baseMediaDecodeTime = tfdt.fullBox().version === 1 ? tfdt.u64() : tfdt.u32();
    }

    // duration-is-empty: an edit-list style gap with no samples, whatever the truns say.
    const samples = flags & TFHD_DURATION_IS_EMPTY ? [] : findChildren(buf, traf, 'trun').flatMap((t) => readTrun(buf, t, defaults));
    // A zero duration is a muxer shortcut (ffmpeg's trex says 0), never a real video frame: treat it as missing.
    let duration: number | null = samples.length > 0 ? 0 : null;
    for (const s of samples) duration = !s.duration || duration === null ? null : duration + s.duration;
    return {
      sequenceNumber,
      trackId,
      baseMediaDecodeTime,
      sampleCount: samples.length,
      duration,
      firstSampleIsSync: samples[0]?.isSync ?? false,
      samples,
    };
  }
  throw new Fmp4ParseError(init ? `moof has no traf for track ${init.trackId}` : 'moof has no traf');
}

/**
 * A fragment's duration in ticks: its sample durations, else the distance to the next fragment's tfdt (which
 * means waiting for that fragment). Null when neither is known.
 */
export function fragmentDuration(info: FragmentInfo, next?: Pick<FragmentInfo, 'baseMediaDecodeTime'>): number | null {
  if (info.duration !== null) return info.duration;
  const from = info.baseMediaDecodeTime;
  const to = next?.baseMediaDecodeTime ?? null;
  return from !== null && to !== null && to > from ? to - from : null;
}

function readTrun(buf: Buffer, box: BoxRef, defaults: TrackDefaults): SampleInfo[] {
  const cur = new Cursor(buf, box);
  const { version, flags } = cur.fullBox();
  const count = cur.u32();
  if (flags & TRUN_DATA_OFFSET) cur.skip(4);
  const firstFlags = flags & TRUN_FIRST_FLAGS ? cur.u32() : undefined;
  const perSample = [TRUN_DURATION, TRUN_SIZE, TRUN_FLAGS, TRUN_CTS].filter((f) => flags & f).length * 4;
  // Check before allocating: a corrupt count must not make us build millions of objects.
  if (count > MAX_SAMPLES || count * perSample > cur.remaining) throw new Fmp4ParseError(`trun sample count ${count} overruns the box`);
  const samples: SampleInfo[] = [];
  for (let i = 0; i < count; i++) {
    const duration = flags & TRUN_DURATION ? cur.u32() : (defaults.sampleDuration ?? null);
    const size = flags & TRUN_SIZE ? cur.u32() : (defaults.sampleSize ?? null);
    let sampleFlags = flags & TRUN_FLAGS ? cur.u32() : (defaults.sampleFlags ?? 0);
    if (i === 0 && firstFlags !== undefined && !(flags & TRUN_FLAGS)) sampleFlags = firstFlags;
    // Version 0 offsets are unsigned, version 1 signed (B-frames with negative offsets).
    const compositionOffset = flags & TRUN_CTS ? (version === 0 ? cur.u32() : cur.i32()) : 0;
    samples.push({ duration, size, flags: sampleFlags, compositionOffset, isSync: (sampleFlags & NON_SYNC) === 0 });
  }
  return samples;
}
