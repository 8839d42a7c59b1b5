// The file side effects of recording behind one small interface (tests use a real temporary directory; a fake can
// throw ENOSPC). Writes are synchronous on purpose: each fragment is in the page cache when its callback returns, so a
// gateway killed with kill -9 loses nothing it had accepted, and one file's appends can never reorder.
import { closeSync, createReadStream, fsyncSync, mkdirSync, openSync, readFileSync, statSync, truncateSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';

export interface RecordingFs {
  /** Creates the file (and its folders); never opens an existing one (`wx`). */
  create(path: string): number;
  append(fd: number, bytes: Buffer): void;
  sync(fd: number): void;
  close(fd: number): void;
  read(path: string): Buffer;
  size(path: string): number | null;
  truncate(path: string, bytes: number): void;
  remove(path: string): void;
  /** Bytes start..end (inclusive) of a file, streamed (playback's byte ranges). */
  stream(path: string, start: number, end: number): Readable;
}

export const nodeRecordingFs: RecordingFs = {
  create(path) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
    return openSync(path, 'wx', 0o640);
  },
  append(fd, bytes) {
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
  },
  sync: (fd) => fsyncSync(fd),
  close: (fd) => closeSync(fd),
  read: (path) => readFileSync(path),
  size(path) {
    try {
      return statSync(path).size;
    } catch {
      return null;
    }
  },
  truncate: (path, bytes) => truncateSync(path, bytes),
  stream: (path, start, end) => createReadStream(path, { start, end }),
  remove(path) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  },
};
