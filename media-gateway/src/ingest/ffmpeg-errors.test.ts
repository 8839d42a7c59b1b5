import { describe, expect, it } from 'vitest';
import { classifyFfmpegStderr, failureText, scrubSecrets } from './ffmpeg-errors';

describe('classifyFfmpegStderr', () => {
  it.each([
    ['[rtsp @ 0x55] method DESCRIBE failed: 401 Unauthorized', 'auth-failed'],
    ['rtsp://***@127.1.0.2:8554/sub: Connection refused', 'connection-refused'],
    ['rtsp://***@10.9.9.9/x: Connection timed out', 'timeout'],
    ['[rtsp @ 0x1] method DESCRIBE failed: 404 Not Found', 'stream-not-found'],
    ['Protocol \'file\' not on whitelist \'rtsp,rtsps,tcp,tls\'!', 'protocol-blocked'],
    ['Invalid data found when processing input', 'invalid-data'],
    // What ffmpeg 5.1 prints for a UDP-only camera asked for TCP (measured against GStreamer's RTSP server).
    ['[rtsp @ 0x55b6] method SETUP failed: 461 Unsupported transport\nrtsp://127.0.0.1:18554/stream: Protocol not supported', 'unsupported-transport'],
    ['something else entirely', 'exited'],
    // Printed at the start of every camera without audio (the AAC bitrate option unused): no verdict on a later exit.
    ['[warning] Codec AVOption b (set bitrate (in bits/s)) specified for output file #0 (pipe:1) has not been used for any stream. The most likely reason is either wrong type (e.g. a video option with no video streams) or that it is a private option of some encoder which was not actually used for any stream.', 'exited'],
    ["Stream map '0:v:0' matches no streams.", 'invalid-data'],
  ])('%s → %s', (line, expected) => {
    expect(classifyFfmpegStderr(line)).toBe(expected);
  });
});

describe('failureText', () => {
  it('says how long a camera that does not respond was waited for', () => {
    expect(failureText('not-responding', 5)).toBe('not responding (timed out after 5 s)');
    expect(failureText('not-responding', 1.5)).toBe('not responding (timed out after 1.5 s)');
    expect(failureText('auth-failed', 5)).toBe('auth failed');
  });
});

describe('scrubSecrets', () => {
  it('masks URL credentials and the raw and encoded password anywhere', () => {
    const out = scrubSecrets('rtsp://admin:s3cr%40t@127.1.0.1:8554/x: 401; retry with s3cr@t and s3cr%40t', ['s3cr@t']);
    expect(out).not.toContain('s3cr');
    expect(out).toContain('rtsp://***@127.1.0.1:8554/x');
  });
});
