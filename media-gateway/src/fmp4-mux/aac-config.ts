// AAC decoder configuration: the AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1) an RTSP camera announces in its SDP
// (RFC 3640 `config=`), read for the sample rate and channels, and wrapped into the `esds` ES_Descriptor
// (ISO/IEC 14496-1 §7.2.6.5) of an `mp4a` sample entry.
import { fullBox } from './box-writer';
import { Fmp4MuxError } from './errors';

export interface AacConfig {
  /** 2 = AAC-LC, 5 = SBR (HE-AAC), 29 = PS, ... */
  audioObjectType: number;
  sampleRate: number;
  /** channelConfiguration; 0 means "in the program config element", which we do not read. */
  channels: number;
  /** The AudioSpecificConfig bytes as given. */
  asc: Uint8Array;
}

const SAMPLE_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

function bitsAt(b: Uint8Array, at: number, n: number): number {
  if (at + n > b.length * 8) throw new Fmp4MuxError('bad-audio-config', 'AudioSpecificConfig truncated');
  let v = 0;
  for (let i = 0; i < n; i++) v = v * 2 + (((b[(at + i) >> 3] ?? 0) >> (7 - ((at + i) & 7))) & 1);
  return v;
}

export function parseAacConfig(asc: Uint8Array): AacConfig {
  let at = 5;
  let audioObjectType = bitsAt(asc, 0, 5);
  if (audioObjectType === 31) {
    audioObjectType = 32 + bitsAt(asc, 5, 6);
    at += 6;
  }
  const index = bitsAt(asc, at, 4);
  at += 4;
  let sampleRate: number;
  if (index === 15) {
    sampleRate = bitsAt(asc, at, 24);
    at += 24;
  } else sampleRate = SAMPLE_RATES[index] ?? 0;
  const channels = bitsAt(asc, at, 4);
  if (audioObjectType === 0 || sampleRate === 0 || sampleRate > 0xffff) {
    throw new Fmp4MuxError('bad-audio-config', `AudioSpecificConfig: object type ${audioObjectType}, rate ${sampleRate} unusable`);
  }
  return { audioObjectType, sampleRate, channels, asc };
}

/** A descriptor: tag, size in 7-bit groups (high bit = more follows), payload. */
function descriptor(tag: number, ...payload: Uint8Array[]): Buffer {
  const body = Buffer.concat(payload);
  const size: number[] = [body.length & 0x7f];
  for (let n = body.length >> 7; n > 0; n >>= 7) size.unshift(0x80 | (n & 0x7f));
  return Buffer.concat([Buffer.of(tag, ...size), body]);
}

const ES_DESCRIPTOR = 0x03;
const DECODER_CONFIG = 0x04;
const DECODER_SPECIFIC_INFO = 0x05;
const SL_CONFIG = 0x06;
/** objectTypeIndication of MPEG-4 Audio; streamType AudioStream (0x05) << 2 | upStream 0 | reserved 1. */
const MPEG4_AUDIO = 0x40;
const AUDIO_STREAM = (0x05 << 2) | 1;

export function buildEsds(config: AacConfig, trackId: number): Buffer {
  const decoderConfig = Buffer.alloc(13);
  decoderConfig[0] = MPEG4_AUDIO;
  decoderConfig[1] = AUDIO_STREAM;
  // bufferSizeDB, maxBitrate, avgBitrate: 0 = unknown (a live camera does not tell us).
  return fullBox(
    'esds',
    0,
    0,
    descriptor(
      ES_DESCRIPTOR,
      Buffer.of(trackId >> 8, trackId & 0xff, 0), // ES_ID, no dependence/URL/OCR flags, priority 0
      descriptor(DECODER_CONFIG, decoderConfig, descriptor(DECODER_SPECIFIC_INFO, config.asc)),
      descriptor(SL_CONFIG, Buffer.of(0x02)), // predefined: MP4 file
    ),
  );
}
