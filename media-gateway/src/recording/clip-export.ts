// A clip of one camera's recording as a self-contained MP4 (evidence): the keyframe segments covering the range,
// read through a local VOD playlist of byte ranges and remuxed by ffmpeg without re-encoding (`-c copy`, moov in
// front), then hashed. ffmpeg gets an argument array and local paths only; the output name is ours.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessSpawner } from '../ingest/process-spawner';
import { HttpError } from '../platform/errors';
import type { RecordingProfile } from './recording-repository';
import type { RecordingService } from './recording-service';
import { renderVodPlaylist, vodSegments } from './vod-playlist';

export interface ExportedClip {
  id: string;
  /** Relative to recording.root. */
  path: string;
  bytes: number;
  sha256: string;
  /** The clip starts at the keyframe before the asked start and ends with the segment holding the asked end. */
  startMs: number;
  endMs: number;
}

export interface ClipExporterDeps {
  service: Pick<RecordingService, 'files'>;
  root: string;
  spawner: ProcessSpawner;
  ffmpegPath: string;
  timeoutMs?: number;
}

export class ClipExporter {
  constructor(private readonly d: ClipExporterDeps) {}

  async export(cameraId: string, profile: RecordingProfile, fromMs: number, toMs: number): Promise<ExportedClip> {
    const files = this.d.service.files(cameraId, profile, fromMs, toMs);
    const segments = vodSegments(files, fromMs, toMs);
    if (segments.length === 0) throw new HttpError(404, 'not_recorded', 'nothing recorded in this range');
    const id = randomUUID();
    const rel = join('exports', `${id}.mp4`);
    const dir = join(this.d.root, 'exports');
    mkdirSync(dir, { recursive: true, mode: 0o750 });
    const playlist = join(dir, `${id}.m3u8`);
    const paths = new Map(files.map((f) => [f.id, join(this.d.root, f.path)]));
    writeFileSync(playlist, renderVodPlaylist(files, segments, (fileId) => paths.get(fileId)!), { mode: 0o640 });
    const out = join(this.d.root, rel);
    try {
      await this.remux(playlist, out);
    } catch (err) {
      rmSync(out, { force: true });
      throw err;
    } finally {
      rmSync(playlist, { force: true });
    }
    const last = segments.at(-1)!;
    return { id, path: rel, bytes: statSync(out).size, sha256: await sha256(out), startMs: segments[0]!.startMs, endMs: last.startMs + last.durationMs };
  }

  private remux(playlist: string, out: string): Promise<void> {
    const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-protocol_whitelist', 'file', '-i', playlist, '-map', '0', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', out];
    return new Promise((resolve, reject) => {
      const child = this.d.spawner(this.d.ffmpegPath, args);
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-2000)));
      child.stdout.resume();
      const timer = setTimeout(() => child.kill('SIGKILL'), this.d.timeoutMs ?? 120_000);
      child.onError((err) => {
        clearTimeout(timer);
        reject(new HttpError(500, 'export_failed', `export failed: ${err.message}`));
      });
      child.onExit((code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        // Local paths only in this text: no camera address or password ever reaches an export's ffmpeg.
        else reject(new HttpError(500, 'export_failed', `export failed (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').at(-1) ?? ''}`));
      });
    });
  }
}

function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => hash.update(c))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
