/** Session description (RFC 4566) for one H.264 video track, as returned by DESCRIBE. */
import { profileLevelId } from './h264-annexb';
import { H264_CLOCK_RATE, RTP_PAYLOAD_TYPE } from './rtp-h264';

export const TRACK_CONTROL = 'trackID=1';

export interface SdpInput {
  /** Numeric origin session id (o= line). */
  sessionId: string;
  /** Address the camera listens on (o= line). */
  host: string;
  title: string;
  sps: Buffer;
  pps: Buffer;
  width: number;
  height: number;
  fps: number;
}

export function buildSdp(s: SdpInput): string {
  const sprop = `${s.sps.toString('base64')},${s.pps.toString('base64')}`;
  const lines = [
    'v=0',
    `o=- ${s.sessionId} 1 IN IP4 ${s.host}`,
    `s=${s.title}`,
    'c=IN IP4 0.0.0.0',
    't=0 0',
    'a=control:*',
    'a=range:npt=0-',
    `m=video 0 RTP/AVP ${RTP_PAYLOAD_TYPE}`,
    `a=rtpmap:${RTP_PAYLOAD_TYPE} H264/${H264_CLOCK_RATE}`,
    `a=fmtp:${RTP_PAYLOAD_TYPE} packetization-mode=1;profile-level-id=${profileLevelId(s.sps)};sprop-parameter-sets=${sprop}`,
    `a=framerate:${s.fps}`,
    `a=x-dimensions:${s.width},${s.height}`,
    `a=control:${TRACK_CONTROL}`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}
