import { describe, expect, it } from 'vitest';
import { LogFileStream } from './log-file-stream';

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

function setup() {
  const file: string[] = [];
  const warnings: string[] = [];
  let full = false;
  /** Bytes the disk still takes before it is full (a short write, then ENOSPC). */
  let room = Infinity;
  const stream = new LogFileStream(
    {
      write(chunk) {
        if (full) throw enospc();
        const n = Math.min(chunk.length, room);
        if (n === 0) throw enospc();
        room -= n;
        file.push(chunk.subarray(0, n).toString('utf8'));
        return n;
      },
    },
    { warn: (t) => void warnings.push(t), now: () => 0 },
  );
  return { stream, file, warnings, setFull: (f: boolean) => (full = f), setRoom: (r: number) => (room = r), text: () => file.join('') };
}

describe('LogFileStream', () => {
  it('writes lines through while the disk takes them', () => {
    const { stream, text, warnings } = setup();
    stream.write('{"msg":"a"}\n');
    stream.write('{"msg":"b"}\n');
    expect(text()).toBe('{"msg":"a"}\n{"msg":"b"}\n');
    expect(warnings).toEqual([]);
  });

  it('drops and counts lines while the disk is full, warns once, and logs one "dropped N" line when it works again', () => {
    const { stream, text, warnings, setFull } = setup();
    stream.write('{"msg":"before"}\n');
    setFull(true);
    for (let i = 0; i < 5; i++) expect(() => stream.write(`{"msg":"lost ${i}"}\n`)).not.toThrow();
    expect(stream.droppedLines()).toBe(5);
    expect(warnings).toHaveLength(1);
    setFull(false);
    stream.write('{"msg":"after"}\n');
    const lines = text().trimEnd().split('\n');
    expect(lines[0]).toBe('{"msg":"before"}');
    expect(JSON.parse(lines[1]!).msg).toBe('dropped 5 log lines while the log file could not be written');
    expect(lines[2]).toBe('{"msg":"after"}');
    expect(lines).toHaveLength(3);
    expect(stream.droppedLines()).toBe(0);
    // A second episode warns again.
    setFull(true);
    stream.write('x\n');
    expect(warnings).toHaveLength(2);
  });

  it('ends a line cut short by the full disk before the notice', () => {
    const { stream, text, setRoom } = setup();
    setRoom(4);
    stream.write('{"msg":"cut"}\n');
    setRoom(Infinity);
    stream.write('{"msg":"next"}\n');
    const lines = text().split('\n');
    expect(lines[0]).toBe('{"ms');
    expect(JSON.parse(lines[1]!).msg).toMatch(/^dropped 1 log lines/);
    expect(lines[2]).toBe('{"msg":"next"}');
  });
});
