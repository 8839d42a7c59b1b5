import { Writable } from 'node:stream';

/** Collects everything the gateway logs, so tests can assert on states and that no secret ever appears. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line) this.lines.push(line);
    cb();
  }
  text(): string {
    return this.lines.join('\n');
  }
}
