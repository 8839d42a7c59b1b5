// The init segment (ISO/IEC 14496-12 §8.2–8.8 for the boxes, 14496-15 for avc1/hvc1): ftyp + moov with one trak per
// track and empty sample tables (every sample lives in a fragment), and mvex/trex announcing the fragments.
import { box, fourcc, fullBox, u16, u32, UNITY_MATRIX, zeros } from './box-writer';

/** Video media time: 90 kHz, RTP's video clock, so the caller's timestamps go in unscaled. */
export const VIDEO_TIMESCALE = 90_000;
export const VIDEO_TRACK_ID = 1;
export const AUDIO_TRACK_ID = 2;

export interface VideoTrackDescription {
  /** `avc1` or `hvc1`. */
  sampleEntry: 'avc1' | 'hvc1';
  /** The `avcC` / `hvcC` payload. */
  config: Buffer;
  width: number;
  height: number;
}

export interface AudioTrackDescription {
  sampleRate: number;
  channels: number;
  /** The complete `esds` box. */
  esds: Buffer;
}

const ftyp = (): Buffer => box('ftyp', fourcc('iso5'), u32(512), fourcc('iso5'), fourcc('iso6'), fourcc('mp41'));

function mvhd(nextTrackId: number): Buffer {
  return fullBox(
    'mvhd',
    0,
    0,
    u32(0), // creation_time
    u32(0), // modification_time
    u32(1000), // timescale (movie level: only durations, all 0 here)
    u32(0), // duration: unknown, it is a live stream
    u32(0x00010000), // rate 1.0
    u16(0x0100), // volume 1.0
    zeros(10),
    UNITY_MATRIX,
    zeros(24), // pre_defined
    u32(nextTrackId),
  );
}

function tkhd(trackId: number, audio: boolean, width: number, height: number): Buffer {
  return fullBox(
    'tkhd',
    0,
    3, // track_enabled | track_in_movie
    u32(0),
    u32(0),
    u32(trackId),
    u32(0), // reserved
    u32(0), // duration
    zeros(8),
    u16(0), // layer
    u16(0), // alternate_group
    u16(audio ? 0x0100 : 0), // volume
    u16(0),
    UNITY_MATRIX,
    u32(width * 0x10000), // 16.16 fixed point
    u32(height * 0x10000),
  );
}

function mdia(timescale: number, handler: 'vide' | 'soun', mediaHeader: Buffer, sampleEntry: Buffer): Buffer {
  const name = handler === 'vide' ? 'VideoHandler' : 'SoundHandler';
  return box(
    'mdia',
    // language 'und' packed as three 5-bit letters (ISO 639-2/T minus 0x60): 0x55c4
    fullBox('mdhd', 0, 0, u32(0), u32(0), u32(timescale), u32(0), u16(0x55c4), u16(0)),
    fullBox('hdlr', 0, 0, u32(0), fourcc(handler), zeros(12), Buffer.from(`${name}\0`, 'latin1')),
    box(
      'minf',
      mediaHeader,
      box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))), // flag 1: media is in this file
      box(
        'stbl',
        fullBox('stsd', 0, 0, u32(1), sampleEntry),
        fullBox('stts', 0, 0, u32(0)),
        fullBox('stsc', 0, 0, u32(0)),
        fullBox('stsz', 0, 0, u32(0), u32(0)),
        fullBox('stco', 0, 0, u32(0)),
      ),
    ),
  );
}

function visualSampleEntry(v: VideoTrackDescription): Buffer {
  return box(
    v.sampleEntry,
    zeros(6),
    u16(1), // data_reference_index
    zeros(16), // pre_defined, reserved
    u16(v.width),
    u16(v.height),
    u32(0x00480000), // 72 dpi
    u32(0x00480000),
    u32(0),
    u16(1), // frame_count
    zeros(32), // compressorname
    u16(0x0018), // depth
    u16(0xffff), // pre_defined = -1
    box(v.sampleEntry === 'avc1' ? 'avcC' : 'hvcC', v.config),
  );
}

function audioSampleEntry(a: AudioTrackDescription): Buffer {
  return box(
    'mp4a',
    zeros(6),
    u16(1),
    zeros(8),
    u16(a.channels || 2), // the esds' AudioSpecificConfig is authoritative; 2 is the template value
    u16(16), // samplesize
    zeros(4),
    u32(a.sampleRate * 0x10000),
    a.esds,
  );
}

/** trex: defaults are all given per sample in each trun, so only the description index matters. */
const trex = (trackId: number): Buffer => fullBox('trex', 0, 0, u32(trackId), u32(1), u32(0), u32(0), u32(0));

export function writeInitSegment(video: VideoTrackDescription, audio: AudioTrackDescription | null): Buffer {
  const traks = [
    box(
      'trak',
      tkhd(VIDEO_TRACK_ID, false, video.width, video.height),
      mdia(VIDEO_TIMESCALE, 'vide', fullBox('vmhd', 0, 1, zeros(8)), visualSampleEntry(video)),
    ),
  ];
  if (audio) {
    traks.push(
      box(
        'trak',
        tkhd(AUDIO_TRACK_ID, true, 0, 0),
        mdia(audio.sampleRate, 'soun', fullBox('smhd', 0, 0, zeros(4)), audioSampleEntry(audio)),
      ),
    );
  }
  const mvex = box('mvex', trex(VIDEO_TRACK_ID), ...(audio ? [trex(AUDIO_TRACK_ID)] : []));
  return Buffer.concat([ftyp(), box('moov', mvhd(audio ? AUDIO_TRACK_ID + 1 : VIDEO_TRACK_ID + 1), ...traks, mvex)]);
}

