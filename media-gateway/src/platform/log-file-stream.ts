import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LogFileWriter {
  write(chunk: Buffer): number;
}

export interface LogFileStreamOptions {
  /** Told once per episode that lines are being dropped (the console, which does not depend on the disk). */
  warn: (text: string) => void;
  now?: () => number;
}

/**
 * The log file must never take the gateway down: with the disk full a write fails with ENOSPC (pino's own file
 * destination then emits an unhandled 'error' and the process dies, or hangs on its stuck buffer). Here a line that
 * cannot be written is dropped and counted; the first line that can be written again is preceded by one
 * "dropped N log lines" entry. Writes are synchronous (like pino's default destination): no buffer to get stuck.
 */
export class LogFileStream {
  private dropped = 0;
  private droppedSince = 0;
  private partial = false;

  constructor(
    private readonly out: LogFileWriter,
    private readonly o: LogFileStreamOptions,
  ) {}

  static open(file: string, o: LogFileStreamOptions): LogFileStream {
    mkdirSync(dirname(file), { recursive: true });
    const fd = openSync(file, 'a');
    const stream = new LogFileStream({ write: (chunk) => writeSync(fd, chunk) }, o);
    stream.close = () => closeSync(fd);
    return stream;
  }

  close: () => void = () => undefined;

  /** For tests and diagnostics: lines dropped in the current episode. */
  droppedLines(): number {
    return this.dropped;
  }

  write(line: string): boolean {
    if (this.dropped > 0) {
      // A line cut short by the full disk is ended first, so the notice is a line of its own.
      const notice = `${this.partial ? '\n' : ''}${JSON.stringify({ level: 40, time: this.now(), svc: 'media-gateway', msg: `dropped ${this.dropped} log lines while the log file could not be written`, since: new Date(this.droppedSince).toISOString() })}\n`;
      if (!this.writeAll(notice)) return this.drop();
      this.dropped = 0;
      this.partial = false;
    }
    if (!this.writeAll(line)) return this.drop();
    return true;
  }

  private writeAll(text: string): boolean {
    let buf = Buffer.from(text);
    try {
      while (buf.length > 0) {
        const n = this.out.write(buf);
        if (n <= 0) return false;
        this.partial = true;
        buf = buf.subarray(n);
      }
      this.partial = false;
      return true;
    } catch {
      return false;
    }
  }

  private drop(): boolean {
    if (this.dropped++ === 0) {
      this.droppedSince = this.now();
      this.o.warn('gateway log file cannot be written (disk full?): dropping log lines until it can');
    }
    return true;
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }
}
