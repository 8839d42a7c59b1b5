// FLV tag bodies as an RTMP publisher sends them (video/audio messages, E.4.3.1/E.4.2.1 of the FLV spec) → the access
// units and AAC frames the fMP4 muxer takes. RTMP carries decode times (ms) and composition offsets, so unlike RTP no
// decode times need deriving. Codecs: H.264 (codec id 7), H.265 as Chinese cameras and pushers send it (codec id 12)
// and as Enhanced RTMP (`hvc1` FourCC); AAC (sound format 10). G.711 (7, 8) is reported so the caller can hand the
// camera to ffmpeg.
import type { AudioFrame, VideoAccessUnit } from '../../../contracts/src/media-units';

export const FLV_AUDIO = 8;
export const FLV_VIDEO = 9;

export type FlvEvent =
  | { kind: 'video-config'; codec: 'h264' | 'h265'; nalus: Uint8Array[]; lengthSize: number }
  | { kind: 'video'; au: VideoAccessUnit; dts90k: number }
  | { kind: 'audio-config'; codec: 'aac'; config: Uint8Array }
  | { kind: 'audio'; frame: AudioFrame }
  | { kind: 'audio-codec'; codec: 'pcma' | 'pcmu' | 'other' }
  | { kind: 'ignored'; why: string };

const HVC1 = 0x68766331; // 'hvc1'

/** Reads `count` NAL units, each after a 16-bit length, from `p`; returns where they end. */
function readSizedNalus(b: Uint8Array, p: number, count: number, into: Uint8Array[], record: string): number {
  for (let i = 0; i < count; i++) {
    const len = ((b[p] ?? 0) << 8) | (b[p + 1] ?? 0);
    p += 2;
    if (p + len > b.length) throw new Error(`${record} decoder configuration record truncated`);
    into.push(b.slice(p, p + len));
    p += len;
  }
  return p;
}

/** Reads the parameter-set arrays of an AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1). */
function avcConfig(b: Uint8Array): { nalus: Uint8Array[]; lengthSize: number } {
  if (b.length < 7 || b[0] !== 1) throw new Error('AVC decoder configuration record malformed');
  const lengthSize = ((b[4] ?? 3) & 3) + 1;
  const nalus: Uint8Array[] = [];
  let p = 5;
  for (const countMask of [0x1f, 0xff]) {
    const count = (b[p++] ?? 0) & countMask;
    p = readSizedNalus(b, p, count, nalus, 'AVC');
  }
  return { nalus, lengthSize };
}

/** The same for an HEVCDecoderConfigurationRecord (§8.3.3.1): 22 bytes of fields, then arrays of NAL units. */
function hevcConfig(b: Uint8Array): { nalus: Uint8Array[]; lengthSize: number } {
  if (b.length < 23 || b[0] !== 1) throw new Error('HEVC decoder configuration record malformed');
  const lengthSize = ((b[21] ?? 3) & 3) + 1;
  const arrays = b[22] ?? 0;
  const nalus: Uint8Array[] = [];
  let p = 23;
  for (let a = 0; a < arrays; a++) {
    p++; // array_completeness, NAL unit type
    const count = ((b[p] ?? 0) << 8) | (b[p + 1] ?? 0);
    p = readSizedNalus(b, p + 2, count, nalus, 'HEVC');
  }
  return { nalus, lengthSize };
}

/** Splits length-prefixed NAL units (copies: the RTMP reader reuses its buffers). */
function splitNalus(b: Uint8Array, lengthSize: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let p = 0;
  while (p + lengthSize <= b.length) {
    let len = 0;
    for (let i = 0; i < lengthSize; i++) len = len * 256 + (b[p + i] ?? 0);
    p += lengthSize;
    if (len === 0) continue;
    if (p + len > b.length) throw new Error('NAL unit length beyond the message');
    out.push(b.slice(p, p + len));
    p += len;
  }
  return out;
}

const signed24 = (b: Uint8Array, p: number): number => {
  const v = ((b[p] ?? 0) << 16) | ((b[p + 1] ?? 0) << 8) | (b[p + 2] ?? 0);
  return v & 0x800000 ? v - 0x1000000 : v;
};

