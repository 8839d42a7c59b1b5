// Two-track (H.264 + audio) fragmented MP4 made by the real ffmpeg at test time (≈0.3 s per clip, no committed
// binaries): a camera-like source (1 s GOP, 1 kHz tone in G.711 A-law or AAC) written through pipe:1 with the
// ingest's muxer flags, so the bytes are what the packager receives from a camera with audio.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const FFMPEG = '/usr/bin/ffmpeg';
export const FFPROBE = '/usr/bin/ffprobe';
export const ffmpegAvailable = existsSync(FFMPEG) && existsSync(FFPROBE);

export type SourceAudio = 'pcma' | 'pcmu' | 'aac';

const SOURCE_AUDIO: Record<SourceAudio, { rate: number; args: string[] }> = {
  pcma: { rate: 8000, args: ['-c:a', 'pcm_alaw'] },
  pcmu: { rate: 8000, args: ['-c:a', 'pcm_mulaw'] },
  aac: { rate: 16000, args: ['-c:a', 'aac', '-b:a', '32k'] },
};

/** What ingest does with each source codec (mirrors ffmpeg-args.ts audioArgs: AAC copied, G.711 → AAC-LC mono, priming dropped). */
const INGEST_AUDIO: Record<SourceAudio, string[]> = {
  pcma: ['-c:a', 'aac', '-ac', '1', '-b:a', '32k', '-bsf:a', 'noise=drop=eq(n\\,0)'],
  pcmu: ['-c:a', 'aac', '-ac', '1', '-b:a', '32k', '-bsf:a', 'noise=drop=eq(n\\,0)'],
  aac: ['-c:a', 'copy'],
};

/** An fMP4 stream as ingest writes it: H.264 (GOP 1 s, 25 fps, 320x180) + the source audio as AAC, `seconds` long. */
export function makeAvStream(audio: SourceAudio, seconds = 4): Buffer {
  const { rate, args } = SOURCE_AUDIO[audio];
  const source = execFileSync(FFMPEG, [
    '-v', 'error',
    '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25',
    '-f', 'lavfi', '-i', `sine=frequency=1000:sample_rate=${rate}`,
    '-t', String(seconds),
    '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p', '-g', '25', '-keyint_min', '25', '-sc_threshold', '0', '-bf', '0',
    ...args, '-ac', '1',
    '-f', 'matroska', 'pipe:1',
  ], { maxBuffer: 64 * 1024 * 1024 });
  return execFileSync(FFMPEG, [
    '-v', 'error',
    '-i', 'pipe:0',
    '-map', '0:v:0', '-map', '0:a:0?', '-c:v', 'copy', ...INGEST_AUDIO[audio],
    '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-frag_duration', '200000',
    'pipe:1',
  ], { input: source, maxBuffer: 64 * 1024 * 1024 });
}
