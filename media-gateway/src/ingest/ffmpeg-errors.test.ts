import { describe, expect, it } from 'vitest';
import { classifyFfmpegStderr, scrubSecrets } from './ffmpeg-errors';

describe('classifyFfmpegStderr', () => {
  it.each([
    ['[rtsp @ 0x55] method DESCRIBE failed: 401 Unauthorized', 'auth-failed'],
    ['rtsp://***@127.1.0.2:8554/sub: Connection refused', 'connection-refused'],
    ['rtsp://***@10.9.9.9/x: Connection timed out', 'timeout'],
    ['[rtsp @ 0x1] method DESCRIBE failed: 404 Not Found', 'stream-not-found'],
    ['Protocol \'file\' not on whitelist \'rtsp,rtsps,tcp,tls\'!', 'protocol-blocked'],
    ['Invalid data found when processing input', 'invalid-data'],
    ['something else entirely', 'exited'],
  ])('%s → %s', (line, expected) => {
    expect(classifyFfmpegStderr(line)).toBe(expected);
  });
});

describe('scrubSecrets', () => {
  it('masks URL credentials and the raw and encoded password anywhere', () => {
    const out = scrubSecrets('rtsp://admin:s3cr%40t@127.1.0.1:8554/x: 401; retry with s3cr@t and s3cr%40t', ['s3cr@t']);
    expect(out).not.toContain('s3cr');
    expect(out).toContain('rtsp://***@127.1.0.1:8554/x');
  });
});
