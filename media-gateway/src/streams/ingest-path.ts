import type { FfmpegIngestReason } from '../../../contracts/src/stream-status';
import type { AudioMode } from '../ingest/ffmpeg-args';
import type { StreamInput } from './stream-types';

export type IngestPathChoice = { path: 'in-process'; audio: 'copy' | 'none' } | { path: 'ffmpeg'; reason: FfmpegIngestReason };

export interface IngestPathFacts {
  /** `streams.ingest`. */
  gatewaySetting: 'auto' | 'ffmpeg';
  input: StreamInput;
  /** This run transcodes H.265 → H.264. */
  transcode: boolean;
  audioMode: AudioMode;
  /** An earlier in-process run of this pipeline found the camera needs ffmpeg. */
  learnt: FfmpegIngestReason | null;
  /** The gateway's RTMP server can hand pushed cameras' tags to an in-process run. */
  pushInProcess: boolean;
}

/**
 * In-process for RTSP and RTMP-push H.264/H.265 whose audio is AAC or absent; ffmpeg for what only it does (transcodes, audio to
 * AAC), for sources the client cannot read, and where a setting says so.
 */
export function chooseIngestPath(f: IngestPathFacts): IngestPathChoice {
  if (f.transcode) return { path: 'ffmpeg', reason: 'transcode' };
  if (f.input.ingest === 'ffmpeg') return { path: 'ffmpeg', reason: 'camera-setting' };
  if (f.gatewaySetting === 'ffmpeg') return { path: 'ffmpeg', reason: 'gateway-setting' };
  const readable = f.input.push ? f.pushInProcess : !!f.input.rtsp && /^rtsp:\/\//i.test(f.input.inputUrl);
  if (!readable) return { path: 'ffmpeg', reason: 'not-rtsp' };
  if (f.learnt) return { path: 'ffmpeg', reason: f.learnt };
  if (f.audioMode === 'none' || f.input.audioCodec === 'none') return { path: 'in-process', audio: 'none' };
  // Measured as something other than AAC (G.711): ffmpeg transcodes it. Not measured: tried as AAC, and a G.711
  // camera ends the first run with needsFfmpeg.
  const codec = f.input.audioCodec ?? null;
  if (codec !== null && codec !== 'aac') return { path: 'ffmpeg', reason: 'audio-transcode' };
  return { path: 'in-process', audio: 'copy' };
}
