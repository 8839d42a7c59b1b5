/**
 * Session description (RFC 4566) as returned by DESCRIBE: one video track (H.264 per RFC 6184 or H.265 per RFC 7798,
 * payload type 96 as Hikvision sends both) and, on cameras with audio, one audio track (G.711 static PT 8/0, AAC
 * mpeg4-generic PT 104). Track controls are relative to Content-Base, as Hikvision's trackID=1/trackID=2.
 */
import { profileLevelId } from './h264-annexb';
import { H264_CLOCK_RATE, RTP_PAYLOAD_TYPE } from './rtp-h264';

export const TRACK_CONTROL = 'trackID=1';
export const AUDIO_TRACK_CONTROL = 'trackID=2';

export interface SdpInput {
  /** Numeric origin session id (o= line). */
  sessionId: string;
  /** Address the camera listens on (o= line). */
  host: string;
  title: string;
  codec?: 'h264' | 'h265';
  /** H.265 only. */
  vps?: Buffer;
  sps: Buffer;
  pps: Buffer;
  width: number;
  height: number;
  fps: number;
  /** The audio track's payload type and its rtpmap/fmtp values (audio-clip.ts), if the camera has audio. */
  audio?: { payloadType: number; rtpmap: string; fmtp: string | null };
}

function videoFmtp(s: SdpInput): string {
  if (s.codec === 'h265') {
    if (!s.vps) throw new Error('H.265 SDP needs the VPS');
    return `sprop-vps=${s.vps.toString('base64')};sprop-sps=${s.sps.toString('base64')};sprop-pps=${s.pps.toString('base64')}`;
  }
  return `packetization-mode=1;profile-level-id=${profileLevelId(s.sps)};sprop-parameter-sets=${s.sps.toString('base64')},${s.pps.toString('base64')}`;
}

export function buildSdp(s: SdpInput): string {
  const lines = [
    'v=0',
    `o=- ${s.sessionId} 1 IN IP4 ${s.host}`,
    `s=${s.title}`,
    'c=IN IP4 0.0.0.0',
    't=0 0',
    'a=control:*',
    'a=range:npt=0-',
    `m=video 0 RTP/AVP ${RTP_PAYLOAD_TYPE}`,
    `a=rtpmap:${RTP_PAYLOAD_TYPE} ${s.codec === 'h265' ? 'H265' : 'H264'}/${H264_CLOCK_RATE}`,
    `a=fmtp:${RTP_PAYLOAD_TYPE} ${videoFmtp(s)}`,
    `a=framerate:${s.fps}`,
    `a=x-dimensions:${s.width},${s.height}`,
    `a=control:${TRACK_CONTROL}`,
  ];
  if (s.audio) {
    lines.push(`m=audio 0 RTP/AVP ${s.audio.payloadType}`, `a=rtpmap:${s.audio.rtpmap}`);
    if (s.audio.fmtp) lines.push(`a=fmtp:${s.audio.fmtp}`);
    lines.push(`a=control:${AUDIO_TRACK_CONTROL}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
