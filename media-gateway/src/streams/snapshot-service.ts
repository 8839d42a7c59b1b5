import { spawn } from 'node:child_process';
import type { StreamProfile } from '../../../contracts/src/camera';
import { HttpError } from '../platform/errors';
import type { StreamManager } from './stream-manager';

/** Decodes one frame of fMP4 (init + a segment starting at a keyframe) to JPEG. */
export type FrameGrabber = (mp4: Buffer) => Promise<Buffer>;

export function ffmpegFrameGrabber(ffmpegPath: string, timeoutMs = 5000): FrameGrabber {
  return (mp4) =>
    new Promise((resolve, reject) => {
      const child = spawn(ffmpegPath, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'mp4', '-i', 'pipe:0', '-frames:v', '1', '-q:v', '3', '-f', 'image2', '-c:v', 'mjpeg', 'pipe:1'], {
        shell: false,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      let err = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()).length > 2000 && (err = err.slice(-2000)));
      child.stdin.on('error', () => undefined); // ffmpeg may close stdin early once it has its frame
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        const jpeg = Buffer.concat(out);
        if (code === 0 && jpeg.length > 0) resolve(jpeg);
        else reject(new Error(`frame decode failed (${code ?? 'killed'}): ${err.trim().split('\n').pop() ?? ''}`));
      });
      child.stdin.end(mp4);
    });
}

/**
 * A snapshot is the first frame of the newest complete segment of the camera's pipeline (a keyframe, at most about
 * one segment old). Without a running pipeline one is started, as for a viewer, and stops again when idle.
 */
export class SnapshotService {
  constructor(
    private readonly streams: StreamManager,
    private readonly grab: FrameGrabber,
  ) {}

  async take(cameraId: string, profile: StreamProfile, requester: { userId: string; ip: string | null }, waitMs = 12_000): Promise<Buffer> {
    // ffmpeg decodes H.265 itself: the untouched stream, never a transcode (nor a refusal by the transcode budget).
    const pipeline = this.streams.acquire(cameraId, profile, `snapshot:${requester.userId}`, requester, 'original');
    const deadline = Date.now() + waitMs;
    while (pipeline.packager.stats().latestMsn === null) {
      if (pipeline.state === 'offline') throw new HttpError(503, 'stream_unavailable', pipeline.reason ?? 'camera offline');
      if (Date.now() > deadline) throw new HttpError(504, 'timeout', 'no video from the camera in time');
      await new Promise((r) => setTimeout(r, 200));
    }
    const msn = pipeline.packager.stats().latestMsn!;
    const init = pipeline.packager.getInit();
    const segment = pipeline.packager.getSegment(msn);
    if (!init || !segment) throw new HttpError(503, 'stream_unavailable', 'no complete segment yet');
    return this.grab(Buffer.concat([init, segment]));
  }
}