export class FlvDemuxer {
  private lengthSize = 4;
  private videoCodec: 'h264' | 'h265' | null = null;
  private aacRate = 0;

  /** One tag body; `timestampMs` is the RTMP message's (decode) time. Throws on malformed data. */
  push(type: number, timestampMs: number, data: Uint8Array): FlvEvent {
    if (type === FLV_VIDEO) return this.video(timestampMs, data);
    if (type === FLV_AUDIO) return this.audio(timestampMs, data);
    return { kind: 'ignored', why: `tag type ${type}` };
  }

  private video(ms: number, b: Uint8Array): FlvEvent {
    if (b.length < 5) return { kind: 'ignored', why: 'short video tag' };
    const first = b[0] ?? 0;
    const key = ((first >> 4) & 7) === 1;
    let codec: 'h264' | 'h265';
    let packetType: number;
    let cts = 0;
    let payload: Uint8Array;
    if (first & 0x80) {
      // Enhanced RTMP: [frameType|packetType][FourCC], CodedFrames (1) carry a 24-bit composition time, (3) none.
      const fourcc = (((b[1] ?? 0) << 24) | ((b[2] ?? 0) << 16) | ((b[3] ?? 0) << 8) | (b[4] ?? 0)) >>> 0;
      if (fourcc !== HVC1) return { kind: 'ignored', why: 'enhanced RTMP codec other than hvc1' };
      codec = 'h265';
      const ex = first & 0x0f;
      packetType = ex === 0 ? 0 : ex === 1 || ex === 3 ? 1 : ex === 2 ? 2 : -1;
      if (ex === 1) cts = signed24(b, 5);
      payload = b.subarray(ex === 1 ? 8 : 5);
    } else {
      const id = first & 0x0f;
      if (id !== 7 && id !== 12) return { kind: 'ignored', why: `video codec id ${id}` };
      codec = id === 7 ? 'h264' : 'h265';
      packetType = b[1] ?? -1;
      cts = signed24(b, 2);
      payload = b.subarray(5);
    }
    if (packetType === 0) {
      const cfg = codec === 'h264' ? avcConfig(payload) : hevcConfig(payload);
      this.lengthSize = cfg.lengthSize;
      this.videoCodec = codec;
      return { kind: 'video-config', codec, nalus: cfg.nalus, lengthSize: cfg.lengthSize };
    }
    if (packetType !== 1) return { kind: 'ignored', why: 'end of sequence or metadata' };
    if (this.videoCodec !== codec) return { kind: 'ignored', why: 'coded frame before its sequence header' };
    const dts90k = Math.round(ms * 90);
    const au: VideoAccessUnit = { track: 'video', codec, pts90k: dts90k + cts * 90, nalus: splitNalus(payload, this.lengthSize), key };
    return { kind: 'video', au, dts90k };
  }

  private audio(ms: number, b: Uint8Array): FlvEvent {
    if (b.length < 2) return { kind: 'ignored', why: 'short audio tag' };
    const format = (b[0] ?? 0) >> 4;
    if (format === 7) return { kind: 'audio-codec', codec: 'pcma' };
    if (format === 8) return { kind: 'audio-codec', codec: 'pcmu' };
    if (format !== 10) return { kind: 'audio-codec', codec: 'other' };
    if (b[1] === 0) {
      const config = b.slice(2);
      // AudioSpecificConfig: 5 bits object type, 4 bits sampling index (§1.6.2.1).
      const index = (((config[0] ?? 0) & 7) << 1) | ((config[1] ?? 0) >> 7);
      this.aacRate = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350][index] ?? 0;
      return { kind: 'audio-config', codec: 'aac', config };
    }
    if (!this.aacRate) return { kind: 'ignored', why: 'AAC frame before its sequence header' };
    // Audio on the 90 kHz video clock's millisecond time line, expressed in the sample rate.
    return { kind: 'audio', frame: { track: 'audio', codec: 'aac', ptsClock: Math.round((ms * this.aacRate) / 1000), clockRate: this.aacRate, data: b.slice(2) } };
  }
}
