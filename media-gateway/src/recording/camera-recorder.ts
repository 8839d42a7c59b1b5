// Records one camera/profile: follows its pipeline's packager and appends every fragment to the current file,
// starting a file at a keyframe, a new one every `fileMinutes` and whenever the stream's init segment changes
// (codec or size: a file has one init). The index row is refreshed every few seconds and on close.
import { join } from 'node:path';
import type { FragmentEvent } from '../packager/packager-types';
import type { Logger } from '../platform/logger';
import { RecordingFile, type RecordingIndex } from './recording-file';
import type { RecordingFs } from './recording-fs';
import type { RecordingProfile, RecordingRepository } from './recording-repository';

/** What the recorder needs of a pipeline's packager. */
export interface FragmentSource {
  onFragment(listener: (event: FragmentEvent) => void): () => void;
  /** Media still held in memory from about `sinceMs` on (pre-event seconds), keyframe first. */
  recentMedia?(sinceMs: number): Array<{ bytes: Buffer; independent: boolean; durationSec: number }>;
  getInit(): Buffer | null;
  getPart(msn: number, part: number): Buffer | null;
  stats(): { codecs: string | null };
}

export interface CameraRecorderDeps {
  fs: RecordingFs;
  repo: RecordingRepository;
  /** recording.root (absolute). */
  root: string;
  fileMinutes: number;
  indexFlushSec: number;
  log: Logger;
  /** A write failed (disk full, volume gone): recording of this camera stops until the service retries. */
  onWriteFailed(err: unknown): void;
}

export type RecorderState = 'waiting-for-keyframe' | 'recording' | 'stopped';

/** Camera ids are ours (validated at registration), but a path takes only these characters. */
const safe = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_');
const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace('.', '_');

export class CameraRecorder {
  private file: RecordingFile | null = null;
  private fileId = 0;
  private fileInit: Buffer | null = null;
  private unsubscribe: (() => void) | null = null;
  private source: FragmentSource | null = null;
  private lastFlush = 0;
  state: RecorderState = 'stopped';
  lastError: string | null = null;

  constructor(
    readonly cameraId: string,
    readonly profile: RecordingProfile,
    private readonly d: CameraRecorderDeps,
  ) {}

  /**
   * Follows this source (a new pipeline of the camera replaces the old one: a new file begins). `preSinceMs`: begin
   * with what the source still holds from then on (an event's pre-event seconds; only a running stream has any).
   */
  attach(source: FragmentSource, preSinceMs?: number, nowMs?: number): void {
    if (this.source === source) return;
    this.detach();
    this.source = source;
    this.state = 'waiting-for-keyframe';
    this.unsubscribe = source.onFragment((e) => this.onFragment(source, e));
    const backlog = preSinceMs !== undefined && nowMs !== undefined ? (source.recentMedia?.(preSinceMs) ?? []) : [];
    const init = source.getInit();
    if (backlog.length === 0 || !init) return;
    const totalMs = backlog.reduce((sum, u) => sum + u.durationSec * 1000, 0);
    if (!this.openFile(init, nowMs! - totalMs, source)) return;
    for (const u of backlog) {
      try {
        this.file!.append(u.bytes, u.independent, u.durationSec * 1000);
      } catch (err) {
        this.failed(err);
        return;
      }
    }
  }

  /** The file being written and its index as of now (the row's copy is refreshed only every few seconds). */
  live(): { id: number; startMs: number; index: RecordingIndex } | null {
    return this.file && this.fileId ? { id: this.fileId, startMs: this.file.startMs, index: this.file.index } : null;
  }

  get attachedTo(): FragmentSource | null {
    return this.source;
  }

  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.source = null;
    this.closeFile();
    this.state = 'stopped';
  }

  private onFragment(source: FragmentSource, e: FragmentEvent): void {
    const bytes = source.getPart(e.msn, e.part);
    const init = source.getInit();
    if (!bytes || !init) return;
    const durationMs = e.durationSec * 1000;
    const file = this.file;
    const rotate = file && e.independent && (init !== this.fileInit || e.at - file.startMs >= this.d.fileMinutes * 60_000);
    if (rotate || (file && init !== this.fileInit)) this.closeFile();
    if (!this.file) {
      if (!e.independent) return; // a file starts at a keyframe
      if (!this.openFile(init, e.at - durationMs, source)) return;
    }
    try {
      this.file!.append(bytes, e.independent, durationMs);
    } catch (err) {
      this.failed(err);
      return;
    }
    if (e.at - this.lastFlush >= this.d.indexFlushSec * 1000) {
      this.lastFlush = e.at;
      this.flushIndex(false);
    }
  }

  private openFile(init: Buffer, startMs: number, source: FragmentSource): boolean {
    const rel = join(safe(this.cameraId), this.profile, new Date(startMs).toISOString().slice(0, 10), `${stamp(startMs)}.mp4`);
    try {
      this.file = new RecordingFile(this.d.fs, join(this.d.root, rel), startMs, init);
      this.fileInit = init;
      this.fileId = this.d.repo.openFile({ cameraId: this.cameraId, profile: this.profile, path: rel, startMs, initBytes: init.length, codecs: source.stats().codecs });
      this.lastFlush = startMs;
      this.state = 'recording';
      this.lastError = null;
      return true;
    } catch (err) {
      this.failed(err);
      return false;
    }
  }

  private flushIndex(closed: boolean): void {
    if (!this.file || !this.fileId) return;
    try {
      this.d.repo.updateFile(this.fileId, this.file.startMs, this.file.index, closed);
    } catch (err) {
      this.d.log.warn({ cameraId: this.cameraId, err: (err as Error).message }, 'recording index not updated');
    }
  }

  private closeFile(): void {
    if (!this.file) return;
    try {
      this.file.close();
    } catch (err) {
      this.d.log.warn({ cameraId: this.cameraId, err: (err as Error).message }, 'recording file not closed cleanly');
    }
    this.flushIndex(true);
    this.file = null;
    this.fileId = 0;
    this.fileInit = null;
  }

  private failed(err: unknown): void {
    this.lastError = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    this.d.log.warn({ cameraId: this.cameraId, profile: this.profile, err: this.lastError }, 'recording write failed: recording of this camera stops');
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.source = null; // the service's next round attaches again (and finds out whether the disk has room)
    this.closeFile();
    this.state = 'stopped';
    this.d.onWriteFailed(err);
  }
}
