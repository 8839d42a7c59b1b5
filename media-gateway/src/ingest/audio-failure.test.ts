import { describe, expect, it } from 'vitest';
import { isAudioFailure, nextAudioMode } from './audio-failure';

describe('isAudioFailure', () => {
  it.each([
    // ffmpeg 5.1, `-c:a copy` of G.711 into MP4 (measured):
    '[mp4 @ 0x55cd1a3f9100] [error] Could not find tag for codec pcm_alaw in stream #1, codec not currently supported in container\n[error] Could not write header for output file #0 (incorrect codec parameters ?): Invalid argument\n[error] Error initializing output stream 0:1 -- ',
    '[error] Decoder (codec none) not found for input stream #0:1',
    '[error] Error while opening encoder for output stream #0:1 - maybe incorrect parameters such as bit_rate, rate, width or height',
  ])('recognises %s', (tail) => {
    expect(isAudioFailure(tail)).toBe(true);
  });

  it.each([
    '[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized',
    '[error] Could not find tag for codec hevc in stream #0, codec not currently supported in container',
    '[error] Error initializing output stream 0:0 -- ',
    '[rtsp @ 0x1] [warning] Could not find codec parameters for stream 1 (Audio: pcm_alaw, 8000 Hz, 1 channels): unspecified sample format',
  ])('leaves video and camera faults alone: %s', (tail) => {
    expect(isAudioFailure(tail)).toBe(false);
  });
});

describe('nextAudioMode', () => {
  it('falls back copy → transcode → none, then gives up', () => {
    expect(nextAudioMode('copy')).toBe('transcode-aac');
    expect(nextAudioMode('transcode-aac')).toBe('none');
    expect(nextAudioMode('none')).toBeNull();
  });
});
