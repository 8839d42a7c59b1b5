// One recording file: the init segment, then the packager's fMP4 fragments as they arrive, with an index of where each
// keyframe-started run of fragments ("segment") begins — the byte ranges a VOD playlist serves.
import type { RecordingFs } from './recording-fs';

/** [byte offset, start ms from the file's start, duration ms]; each starts with a keyframe. */
export type IndexedSegment = [offset: number, startMs: number, durationMs: number];

export interface RecordingIndex {
  bytes: number;
  initBytes: number;
  /** Media duration written (ms): the file covers [startMs, startMs + durationMs). */
  durationMs: number;
  segments: IndexedSegment[];
}

export class RecordingFile {
  private readonly fd: number;
  private bytes = 0;
  private durationMs = 0;
  private readonly segments: IndexedSegment[] = [];
  private closed = false;

  constructor(
    private readonly fs: RecordingFs,
    readonly path: string,
    readonly startMs: number,
    readonly init: Buffer,
  ) {
    this.fd = fs.create(path);
    try {
      this.write(init);
    } catch (err) {
      fs.close(this.fd);
      throw err;
    }
  }

  /** A fragment of `durationMs`; `independent` (starts with a keyframe) opens a new indexed segment. */
  append(bytes: Buffer, independent: boolean, durationMs: number): void {
    if (this.closed) return;
    const offset = this.bytes;
    try {
      this.write(bytes);
    } catch (err) {
      // A partial write (the disk filled mid-fragment) is cut off: the file ends with its last whole fragment.
      try {
        this.fs.truncate(this.path, offset);
      } catch {
        // the repair on the next start cuts it instead
      }
      throw err;
    }
    const last = this.segments.at(-1);
    if (independent || !last) this.segments.push([offset, this.durationMs, durationMs]);
    else last[2] += durationMs;
    this.durationMs += durationMs;
  }

  get index(): RecordingIndex {
    return { bytes: this.bytes, initBytes: this.init.length, durationMs: this.durationMs, segments: this.segments.map((s) => [...s] as IndexedSegment) };
  }

  sync(): void {
    if (!this.closed) this.fs.sync(this.fd);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.fs.sync(this.fd);
    } finally {
      this.fs.close(this.fd);
    }
  }

  private write(bytes: Buffer): void {
    this.fs.append(this.fd, bytes);
    this.bytes += bytes.length;
  }
}
