import type { ReceivedAudioCodec, StreamAudioStatus } from '../../../contracts/src/stream-status';
import type { AudioMode } from '../ingest/ffmpeg-args';

/**
 * A pipeline's audio as `/api/v1/streams` reports it. Delivered: the audio track the packager found in the fMP4
 * (none: null). Received: AAC when it was passed through; otherwise what the stream test measured, unless that
 * says AAC (then the copy failed and the camera sends something else since: not known).
 */
export function streamAudioStatus(deliveredCodec: string | null, mode: AudioMode, measured: ReceivedAudioCodec | 'none' | null): StreamAudioStatus | null {
  if (!deliveredCodec || mode === 'none') return null;
  let received: ReceivedAudioCodec | null = null;
  if (mode === 'copy') received = 'aac';
  else if (measured && measured !== 'aac' && measured !== 'none') received = measured;
  return { received, delivered: 'aac', codec: deliveredCodec };
}
