import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type EncoderProbeFacts, NVIDIA_DEVICE, VAAPI_DEVICE } from './video-encoder';

/**
 * The probe's side effects, once at start-up: what ffmpeg lists, which GPU device nodes exist. A failed or slow
 * ffmpeg yields an empty list (software encoding), never a failed start.
 */
export function probeEncoders(ffmpegPath: string, timeoutMs = 5000): Promise<EncoderProbeFacts> {
  const devices = new Set([VAAPI_DEVICE, NVIDIA_DEVICE].filter((d) => existsSync(d)));
  return new Promise((resolve) => {
    execFile(ffmpegPath, ['-hide_banner', '-encoders'], { timeout: timeoutMs, maxBuffer: 1 << 20, windowsHide: true }, (err, stdout) => {
      resolve({ encodersText: err ? '' : String(stdout), devices });
    });
  });
}
