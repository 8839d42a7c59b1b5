import type { AudioMode } from './ffmpeg-args';

/**
 * Did this ffmpeg run die because of the audio track? Audio is optional: such a camera must keep its video, so
 * the pipeline retries with the next, safer audio mode (see nextAudioMode) instead of counting a camera failure.
 * Our audio is always output stream #1 (video is mapped first, ffmpeg-args.ts); a missing decoder can only be the
 * audio's when video is copied, and for a transcoded video the decoder is one ffmpeg always has (H.265).
 */
const AUDIO_FAILURE = [
  /Could not find tag for codec \S+ in stream #1\b/, // `copy` of a codec MP4 cannot carry (G.711 sent as "AAC")
  /\boutput stream (#?)0:1\b/, // "Error initializing output stream 0:1", "Error while opening encoder for output stream #0:1"
  /Decoder \(codec [^)]*\) not found for input stream/, // an audio codec ffmpeg cannot decode
];

export function isAudioFailure(stderrTail: string): boolean {
  return AUDIO_FAILURE.some((re) => re.test(stderrTail));
}

/** copy → transcode (the camera switched to G.711 since it was tested) → none (audio undecodable: video only). */
export function nextAudioMode(mode: AudioMode): AudioMode | null {
  if (mode === 'copy') return 'transcode-aac';
  if (mode === 'transcode-aac') return 'none';
  return null;
}
