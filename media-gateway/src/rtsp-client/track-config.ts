/**
 * What a client needs per track, taken from the SDP: the codec, clock rate and payload type, the parameter sets
 * (sprop-parameter-sets per RFC 6184 §8.1, sprop-vps/sps/pps per RFC 7798 §7.1) and the AAC AU-header layout
 * (RFC 3640 §4.1). A format this client cannot depacketise yields a reason instead of a config.
 */
import type { SdpFormat, SdpMedia } from './sdp';

export type VideoCodec = 'h264' | 'h265';
export type AudioCodec = 'aac' | 'pcma' | 'pcmu';

export interface VideoTrackConfig {
  kind: 'video';
  codec: VideoCodec;
  payloadType: number;
  clockRate: number;
  /** Parameter sets from the SDP (may be empty: then only in-band ones arrive). */
  vps: Uint8Array[];
  sps: Uint8Array[];
  pps: Uint8Array[];
  control: string | null;
}

export interface AacLayout {
  sizeLength: number;
  indexLength: number;
  indexDeltaLength: number;
  /** Samples per AU (1024 for AAC-LC unless constantDuration says otherwise). */
  frameSamples: number;
}

export interface AudioTrackConfig {
  kind: 'audio';
  codec: AudioCodec;
  payloadType: number;
  clockRate: number;
  channels: number;
  /** AAC only: AudioSpecificConfig from fmtp `config`. */
  aacConfig?: Uint8Array;
  aac?: AacLayout;
  control: string | null;
}

export type TrackConfig = VideoTrackConfig | AudioTrackConfig;

const base64List = (v: string | undefined): Uint8Array[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z0-9+/=_-]+$/.test(s))
    .map((s) => new Uint8Array(Buffer.from(s, 'base64')))
    .filter((b) => b.length > 0);

function h264Type(nal: Uint8Array): number {
  return nal[0]! & 0x1f;
}
function h265Type(nal: Uint8Array): number {
  return (nal[0]! >> 1) & 0x3f;
}

function videoConfig(f: SdpFormat, control: string | null): VideoTrackConfig | string {
  if (f.encoding === 'H264') {
    const mode = f.fmtp['packetization-mode'] ?? '0';
    if (mode === '2') return 'H.264 interleaved mode (packetization-mode=2) is not supported';
    const sets = base64List(f.fmtp['sprop-parameter-sets']);
    return { kind: 'video', codec: 'h264', payloadType: f.payloadType, clockRate: f.clockRate || 90000, vps: [], sps: sets.filter((n) => h264Type(n) === 7), pps: sets.filter((n) => h264Type(n) === 8), control };
  }
  if (f.encoding === 'H265' || f.encoding === 'HEVC') {
    // DONL fields (RFC 7798 §4.4) are present only when sprop-max-don-diff > 0: reordering by DON is not done here.
    if (Number(f.fmtp['sprop-max-don-diff'] ?? '0') > 0) return 'H.265 with DONL (sprop-max-don-diff > 0) is not supported';
    const pick = (key: string, type: number): Uint8Array[] => base64List(f.fmtp[key]).filter((n) => h265Type(n) === type);
    return { kind: 'video', codec: 'h265', payloadType: f.payloadType, clockRate: f.clockRate || 90000, vps: pick('sprop-vps', 32), sps: pick('sprop-sps', 33), pps: pick('sprop-pps', 34), control };
  }
  return `video encoding ${f.encoding || `PT ${f.payloadType}`} is not supported`;
}

function audioConfig(f: SdpFormat, control: string | null): AudioTrackConfig | string {
  if (f.encoding === 'PCMA' || f.encoding === 'PCMU') {
    return { kind: 'audio', codec: f.encoding === 'PCMA' ? 'pcma' : 'pcmu', payloadType: f.payloadType, clockRate: f.clockRate || 8000, channels: f.channels, control };
  }
  if (f.encoding === 'MPEG4-GENERIC') {
    const mode = (f.fmtp.mode ?? '').toLowerCase();
    if (mode !== 'aac-hbr' && mode !== 'aac-lbr') return `mpeg4-generic mode ${f.fmtp.mode ?? '(none)'} is not supported`;
    const int = (key: string, dflt: number): number => {
      const v = f.fmtp[key];
      return v !== undefined && /^\d{1,2}$/.test(v) ? Number(v) : dflt;
    };
    const sizeLength = int('sizelength', mode === 'aac-hbr' ? 13 : 6);
    const indexLength = int('indexlength', mode === 'aac-hbr' ? 3 : 2);
    const indexDeltaLength = int('indexdeltalength', indexLength);
    if (sizeLength < 1 || sizeLength > 16 || indexLength > 8 || indexDeltaLength > 8) return 'AAC AU-header lengths out of range';
    if (int('auxiliarydatasizelength', 0) !== 0 || int('ctsdeltalength', 0) !== 0 || int('dtsdeltalength', 0) !== 0) {
      return 'AAC with auxiliary data or CTS/DTS deltas is not supported';
    }
    const config = f.fmtp.config ?? '';
    if (!/^([0-9a-fA-F]{2})+$/.test(config)) return 'AAC track without a valid config';
    return {
      kind: 'audio',
      codec: 'aac',
      payloadType: f.payloadType,
      clockRate: f.clockRate,
      channels: f.channels,
      aacConfig: new Uint8Array(Buffer.from(config, 'hex')),
      aac: { sizeLength, indexLength, indexDeltaLength, frameSamples: int('constantduration', 0) || 1024 },
      control,
    };
  }
  return `audio encoding ${f.encoding || `PT ${f.payloadType}`} is not supported`;
}

/** The first usable format of a media section, or why none is. */
export function trackConfig(m: SdpMedia): TrackConfig | string {
  const reasons: string[] = [];
  for (const f of m.formats) {
    if (f.clockRate <= 0 && f.encoding !== 'H264' && f.encoding !== 'H265') {
      reasons.push(`PT ${f.payloadType} has no clock rate`);
      continue;
    }
    const c = m.type === 'video' ? videoConfig(f, m.control) : m.type === 'audio' ? audioConfig(f, m.control) : `${m.type} media is not used`;
    if (typeof c !== 'string') return c;
    reasons.push(c);
  }
  return reasons.join('; ') || `${m.type} section without formats`;
}
