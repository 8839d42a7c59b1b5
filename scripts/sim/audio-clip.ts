/**
 * A camera's audio: a tone (a different frequency per camera) encoded once with ffmpeg, then cut into RTP payloads
 * ready to send. G.711 A-law/µ-law (RFC 3551: PT 8/0, 8 kHz mono, 20 ms = 160 samples per packet) or AAC-LC
 * (RFC 3640 mpeg4-generic AAC-hbr: one access unit per packet behind a 16-bit AU-header, 13-bit size + 3-bit index),
 * as Hikvision and Dahua cameras send them.
 */
import type { CameraProfile } from './camera-profile';
import { buildInterleavedTemplate, type InterleavedTemplate } from './rtp-h264';

export type AudioCodec = Exclude<CameraProfile['audio'], 'none'>;

export interface AudioClip {
  codec: AudioCodec;
  payloadType: number;
  clockRate: number;
  /** RTP timestamp ticks (samples) per packet. */
  samplesPerPacket: number;
  /** One single-packet template per RTP packet, in loop order. */
  packets: InterleavedTemplate[];
  /** SDP lines of the audio media section after `m=` (rtpmap, fmtp). */
  rtpmap: string;
  fmtp: string | null;
  bytes: number;
}

export const AUDIO_SECONDS = 4;
const G711_RATE = 8000;
const G711_PACKET_SAMPLES = 160; // 20 ms
/** Hikvision's AAC: 16 kHz mono, dynamic payload type 104. */
export const AAC_RATE = 16000;
export const AAC_PAYLOAD_TYPE = 104;
const AAC_FRAME_SAMPLES = 1024;

/** The camera's tone: 300..1480 Hz in 20 Hz steps by index, so two cameras on one screen sound different. */
export function toneHz(index: number): number {
  return 300 + ((index * 7) % 60) * 20;
}

export const audioFileExtension = (codec: AudioCodec): string => (codec === 'aac' ? 'aac' : codec === 'pcma' ? 'alaw' : 'ulaw');

/** ffmpeg arguments (no shell) for the camera's tone in the raw format we packetise. */
export function buildAudioEncodeArgs(index: number, codec: AudioCodec, outName: string): string[] {
  const rate = codec === 'aac' ? AAC_RATE : G711_RATE;
  const input = ['-f', 'lavfi', '-i', `sine=frequency=${toneHz(index)}:sample_rate=${rate}:duration=${AUDIO_SECONDS}`];
  const out =
    codec === 'aac'
      ? ['-c:a', 'aac', '-b:a', '32k', '-ar', String(rate), '-ac', '1', '-f', 'adts']
      : ['-ar', String(rate), '-ac', '1', '-f', codec === 'pcma' ? 'alaw' : 'mulaw'];
  return ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...input, ...out, outName];
}

/** Access units of an ADTS stream, and the AudioSpecificConfig (ISO 14496-3 §1.6.2.1) its first header describes. */
export function parseAdts(data: Buffer): { frames: Buffer[]; config: Buffer; sampleRate: number; channels: number } {
  const RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
  const frames: Buffer[] = [];
  let config: Buffer | null = null;
  let sampleRate = 0;
  let channels = 0;
  for (let o = 0; o + 7 <= data.length; ) {
    if (data[o] !== 0xff || ((data[o + 1] ?? 0) & 0xf6) !== 0xf0) throw new Error(`no ADTS sync word at byte ${o}`);
    const protectionAbsent = (data[o + 1] ?? 0) & 1;
    const b2 = data[o + 2] ?? 0;
    const b3 = data[o + 3] ?? 0;
    const objectType = (b2 >> 6) + 1;
    const rateIndex = (b2 >> 2) & 0x0f;
    const channelConfig = ((b2 & 1) << 2) | (b3 >> 6);
    const length = ((b3 & 3) << 11) | ((data[o + 4] ?? 0) << 3) | ((data[o + 5] ?? 0) >> 5);
    const header = protectionAbsent ? 7 : 9;
    if (length <= header || o + length > data.length) throw new Error(`truncated ADTS frame at byte ${o}`);
    if (!config) {
      const asc = (objectType << 11) | (rateIndex << 7) | (channelConfig << 3);
      config = Buffer.from([asc >> 8, asc & 0xff]);
      sampleRate = RATES[rateIndex] ?? 0;
      channels = channelConfig;
    }
    frames.push(data.subarray(o + header, o + length));
    o += length;
  }
  if (!config || frames.length === 0) throw new Error('no AAC frames');
  return { frames, config, sampleRate, channels };
}

/** RFC 3640 §3.2.1 AAC-hbr payload for one AU: AU-headers-length = 16 bits, AU-size (13) | AU-index (3) = 0, the AU. */
export function aacHbrPayload(au: Uint8Array): Buffer {
  if (au.length >= 1 << 13) throw new RangeError('AAC access unit too large for sizelength=13');
  const p = Buffer.allocUnsafe(4 + au.length);
  p.writeUInt16BE(16, 0);
  p.writeUInt16BE(au.length << 3, 2);
  p.set(au, 4);
  return p;
}

const identity = (payload: Uint8Array): Buffer[] => [Buffer.from(payload.buffer, payload.byteOffset, payload.length)];

/**
 * One packet. The marker bit: RFC 3640 §3.2.1 sets it on the packet ending an AU (every AAC packet here); for G.711 it
 * only starts a talkspurt (RFC 3551 §4.1), and a continuous tone has none after the first.
 */
function template(payload: Buffer, payloadType: number, marker: boolean): InterleavedTemplate {
  const t = buildInterleavedTemplate([payload], Number.MAX_SAFE_INTEGER, payloadType, identity);
  if (!marker) t.bytes[5] = (t.bytes[5] ?? 0) & 0x7f;
  return t;
}

/** Cut an encoded tone into RTP packets (see buildAudioEncodeArgs for the input format). */
export function audioClipFrom(codec: AudioCodec, data: Buffer): AudioClip {
  if (codec === 'aac') {
    const adts = parseAdts(data);
    const packets = adts.frames.map((au) => template(aacHbrPayload(au), AAC_PAYLOAD_TYPE, true));
    return {
      codec,
      payloadType: AAC_PAYLOAD_TYPE,
      clockRate: adts.sampleRate,
      samplesPerPacket: AAC_FRAME_SAMPLES,
      packets,
      rtpmap: `${AAC_PAYLOAD_TYPE} mpeg4-generic/${adts.sampleRate}/${adts.channels}`,
      fmtp: `${AAC_PAYLOAD_TYPE} streamtype=5;profile-level-id=15;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;config=${adts.config.toString('hex').toUpperCase()}`,
      bytes: packets.reduce((n, p) => n + p.bytes.length, 0),
    };
  }
  const pt = codec === 'pcma' ? 8 : 0;
  const packets: InterleavedTemplate[] = [];
  for (let o = 0; o + G711_PACKET_SAMPLES <= data.length; o += G711_PACKET_SAMPLES) packets.push(template(data.subarray(o, o + G711_PACKET_SAMPLES), pt, false));
  if (packets.length === 0) throw new Error('G.711 clip shorter than one packet');
  return {
    codec,
    payloadType: pt,
    clockRate: G711_RATE,
    samplesPerPacket: G711_PACKET_SAMPLES,
    packets,
    rtpmap: `${pt} ${codec === 'pcma' ? 'PCMA' : 'PCMU'}/${G711_RATE}`,
    fmtp: null,
    bytes: packets.reduce((n, p) => n + p.bytes.length, 0),
  };
}
